import type { FilterQuery } from '@mikro-orm/core';
import { forbidden, maskIdNumber, type Identity } from '@kongchuo/shared';
import type { Student } from './entities';

/**
 * Education's access rules, in one place. (The cross-department permission matrix of
 * DESIGN §3 will replace these with rules declared in `shared`.)
 *
 * - Writes: the education department only; school staff only for their own school.
 * - Rows: school staff see their school's students; everyone else the district.
 * - Resident ID numbers: in full to education and public security, masked for the rest.
 */
export function studentRowFilter(identity: Identity): FilterQuery<Student> {
  return identity.scope.kind === 'school' ? { school: identity.scope.code } : {};
}

export function canSeeSchool(identity: Identity, schoolCode: string): boolean {
  return identity.scope.kind !== 'school' || identity.scope.code === schoolCode;
}

export function assertCanRecordFor(identity: Identity, schoolCode: string, field = 'input.schoolCode'): void {
  if (identity.department !== 'education') {
    throw forbidden(`only the education department records student status and cases (you are ${identity.department})`, field);
  }
  if (!canSeeSchool(identity, schoolCode)) throw forbidden(`school staff may record only for their own school`, field);
}

export function assertDistrictEducation(identity: Identity, what: string): void {
  if (identity.department !== 'education' || identity.scope.kind !== 'district') {
    throw forbidden(`only the district education bureau may ${what}`);
  }
}

export function visibleIdNumber(identity: Identity, residentId: string | null): string | null {
  if (!residentId) return null;
  return identity.department === 'education' || identity.department === 'public_security' ? residentId : maskIdNumber(residentId);
}

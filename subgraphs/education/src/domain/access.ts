import type { FilterQuery } from '@mikro-orm/core';
import { forbidden } from '@kongchuo/shared/core';
import { type Identity } from '@kongchuo/shared/identity';
import type { Student } from '../entities';

/**
 * Which of education's rows a caller's scope covers. The rules every department shares — who may
 * call each operation, see each field, reach each child — are the one policy in
 * `@kongchuo/shared/policy` (docs/permissions.md); these apply it to education's own tables.
 *
 * - Writes: the education department only; school staff only for their own school.
 * - Rows: school staff see their school's students; everyone else the district.
 */
/** School staff's rows: records (students, case files) of their own school; everyone else's: all. */
export function schoolRowFilter(identity: Identity): { school?: string } {
  return identity.scope.kind === 'school' ? { school: identity.scope.code } : {};
}

export function studentRowFilter(identity: Identity): FilterQuery<Student> {
  return schoolRowFilter(identity);
}

/**
 * Rows a caller may list or look up from education's own entry points (`students`, `student`,
 * `dropoutCases`): the district, or one school. Education cannot tell where a child lives, so
 * staff scoped to a subdistrict or community list children through `residents` (community),
 * whose references then resolve here.
 */
export function studentListScope(identity: Identity): FilterQuery<Student> {
  if (identity.scope.kind === 'subdistrict' || identity.scope.kind === 'community') {
    throw forbidden(`staff of one ${identity.scope.kind} list children through \`residents\`, which the community service scopes to where they live`);
  }
  return studentRowFilter(identity);
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

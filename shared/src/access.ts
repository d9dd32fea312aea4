import { forbidden } from './errors';
import type { Department, Identity } from './identity';

/** Refuses the action unless the caller's department is one of `departments` (FORBIDDEN). */
export function requireDepartment(identity: Identity, departments: readonly Department[], action: string): void {
  if (!departments.includes(identity.department)) {
    throw forbidden(`only ${departments.join(' or ')} may ${action} (you are ${identity.department})`);
  }
}

/** Refuses a district-wide list to anyone but district staff of the named departments (FORBIDDEN). */
export function requireDistrictReader(identity: Identity, departments: readonly Department[], action: string): void {
  requireDepartment(identity, departments, action);
  if (identity.scope.kind !== 'district') throw forbidden(`only district staff may ${action} (your scope is one ${identity.scope.kind})`);
}

import { forbidden } from './errors';
import type { Department, Identity } from './identity';

/** Refuses the action unless the caller's department is one of `departments` (FORBIDDEN). */
export function requireDepartment(identity: Identity, departments: readonly Department[], action: string): void {
  if (!departments.includes(identity.department)) {
    throw forbidden(`only ${departments.join(' or ')} may ${action} (you are ${identity.department})`);
  }
}

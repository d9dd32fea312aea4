import { IdentitySeenPostgres } from '@kongchuo/shared/identity';

/** Where the department remembers the gateway signatures it accepted: the same in every department (shared/src/identity/identity-seen.ts). */
export class Migration20261130090000 extends IdentitySeenPostgres {}

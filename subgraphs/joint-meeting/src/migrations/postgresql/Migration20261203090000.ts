import { AuditAnchorPostgres } from '@kongchuo/shared/audit';

/** Audit checkpoints held for other departments, and audit entries appended only at the end: the same in every department (shared/src/audit/anchor.ts). */
export class Migration20261203090000 extends AuditAnchorPostgres {}

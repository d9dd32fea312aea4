import { AuditAppendPostgres } from '@kongchuo/shared/audit';

/** The audit append in one statement: the same as every department's (shared/src/audit/append.ts). */
export class Migration20261204020000 extends AuditAppendPostgres {}

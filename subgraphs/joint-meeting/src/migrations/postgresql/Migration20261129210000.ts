import { AuditAppendPostgres } from '@kongchuo/shared/audit';

/** The audit append in one statement: the same in every department (shared/src/audit/append.ts). */
export class Migration20261129210000 extends AuditAppendPostgres {}

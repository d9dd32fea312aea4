import { AuditRetentionPostgres } from '@kongchuo/shared/audit';

/** Audit retention triggers: the same in every department (shared/src/audit/retention.ts). */
export class Migration20261129162000 extends AuditRetentionPostgres {}

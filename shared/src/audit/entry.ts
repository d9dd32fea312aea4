/**
 * The audit log every subgraph keeps (PIPL art. 28, 31: minors' data is sensitive personal
 * information): each read of a child's personal fields by a department other than the field's
 * owner, and each write. Append-only and hash-chained: every entry's hash covers its content and
 * the previous entry's hash, so `npm run audit:verify` finds an edited or deleted row; against
 * the signed checkpoints of the chain's head held outside the database (audit-checkpoint.ts), also
 * a deleted tail or a chain the database's owner recomputed.
 * A request's reads are buffered and written in one statement when it ends; a mutation's WRITE
 * entry goes in the mutation's own transaction (writeTransaction).
 */
import { createHash } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import stringify from 'safe-stable-stringify';
import { TimestampType, ConnectionType } from '../core';

export const GENESIS_HASH = '0'.repeat(64);

@Directive('@shareable')
@ObjectType({ description: '审计记录（哈希链）' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['studentId'] })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Field({ description: '时间' })
  @Property({ type: TimestampType })
  at: Date;

  @Field({ description: 'READ 或 WRITE' })
  @Property({ type: 'string', length: 5 })
  kind: string;

  @Field({ description: '用户' })
  @Property({ type: 'string', length: 64 })
  user: string;

  @Field({ description: '部门' })
  @Property({ type: 'string', length: 20 })
  department: string;

  @Field({ description: '角色' })
  @Property({ type: 'string', length: 32 })
  role: string;

  @Field(() => String, { nullable: true, description: '学生（人员关联键）' })
  @Property({ type: 'string', length: 43, nullable: true })
  studentId: string | null;

  @Field({ description: '读取或写入的字段，逗号分隔' })
  @Property({ type: 'text' })
  fields: string;

  @Field({ description: '操作名' })
  @Property({ type: 'string', length: 200 })
  operation: string;

  @Field({ description: '请求号' })
  @Property({ type: 'string', length: 64 })
  requestId: string;

  @Property({ type: 'string', length: 64 })
  prevHash: string;

  @Field({ description: '本条哈希' })
  @Property({ type: 'string', length: 64 })
  hash: string;
}

@ObjectType({ description: '审计记录分页' })
@Directive('@shareable')
export class AuditEntryConnection extends ConnectionType(AuditEntry) {}

export type EntryContent = Pick<AuditEntry, 'at' | 'kind' | 'user' | 'department' | 'role' | 'studentId' | 'fields' | 'operation' | 'requestId'>;

/** The canonical text of an entry's content: what its hash covers, after the previous hash. */
export function entryContent(e: EntryContent): string {
  return stringify({
    at: e.at.toISOString(), kind: e.kind, user: e.user, department: e.department, role: e.role,
    studentId: e.studentId, fields: e.fields, operation: e.operation, requestId: e.requestId,
  }) as string; // undefined only for undefined input
}

/** hex(SHA-256(prevHash + '|' + content)); kc_audit_append computes the same in PostgreSQL. */
export function entryHash(prevHash: string, e: EntryContent): string {
  return createHash('sha256').update(`${prevHash}|${entryContent(e)}`).digest('hex');
}


/**
 * The audit log every subgraph keeps (PIPL art. 28, 31: minors' data is sensitive personal
 * information): each read of a child's personal fields by a department other than the field's
 * owner, and each write. Append-only and hash-chained: every entry's hash covers its content and
 * the previous entry's hash, so `npm run audit:verify` finds an edited or deleted row.
 * A request's reads are buffered and written as one multi-row insert when it ends.
 */
import { createHash } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { ApolloServerPlugin } from '@apollo/server';
import { Arg, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import stringify from 'safe-stable-stringify';
import { TimestampType } from './timestamp-type';
import { ConnectionType, decodeCursor, pageSize, pageWithLazyCount, toPage } from './pagination';
import { requireDepartment } from './access';
import { LINKAGE_KEY_PATTERN } from './linkage-key';
import type { Identity } from './identity';
import type { Logger } from './logger';
import { sqlOf, usesPostgres } from './database';
import { isDatabaseUnavailable } from './errors';

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

type EntryContent = Pick<AuditEntry, 'at' | 'kind' | 'user' | 'department' | 'role' | 'studentId' | 'fields' | 'operation' | 'requestId'>;

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

/**
 * Appends entries to the chain: serialised within the process, and on PostgreSQL across processes.
 * Group commit: while one transaction writes, the entries of every request that ends meanwhile
 * wait and go together in the next one, so under load a request costs a share of one transaction
 * rather than a whole one, and every request still answers only after its entries are committed.
 */
export class AuditWriter {
  private waiting: { entries: EntryContent[]; done: (e?: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly orm: MikroORM, private readonly logger: Logger) {}

  append(entries: EntryContent[]): Promise<void> {
    if (!entries.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entries, done: (e) => (e ? reject(e) : resolve()) });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const group = this.waiting.splice(0);
      try {
        await this.write(group.flatMap((g) => g.entries));
        for (const g of group) g.done();
      } catch (e) {
        if (isDatabaseUnavailable(e)) this.logger.warn({ reason: (e as Error).message }, 'audit append failed: database unavailable');
        else this.logger.error({ err: e }, 'audit append failed');
        for (const g of group) g.done(e);
      }
    }
    this.writing = null;
  }

  private async write(entries: EntryContent[]): Promise<void> {
    const em = this.orm.em.fork();
    if (usesPostgres(em)) {
      // one statement: lock, last hash, chained inserts (shared/src/audit-append.ts)
      const sent = entries.map((e) => ({ ...e, at: e.at.toISOString(), content: entryContent(e) }));
      await sqlOf(em).execute('select kc_audit_append(?::jsonb)', [JSON.stringify(sent)]);
      return;
    }
    await em.transactional(async (tx) => {
      const last = await tx.findOne(AuditEntry, { id: { $gt: 0 } }, { orderBy: { id: 'desc' }, fields: ['hash'] });
      // 11 parameters a row: 2,900 rows stay under SQLite's limit of 32,766, so a page of up to
      // 2,900 children is audited in one statement
      const rows = chained(last?.hash ?? GENESIS_HASH, entries);
      for (let i = 0; i < rows.length; i += 2900) await tx.insertMany(AuditEntry, rows.slice(i, i + 2900));
    });
  }
}

/** The entries linked onto `prev`, in order. */
function chained(prev: string, entries: EntryContent[]): AuditEntry[] {
  return entries.map((e) => {
    const hash = entryHash(prev, e);
    const row = { ...e, prevHash: prev, hash } as AuditEntry;
    prev = hash;
    return row;
  });
}

/** Collects one request's reads of children's fields, to be written once when the request ends. */
export class AuditRecorder {
  private reads = new Map<string, Set<string>>();
  private writes: { studentId: string | null; fields: string }[] = [];

  read(studentId: string, field: string): void {
    const set = this.reads.get(studentId) ?? new Set<string>();
    set.add(field);
    this.reads.set(studentId, set);
  }

  write(studentId: string | null, fields: string[]): void {
    this.writes.push({ studentId, fields: fields.join(',') });
  }

  drain(identity: Identity, operation: string, requestId: string): EntryContent[] {
    const at = new Date();
    const base = { at, user: identity.user, department: identity.department, role: identity.role, operation: operation.slice(0, 200), requestId };
    const out: EntryContent[] = [
      ...[...this.reads].map(([studentId, fields]) => ({ ...base, kind: 'READ', studentId, fields: [...fields].sort().join(',') })),
      ...this.writes.map((w) => ({ ...base, kind: 'WRITE', ...w })),
    ];
    this.reads = new Map();
    this.writes = [];
    return out;
  }
}

interface AuditedContext {
  identity: Identity;
  requestId: string;
  audit: AuditRecorder;
}

/**
 * Writes the request's audit entries when it ends: the buffered reads, and for a mutation one
 * WRITE entry per root field naming the child (`input.studentId`, or the id the mutation returned).
 */
export function auditPlugin(writer: AuditWriter): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, request, response }) {
          if (operation?.operation === 'mutation' && response.body.kind === 'single') {
            const data = (response.body.singleResult.data ?? {}) as Record<string, { id?: unknown } | null>;
            const input = (request.variables?.input ?? {}) as { studentId?: unknown };
            for (const sel of operation.selectionSet.selections) {
              if (sel.kind !== 'Field') continue;
              const key = sel.alias?.value ?? sel.name.value;
              const returned = data[key]?.id;
              const studentId = typeof input.studentId === 'string' ? input.studentId : typeof returned === 'string' && LINKAGE_KEY_PATTERN.test(returned) ? returned : null;
              if (data[key] !== null && data[key] !== undefined) contextValue.audit.write(studentId, [sel.name.value]);
            }
          }
          try {
            await writer.append(contextValue.audit.drain(contextValue.identity, operationName ?? '(anonymous)', contextValue.requestId));
          } catch {
            // nothing leaves unaudited: the answer is withheld. A mutation's own transaction has
            // committed by now, so the caller is told to read before repeating it.
            if (response.body.kind !== 'single') return;
            const mutation = operation?.operation === 'mutation';
            response.body.singleResult = {
              data: null,
              errors: [{
                message: mutation
                  ? "the department's database failed before this request's audit entry was written: the change may have been saved; read it back before repeating it"
                  : "the department's database failed before this request's audit entry was written: the answer is withheld; try again shortly",
                extensions: { code: 'SERVICE_UNAVAILABLE' },
              }],
            };
          }
        },
      };
    },
  };
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** id of the first entry that does not fit the chain */
  brokenAt?: number;
  reason?: string;
}

/** Recomputes the chain from the first entry: an edited entry breaks its hash, a deleted one the next link. */
export async function verifyAuditChain(em: EntityManager, batch = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await em.fork().find(AuditEntry, { id: { $gt: lastId } }, { orderBy: { id: 'asc' }, limit: batch });
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, checked, brokenAt: r.id, reason: 'previous-hash link broken (an entry before it was deleted or altered)' };
      if (entryHash(r.prevHash, r) !== r.hash) return { ok: false, checked, brokenAt: r.id, reason: 'content does not match its hash (the entry was edited)' };
      prev = r.hash;
      lastId = r.id;
      checked += 1;
    }
    if (rows.length < batch) return { ok: true, checked };
  }
}

/** `Query.<name>AuditLog`: one subgraph's audit log, for the joint meeting. */
export function auditLogResolver(queryName: string) {
  @Resolver()
  class AuditLogResolver {
    @Query(() => AuditEntryConnection, { name: queryName, description: '审计日志（联席会议）：最新在前' })
    async auditLog(
      @Ctx() ctx: { identity: Identity; em: EntityManager },
      @Arg('studentId', () => String, { nullable: true }) studentId?: string,
      @Arg('department', () => String, { nullable: true }) department?: string,
      @Arg('first', () => Int, { nullable: true }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
    ): Promise<AuditEntryConnection> {
      requireDepartment(ctx.identity, ['joint_meeting'], 'read the audit log');
      const limit = pageSize(first);
      const cursor = decodeCursor(after);
      const where = { ...(studentId ? { studentId } : {}), ...(department ? { department } : {}) };
      const rows = await ctx.em.find(AuditEntry, { ...where, ...(cursor ? { id: { $lt: Number(cursor) } } : {}) }, { orderBy: { id: 'desc' }, limit: limit + 1 });
      return pageWithLazyCount(() => ctx.em.count(AuditEntry, where), toPage(rows, limit, (r) => String(r.id)));
    }
  }
  return AuditLogResolver;
}

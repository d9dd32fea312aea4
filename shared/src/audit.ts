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
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { ApolloServerPlugin } from '@apollo/server';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { Arg, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import stringify from 'safe-stable-stringify';
import { TimestampType } from './timestamp-type';
import { ConnectionType, decodeCursor, pageSize, pageWithLazyCount, toPage } from './pagination';
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
    if (usesPostgres(em)) return appendEntries(em, entries);
    await em.transactional((tx) => appendEntries(tx, entries));
  }
}

/**
 * Appends entries to the chain from inside a transaction (on PostgreSQL also outside one).
 * PostgreSQL: one statement (`kc_audit_append`, shared/src/audit-append.ts): the chain's lock,
 * its last hash, the entries inserted in order, each hashed onto the one before. SQLite (one
 * connection, so transactions take turns): the last hash, then one multi-row insert — 11
 * parameters a row, so 2,900 rows stay under SQLite's limit of 32,766.
 */
async function appendEntries(em: EntityManager, entries: EntryContent[]): Promise<void> {
  if (usesPostgres(em)) {
    const sent = entries.map((e) => ({ ...e, at: e.at.toISOString(), content: entryContent(e) }));
    await sqlOf(em).execute('select kc_audit_append(?::jsonb)', [JSON.stringify(sent)]);
    return;
  }
  const last = await em.findOne(AuditEntry, { id: { $gt: 0 } }, { orderBy: { id: 'desc' }, fields: ['hash'] });
  const rows = chained(last?.hash ?? GENESIS_HASH, entries);
  for (let i = 0; i < rows.length; i += 2900) await em.insertMany(AuditEntry, rows.slice(i, i + 2900));
}

/** The mutation root field a resolver runs under (set by `scopeMutations`). */
interface MutationScope {
  ctx: AuditedContext;
  /** the field's key in the response (its alias or name) */
  key: string;
  field: string;
  operation: string;
  inputStudentId: unknown;
}
const mutationScope = new AsyncLocalStorage<MutationScope>();

/**
 * Runs every Mutation field's resolver inside a scope naming the field, so that
 * `auditWriteInTransaction` (called by `writeTransaction`) can write the field's WRITE entry in
 * the mutation's own transaction.
 */
export function scopeMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation || !isObjectType(mutation)) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const original = field.resolve;
    if (!original) continue;
    field.resolve = (source, args: { input?: { studentId?: unknown } }, ctx: AuditedContext, info) => mutationScope.run({
      ctx, key: info.path.key as string, field: info.fieldName, operation: ctx.operation,
      inputStudentId: args.input?.studentId,
    }, () => original(source, args, ctx, info));
  }
  return schema;
}

/**
 * The running mutation's WRITE entry, written in its transaction, so the change and its audit
 * entry are committed together or not at all. The mutation's own rows are flushed first: the
 * chain's lock is the last lock the transaction takes, so no transaction holding it waits on a
 * row. The child is `input.studentId`, or the id the mutation returned if it is a linkage key.
 */
export async function auditWriteInTransaction(tx: EntityManager, result: unknown): Promise<void> {
  const scope = mutationScope.getStore();
  // outside a mutation (seeds, tools), or the field's entry is written already (a second writeTransaction)
  if (!scope || scope.ctx.audit.writtenInTransaction.has(scope.key)) return;
  await tx.flush();
  const { identity, requestId } = scope.ctx;
  await appendEntries(tx, [{
    ...entryBase(identity, scope.operation, requestId), kind: 'WRITE',
    studentId: writtenChild(scope.inputStudentId, (result as { id?: unknown } | null | undefined)?.id), fields: scope.field,
  }]);
  scope.ctx.audit.writtenInTransaction.add(scope.key);
}

/**
 * Entries per `kc_audit_append` call when one mutation writes many children (an import): each
 * entry travels as about 0.8 kB of JSON (its fields and its canonical content), so 2,000 entries
 * are one parameter of about 1.6 MB, parsed and looped over in one statement; a 200,000-row
 * import appends in 100 statements.
 */
export const AUDIT_APPEND_BATCH = 2000;

/**
 * One WRITE entry per child the running mutation wrote (an import: every person it created),
 * in the mutation's transaction, appended in batches of AUDIT_APPEND_BATCH; the mutation's field
 * then has its entries and gets no other. Called last in the transaction, after every row is
 * written (the chain's lock is the last lock it takes, held only until the commit).
 */
export async function auditChildrenWrittenInTransaction(tx: EntityManager, children: readonly string[]): Promise<void> {
  const scope = mutationScope.getStore();
  if (!scope || !children.length) return;
  await tx.flush();
  const { identity, requestId } = scope.ctx;
  const base = entryBase(identity, scope.operation, requestId);
  for (let i = 0; i < children.length; i += AUDIT_APPEND_BATCH) {
    await appendEntries(tx, children.slice(i, i + AUDIT_APPEND_BATCH).map((studentId) => ({ ...base, kind: 'WRITE', studentId, fields: scope.field })));
  }
  scope.ctx.audit.writtenInTransaction.add(scope.key);
}

/** What every entry of one request has in common: who, the operation, the request, when. */
function entryBase(identity: Identity, operation: string, requestId: string) {
  return { at: new Date(), user: identity.user, department: identity.department, role: identity.role, operation: operation.slice(0, 200), requestId };
}

/** The child a mutation wrote: `input.studentId`, or the id it returned if that is a linkage key. */
function writtenChild(inputStudentId: unknown, returned: unknown): string | null {
  if (typeof inputStudentId === 'string') return inputStudentId;
  return typeof returned === 'string' && LINKAGE_KEY_PATTERN.test(returned) ? returned : null;
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
  /** mutation fields (response keys) whose WRITE entry went in the mutation's own transaction */
  readonly writtenInTransaction = new Set<string>();
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
    const base = entryBase(identity, operation, requestId);
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
  /** the operation as the gateway signed it, never the client's operationName */
  operation: string;
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
        async willSendResponse({ contextValue, operation, request, response }) {
          if (operation?.operation === 'mutation' && response.body.kind === 'single') {
            const data = (response.body.singleResult.data ?? {}) as Record<string, { id?: unknown } | null>;
            const input = (request.variables?.input ?? {}) as { studentId?: unknown };
            for (const sel of operation.selectionSet.selections) {
              if (sel.kind !== 'Field') continue;
              const key = sel.alias?.value ?? sel.name.value;
              // written with the mutation itself (writeTransaction); the others here, after it
              if (contextValue.audit.writtenInTransaction.has(key)) continue;
              if (data[key] !== null && data[key] !== undefined) contextValue.audit.write(writtenChild(input.studentId, data[key]?.id), [sel.name.value]);
            }
          }
          try {
            await writer.append(contextValue.audit.drain(contextValue.identity, contextValue.operation, contextValue.requestId));
          } catch {
            // nothing leaves unaudited: the answer is withheld. A mutation's own transaction (and,
            // through writeTransaction, its WRITE entry) has committed by now, so the caller is
            // told to read before repeating it.
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

// the chain is checked by verifyAuditChain (shared/src/audit-verification.ts), against its checkpoints

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
      const limit = pageSize(first);
      const cursor = decodeCursor(after);
      const where = { ...(studentId ? { studentId } : {}), ...(department ? { department } : {}) };
      const rows = await ctx.em.find(AuditEntry, { ...where, ...(cursor ? { id: { $lt: Number(cursor) } } : {}) }, { orderBy: { id: 'desc' }, limit: limit + 1 });
      return pageWithLazyCount(() => ctx.em.count(AuditEntry, where), toPage(rows, limit, (r) => String(r.id)));
    }
  }
  return AuditLogResolver;
}

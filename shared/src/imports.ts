/**
 * Bulk imports (the offices exchange Excel): a file arrives in chunks of rows, each row checked
 * as it is staged; at commit, rows are checked against each other (the same child twice) and
 * against the database, set-wise, and the whole file is written in one transaction — or, if any
 * row is bad, nothing is, and every bad row is reported with its row number and column.
 * Re-importing a file changes nothing: a file already committed (same SHA-256) is recognised at
 * once, and rows identical to what is on record are counted as unchanged, not written.
 *
 * The rows stay in the owning department's own database (`import_row`) until the commit, so
 * neither the client nor the service holds a 200,000-row file in memory (the commit keeps only the
 * linkage keys of the persons it writes, for their audit entries).
 *
 * Scope: an importer names the scopes that may import at all (`scopes`), and each row outside
 * the caller's scope (another school, another community) is refused with the one answer
 * `outsideScope` gives, whatever is on record. A row inside the scope whose person is on record
 * outside it is refused with `recordedOutsideScope`, which says nothing of that record. So what
 * a caller learns about a row depends only on the row and on records inside their scope — apart
 * from the one fact a district-wide unique record cannot hide: that this person cannot be created
 * here because they are on record somewhere else in the district.
 *
 * Audit: a committed import writes one WRITE entry per person written (their linkage key), in the
 * commit's transaction.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type EntityManager, type Ref } from '@mikro-orm/core';
import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { TimestampType } from './timestamp-type';
import { sqlOf, usesPostgres } from './database';
import { badInput, conflict, notFound, type RowProblem } from './errors';
import { auditChildrenWrittenInTransaction } from './audit';
import type { Identity, Scope } from './identity';
import { GraphQLError } from 'graphql';
import { parseResidentId, type ResidentIdFacts } from './resident-id';
import { isKnownRegion } from './regions';

export enum ImportStatus {
  STAGING = 'STAGING',
  COMMITTED = 'COMMITTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ImportStatus, { name: 'ImportStatus', valuesConfig: { STAGING: { description: '上传中' }, COMMITTED: { description: '已导入' }, REJECTED: { description: '有错误，未导入' } } });

@Directive('@shareable')
@ObjectType({ description: '导入问题：第几行、哪一列、什么问题' })
export class ImportProblem {
  @Field(() => Int, { description: '文件中的行号（表头为第 1 行）' })
  row: number;

  @Field({ description: '列名' })
  column: string;

  @Field()
  message: string;
}

@Directive('@shareable')
@ObjectType({ description: '一次文件导入' })
@Entity({ tableName: 'import_batch' })
@Index({ properties: ['kind', 'sha256', 'status'] })
export class ImportBatch {
  [OptionalProps]?: 'status' | 'rowsStaged' | 'inserted' | 'unchanged' | 'problems' | 'problemCount' | 'createdAt' | 'finishedAt' | 'alreadyImported';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field({ description: '导入种类' })
  @Property({ type: 'string', length: 20 })
  kind: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  fileName: string;

  @Field({ description: '文件的 SHA-256（同一文件再次导入即识别）' })
  @Property({ type: 'string', length: 64 })
  sha256: string;

  @Property({ type: 'json' })
  header: string[];

  @Field(() => ImportStatus)
  @Enum({ items: () => ImportStatus })
  status: ImportStatus = ImportStatus.STAGING;

  @Field(() => Int, { description: '已上传行数' })
  @Property({ type: 'integer' })
  rowsStaged = 0;

  @Field(() => Int, { description: '新写入' })
  @Property({ type: 'integer' })
  inserted = 0;

  @Field(() => Int, { description: '与现有记录相同，未改动' })
  @Property({ type: 'integer' })
  unchanged = 0;

  @Field(() => [ImportProblem], { description: '问题（至多 1000 条）' })
  @Property({ type: 'json' })
  problems: ImportProblem[] = [];

  @Field(() => Int, { description: '问题总数' })
  @Property({ type: 'integer' })
  problemCount = 0;

  @Field({ description: '此文件此前已导入过：本次未做任何改动' })
  alreadyImported?: boolean = false;

  @Field()
  @Property({ type: 'string', length: 64 })
  createdBy: string;

  @Field(() => Date)
  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: TimestampType, nullable: true })
  finishedAt: Date | null = null;
}

/** One staged row: its parsed value, the key that must be unique in the file, and its own problems. */
@Entity({ tableName: 'import_row' })
@Index({ properties: ['batch', 'dedupKey'] })
export class ImportRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @ManyToOne(() => ImportBatch, { ref: true, deleteRule: 'cascade' })
  batch: Ref<ImportBatch>;

  @Property({ type: 'integer' })
  row: number;

  /** what must be unique within the file (e.g. the ID number) */
  @Property({ type: 'string', length: 100, nullable: true })
  dedupKey: string | null;

  @Property({ type: 'json', nullable: true })
  value: unknown;

  @Property({ type: 'json', nullable: true })
  problems: { column: string; message: string }[] | null;
}

export interface ImportColumn {
  /** the header as the offices write it */
  name: string;
  required: boolean;
}

export interface ImportContext {
  identity: Identity;
  em: EntityManager;
  linkageSecret: string;
  districtCode: string;
  today: () => string;
}

/** One kind of file a department takes in; each row's value names the person it writes (`id`, a linkage key). */
export interface Importer<V extends { id: string }> {
  kind: string;
  label: string;
  /** root fields: the mutation that takes chunks, the query that reads a batch */
  mutation: string;
  query: string;
  columns: ImportColumn[];
  /** checks one row on its own; `key` must be unique within the file (e.g. the ID number) */
  parse(cells: Record<string, string>, ctx: ImportContext): { value?: V; key?: string; problems: { column: string; message: string }[] };
  /** checks a chunk of rows against the database; says which are already on record as they are */
  check(rows: { row: number; value: V }[], ctx: ImportContext, em: EntityManager): Promise<{ problems: ImportProblem[]; unchanged: Set<number> }>;
  /** writes a chunk of new rows (inside the commit transaction) */
  apply(rows: V[], ctx: ImportContext, em: EntityManager): Promise<void>;
}

@InputType({ description: '一行：行号与各列的值（与表头同序）' })
export class ImportRowInput {
  @Field(() => Int)
  row: number;

  @Field(() => [String])
  cells: string[];
}

@InputType({ description: '文件的一段：第一段不带 batchId（给出文件名、SHA-256 与表头），最后一段 commit: true' })
export class ImportChunkInput {
  @Field(() => ID, { nullable: true })
  batchId?: string;

  @Field(() => String, { nullable: true })
  fileName?: string;

  @Field(() => String, { nullable: true })
  sha256?: string;

  @Field(() => [String], { nullable: true })
  header?: string[];

  @Field(() => [ImportRowInput])
  rows: ImportRowInput[];

  @Field(() => Boolean, { nullable: true, description: '这是最后一段：校验全文件并导入（全部或全不）' })
  commit?: boolean;
}

export const MAX_IMPORT_CHUNK = 2000;
const CHUNK = 2000;

const affectedRows = (r: unknown) => Number((r as { affectedRows?: number }).affectedRows ?? 0);

/**
 * Commits a staged batch: every check, the writes and the batch's new status in one transaction,
 * which first takes the batch (PostgreSQL: an advisory lock per kind of import, so two files of
 * the same kind never check against the database at once, then the batch's row, so a chunk still
 * being staged finishes first). A batch that is no longer staging by then was committed or closed
 * by someone else: CONFLICT. SQLite runs one write transaction at a time anyway.
 */
async function commitBatch<V extends { id: string }>(importer: Importer<V>, batch: ImportBatch, ctx: ImportContext): Promise<ImportBatch> {
  const result = await ctx.em.transactional(async (tx) => {
    if (usesPostgres(tx)) {
      await sqlOf(tx).execute('select pg_advisory_xact_lock(hashtext(?))', [`import:${importer.kind}`]);
      await sqlOf(tx).execute('select id from import_batch where id = ? for update', [batch.id]);
    }
    const current = await tx.findOneOrFail(ImportBatch, { id: batch.id }, { refresh: true });
    if (current.status !== ImportStatus.STAGING) throw conflict('input.batchId', `input.batchId: this import is already ${current.status}`);
    const problems: ImportProblem[] = [];
    let count = 0;
    const note = (p: ImportProblem) => {
      count += 1;
      if (problems.length < 1000) problems.push(p);
    };
    // 1. each row's own problems, as staged
    for (let after = 0; ;) {
      const rows = await tx.find(ImportRow, { batch: batch.id, id: { $gt: after }, problems: { $ne: null } }, { orderBy: { id: 'asc' }, limit: CHUNK });
      if (!rows.length) break;
      for (const r of rows) for (const p of r.problems ?? []) note({ row: r.row, ...p });
      after = rows[rows.length - 1].id;
    }
    // 2. the same key twice in the file (set-wise, in SQL)
    const dup = await sqlOf(tx).execute<{ key: string; first: number | string; n: number | string }[]>(
      'select dedup_key as key, min(row) as first, count(*) as n from import_row where batch_id = ? and dedup_key is not null group by dedup_key having count(*) > 1', [batch.id],
    );
    if (dup.length) {
      const firstOf = new Map(dup.map((d) => [d.key, Number(d.first)]));
      const rows = await tx.find(ImportRow, { batch: batch.id, dedupKey: { $in: [...firstOf.keys()] } }, { fields: ['row', 'dedupKey'], orderBy: { row: 'asc' } });
      for (const r of rows) if (r.row !== firstOf.get(r.dedupKey!)) note({ row: r.row, column: importer.columns[0].name, message: `与第 ${firstOf.get(r.dedupKey!)} 行重复` });
    }
    // 3. against the database, chunk by chunk; and then 4. write — inside a savepoint, undone whole if any row is bad
    let inserted = 0;
    let unchanged = 0;
    /** the persons written, for their audit entries (43-character keys: about 15 MB for 200,000) */
    const written: string[] = [];
    try {
      await tx.transactional(async (inner) => {
        for (let after = 0; ;) {
          const rows = await inner.find(ImportRow, { batch: batch.id, id: { $gt: after }, problems: null }, { orderBy: { id: 'asc' }, limit: CHUNK });
          if (!rows.length) break;
          after = rows[rows.length - 1].id;
          const chunk = rows.map((r) => ({ row: r.row, value: r.value as V }));
          const checked = await importer.check(chunk, ctx, inner);
          checked.problems.forEach(note);
          const bad = new Set(checked.problems.map((p) => p.row));
          unchanged += chunk.filter((r) => checked.unchanged.has(r.row)).length;
          const fresh = chunk.filter((r) => !checked.unchanged.has(r.row) && !bad.has(r.row));
          if (count === 0 && fresh.length) {
            await importer.apply(fresh.map((r) => r.value), ctx, inner);
            inserted += fresh.length;
            for (const r of fresh) written.push(r.value.id);
          }
          inner.clear();
        }
        if (count > 0) throw new RejectedImport();
      });
    } catch (e) {
      if (!(e instanceof RejectedImport)) throw e;
    }
    const problemsSorted = problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    await tx.nativeUpdate(ImportBatch, { id: batch.id }, count
      ? { status: ImportStatus.REJECTED, problems: problemsSorted, problemCount: count, inserted: 0, unchanged: 0, finishedAt: new Date() }
      : { status: ImportStatus.COMMITTED, inserted, unchanged, problems: [], problemCount: 0, finishedAt: new Date() });
    await tx.nativeDelete(ImportRow, { batch: batch.id });
    // one WRITE entry per person written, committed with them; last, so the chain's lock is held only until the commit
    if (!count) await auditChildrenWrittenInTransaction(tx, written);
    return batch.id;
  });
  return ctx.em.findOneOrFail(ImportBatch, { id: result }, { refresh: true });
}

class RejectedImport extends Error {}

/**
 * Imports that were opened but never committed (the browser closed, the connection dropped) leave
 * their staged rows behind. A batch still STAGING `olderThanMs` after it was opened is closed as
 * REJECTED with one problem saying so, and its staged rows are deleted. Each department with
 * importers runs this when it starts and every hour (IMPORT_ABANDON_HOURS, default 24).
 */
export async function sweepAbandonedImports(rootEm: EntityManager, olderThanMs: number, now = new Date()): Promise<number> {
  const em = rootEm.fork();
  const cutoff = new Date(now.getTime() - olderThanMs);
  const stale = await em.find(ImportBatch, { status: ImportStatus.STAGING, createdAt: { $lt: cutoff } });
  const hours = Math.round(olderThanMs / 3600e3);
  for (const batch of stale) {
    await em.transactional(async (tx) => {
      await tx.nativeDelete(ImportRow, { batch: batch.id });
      await tx.nativeUpdate(ImportBatch, { id: batch.id, status: ImportStatus.STAGING }, {
        status: ImportStatus.REJECTED, problemCount: 1, finishedAt: now,
        problems: [{ row: 0, column: '', message: `上传未完成：${hours} 小时内未提交，暂存的行已清理；请重新导入整个文件` }],
      });
    });
  }
  return stale.length;
}

/** A batch as the API returns it (loaded rows do not run field initialisers). */
const answered = (batch: ImportBatch): ImportBatch => Object.assign(batch, { alreadyImported: batch.alreadyImported ?? false });

/** The error a rejected file comes back with: every bad row and column, nothing written. */
export function rejectedFile(batch: ImportBatch): GraphQLError {
  const shown = batch.problems.slice(0, 5).map((p) => `第 ${p.row} 行「${p.column}」：${p.message}`).join('；');
  const problems: (RowProblem & { row: number; column: string })[] = batch.problems.map((p) => ({ ...p, field: `row ${p.row} ${p.column}` }));
  return new GraphQLError(`${batch.problemCount} 处问题，整个文件未导入：${shown}${batch.problemCount > 5 ? '……' : ''}`, {
    extensions: { code: 'BAD_USER_INPUT', field: problems[0]?.field ?? 'file', batchId: batch.id, problemCount: batch.problemCount, problems },
  });
}

/**
 * The batches a caller may read: district staff all of the kind; staff of one school or area only
 * their own (another's problems would describe rows outside their scope).
 */
const ownBatches = (identity: Identity): { createdBy?: string } => (identity.scope.kind === 'district' ? {} : { createdBy: identity.user });

/**
 * The one answer for a row outside the caller's scope (a school not theirs, a community outside
 * their area): the same whether or not the person, the school or the community is on record.
 */
export function outsideScope(scope: Scope): string {
  return scope.kind === 'school' ? '不是您的学校：只能导入本校学生' : '不在您的辖区';
}

/**
 * The answer for a row inside the caller's scope whose person is on record outside it: it names
 * neither where nor how they are on record (no school, community or differing column).
 */
export function recordedOutsideScope(scope: Scope): string {
  return scope.kind === 'school'
    ? '该身份证号已有本校以外的学籍，不能导入；转入本校请登记学籍异动（转入）'
    : '该身份证号已在您的辖区以外登记，不能导入；迁入请先由原社区办理迁出';
}

/** The GraphQL side of an importer: `<mutation>(input: ImportChunkInput!)` and `<query>(id)`. */
export function importResolver<V extends { id: string }>(importer: Importer<V>) {
  @Resolver()
  class ImportResolver {
    @Mutation(() => ImportBatch, { name: importer.mutation, description: `导入${importer.label}（xlsx/CSV，分段上传，全部或全不，重复导入不改动）` })
    async importChunk(@Arg('input', () => ImportChunkInput) input: ImportChunkInput, @Ctx() ctx: ImportContext): Promise<ImportBatch> {
      if (input.rows.length > MAX_IMPORT_CHUNK) throw badInput('input.rows', `input.rows: at most ${MAX_IMPORT_CHUNK} rows per chunk`);
      const em = ctx.em;
      let batch: ImportBatch;
      if (!input.batchId) {
        const fileName = (input.fileName ?? '').trim();
        if (!fileName) throw badInput('input.fileName', 'input.fileName: the first chunk names the file');
        if (!/^[0-9a-f]{64}$/.test(input.sha256 ?? '')) throw badInput('input.sha256', 'input.sha256: the SHA-256 of the file, 64 hex digits');
        const header = (input.header ?? []).map((h) => h.trim());
        const missing = importer.columns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
        if (missing.length) throw badInput('input.header', `input.header: the file has no column ${missing.map((m) => `「${m}」`).join('、')}`);
        // a file is recognised as imported only among the batches the caller may read (below)
        const done = await em.findOne(ImportBatch, { kind: importer.kind, sha256: input.sha256!, status: ImportStatus.COMMITTED, ...ownBatches(ctx.identity) }, { orderBy: { createdAt: 'desc' } });
        if (done) return Object.assign(done, { alreadyImported: true });
        batch = em.create(ImportBatch, { id: randomUUID(), kind: importer.kind, fileName: fileName.slice(0, 200), sha256: input.sha256!, header, createdBy: ctx.identity.user });
        await em.flush();
      } else {
        const found = await em.findOne(ImportBatch, { id: input.batchId, kind: importer.kind });
        if (!found) throw notFound('input.batchId', input.batchId);
        if (found.createdBy !== ctx.identity.user) throw badInput('input.batchId', 'input.batchId: another user\'s import');
        if (found.status !== ImportStatus.STAGING) throw conflict('input.batchId', `input.batchId: this import is already ${found.status}`);
        batch = found;
      }
      if (input.rows.length) {
        const rows = input.rows.map((r) => {
          const cells = Object.fromEntries(batch.header.map((h, i) => [h, (r.cells[i] ?? '').trim()]));
          const parsed = importer.parse(cells, ctx);
          return { batch: batch.id as never, row: r.row, dedupKey: parsed.key ?? null, value: parsed.value ?? null, problems: parsed.problems.length ? parsed.problems : null };
        });
        // counted and staged together, and only while the batch is still staging: the count is a
        // single UPDATE (chunks sent at once all add up), and it holds the batch's row until the
        // rows are in, so a commit waits for this chunk — or this chunk finds it committed: CONFLICT
        await em.transactional(async (tx) => {
          const counted = await sqlOf(tx).execute('update import_batch set rows_staged = rows_staged + ? where id = ? and status = ?', [rows.length, batch.id, ImportStatus.STAGING], 'run');
          if (affectedRows(counted) !== 1) throw conflict('input.batchId', 'input.batchId: this import was committed or closed while the chunk was sent');
          for (let i = 0; i < rows.length; i += 500) await tx.insertMany(ImportRow, rows.slice(i, i + 500) as never);
        });
        batch = await em.findOneOrFail(ImportBatch, { id: batch.id }, { refresh: true });
      }
      if (!input.commit) return answered(batch);
      const result = await commitBatch(importer, batch, ctx);
      if (result.status === ImportStatus.REJECTED) throw rejectedFile(result);
      return answered(result);
    }

    @Query(() => ImportBatch, { name: importer.query, nullable: true, description: `一次${importer.label}导入（状态、问题）` })
    async batch(@Arg('id', () => ID) id: string, @Ctx() ctx: ImportContext): Promise<ImportBatch | null> {
      const batch = await ctx.em.findOne(ImportBatch, { id, kind: importer.kind, ...ownBatches(ctx.identity) });
      return batch && answered(batch);
    }
  }
  return ImportResolver;
}

/** A stable UUID for a record first created by an import (e.g. a household keyed by its head's linkage key). */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 是/否 cells: true, false, or undefined for anything else. */
export function yesNo(value: string | undefined): boolean | undefined {
  const v = (value ?? '').trim();
  if (['是', 'Y', 'y', '1', 'TRUE', 'true'].includes(v)) return true;
  if (['否', 'N', 'n', '0', 'FALSE', 'false', ''].includes(v)) return false;
  return undefined;
}

/** Reads one row's cells, noting a problem (with its column) for each bad one. */
export class CellReader {
  readonly problems: { column: string; message: string }[] = [];

  constructor(private readonly cells: Record<string, string>) {}

  problem(column: string, message: string): void {
    this.problems.push({ column, message });
  }

  /** a required text of at most `max` characters (or `fallback` when empty) */
  text(column: string, max: number, fallback = ''): string {
    const v = this.cells[column] || fallback;
    if (!v || v.length > max) this.problem(column, v ? `超过 ${max} 个字` : '不能为空');
    return v;
  }

  /** a resident ID number with a valid check digit (GB 11643) */
  residentId(column: string): ResidentIdFacts | undefined {
    const parsed = parseResidentId(this.cells[column] ?? '');
    if (!parsed.ok) this.problem(column, `不是有效的居民身份证号码（${parsed.reason}）`);
    return parsed.ok ? parsed.facts : undefined;
  }

  /** a GB/T 2260 region code */
  region(column: string): string {
    const v = this.cells[column] ?? '';
    if (!isKnownRegion(v)) this.problem(column, `${v || '（空）'} 不是 GB/T 2260 行政区划代码`);
    return v;
  }

  /** a cell that must match a pattern */
  matching(column: string, pattern: RegExp, message: string): string {
    const v = this.cells[column] ?? '';
    if (!pattern.test(v)) this.problem(column, message);
    return v;
  }

  get(column: string): string {
    return this.cells[column] ?? '';
  }
}

/**
 * Households named by their head (poverty and resident lists): the head's existing household, or
 * a new one with a stable id derived from the head; returns each head's household and the rows
 * whose household must be created (one row per new household).
 */
export function householdsByHead<R extends { headId: string }>(rows: R[], existing: Map<string, string>, kind: string): { householdOf: Map<string, string>; create: R[] } {
  const householdOf = new Map(existing);
  const create: R[] = [];
  for (const r of rows) {
    if (householdOf.has(r.headId)) continue;
    householdOf.set(r.headId, stableUuid(kind, r.headId));
    create.push(r);
  }
  return { householdOf, create };
}

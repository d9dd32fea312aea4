/** The GraphQL side of an importer: the chunked upload mutation and the batch query. */
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { sqlOf, badInput, conflict, notFound, type RowProblem } from '../core';
import type { Identity, Scope } from '../identity';
import { ImportBatch, ImportRow, ImportStatus } from './batch';
import { ImportChunkInput, MAX_IMPORT_CHUNK, type ImportContext, type Importer } from './importer';
import { affectedRows, commitBatch } from './commit';

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


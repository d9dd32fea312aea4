/** Committing a staged file in one transaction, and closing files that were never committed. */
import type { EntityManager } from '@mikro-orm/core';
import { sqlOf, usesPostgres, conflict } from '../core';
import { auditChildrenWrittenInTransaction } from '../audit';
import { ImportBatch, ImportRow, ImportStatus, type ImportProblem } from './batch';
import type { ImportContext, Importer } from './importer';

const CHUNK = 2000;

export const affectedRows = (r: unknown) => Number((r as { affectedRows?: number }).affectedRows ?? 0);

/**
 * Commits a staged batch: every check, the writes and the batch's new status in one transaction,
 * which first takes the batch (PostgreSQL: an advisory lock per kind of import, so two files of
 * the same kind never check against the database at once, then the batch's row, so a chunk still
 * being staged finishes first). A batch that is no longer staging by then was committed or closed
 * by someone else: CONFLICT. SQLite runs one write transaction at a time anyway.
 */
export async function commitBatch<V extends { id: string }>(importer: Importer<V>, batch: ImportBatch, ctx: ImportContext): Promise<ImportBatch> {
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


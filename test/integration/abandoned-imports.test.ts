/**
 * An import opened but never committed does not leave its staged rows behind for ever: once it is
 * older than IMPORT_ABANDON_HOURS it is closed as REJECTED, saying why, and its rows are removed.
 * Committed imports and imports still being uploaded are left alone. On a database of its own.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '@kongchuo/shared/core';
import { ImportBatch, ImportRow, ImportStatus, sweepAbandonedImports } from '@kongchuo/shared/imports';
import { education } from '@kongchuo/education';
import { usingPostgres } from '../support/system';
import { withScratchDatabase } from '../../scripts/databases';

it('closes imports abandoned for a day and removes their staged rows; leaves the rest', async () => {
  await withScratchDatabase(usingPostgres() ? 'postgresql' : 'sqlite', async (url) => {
    const orm = await openDatabase(education.database(url));
    try {
      const em = orm.em.fork();
      const day = 24 * 3600e3;
      const batch = async (status: ImportStatus, ageMs: number, rows: number) => {
        const id = randomUUID();
        await em.insert(ImportBatch, { id, kind: 'students', fileName: `${status}-${ageMs}.csv`, sha256: id.replace(/-/g, '').padEnd(64, '0'), header: ['身份证号'], status, rowsStaged: rows, inserted: 0, unchanged: 0, problems: [], problemCount: 0, createdBy: 'test', createdAt: new Date(Date.now() - ageMs) });
        for (let r = 0; r < rows; r++) await em.insert(ImportRow, { batch: id as never, row: r + 2, dedupKey: `k${r}`, value: { r }, problems: null });
        return id;
      };
      const abandoned = await batch(ImportStatus.STAGING, 2 * day, 3);
      const uploading = await batch(ImportStatus.STAGING, 3600e3, 2);
      const committed = await batch(ImportStatus.COMMITTED, 3 * day, 0);

      expect(await sweepAbandonedImports(orm.em, day)).toBe(1);
      const read = orm.em.fork();
      const gone = await read.findOneOrFail(ImportBatch, { id: abandoned });
      expect(gone.status).toBe(ImportStatus.REJECTED);
      expect(gone.problemCount).toBe(1);
      expect(gone.problems[0].message).toMatch(/未提交/);
      expect(await read.count(ImportRow, { batch: abandoned })).toBe(0);
      expect((await read.findOneOrFail(ImportBatch, { id: uploading })).status).toBe(ImportStatus.STAGING);
      expect(await read.count(ImportRow, { batch: uploading })).toBe(2);
      expect((await read.findOneOrFail(ImportBatch, { id: committed })).status).toBe(ImportStatus.COMMITTED);
      expect(await sweepAbandonedImports(orm.em, day)).toBe(0); // nothing left to close
    } finally {
      await orm.close();
    }
  });
});

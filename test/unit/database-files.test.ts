/**
 * SQLite files (outside production, the default database) are readable by their owner only: a
 * folder made for them is 0700, the file and its -wal / -shm files 0600, and a file of ours that
 * an earlier version left 0644 is narrowed when it is opened again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@kongchuo/shared/core';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';

const education = SUBGRAPH_MODULES.find((m) => m.name === 'education')!;
const mode = (f: string) => fs.statSync(f).mode & 0o777;

let root: string;
beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-files-'))));
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('SQLite files', () => {
  it('are made 0600 in a folder made 0700, with their -wal and -shm files, whatever the umask', async () => {
    const file = path.join(root, 'data', 'nested', 'education.sqlite');
    const umask = process.umask(0o022);
    try {
      const orm = await openDatabase(education.database(file));
      try {
        // a write in WAL mode makes the -wal and -shm files beside it
        await orm.em.getConnection().execute('pragma journal_mode = wal');
        await orm.em.getConnection().execute("create table scratch (a text)");
        await orm.em.getConnection().execute("insert into scratch values ('x')");
        expect(mode(path.join(root, 'data'))).toBe(0o700);
        expect(mode(path.dirname(file))).toBe(0o700);
        const made = fs.readdirSync(path.dirname(file)).map((f) => path.join(path.dirname(file), f));
        expect(made.sort()).toEqual([file, `${file}-shm`, `${file}-wal`]);
        for (const f of made) expect({ f, mode: mode(f) }).toEqual({ f, mode: 0o600 });
      } finally {
        await orm.close();
      }
    } finally {
      process.umask(umask);
    }
  });

  it('narrows a file an earlier start left readable by others, and leaves an existing folder alone', async () => {
    const file = path.join(root, 'education.sqlite');
    fs.chmodSync(root, 0o755);
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const orm = await openDatabase(education.database(file));
    await orm.close();
    expect(mode(file)).toBe(0o600);
    expect(mode(root)).toBe(0o755);
  });
});

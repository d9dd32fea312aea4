import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import { openDatabase } from '@kongchuo/shared';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';
import { PG_ADMIN_URL, usingPostgres } from '../support/system';

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (!usingPostgres()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-mig-'));
    try {
      return await work(path.join(dir, 'db.sqlite'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `kc_mig_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    return await work(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

describe.each(SUBGRAPH_MODULES.map((m) => [m.name, m] as const))('%s migrations', (_name, m) => {
  it('build the whole schema on an empty database: every entity table exists, nothing is pending', async () => {
    await withDatabase(async (url) => {
      const orm: MikroORM = await openDatabase(m.database(url));
      try {
        expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
        const tables = Object.values(orm.getMetadata().getAll()).filter((meta) => !meta.embeddable && !meta.virtual).map((meta) => meta.tableName);
        for (const table of tables) {
          await expect(orm.em.getConnection().execute(`select count(*) as n from ${table}`)).resolves.toBeDefined();
        }
        if (usingPostgres()) {
          // PostgreSQL's schema diff is exact: the entities must not differ from the committed migrations
          expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
        }
      } finally {
        await orm.close();
      }
    });
  });
});

import { MikroORM } from '@mikro-orm/core';
import { openDatabase } from '@kongchuo/shared/core';
import { DATABASE_SERVICES } from '../../scripts/subgraphs';
import { usingPostgres } from '../support/system';
import { withScratchDatabase } from '../../scripts/databases';

describe.each(DATABASE_SERVICES.map((m) => [m.name, m] as const))('%s migrations', (_name, m) => {
  it('build the whole schema on an empty database: every entity table exists, nothing is pending', async () => {
    await withScratchDatabase(usingPostgres() ? 'postgresql' : 'sqlite', async (url) => {
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

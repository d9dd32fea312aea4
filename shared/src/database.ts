import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type Constructor, type MigrationObject, type Options } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migrator } from '@mikro-orm/migrations';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from './logger';

export type DatabaseKind = 'sqlite' | 'postgresql';

export const databaseKind = (url: string): DatabaseKind => (/^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite');

/** Whether an entity manager talks to PostgreSQL (advisory and row locks exist there; SQLite runs one write transaction at a time). */
export const usesPostgres = (em: import('@mikro-orm/core').EntityManager): boolean => em.getPlatform().constructor.name.startsWith('PostgreSql');

export interface DatabaseSpec {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: Options['entities'];
  /** migrations per dialect, by class reference (never globbed) */
  migrations: Record<DatabaseKind, (MigrationObject | Constructor<Migration>)[]>;
  logger?: Logger;
  /** counts every SQL statement (tests and benchmarks read it) */
  onQuery?: (sql: string) => void;
}

/** MikroORM options for one service's own database: a SQLite file or a PostgreSQL database. */
export function ormOptions(spec: DatabaseSpec): Options {
  const kind = databaseKind(spec.url);
  const common: Options = {
    entities: spec.entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    migrations: {
      migrationsList: spec.migrations[kind],
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    debug: spec.onQuery ? ['query'] : false,
    logger: spec.onQuery ? (message: string) => spec.onQuery!(message) : undefined,
    colors: false,
    // written by the replay guard with plain SQL (shared/src/replay-guard.ts), not an entity: the schema diff leaves it alone
    schemaGenerator: { skipTables: ['kc_identity_seen'] },
  };
  if (kind === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: spec.url, pool: { min: 0, max: 10 } } as Options;
  }
  fs.mkdirSync(path.dirname(path.resolve(spec.url)), { recursive: true });
  return { ...common, driver: LibSqlDriver, dbName: spec.url } as Options;
}

/** Opens the database and brings its schema up to date with the committed migrations. */
export async function openDatabase(spec: DatabaseSpec): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(spec));
  const applied = await orm.getMigrator().up();
  if (applied.length) spec.logger?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  return orm;
}

/**
 * The SQL side of an entity manager (query builder, subqueries) for set-wise reads that the
 * entity API cannot express; every service's driver (libsql, postgresql) is a knex SQL driver.
 */
export const sqlOf = (em: import('@mikro-orm/core').EntityManager) => em as unknown as import('@mikro-orm/knex').SqlEntityManager;

import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type Constructor, type MigrationObject, type Options } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migrator } from '@mikro-orm/migrations';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

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
  /** production: a PostgreSQL superuser is refused (a department connects as its own role) */
  production?: boolean;
}

/**
 * A SQLite file only its owner can read: a folder made for it is 0700, a file made for it 0600
 * (SQLite gives its journal, -wal and -shm files the file's mode), and one of ours left readable by
 * others (made before this) is narrowed to 0600. An existing folder is left as it is.
 */
function privateSqliteFile(url: string): void {
  if (url === ':memory:' || url.startsWith('file:')) return;
  const file = path.resolve(url);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    const st = fs.statSync(f, { throwIfNoEntry: false });
    if (st && st.uid === process.getuid?.() && st.mode & 0o077) fs.chmodSync(f, st.mode & 0o700);
  }
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
    // written by the replay guard with plain SQL (shared/src/identity/replay-guard.ts), not an entity: the schema diff leaves it alone
    schemaGenerator: { skipTables: ['kc_identity_seen'] },
  };
  if (kind === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: spec.url, pool: { min: 0, max: 10 } } as Options;
  }
  privateSqliteFile(spec.url);
  // another process on the same file (a second instance, audit:verify, a test) waits for its lock, up to 5 s, instead of failing at once
  const busyTimeout = (conn: { exec(sql: string): unknown }, done: (e: Error | null, c: unknown) => void) => {
    try {
      conn.exec('pragma busy_timeout = 5000');
      done(null, conn);
    } catch (e) {
      done(e as Error, conn);
    }
  };
  return { ...common, driver: LibSqlDriver, dbName: spec.url, pool: { afterCreate: busyTimeout } } as Options;
}

/** Who a PostgreSQL connection is: its role, whether a superuser, and whether it could drop the audit triggers (it owns `audit_entry`, or is a member of its owner). */
export interface DatabaseRole {
  user: string;
  superuser: boolean;
  ownsAudit: boolean;
}

/** The role of `orm`'s PostgreSQL connection; undefined on SQLite (a file has no roles). */
export async function databaseRole(orm: MikroORM): Promise<DatabaseRole | undefined> {
  if (!usesPostgres(orm.em)) return undefined;
  const [row] = await orm.em.getConnection().execute<{ user: string; superuser: boolean; owns_audit: boolean }[]>(
    `select current_user as "user", r.rolsuper as superuser,
       exists (select 1 from pg_tables t where t.tablename = 'audit_entry' and t.schemaname = current_schema() and pg_has_role(current_user, t.tableowner, 'USAGE')) as owns_audit
     from pg_roles r where r.rolname = current_user`,
  );
  return { user: row.user, superuser: row.superuser, ownsAudit: row.owns_audit };
}

/** PostgreSQL's insufficient_privilege (42501), however the driver wrapped it. */
const privilegeRefused = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err.code === '42501' || /permission denied|must be owner/i.test(err.message ?? '');
};

/**
 * Opens the database and brings its schema up to date with the committed migrations. In
 * production a PostgreSQL superuser is refused before anything runs; a role that may only read
 * and write its tables (docker-compose's department roles) starts when nothing is pending, and
 * otherwise is told to run `scripts/dist/migrate.js` as the database's owner first.
 */
export async function openDatabase(spec: DatabaseSpec): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(spec));
  try {
    const role = spec.production ? await databaseRole(orm) : undefined;
    if (role?.superuser) {
      throw new Error(`database: production refuses to connect as the superuser ${role.user}; each department connects as its own role (deploy/postgres/init.sh)`);
    }
    let applied: { name: string }[];
    try {
      applied = await orm.getMigrator().up();
    } catch (e) {
      if (!privilegeRefused(e)) throw e;
      throw new Error('database: migrations are pending and this role may not apply them; run `node scripts/dist/migrate.js` with the database owner\'s URL first', { cause: e });
    }
    if (applied.length) spec.logger?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } catch (e) {
    await orm.close();
    throw e;
  }
  return orm;
}

/**
 * The SQL side of an entity manager (query builder, subqueries) for set-wise reads that the
 * entity API cannot express; every service's driver (libsql, postgresql) is a knex SQL driver.
 */
export const sqlOf = (em: import('@mikro-orm/core').EntityManager) => em as unknown as import('@mikro-orm/knex').SqlEntityManager;

/** Bulk insert for seeders and imports: multi-row INSERTs of 1,000 rows, bypassing the unit of work. */
export async function insertInChunks<T extends object>(em: import('@mikro-orm/core').EntityManager, entity: new () => T, rows: Partial<T>[], chunk = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await em.insertMany(entity, rows.slice(i, i + chunk) as never);
}

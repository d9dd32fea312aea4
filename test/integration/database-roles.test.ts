/**
 * The department roles of deploy/postgres/department.sql on a real PostgreSQL server (the pass with
 * TEST_DATABASE=postgres), with names of this run's own: a department's roles connect to its own
 * database only; its owner runs the migrations (`migrate.js`); its service role then starts the
 * department as production does, reads and writes and appends to the audit log, and cannot drop,
 * disable or truncate it; production refuses the superuser; the script run again on a database
 * from before the roles hands its tables to the owner.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseRole, loadConfig, openDatabase } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { loadKeys } from '@kongchuo/shared/identity';
import { AuditEntry, AuditWriter } from '@kongchuo/shared/audit';
import { type SubgraphService } from '@kongchuo/shared/server';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';
import { PG_ADMIN_URL, postgresUrl, scratchName } from '../../scripts/databases';
import { usingPostgres } from '../support/system';

const ROOT = path.resolve(__dirname, '..', '..');
const SQL = path.join(ROOT, 'deploy', 'postgres', 'department.sql');
const run = scratchName('kc_roles');

interface Department { database: string; owner: string; app: string; ownerPassword: string; appPassword: string }
const department = (name: string): Department => ({
  database: `${run}_${name}`, owner: `${run}_${name}_owner`, app: `${run}_${name}`,
  ownerPassword: randomBytes(12).toString('base64url'), appPassword: randomBytes(12).toString('base64url'),
});
const EDUCATION = department('education');
const COMMUNITY = department('community');
const subgraph = (name: string) => SUBGRAPH_MODULES.find((m) => m.name === name)!;

/** The admin URL's server, as `user` into `database`. */
const roleUrl = (user: string, password: string, database: string) => {
  const u = new URL(PG_ADMIN_URL);
  u.username = user;
  u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
};
const ownerUrl = (d: Department, database = d.database) => roleUrl(d.owner, d.ownerPassword, database);
const appUrl = (d: Department, database = d.database) => roleUrl(d.app, d.appPassword, database);

/** department.sql as init.sh runs it, as the superuser. */
const init = (d: Department) => execFileSync('psql', [PG_ADMIN_URL, '--no-psqlrc', '-q', '-v', 'ON_ERROR_STOP=1',
  '-v', `database=${d.database}`, '-v', `owner=${d.owner}`, '-v', `app=${d.app}`, '-v', `owner_password=${d.ownerPassword}`, '-v', `app_password=${d.appPassword}`,
  '-f', SQL], { stdio: 'pipe' });

async function asRole<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}
/** The SQLSTATE `sql` fails with as that connection (undefined if it succeeds). */
const failure = (c: Client, sql: string) => c.query(sql).then(() => undefined, (e: { code?: string }) => e.code);

(usingPostgres() ? describe : describe.skip)('PostgreSQL department roles (deploy/postgres/department.sql)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-roles-'));
    init(EDUCATION);
    init(COMMUNITY);
  });

  afterAll(async () => {
    await asRole(PG_ADMIN_URL, async (c) => {
      for (const d of [EDUCATION, COMMUNITY]) await c.query(`drop database if exists "${d.database}" with (force)`);
      for (const d of [EDUCATION, COMMUNITY]) for (const r of [d.app, d.owner]) await c.query(`drop role if exists "${r}"`);
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets each department\'s roles connect to its own database only', async () => {
    for (const [d, other] of [[EDUCATION, COMMUNITY], [COMMUNITY, EDUCATION]]) {
      await expect(asRole(appUrl(d), (c) => c.query('select 1'))).resolves.toBeDefined();
      await expect(asRole(appUrl(d, other.database), (c) => c.query('select 1'))).rejects.toThrow(/permission denied for database/);
      await expect(asRole(ownerUrl(d, other.database), (c) => c.query('select 1'))).rejects.toThrow(/permission denied for database/);
    }
    const roles = await asRole(PG_ADMIN_URL, (c) => c.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      'select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname like $1 order by rolname', [`${run}_%`]));
    expect(roles.rows).toHaveLength(4);
    for (const r of roles.rows) expect(r).toEqual({ rolname: r.rolname, rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });

  it('migrates as the owner, then runs the department as the service role, which cannot drop, disable or truncate the audit log', async () => {
    // migrate.js in production, as docker-compose.yml's migrate service runs it
    const migrated = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', LOG_LEVEL: 'error', EDUCATION_DATABASE_URL: ownerUrl(EDUCATION) };
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'migrate.js'), 'education'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (b: Buffer) => (output += b.toString()));
      child.stderr.on('data', (b: Buffer) => (output += b.toString()));
      child.on('exit', (code) => resolve({ code, output }));
    });
    expect(migrated).toEqual({ code: 0, output: '' });

    // production opens it as this role (no superuser, nothing pending)
    await (await openDatabase(subgraph('education').database(appUrl(EDUCATION), { production: true }))).close();
    const env = { DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'error', EDUCATION_DATABASE_URL: appUrl(EDUCATION) };
    const config = loadConfig(env);
    const keys = await loadKeys(config, env);
    const logger = createLogger('test', 'error');
    let service: SubgraphService | undefined;
    try {
      // the demo seed writes every table as the service role
      service = await subgraph('education').start({ config, keys, logger, port: 0, demo: true });
      expect((await fetch(service.url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
      expect(await databaseRole(service.orm)).toEqual({ user: EDUCATION.app, superuser: false, ownsAudit: false });
      const before = await service.orm.em.fork().count(AuditEntry);
      await new AuditWriter(service.orm, logger).append([{ at: new Date(), kind: 'READ', user: 'roles-test', department: 'community', role: 'officer', studentId: null, fields: 'name', operation: 'query students', requestId: 'roles-test' }]);
      expect(await service.orm.em.fork().count(AuditEntry)).toBe(before + 1);
    } finally {
      await service?.stop();
    }

    await asRole(appUrl(EDUCATION), async (c) => {
      expect(await failure(c, 'drop trigger audit_entry_no_update on audit_entry')).toBe('42501');
      expect(await failure(c, 'alter table audit_entry disable trigger all')).toBe('42501');
      expect(await failure(c, 'truncate audit_entry')).toBe('42501');
      expect(await failure(c, 'drop table audit_entry')).toBe('42501');
      expect(await failure(c, 'create or replace function audit_entry_keep() returns trigger language plpgsql as $$ begin return old; end $$')).toBe('42501');
      expect(await failure(c, 'create table smuggled (a int)')).toBe('42501');
      expect(await failure(c, "set session_replication_role = 'replica'")).toBe('42501');
      // and the triggers still hold for its rows
      await expect(c.query(`update audit_entry set "user" = 'someone else'`)).rejects.toThrow(/audit entries cannot be changed/);
    });
    // the owner could: it is the one the warning is about
    await asRole(ownerUrl(EDUCATION), async (c) => {
      const owns = await c.query<{ owner: string }>(`select tableowner as owner from pg_tables where tablename = 'audit_entry'`);
      expect(owns.rows).toEqual([{ owner: EDUCATION.owner }]);
    });
  }, 180_000);

  it('refuses the superuser in production, and tells a service role with migrations pending to run migrate.js', async () => {
    await expect(openDatabase(subgraph('education').database(postgresUrl(EDUCATION.database), { production: true }))).rejects.toThrow(/production refuses to connect as the superuser/);
    await expect(openDatabase(subgraph('community').database(appUrl(COMMUNITY)))).rejects.toThrow(/migrations are pending and this role may not apply them; run `node scripts\/dist\/migrate\.js`/);
  });

  it('run again, hands the tables of a database from before the roles to the owner and grants them to the service role', async () => {
    await asRole(postgresUrl(COMMUNITY.database), (c) => c.query('create table legacy_register (id serial primary key, note text)'));
    init(COMMUNITY);
    await asRole(postgresUrl(COMMUNITY.database), async (c) => {
      expect((await c.query(`select tableowner from pg_tables where tablename = 'legacy_register'`)).rows).toEqual([{ tableowner: COMMUNITY.owner }]);
    });
    await asRole(appUrl(COMMUNITY), async (c) => {
      await c.query(`insert into legacy_register (note) values ('kept')`);
      expect((await c.query('select note from legacy_register')).rows).toEqual([{ note: 'kept' }]);
      expect(await failure(c, 'drop table legacy_register')).toBe('42501');
    });
  });
});

/**
 * Docker cannot run here, so docker-compose.yml is checked as data: every service the system has
 * is deployed, with its own database reached as its own role, its port, its health check, and the
 * gateway wired to it and published on this host's loopback only; every secret is a required
 * variable. The PostgreSQL init script is run with a stand-in psql (database-roles.test.ts runs
 * its SQL against a real server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { SUBGRAPHS, SUBGRAPH_NAMES, WORKERS } from '@kongchuo/shared/core';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';

const ROOT = path.resolve(__dirname, '..', '..');
interface Service {
  command?: string[];
  restart?: string;
  volumes?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const text = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const envName = (n: string) => n.toUpperCase().replace(/-/g, '_');
const db = (n: string) => n.replace(/-/g, '_');
const SUPERUSER = services.postgres.environment!.POSTGRES_USER;
/** The parts of a `postgres://user:${VAR…}@host:port/database` URL as docker-compose.yml writes it. */
const urlParts = (url: string | undefined) => /^postgres:\/\/([^:@]+):(\$\{[^}]+\})@postgres:5432\/(\w+)$/.exec(url ?? '')?.slice(1, 4) ?? [];

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Redis, the migrations, the gateway and one service per subgraph, each that keeps running with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'identity', 'migrate', 'postgres', 'redis', ...SUBGRAPH_MODULES.map((m) => m.name), ...SUBGRAPH_MODULES.flatMap((m) => m.workers)].sort());
    for (const [name, s] of Object.entries(services)) {
      if (name === 'migrate') continue; // runs once and exits
      expect({ name, test: s.healthcheck?.test?.length ?? 0 }).toEqual({ name, test: expect.any(Number) });
      expect(s.healthcheck!.test.length).toBeGreaterThan(1);
    }
  });

  it('publishes the gateway and the identity provider on this host\'s loopback only, and nothing else at all', () => {
    expect(services.gateway.ports).toEqual(['127.0.0.1:4000:4000']);
    expect(services.gateway.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:4000/health');
    expect(services.identity.ports).toEqual(['127.0.0.1:4010:4010']);
    for (const [name, s] of Object.entries(services)) if (name !== 'gateway' && name !== 'identity') expect({ name, ports: s.ports }).toEqual({ name, ports: undefined });
  });

  it('runs the identity provider on its own database and role, production mode, with only what it needs', () => {
    const s = services.identity;
    expect(s.command).toEqual(['node', 'scripts/dist/serve.js', 'identity']);
    expect(s.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:4010/ready');
    const [user, password, database] = urlParts(s.environment?.IDENTITY_DATABASE_URL);
    expect({ user, password, database }).toEqual({ user: 'kc_identity', password: expect.stringMatching(/^\$\{IDENTITY_DB_PASSWORD:\?/), database: 'kongchuo_identity' });
    const [owner, , ownerDatabase] = urlParts(services.migrate.environment?.IDENTITY_DATABASE_URL);
    expect({ owner, ownerDatabase }).toEqual({ owner: 'kc_identity_owner', ownerDatabase: 'kongchuo_identity' });
    expect(s.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    // no linkage secret, no gateway key, no department's audit key: it holds none of the children's data
    expect(Object.keys(s.environment!).filter((k) => /LINKAGE|GATEWAY_.*JWK|AUDIT_/.test(k))).toEqual([]);
    expect(s.environment?.TOKEN_ISSUER).toMatch(/^\$\{TOKEN_ISSUER:\?/);
    expect(s.environment?.DASHBOARD_URLS).toMatch(/^\$\{DASHBOARD_URLS:\?/);
    // the gateway checks its tokens with the keys it publishes, on the deployment's own network
    expect(services.gateway.environment?.TOKEN_JWKS_URL).toBe('${TOKEN_JWKS_URL:-http://identity:4010/jwks}');
  });

  it('initialises PostgreSQL in a code-point collation, which the search by name relies on', () => {
    expect(services.postgres.environment?.POSTGRES_INITDB_ARGS).toBe('--encoding=UTF8 --locale=C.UTF-8');
  });

  it('makes every secret a required variable: docker compose refuses to start without it', () => {
    const secrets = ['LINKAGE_SECRET', 'GATEWAY_PUBLIC_JWK', 'GATEWAY_PRIVATE_JWK', 'POSTGRES_PASSWORD', 'SERVICE_CLIENT_SECRET_JOINT_MEETING', 'IDENTITY_DB_PASSWORD', 'IDENTITY_DB_OWNER_PASSWORD', 'TOKEN_ISSUER', ...SUBGRAPH_NAMES.flatMap((n) => [`${envName(n)}_DB_PASSWORD`, `${envName(n)}_DB_OWNER_PASSWORD`, `AUDIT_SIGNING_JWK_${envName(n)}`, `AUDIT_PUBLIC_JWK_${envName(n)}`])];
    const uses = [...text.matchAll(/\$\{(\w+)(:[?-])?/g)].map((m) => ({ variable: m[1], form: m[2] }));
    for (const secret of secrets) {
      const of = uses.filter((u) => u.variable === secret);
      expect({ secret, used: of.length > 0 }).toEqual({ secret, used: true });
      for (const u of of) expect(u).toEqual({ variable: secret, form: ':?' });
    }
    // and no variable is substituted bare (empty, with only a warning, when unset)
    for (const u of uses) expect(u).toEqual({ variable: u.variable, form: expect.stringMatching(/^:[?-]$/) });
    // the optional ones: the IdP key (either of two), the metrics token (empty: /metrics off)
    expect(uses.filter((u) => u.form === ':-' && /SECRET|PASSWORD|PRIVATE/.test(u.variable))).toEqual([]);
  });

  it('runs each department as its own role, never the superuser, and the migrations once as each database\'s owner', () => {
    const users = new Set<string>();
    for (const name of SUBGRAPH_NAMES) {
      const [user, password, database] = urlParts(services[name].environment?.[`${envName(name)}_DATABASE_URL`]);
      expect({ name, user, password, database }).toEqual({ name, user: `kc_${db(name)}`, password: expect.stringMatching(new RegExp(`^\\$\\{${envName(name)}_DB_PASSWORD:\\?`)), database: `kongchuo_${db(name)}` });
      expect([user]).not.toContain('postgres');
      expect(user).not.toBe(SUPERUSER);
      users.add(user);
      expect(services[name].depends_on?.migrate?.condition).toBe('service_completed_successfully');
      const [owner, ownerPassword, ownerDatabase] = urlParts(services.migrate.environment?.[`${envName(name)}_DATABASE_URL`]);
      expect({ name, owner, ownerPassword, ownerDatabase }).toEqual({ name, owner: `kc_${db(name)}_owner`, ownerPassword: expect.stringMatching(new RegExp(`^\\$\\{${envName(name)}_DB_OWNER_PASSWORD:\\?`)), ownerDatabase: `kongchuo_${db(name)}` });
    }
    expect(users.size).toBe(SUBGRAPH_NAMES.length);
    // no service but the migrations holds an owner's password, and nothing holds the superuser's
    for (const [name, s] of Object.entries(services)) {
      const values = Object.values(s.environment ?? {}).join(' ');
      if (name !== 'postgres') expect({ name, superuser: values.includes('POSTGRES_PASSWORD') }).toEqual({ name, superuser: false });
      if (name !== 'postgres' && name !== 'migrate') expect({ name, owner: /_DB_OWNER_PASSWORD|_owner:/.test(values) }).toEqual({ name, owner: false });
    }
    expect(services.migrate.command).toEqual(['node', 'scripts/dist/migrate.js']);
    expect(services.migrate.restart).toBe('no');
    expect(services.migrate.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(Object.keys(services.migrate.environment!).filter((k) => /SECRET|JWK|TOKEN/.test(k))).toEqual([]);
  });

  it('creates the roles and databases on PostgreSQL\'s first start, with the passwords compose gives it', () => {
    const pg = services.postgres;
    expect(pg.volumes).toContain('./deploy/postgres/init.sh:/docker-entrypoint-initdb.d/10-kongchuo.sh:ro');
    expect(pg.volumes).toContain('./deploy/postgres:/kongchuo-init:ro');
    for (const name of [...SUBGRAPH_NAMES, 'identity']) {
      for (const v of [`${envName(name)}_DB_PASSWORD`, `${envName(name)}_DB_OWNER_PASSWORD`]) expect(pg.environment?.[v]).toMatch(new RegExp(`^\\$\\{${v}:\\?`));
    }
    expect(fs.statSync(path.join(ROOT, 'deploy/postgres/init.sh')).mode & 0o111).not.toBe(0);
  });

  it.each(SUBGRAPH_MODULES.map((m) => m.name))('runs %s on its own port and its own database, ready-checked, wired into the gateway', (name) => {
    const s = services[name];
    const port = String(SUBGRAPHS[name].port);
    expect(s.command).toEqual(['node', 'scripts/dist/serve.js', name]);
    expect(s.environment?.[`${envName(name)}_PORT`]).toBe(port);
    expect(s.expose).toContain(port);
    expect(s.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/ready`);
    expect(s.environment?.[`${envName(name)}_DATABASE_URL`]).toMatch(new RegExp(`@postgres:5432/kongchuo_${db(name)}$`));
    expect(s.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(services.gateway.environment?.[`${envName(name)}_URL`]).toBe(`http://${name}:${port}/graphql`);
    // the departments ask each other for row-scope membership, so each finds every other one
    for (const other of SUBGRAPH_NAMES) expect([name, other, s.environment?.[`${envName(other)}_URL`]]).toEqual([name, other, `http://${other}:${SUBGRAPHS[other].port}/graphql`]);
    expect(services.gateway.depends_on?.[name]?.condition).toBe('service_started');
  });

  it.each(Object.entries(WORKERS))('runs the %s worker on its department\'s database and role, reading the supergraph through the gateway as the department\'s service account', (worker, department) => {
    const s = services[worker];
    expect(s.command).toEqual(['node', 'scripts/dist/serve.js', worker]);
    expect(s.environment?.[`${envName(department)}_DATABASE_URL`]).toBe(services[department].environment?.[`${envName(department)}_DATABASE_URL`]);
    expect(s.environment?.GATEWAY_URL).toBe('http://gateway:4000/graphql');
    expect(s.environment?.[`SERVICE_CLIENT_SECRET_${envName(department)}`]).toMatch(new RegExp(`^\\$\\{SERVICE_CLIENT_SECRET_${envName(department)}:\\?`));
    expect(s.environment?.IDENTITY_TOKEN_URL).toBe('${IDENTITY_TOKEN_URL:-http://identity:4010/token}');
    expect(s.depends_on?.[department]?.condition).toBe('service_healthy');
    expect(s.healthcheck!.test.join(' ')).toContain(s.environment!.WORKER_HEARTBEAT_FILE);
    expect(s.expose).toBeUndefined();
  });

  it('gives no department\'s service a way to call the gateway: only workers read the supergraph', () => {
    for (const name of SUBGRAPH_NAMES) {
      const env = Object.keys(services[name].environment ?? {});
      expect({ name, reads: env.filter((k) => k === 'GATEWAY_URL' || k.startsWith('SERVICE_TOKEN_') || k.startsWith('SERVICE_CLIENT_SECRET_')) }).toEqual({ name, reads: [] });
    }
  });

  it('shares rate-limit counts in Redis, which the gateway waits for', () => {
    expect(services.gateway.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(services.gateway.depends_on?.redis?.condition).toBe('service_healthy');
    expect(services.redis.healthcheck!.test.join(' ')).toContain('redis-cli ping');
  });

  it('gives only the gateway the private signing key, each department only its own audit key, and every service production mode', () => {
    for (const [name, s] of Object.entries(services)) {
      if (name === 'postgres' || name === 'redis') continue;
      expect(s.environment?.NODE_ENV).toBe('production');
      expect(Boolean(s.environment?.GATEWAY_PRIVATE_JWK)).toBe(name === 'gateway');
      // each department signs its own audit checkpoints, and nobody else can: its private key only in its own service
      const signing = Object.keys(s.environment ?? {}).filter((k) => k.startsWith('AUDIT_SIGNING_JWK_'));
      expect([name, signing]).toEqual([name, (SUBGRAPH_NAMES as readonly string[]).includes(name) ? [`AUDIT_SIGNING_JWK_${envName(name)}`] : []]);
      // and every department has the public keys, to check the checkpoints it holds
      if ((SUBGRAPH_NAMES as readonly string[]).includes(name)) for (const d of SUBGRAPH_NAMES) expect(s.environment).toHaveProperty(`AUDIT_PUBLIC_JWK_${envName(d)}`);
      // every service can be pointed at the collector, so a trace is never cut at one service
      if (name !== 'migrate') expect(s.environment).toHaveProperty('OTEL_EXPORTER_OTLP_ENDPOINT');
    }
  });

  it('builds an image that installs every workspace and serves every service', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    for (const ws of ['shared', 'gateway', 'identity', 'dashboard', 'reports', ...SUBGRAPH_MODULES.map((m) => `subgraphs/${m.name}`)]) expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
    expect(fs.existsSync(path.join(ROOT, 'scripts/serve.ts'))).toBe(true);
  });
});

describe('deploy/postgres/init.sh', () => {
  /** Runs the init script as the postgres image would, with a stand-in psql that records its arguments. */
  function init(env: Record<string, string>): { status: number | null; stderr: string; calls: string[][] } {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-init-'));
    try {
      const log = path.join(bin, 'calls');
      fs.writeFileSync(path.join(bin, 'psql'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\037' "$a"; done >> "${log}"\necho >> "${log}"\n`, { mode: 0o755 });
      const r = spawnSync('sh', [path.join(ROOT, 'deploy/postgres/init.sh')], {
        env: { PATH: `${bin}:${process.env.PATH}`, POSTGRES_USER: 'kongchuo', POSTGRES_DB: 'kongchuo', KONGCHUO_INIT_DIR: path.join(ROOT, 'deploy/postgres'), ...env },
        encoding: 'utf8',
      });
      const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split('\x1f').filter(Boolean)) : [];
      return { status: r.status, stderr: r.stderr, calls };
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  }
  /** every database the deployment has: the departments' and the identity provider's */
  const DATABASES = [...SUBGRAPH_NAMES, 'identity'];
  const passwords = Object.fromEntries(DATABASES.flatMap((n) => [[`${envName(n)}_DB_PASSWORD`, `app-${n}`], [`${envName(n)}_DB_OWNER_PASSWORD`, `owner-${n}`]]));

  it('runs department.sql once per department (and for the identity provider) as the superuser, with the roles and database docker-compose.yml connects to', () => {
    const { status, calls } = init(passwords);
    expect(status).toBe(0);
    const departments = calls.filter((c) => c.includes('-f'));
    expect(departments).toHaveLength(DATABASES.length);
    for (const [i, name] of DATABASES.entries()) {
      const c = departments[i];
      expect(c).toEqual(expect.arrayContaining(['--username', 'kongchuo', '-f', path.join(ROOT, 'deploy/postgres/department.sql')]));
      for (const v of [`database=kongchuo_${db(name)}`, `owner=kc_${db(name)}_owner`, `app=kc_${db(name)}`, `owner_password=owner-${name}`, `app_password=app-${name}`]) expect(c).toContain(v);
      expect(urlParts(services[name].environment?.[`${envName(name)}_DATABASE_URL`])[0]).toBe(`kc_${db(name)}`);
    }
    // and no department role may connect to the databases every server has
    const revokes = calls.filter((c) => c.some((a) => a.startsWith('REVOKE CONNECT'))).map((c) => c.find((a) => a.startsWith('REVOKE'))!);
    expect(revokes).toEqual(['postgres', 'template1', 'kongchuo'].map((d) => `REVOKE CONNECT ON DATABASE "${d}" FROM PUBLIC`));
  });

  it('stops, naming the variable, when a department\'s password is missing', () => {
    const { status, stderr, calls } = init({ ...passwords, COMMUNITY_DB_OWNER_PASSWORD: '' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('COMMUNITY_DB_OWNER_PASSWORD');
    expect(stderr).not.toContain('app-community');
    expect(calls.filter((c) => c.includes('-f'))).toHaveLength(SUBGRAPH_NAMES.indexOf('community'));
  });
});

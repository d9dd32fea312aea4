/**
 * Real processes started as docker-compose.yml starts them (`serve.js <service>`, and `npm
 * start`'s `start.js`) with NODE_ENV=production: a weak or missing secret, a missing database
 * URL or a gateway without its signing key stops them at once, exit 1, with a message naming
 * the variable and never its value, before any file or database is made; a correct
 * configuration starts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { freePort } from '../support/instances';

const ROOT = path.resolve(__dirname, '..', '..');
const WEAK = 'weak-linkage-value-7';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** What `npm run -s keys` prints, as variables. */
const generated = (): Record<string, string> => {
  const printed = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'keys.js')], { encoding: 'utf8' });
  return Object.fromEntries(printed.trim().split('\n').map((l) => /^(\w+)='(.*)'$/.exec(l)!.slice(1, 3)));
};

/** An environment as a production container has it: no test settings, its own empty data folder. */
function productionEnv(extra: Record<string, string | undefined>): { env: NodeJS.ProcessEnv; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-prod-'));
  dirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: dataDir };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return { env, dataDir };
}

/** Runs `script` to its end (at most 60 s) and gives its exit code and everything it printed. */
function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dist', script), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('serve.js in production', () => {
  it('refuses a weak LINKAGE_SECRET: exit 1, naming LINKAGE_SECRET and not its value, before any file is made', async () => {
    const keys = generated();
    const { env, dataDir } = productionEnv({ ...keys, LINKAGE_SECRET: WEAK, EDUCATION_DATABASE_URL: 'postgres://kc_education:pw@127.0.0.1:1/kongchuo_education' });
    const { code, output } = await run('serve.js', ['education'], env);
    expect(code).toBe(1);
    expect(output).toContain('production: refusing to start education');
    expect(output).toMatch(/LINKAGE_SECRET is too weak \(shorter than 32 characters\)/);
    expect(output).not.toContain(WEAK);
    expect(output).not.toContain(keys.GATEWAY_PUBLIC_JWK);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a department without a database URL instead of making a SQLite file in DATA_DIR', async () => {
    const { env, dataDir } = productionEnv(generated());
    const { code, output } = await run('serve.js', ['civil-affairs'], env);
    expect(code).toBe(1);
    expect(output).toMatch(/CIVIL_AFFAIRS_DATABASE_URL \(or DATABASE_URL\) is not set/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a gateway without its signing key, never generating one', async () => {
    const keys = generated();
    const { env, dataDir } = productionEnv({ ...keys, GATEWAY_PRIVATE_JWK: undefined, TOKEN_JWKS_URL: 'https://idp.example.org/jwks' });
    const { code, output } = await run('serve.js', ['gateway'], env);
    expect(code).toBe(1);
    expect(output).toMatch(/GATEWAY_PRIVATE_JWK is not set/);
    expect(output).not.toContain(keys.LINKAGE_SECRET);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('starts with a correct configuration (keys from `npm run -s keys`, a database named), its SQLite file 0600', async () => {
    const port = await freePort();
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-prod-db-'));
    dirs.push(dbDir);
    const database = path.join(dbDir, 'state', 'community.sqlite');
    const { env } = productionEnv({ ...generated(), COMMUNITY_PORT: String(port), COMMUNITY_DATABASE_URL: database });
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'serve.js'), 'community'], { cwd: ROOT, env, stdio: 'ignore' });
    try {
      let ready = false;
      for (let i = 0; i < 600 && !ready && child.exitCode === null; i += 1) {
        ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect({ ready, exit: child.exitCode }).toEqual({ ready: true, exit: null });
      expect(fs.statSync(database).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(database)).mode & 0o777).toBe(0o700);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);
});

describe('start.js (`npm start`) in production', () => {
  it('lists every problem at once: secrets, keys, databases, the demo seed', async () => {
    const { env, dataDir } = productionEnv({ LINKAGE_SECRET: 'x' });
    const { code, output } = await run('start.js', [], env);
    expect(code).toBe(1);
    for (const v of ['LINKAGE_SECRET is too weak', 'GATEWAY_PUBLIC_JWK', 'GATEWAY_PRIVATE_JWK', 'TOKEN_ISSUER is not set', 'DASHBOARD_URLS is not set', 'IDENTITY_DATABASE_URL', 'EDUCATION_DATABASE_URL', 'JOINT_MEETING_DATABASE_URL', 'SERVICE_CLIENT_SECRET_JOINT_MEETING', 'DEMO_SEED: the demo accounts', 'DEMO_SEED: the demo world']) {
      expect(output).toContain(v);
    }
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('signing in, in production', () => {
  /** A service started as docker-compose.yml starts it; resolves when `url` answers. */
  async function serve(name: string, env: NodeJS.ProcessEnv, url: string) {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'serve.js'), name], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    for (let i = 0; i < 600; i += 1) {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
      if (await fetch(url).then((r) => r.ok, () => false)) return child;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${name} did not answer`);
  }
  const stop = (child: ReturnType<typeof spawn>) => new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });

  it('has no development sign-in: no demo accounts, no dev-login route, no token but the provider\'s', async () => {
    const [identityPort, gatewayPort] = [await freePort(), await freePort()];
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-prod-id-'));
    dirs.push(dbDir);
    const common = { TOKEN_ISSUER: 'https://id.liunan.example.gov.cn', DASHBOARD_URLS: 'https://kongchuo.liunan.example.gov.cn' };
    const idEnv = productionEnv({ ...common, IDENTITY_PORT: String(identityPort), IDENTITY_DATABASE_URL: path.join(dbDir, 'identity.sqlite') }).env;
    // the demo accounts (with the password README gives) are refused outright
    const seeded = await run('serve.js', ['identity'], { ...idEnv, DEMO_SEED: 'on' });
    expect(seeded.code).toBe(1);
    expect(seeded.output).toContain('DEMO_SEED: the demo accounts');
    const identity = await serve('identity', idEnv, `http://127.0.0.1:${identityPort}/ready`);
    const gwEnv = productionEnv({ ...generated(), ...common, PORT: String(gatewayPort), TOKEN_JWKS_URL: `http://127.0.0.1:${identityPort}/jwks` }).env;
    const gateway = await serve('gateway', gwEnv, `http://127.0.0.1:${gatewayPort}/health`);
    try {
      const gw = `http://127.0.0.1:${gatewayPort}`;
      for (const [method, route] of [['POST', '/auth/dev-login'], ['GET', '/auth/accounts']]) {
        const r = await fetch(`${gw}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? JSON.stringify({ account: 'joint-meeting' }) : undefined });
        expect({ route, status: r.status }).toEqual({ route, status: 404 });
      }
      expect(await (await fetch(`${gw}/auth/config`)).json()).toMatchObject({ issuer: 'https://id.liunan.example.gov.cn', clientId: 'kongchuo-dashboard' });
      // a token signed with any key but the provider's is refused (production has no development key to sign with)
      const pair = await (await import('jose')).generateKeyPair('ES256');
      const forged = await new (await import('jose')).SignJWT({ name: 'x', department: 'joint_meeting', role: 'member', scope_kind: 'district', scope_code: '450204' })
        .setProtectedHeader({ alg: 'ES256' }).setSubject('joint-meeting').setIssuer(common.TOKEN_ISSUER).setAudience('kongchuo').setExpirationTime('5m').sign(pair.privateKey);
      const r = await fetch(`${gw}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` }, body: JSON.stringify({ query: '{ schools { code } }' }) });
      expect(r.status).toBe(401);

      // nobody can sign in until the operator makes the district's first administrator; that also makes the
      // joint meeting's service account, whose secret gets the cross-check worker its tokens
      const boot = await run('accounts.js', ['bootstrap', 'liunan-admin', '--name', '区级账号管理员'], idEnv);
      expect(boot.code).toBe(0);
      expect(boot.output).toMatch(/password, shown once: \w{16}/);
      const secret = /SERVICE_CLIENT_SECRET_JOINT_MEETING='([^']+)'/.exec(boot.output)![1];
      const again = await run('accounts.js', ['bootstrap', 'someone-else'], idEnv);
      expect(again.code).toBe(1);
      expect(again.output).toContain('there is already a district account administrator');
      const got = await fetch(`http://127.0.0.1:${identityPort}/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`svc-joint-meeting:${secret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      expect(got.status).toBe(200);
      const { access_token: token } = (await got.json()) as { access_token: string };
      const answered = await fetch(`${gw}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ schools { code } }' }) });
      // the token is the provider's: the gateway takes it (the departments are not running here, so the answer names them)
      const body = (await answered.json()) as { errors?: { extensions?: { code?: string; serviceName?: string } }[] };
      expect({ status: answered.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 200, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await stop(gateway);
      await stop(identity);
    }
  }, 120_000);
});

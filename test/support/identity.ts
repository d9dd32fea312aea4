/**
 * The embedded OpenID provider as if it were the district's own: `serve.js identity` in a process
 * of its own, on its own URL and database (a fresh SQLite file, or a throwaway PostgreSQL database
 * when TEST_DATABASE=postgres), with the demo accounts; and a gateway of the test's own in front of
 * the shared system's departments that checks tokens against the provider's JWKS, as production does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { loadConfig, type Config, type SubgraphName } from '@kongchuo/shared/core';
import type { KeyMaterial } from '@kongchuo/shared/identity';
import type { RunningService } from '@kongchuo/shared/server';
import { createPostgresDatabases, postgresUrl, scratchName } from '../../scripts/databases';
import { passwordSignIn, type SignedIn } from '../../scripts/sign-in';
import { freePort, gatewayWith, spawnServe } from './instances';
import { usingPostgres } from './system';

export interface TestIdentity {
  issuer: string;
  /** the provider's environment (for its CLI: scripts/dist/accounts.js) */
  env: NodeJS.ProcessEnv;
  /** the configuration a client of this provider has (issuer, claims, IDENTITY_URL) */
  config: Config;
  gateway: RunningService;
  /** the gateway's origin, where the dashboard is */
  origin: string;
  /** signs in at the provider's login form (the CLI client, or the dashboard's: it gets a refresh token) */
  signIn(username: string, password: string, as?: 'cli' | 'dashboard'): Promise<SignedIn>;
  /** the provider's account administration, as `token` */
  admin<T = Record<string, unknown>>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T & { errors?: { message: string; extensions: { code: string; field?: string } }[] } }>;
  /** stops the provider and starts it again on the same port and database */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestIdentityOptions {
  /** the provider's own settings (token and session lifetimes, …) */
  env?: Record<string, string>;
  /** the gateway's (TRUSTED_DOCUMENTS, …) */
  gatewayEnv?: Record<string, string>;
  /** another system's departments, and that system's keys (the shared system's by default) */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  keys?: KeyMaterial;
}

export async function startTestIdentity(opts: TestIdentityOptions = {}): Promise<TestIdentity> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const gateway = await gatewayWith(opts.subgraphUrls ?? {}, { TOKEN_ISSUER: issuer, TOKEN_JWKS_URL: `${issuer}/jwks`, TOKEN_JWKS_COOLDOWN_SECONDS: '0', ...opts.gatewayEnv }, opts.keys);
  const origin = new URL(gateway.url).origin;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-identity-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'fatal', DATA_DIR: dataDir, DEMO_SEED: 'on',
    IDENTITY_PORT: String(port), TOKEN_ISSUER: issuer, DASHBOARD_URLS: origin, GATEWAY_URL: gateway.url, ...opts.env,
  };
  let dropDatabase = async () => {};
  if (usingPostgres()) {
    const name = scratchName('kc_test_identity');
    dropDatabase = await createPostgresDatabases([name]);
    env.IDENTITY_DATABASE_URL = postgresUrl(name);
  }
  let child: ChildProcess;
  const spawnProvider = async () => {
    child = await spawnServe('identity', env, () => fetch(`${issuer}/ready`).then((r) => r.ok, () => false));
  };
  const stopProvider = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  await spawnProvider();
  const config = loadConfig({ TOKEN_ISSUER: issuer, IDENTITY_PORT: String(port) });
  return {
    issuer, env, config, gateway, origin,
    signIn: (username, password, as = 'cli') => passwordSignIn(config, username, password, as === 'dashboard' ? { id: 'kongchuo-dashboard', redirectUri: `${origin}/auth/callback` } : undefined),
    async admin(token, method, p, body) {
      const res = await fetch(`${issuer}/admin${p}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: await res.json() };
    },
    async restart() {
      await stopProvider();
      await spawnProvider();
    },
    async stop() {
      await stopProvider();
      await gateway.stop();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

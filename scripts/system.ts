/**
 * Starts the real system for tests and benchmarks: every subgraph on its own database (a fresh SQLite file, or a
 * throwaway PostgreSQL database when TEST_DATABASE=postgres) and the real gateway, all on
 * ephemeral ports, with fresh development keys in a temporary data folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startGateway } from '@kongchuo/gateway';
import { createLogger, loadConfig, loadKeys, type Config, type KeyMaterial, type RunningService, type SubgraphName } from '@kongchuo/shared';
import { SUBGRAPH_MODULES } from './subgraphs';

export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const usingPostgres = () => process.env.TEST_DATABASE === 'postgres';

export interface TestSystem {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  config: Config;
  keys: KeyMaterial;
  subgraphs: Record<SubgraphName, RunningService>;
  stop(): Promise<void>;
}

async function createDatabases(names: string[]): Promise<() => Promise<void>> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  for (const n of names) await admin.query(`create database ${n}`);
  await admin.end();
  return async () => {
    const c = new Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    for (const n of names) await c.query(`drop database if exists ${n} with (force)`);
    await c.end();
  };
}

export async function startSystem(opts: { demo?: boolean; onQuery?: (sql: string) => void; dataDir?: string } = {}): Promise<TestSystem> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kc-test-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' };
  let dropDatabases = async () => {};
  if (usingPostgres()) {
    const run = randomBytes(4).toString('hex');
    const names = SUBGRAPH_MODULES.map((m) => `kc_test_${run}_${m.name.replace(/-/g, '_')}`);
    dropDatabases = await createDatabases(names);
    SUBGRAPH_MODULES.forEach((m, i) => (env[`${m.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`] = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${names[i]}`)));
  }
  const config = loadConfig(env);
  const keys = await loadKeys(config, env);
  const logger = createLogger('test', config.logLevel);
  const subgraphs = {} as Record<SubgraphName, RunningService>;
  for (const m of SUBGRAPH_MODULES) {
    subgraphs[m.name] = await m.start({ config, keys, logger, port: 0, demo: opts.demo ?? true, onQuery: opts.onQuery });
  }
  const subgraphUrls = Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url])) as Record<SubgraphName, string>;
  const gateway = await startGateway({ config, keys, logger, port: 0, subgraphUrls });
  return {
    gatewayUrl: gateway.url,
    subgraphUrls,
    dataDir,
    env,
    config,
    keys,
    subgraphs,
    async stop() {
      await gateway.stop();
      for (const s of Object.values(subgraphs)) await s.stop();
      await dropDatabases();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `node scripts/dist/system.js`: runs a throwaway system in its own process (the jest global
 * setup does this), prints one line `KC_SYSTEM_READY {json}` when it serves, and removes its
 * databases and data folder on SIGTERM.
 */
if (require.main === module) {
  startSystem({ demo: process.env.DEMO_SEED !== 'off' })
    .then((system) => {
      const { gatewayUrl, subgraphUrls, dataDir } = system;
      process.stdout.write(`KC_SYSTEM_READY ${JSON.stringify({ gatewayUrl, subgraphUrls, dataDir })}\n`);
      const stop = () => system.stop().then(() => process.exit(0), () => process.exit(1));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

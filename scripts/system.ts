/**
 * Starts the real system for tests and benchmarks: every subgraph on its own database (a fresh SQLite file, or a
 * throwaway PostgreSQL database when TEST_DATABASE=postgres) and the real gateway, all on
 * ephemeral ports, with fresh development keys in a temporary data folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '@kongchuo/gateway';
import { loadConfig, type Config, type SubgraphName } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { loadKeys, type KeyMaterial } from '@kongchuo/shared/identity';
import { type SubgraphService } from '@kongchuo/shared/server';
import { SUBGRAPH_MODULES, startWorkers } from './subgraphs';

export { PG_ADMIN_URL } from './databases';
import { createPostgresDatabases, postgresUrl, scratchName } from './databases';
export const usingPostgres = () => process.env.TEST_DATABASE === 'postgres';

export interface TestSystem {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** each department's database (a SQLite file under dataDir, or a throwaway PostgreSQL database) */
  databaseUrls: Record<SubgraphName, string>;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  config: Config;
  keys: KeyMaterial;
  subgraphs: Record<SubgraphName, SubgraphService>;
  stop(): Promise<void>;
}

export async function startSystem(opts: { demo?: boolean; onQuery?: (sql: string) => void; dataDir?: string } = {}): Promise<TestSystem> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kc-test-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    // tests and benchmarks drive the system far faster than people do; rate limits are tested on their own gateways
    RATE_LIMIT_USER_PER_MINUTE: process.env.RATE_LIMIT_USER_PER_MINUTE ?? '10000000',
    RATE_LIMIT_DEPARTMENT_PER_MINUTE: process.env.RATE_LIMIT_DEPARTMENT_PER_MINUTE ?? '10000000',
    // and run the 四查三比对 again and again, reading any run they made (cross-check-bounds.test.ts runs its own with the bounds on)
    CROSS_CHECK_MIN_INTERVAL_SECONDS: process.env.CROSS_CHECK_MIN_INTERVAL_SECONDS ?? '0',
    CROSS_CHECK_KEEP_RUNS: process.env.CROSS_CHECK_KEEP_RUNS ?? '1000',
    // audit checkpoints only when a test takes one (`checkpointAudit`), so none lands in the middle of a test's tampering
    AUDIT_CHECKPOINT_SECONDS: process.env.AUDIT_CHECKPOINT_SECONDS ?? '0',
  };
  let dropDatabases = async () => {};
  if (usingPostgres()) {
    const run = scratchName('kc_test');
    const names = SUBGRAPH_MODULES.map((m) => `${run}_${m.name.replace(/-/g, '_')}`);
    dropDatabases = await createPostgresDatabases(names);
    SUBGRAPH_MODULES.forEach((m, i) => (env[`${m.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`] = postgresUrl(names[i])));
  }
  const config = loadConfig(env);
  const keys = await loadKeys(config, env);
  const logger = createLogger('test', config.logLevel);
  const subgraphs = {} as Record<SubgraphName, SubgraphService>;
  for (const m of SUBGRAPH_MODULES) {
    subgraphs[m.name] = await m.start({ config, keys, logger, port: 0, demo: opts.demo ?? true, onQuery: opts.onQuery });
    // departments ask each other service to service (row-scope membership); the config reads this lazily
    env[`${m.name.toUpperCase().replace(/-/g, '_')}_URL`] = subgraphs[m.name].url;
  }
  const subgraphUrls = Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url])) as Record<SubgraphName, string>;
  const gateway = await startGateway({ config, keys, logger, port: 0, subgraphUrls });
  env.GATEWAY_URL = gateway.url; // the departments' workers read the supergraph through it
  const workers = await startWorkers({ config, keys, logger });
  return {
    gatewayUrl: gateway.url,
    subgraphUrls,
    databaseUrls: Object.fromEntries(SUBGRAPH_MODULES.map((m) => [m.name, config.databaseUrl(m.name)])) as Record<SubgraphName, string>,
    dataDir,
    env,
    config,
    keys,
    subgraphs,
    async stop() {
      for (const w of workers) await w.stop();
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
      const { gatewayUrl, subgraphUrls, databaseUrls, dataDir } = system;
      process.stdout.write(`KC_SYSTEM_READY ${JSON.stringify({ gatewayUrl, subgraphUrls, databaseUrls, dataDir })}\n`);
      const stop = () => system.stop().then(() => process.exit(0), () => process.exit(1));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

/**
 * `node scripts/dist/serve.js <service>`: runs one service of the system in its own process, as
 * docker-compose.yml deploys them (`gateway`, `identity` (the OpenID provider), a subgraph name, or
 * a department's worker: `cross-check`). Configuration comes from the
 * environment (docs/operations.md#configuration).
 */
import 'reflect-metadata';
import { startGateway } from '@kongchuo/gateway';
import { loadConfig, WORKERS, type WorkerName } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { loadKeys } from '@kongchuo/shared/identity';
import { ProductionConfigError, assertProductionReady, exitOnSignals, type StoppableService } from '@kongchuo/shared/server';
import { startIdentityProvider } from '@kongchuo/identity';
import { SUBGRAPH_MODULES } from './subgraphs';

async function main() {
  const name = process.argv[2];
  const m = SUBGRAPH_MODULES.find((s) => s.name === name);
  // a department's worker (the joint meeting's cross-check) runs in a process of its own
  const worker = name in WORKERS ? (name as WorkerName) : undefined;
  const owner = worker && SUBGRAPH_MODULES.find((s) => s.name === WORKERS[worker]);
  if (name !== 'gateway' && name !== 'identity' && !m && !owner) throw new Error(`usage: serve <gateway|identity|${[...SUBGRAPH_MODULES.map((s) => s.name), ...Object.keys(WORKERS)].join('|')}>`);
  const config = loadConfig();
  const demo = process.env.DEMO_SEED === 'on';
  // production: weak or missing secrets, no database URL, no signing key — refused before anything is opened
  assertProductionReady(config, process.env, [m ? m.name : worker ?? (name as 'gateway' | 'identity')], { demo: demo && !worker });
  const logger = createLogger(name, config.logLevel);
  if (name === 'identity') {
    // the provider needs none of the system's keys: its own are in its database
    const provider = await startIdentityProvider({ config, logger, demo });
    exitOnSignals(() => [provider], logger);
    return;
  }
  const keys = await loadKeys(config);
  const service: StoppableService = m ? await m.start({ config, keys, logger, demo })
    : owner && worker ? await owner.startWorker(worker, { config, keys, logger })
    : await startGateway({ config, keys, logger });
  exitOnSignals(() => [service], logger);
}

main().catch((e) => {
  // a refusal is its message alone (it names the variables, never their values)
  console.error(e instanceof ProductionConfigError ? e.message : e);
  process.exit(1);
});

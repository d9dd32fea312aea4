/**
 * `npm start`: the whole system on the embedded default (SQLite files under data/), seeded with
 * the Liunan 2018 demo on first start; the gateway at http://localhost:4000/graphql (PORT).
 */
import 'reflect-metadata';
import { startGateway } from '@kongchuo/gateway';
import { databaseKind, loadConfig } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { loadKeys } from '@kongchuo/shared/identity';
import { ProductionConfigError, assertProductionReady, exitOnSignals, type SubgraphService } from '@kongchuo/shared/server';
import { SUBGRAPH_MODULES, startWorkers } from './subgraphs';

async function main() {
  const config = loadConfig();
  const demo = process.env.DEMO_SEED !== 'off';
  assertProductionReady(config, process.env, ['gateway', ...SUBGRAPH_MODULES.map((m) => m.name), ...SUBGRAPH_MODULES.flatMap((m) => m.workers)], { demo });
  const keys = await loadKeys(config);
  const logger = createLogger('start', config.logLevel);
  const departments: SubgraphService[] = [];
  for (const m of SUBGRAPH_MODULES) {
    const service = await m.start({ config, keys, demo });
    departments.push(service);
    logger.info({ subgraph: m.name, database: databaseKind(config.databaseUrl(m.name)) }, 'subgraph ready');
  }
  const gateway = await startGateway({ config, keys });
  const workers = await startWorkers({ config, keys });
  const url = `http://localhost:${gateway.port}/graphql`;
  console.log(`\n控辍保学 gateway ready at ${url}\nget a token:  npm run -s token -- edu-admin\n`);

  // the gateway first: the requests it is finishing still reach the departments. Then every
  // department's last audit checkpoint while all of them are up (each holds another's: the joint
  // meeting the four departments', education the joint meeting's), then the departments
  const lastCheckpoints = {
    name: 'audit checkpoints',
    stop: async () => {
      const taken = await Promise.allSettled(departments.map((d) => d.checkpointAudit()));
      taken.forEach((t, i) => t.status === 'rejected' && logger.warn({ subgraph: departments[i].name, reason: (t.reason as Error).message }, 'last audit checkpoint not delivered'));
    },
  };
  exitOnSignals(() => [...workers, gateway, lastCheckpoints, ...departments.slice().reverse()], logger);
}

main().catch((e) => {
  console.error(e instanceof ProductionConfigError ? e.message : e);
  process.exit(1);
});

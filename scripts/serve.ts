/**
 * `node scripts/dist/serve.js <service>`: runs one service of the system in its own process, as
 * docker-compose.yml deploys them (`gateway`, or a subgraph name). Configuration comes from the
 * environment (see README, "Configuration").
 */
import 'reflect-metadata';
import { startGateway } from '@kongchuo/gateway';
import { createLogger, exitOnSignals, loadConfig, loadKeys, type RunningService } from '@kongchuo/shared';
import { SUBGRAPH_MODULES } from './subgraphs';

async function main() {
  const name = process.argv[2];
  const config = loadConfig();
  const keys = await loadKeys(config);
  const logger = createLogger(name ?? 'serve', config.logLevel);
  let service: RunningService;
  if (name === 'gateway') {
    service = await startGateway({ config, keys, logger });
  } else {
    const m = SUBGRAPH_MODULES.find((s) => s.name === name);
    if (!m) throw new Error(`usage: serve <gateway|${SUBGRAPH_MODULES.map((s) => s.name).join('|')}>`);
    service = await m.start({ config, keys, logger, demo: process.env.DEMO_SEED === 'on' });
  }
  exitOnSignals(() => [service], logger);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

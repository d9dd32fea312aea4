/**
 * `npm start`: the whole system on the embedded default (SQLite files under data/), seeded with
 * the Liunan 2018 demo on first start: the identity provider at http://localhost:4010
 * (IDENTITY_PORT) with the demo accounts, the departments, the gateway and the dashboard at
 * http://localhost:4000 (PORT). With TOKEN_JWKS_URL or TOKEN_PUBLIC_JWK set, the district's own
 * provider signs people in instead and the embedded one does not start.
 */
import 'reflect-metadata';
import { startGateway } from '@kongchuo/gateway';
import { databaseKind, loadConfig } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { loadKeys } from '@kongchuo/shared/identity';
import { ProductionConfigError, assertProductionReady, exitOnSignals, type SubgraphService } from '@kongchuo/shared/server';
import { DEMO_PASSWORD, startIdentityProvider, type IdentityProvider } from '@kongchuo/identity';
import { SUBGRAPH_MODULES, startWorkers } from './subgraphs';

async function main() {
  const embedded = !process.env.TOKEN_JWKS_URL && !process.env.TOKEN_PUBLIC_JWK;
  // the gateway checks tokens with the embedded provider's published keys, on this machine
  if (embedded) process.env.TOKEN_JWKS_URL = `http://127.0.0.1:${loadConfig().identity.port}/jwks`;
  let config = loadConfig();
  const demo = process.env.DEMO_SEED !== 'off';
  assertProductionReady(config, process.env, [...(embedded ? ['identity' as const] : []), 'gateway', ...SUBGRAPH_MODULES.map((m) => m.name), ...SUBGRAPH_MODULES.flatMap((m) => m.workers)], { demo });
  const keys = await loadKeys(config);
  const logger = createLogger('start', config.logLevel);
  let identity: IdentityProvider | undefined;
  if (embedded) {
    identity = await startIdentityProvider({ config, demo });
    // the worker signs in as its service account at the provider's token endpoint, on this machine
    process.env.IDENTITY_URL ??= `http://127.0.0.1:${identity.port}`;
    const secret = await identity.serviceSecret('svc-joint-meeting');
    if (secret && !process.env.SERVICE_CLIENT_SECRET_JOINT_MEETING) process.env.SERVICE_CLIENT_SECRET_JOINT_MEETING = secret;
    config = loadConfig();
  }
  const departments: SubgraphService[] = [];
  for (const m of SUBGRAPH_MODULES) {
    const service = await m.start({ config, keys, demo });
    departments.push(service);
    logger.info({ subgraph: m.name, database: databaseKind(config.databaseUrl(m.name)) }, 'subgraph ready');
  }
  const gateway = await startGateway({ config, keys });
  const workers = await startWorkers({ config, keys });
  const url = `http://localhost:${gateway.port}`;
  console.log([
    '',
    `控辍保学 ready: the dashboard at ${url}/ , GraphQL at ${url}/graphql`,
    identity && demo ? `sign in as a demo account (edu-admin, police, grid-worker, joint-meeting, district-admin, …) with the password ${DEMO_PASSWORD}` : `sign in at ${config.token.issuer}`,
    'a bearer token for curl:  npm run -s token -- edu-admin',
    '',
  ].join('\n'));

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
  exitOnSignals(() => [...workers, gateway, lastCheckpoints, ...departments.slice().reverse(), ...(identity ? [identity] : [])], logger);
}

main().catch((e) => {
  console.error(e instanceof ProductionConfigError ? e.message : e);
  process.exit(1);
});

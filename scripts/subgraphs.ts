/** Every subgraph of the system (and every service with a database), for scripts and tests: schema, database, start, seed. */
import { printSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphModule, WorkerService } from '@kongchuo/shared/server';
import type { SubgraphName } from '@kongchuo/shared/core';
import { education } from '@kongchuo/education';
import { publicSecurity } from '@kongchuo/public-security';
import { civilAffairs } from '@kongchuo/civil-affairs';
import { community } from '@kongchuo/community';
import { jointMeeting } from '@kongchuo/joint-meeting';
import { identityDatabase } from '@kongchuo/identity';

export type { SubgraphModule };

export const SUBGRAPH_MODULES: SubgraphModule[] = [education, publicSecurity, civilAffairs, community, jointMeeting];

/** Every service with a database of its own (the departments and the identity provider), and where its migrations live. */
export const DATABASE_SERVICES: { name: SubgraphName | 'identity'; database: SubgraphModule['database']; migrations: string }[] = [
  ...SUBGRAPH_MODULES.map((m) => ({ name: m.name, database: m.database, migrations: `subgraphs/${m.name}/src/migrations` })),
  { name: 'identity', database: identityDatabase, migrations: 'identity/src/migrations' },
];

/**
 * Every department's workers (the joint meeting's 四查三比对), each reading the supergraph through
 * the gateway at `GATEWAY_URL`: started once the gateway is up, stopped before it.
 */
export async function startWorkers(opts: Parameters<SubgraphModule['startWorker']>[1]): Promise<WorkerService[]> {
  const workers: WorkerService[] = [];
  for (const m of SUBGRAPH_MODULES) for (const w of m.workers) workers.push(await m.startWorker(w, opts));
  return workers;
}

export async function subgraphSdl(m: SubgraphModule): Promise<string> {
  return printSubgraphSchema(await m.buildSchema());
}

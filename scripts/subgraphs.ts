/** Every subgraph of the system, for scripts and tests: schema, database, start, seed. */
import { printSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphModule } from '@kongchuo/shared/server';
import { education } from '@kongchuo/education';
import { publicSecurity } from '@kongchuo/public-security';
import { civilAffairs } from '@kongchuo/civil-affairs';
import { community } from '@kongchuo/community';
import { jointMeeting } from '@kongchuo/joint-meeting';

export type { SubgraphModule };

export const SUBGRAPH_MODULES: SubgraphModule[] = [education, publicSecurity, civilAffairs, community, jointMeeting];

export async function subgraphSdl(m: SubgraphModule): Promise<string> {
  return printSubgraphSchema(await m.buildSchema());
}

/**
 * The registry of subgraphs for scripts and tests: how to build each one's schema, open its
 * database, start it, and seed its share of the demo world.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { DatabaseSpec, SubgraphName } from '@kongchuo/shared';
import { buildEducationSchema, educationDatabase, startEducation, type EducationService, type StartOptions } from '@kongchuo/education';

export interface SubgraphModule {
  name: SubgraphName;
  buildSchema(): Promise<GraphQLSchema>;
  database(url: string, extra?: Partial<DatabaseSpec>): DatabaseSpec;
  start(opts: StartOptions): Promise<EducationService>;
}

export const SUBGRAPH_MODULES: SubgraphModule[] = [
  { name: 'education', buildSchema: buildEducationSchema, database: educationDatabase, start: startEducation },
];

export async function subgraphSdl(m: SubgraphModule): Promise<string> {
  return printSubgraphSchema(await m.buildSchema());
}

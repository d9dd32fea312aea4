import 'reflect-metadata';
import { defineSubgraph } from '@kongchuo/shared/server';
import { entities } from './entities';
import { importers } from './imports/residents.importer';
import { scopeMembers } from './scope';
import { createLoaders, type Loaders } from './loaders';
import { HomeVisitAttestationResolver } from './resolvers/attestation.resolver';
import { referenceResolvers } from './resolvers/references';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';
import { Student, StudentResolver } from './resolvers/student.resolver';
import { CommunityResolver } from './resolvers/community.resolver';

export * from './entities';

/** 街道/社区 subdistrict & community subgraph: communities, grids, resident households, home visits. */
export const community = defineSubgraph<Loaders>({
  name: 'community',
  entities,
  migrations: { sqlite, postgresql },
  resolvers: [StudentResolver, CommunityResolver, HomeVisitAttestationResolver],
  orphanedTypes: [Student],
  referenceResolvers,
  loaders: createLoaders,
  // the demo world is loaded only when a service seeds it: never in production
  seed: () => import('./seed/liunan-2018').then((m) => m.seedCommunity),
  importers,
  scopeMembers,
});

export const listen = (port: number) => community.start({ port });

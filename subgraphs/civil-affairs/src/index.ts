import 'reflect-metadata';
import { defineSubgraph } from '@kongchuo/shared/server';
import { entities } from './entities';
import { importers } from './imports/poverty.importer';
import { createLoaders, type Loaders } from './loaders';
import { AidGrantAttestationResolver } from './resolvers/attestation.resolver';
import { referenceResolvers } from './resolvers/references';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';
import { Student, StudentResolver } from './resolvers/student.resolver';
import { RegistryResolver } from './resolvers/registry.resolver';

export * from './entities';

/** 民政/扶贫 subgraph: registered-poor households, aid grants, left-behind children, disability records. */
export const civilAffairs = defineSubgraph<Loaders>({
  name: 'civil-affairs',
  entities,
  migrations: { sqlite, postgresql },
  resolvers: [StudentResolver, RegistryResolver, AidGrantAttestationResolver],
  orphanedTypes: [Student],
  referenceResolvers,
  loaders: createLoaders,
  // the demo world is loaded only when a service seeds it: never in production
  seed: () => import('./seed/liunan-2018').then((m) => m.seedCivilAffairs),
  importers,
});

export const listen = (port: number) => civilAffairs.start({ port });

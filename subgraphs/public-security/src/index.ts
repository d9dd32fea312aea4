import 'reflect-metadata';
import { defineSubgraph } from '@kongchuo/shared/server';
import { entities } from './entities';
import { importers } from './imports/hukou.importer';
import { createLoaders, type Loaders } from './loaders';
import { LocateRequestAttestationResolver, LegalNoticeAttestationResolver } from './resolvers/attestation.resolver';
import { referenceResolvers } from './resolvers/references';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';
import { Student, StudentResolver } from './resolvers/student.resolver';
import { RegistryResolver } from './resolvers/registry.resolver';

export * from './entities';

/** 公安 subgraph: household registration (户籍), residence permits, locate requests, employer cases. */
export const publicSecurity = defineSubgraph<Loaders>({
  name: 'public-security',
  entities,
  migrations: { sqlite, postgresql },
  resolvers: [StudentResolver, RegistryResolver, LocateRequestAttestationResolver, LegalNoticeAttestationResolver],
  orphanedTypes: [Student],
  referenceResolvers,
  loaders: createLoaders,
  // the demo world is loaded only when a service seeds it: never in production
  seed: () => import('./seed/liunan-2018').then((m) => m.seedPublicSecurity),
  importers,
});

export const listen = (port: number) => publicSecurity.start({ port });

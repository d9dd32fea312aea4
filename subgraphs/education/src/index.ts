import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/core';
import { createLogger, loadConfig, loadKeys, startSubgraphServer, type Config, type KeyMaterial, type Logger, type RunningService } from '@kongchuo/shared';
import { buildEducationSchema } from './schema';
import { createContext } from './context';
import { openEducationDatabase } from './database';

export { buildEducationSchema } from './schema';
export { educationDatabase, openEducationDatabase } from './database';
export { seedEducation } from './seed/liunan-2018';
import { seedEducation } from './seed/liunan-2018';
export * from './entities';

export interface EducationService extends RunningService {
  orm: MikroORM;
}

export interface StartOptions {
  config?: Config;
  keys?: KeyMaterial;
  logger?: Logger;
  port?: number;
  /** counts SQL statements (tests, benchmarks) */
  onQuery?: (sql: string) => void;
  /** seed the Liunan 2018 demo into an empty database before listening */
  demo?: boolean;
}

/** 教育局 subgraph: student status, schools, dropout cases, screenings, interviews, overview. */
export async function startEducation(opts: StartOptions = {}): Promise<EducationService> {
  const config = opts.config ?? loadConfig();
  const keys = opts.keys ?? (await loadKeys(config));
  const logger = opts.logger ?? createLogger('education', config.logLevel);
  const orm = await openEducationDatabase(config.databaseUrl('education'), { logger, onQuery: opts.onQuery });
  if (opts.demo) {
    const seeded = await seedEducation(orm.em, keys.linkageSecret);
    if (seeded) logger.info(seeded, 'demo data seeded');
  }
  const schema = await buildEducationSchema();
  const services = { em: orm.em, logger, linkageSecret: keys.linkageSecret };
  const running = await startSubgraphServer({
    name: 'education',
    port: opts.port ?? config.subgraphPort('education'),
    schema,
    config,
    keys,
    logger,
    context: (identity, requestId) => createContext(services, identity, requestId),
    ready: async () => {
      await orm.em.getConnection().execute('select 1');
    },
    onStop: () => orm.close(),
  });
  return { ...running, orm };
}

/** Starts the service on a port with configuration from the environment. */
export const listen = (port: number) => startEducation({ port });

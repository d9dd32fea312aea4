import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import type { Config, SubgraphName, WorkerName } from '../core';
import type { KeyMaterial, Identity, ScopeKind } from '../identity';
import { createLogger, type Logger, serviceMetrics, databaseSpans, operationSpans, startTracing } from '../observability';
import { loadConfig, databaseKind, databaseRole, openDatabase, sqlOf, type DatabaseSpec, SUBGRAPHS, WORKERS } from '../core';
import { loadKeys, replayGuard } from '../identity';
import { buildFederatedSchema } from './federation';
import { startSubgraphServer, type RunningService } from './subgraph-server';
import { todayInChina } from '../domain';
import { serviceIdentity, supergraphReader } from './service-client';
import { runWorker, type WorkerDefinition, type WorkerService } from './worker';
import { attestations, type Attestations } from './attestations';
import { AuditEntry, AuditRecorder, AuditWriter, auditLogResolver, auditPlugin, AuditCheckpoint, AUDIT_CHECKPOINT_PATH, auditCheckpointer, checkpointEndpoint, checkpointsHeldBy, type CheckpointTaken, auditPublicVariable, auditSigningVariable, loadAuditKeys, type AuditKeys } from '../audit';
import { ImportBatch, ImportRow, importResolver, sweepAbandonedImports, type Importer } from '../imports';
import { aggregateCache, invalidateOnWrite, type AggregateCache } from './aggregate-cache';
import { rowScopes, scopeEndpoint, SCOPE_PATH, type RowScope, type ScopeMembers } from '../policy';

/** What every resolver of every subgraph gets. */
export interface SubgraphContext<L = unknown> {
  identity: Identity;
  /** request-scoped EntityManager */
  em: EntityManager;
  /** request-scoped DataLoaders */
  loaders: L;
  /** the gateway's id of this request (signed by it) */
  requestId: string;
  /** the operation as the gateway named it: a trusted document's registered name or `sha256:<hex>` of the document (signed by it) */
  operation: string;
  logger: Logger;
  linkageSecret: string;
  /** GB/T 2260 code of the district this deployment serves */
  districtCode: string;
  /** today's date in China (YYYY-MM-DD): nothing may be dated after it */
  today: () => string;
  /** this request's audit entries, written when it ends */
  audit: AuditRecorder;
  /** signs facts of this department's records for another department, and checks another's (attestations.ts) */
  attestations: Attestations;
  /** aggregates kept until this service's next write (never personal data) */
  cache: AggregateCache;
  /** the caller's row scope: which children this request may reach (shared/src/policy/row-scope.ts) */
  scope: RowScope;
  /** this service's configuration */
  config: Config;
}

export interface SubgraphService extends RunningService {
  orm: MikroORM;
  /** signs the audit chain's head now and hands it to its holder (shared/src/audit/checkpoint.ts); null for an empty chain */
  checkpointAudit(): Promise<CheckpointTaken | null>;
}

export interface StartOptions {
  config?: Config;
  keys?: KeyMaterial;
  /** the audit checkpoint keys (default: loadAuditKeys) */
  auditKeys?: AuditKeys;
  logger?: Logger;
  port?: number;
  /** counts SQL statements (tests, benchmarks) */
  onQuery?: (sql: string) => void;
  /** seed this department's share of the demo world into an empty database before listening */
  demo?: boolean;
}

export interface SubgraphDefinition<L> {
  name: SubgraphName;
  entities: DatabaseSpec['entities'];
  migrations: DatabaseSpec['migrations'];
  // eslint-disable-next-line @typescript-eslint/ban-types
  resolvers: NonEmptyArray<Function>;
  /** types to include though no query returns them (e.g. the `Student` a subgraph only extends) */
  // eslint-disable-next-line @typescript-eslint/ban-types
  orphanedTypes?: Function[];
  /** `{ Student: { __resolveReference } }`: batched through the loaders */
  referenceResolvers: Record<string, { __resolveReference: (ref: never, ctx: SubgraphContext<L>) => unknown }>;
  loaders: (em: EntityManager, identity: Identity) => L;
  /**
   * Loads this department's demo seeder (`() => import('./seed/liunan-2018')…`): only when a
   * service seeds the demo, so a production service never loads the demo world (@kongchuo/demo, faker).
   */
  seed: () => Promise<DemoSeeder>;
  /** the scope kinds whose facts this department keeps (education: school; community: subdistrict, community), from its own database */
  scopeMembers?: (em: () => EntityManager) => Partial<Record<ScopeKind, ScopeMembers>>;
  /** the department's background workers (workers/*.worker.ts), each run by `serve.js <name>` in its own process */
  workers?: WorkerDefinition[];
  /** the files this department takes in (xlsx/CSV bulk imports) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  importers?: Importer<any>[];
}

/** Writes a department's share of a demo world (default: the Liunan 2018 demo of @kongchuo/demo) into an empty database. */
export type DemoSeeder = (em: EntityManager, linkageSecret: string, world?: never) => Promise<object | null>;

/** The module a subgraph exports: the same five things for every department. */
export interface SubgraphModule {
  name: SubgraphName;
  buildSchema(): Promise<GraphQLSchema>;
  database(url: string, extra?: Partial<DatabaseSpec>): DatabaseSpec;
  start(opts?: StartOptions): Promise<SubgraphService>;
  /** writes this department's share of a demo world (default: the Liunan 2018 demo) into an empty database */
  seed(em: EntityManager, linkageSecret: string, world?: object): Promise<object | null>;
  /** the names of the department's workers */
  workers: WorkerName[];
  /** runs one of them on the department's database, reading the supergraph through the gateway as the department's service account */
  startWorker(name: WorkerName, opts?: Pick<StartOptions, 'config' | 'keys' | 'logger'>): Promise<WorkerService>;
}

/**
 * Wires one department's subgraph from its parts: its own database (migrated on start), its
 * type-graphql resolvers as a Federation 2 schema, a per-request context with a forked
 * EntityManager and DataLoaders, and the signed-identity HTTP server.
 */
export function defineSubgraph<L>(def: SubgraphDefinition<L>): SubgraphModule {
  const auditQuery = `${def.name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())}AuditLog`;
  const importResolvers = (def.importers ?? []).map((i) => importResolver(i));
  const resolvers = [...def.resolvers, auditLogResolver(auditQuery), ...importResolvers] as NonEmptyArray<Function>; // eslint-disable-line @typescript-eslint/ban-types
  const buildSchema = () => buildFederatedSchema({ resolvers, orphanedTypes: def.orphanedTypes, validate: false }, def.referenceResolvers as never);
  const entities = [...(def.entities as unknown[]), AuditEntry, AuditCheckpoint, ...(def.importers?.length ? [ImportBatch, ImportRow] : [])] as DatabaseSpec['entities'];
  const database = (url: string, extra: Partial<DatabaseSpec> = {}): DatabaseSpec => ({ url, entities, migrations: def.migrations, ...extra });

  async function start(opts: StartOptions = {}): Promise<SubgraphService> {
    const config = opts.config ?? loadConfig();
    const keys = opts.keys ?? (await loadKeys(config));
    const auditKeys = opts.auditKeys ?? loadAuditKeys(config);
    const holds = checkpointsHeldBy(def.name);
    if (!auditKeys.signing[def.name]) throw new Error(`config: ${auditSigningVariable(def.name)} is not set: ${def.name} signs its audit checkpoints with it`);
    for (const other of holds) if (!auditKeys.public[other]) throw new Error(`config: ${auditPublicVariable(other)} is not set: ${def.name} holds ${other}'s audit checkpoints`);
    const logger = (opts.logger ?? createLogger(def.name, config.logLevel)).child({ subgraph: def.name });
    const orm = await openDatabase(database(config.databaseUrl(def.name), { logger, onQuery: opts.onQuery, production: config.production }));
    const role = config.production ? await databaseRole(orm) : undefined;
    if (role?.ownsAudit) logger.warn({ role: role.user }, 'this role owns the audit log and could drop its triggers; run the service as a role with only read and write on its tables (docs/operations.md#postgresql-and-deployment)');
    const metrics = serviceMetrics(def.name);
    const tracing = startTracing(def.name);
    const knex = sqlOf(orm.em).getKnex();
    knex.on('query', metrics.statement);
    databaseSpans(tracing, knex, databaseKind(config.databaseUrl(def.name)));
    if (opts.demo) {
      const seeded = await (await def.seed())(orm.em, keys.linkageSecret);
      if (seeded) logger.info(seeded, 'demo data seeded');
    }
    let sweeper: NodeJS.Timeout | undefined;
    if (def.importers?.length && config.importAbandonHours > 0) {
      const sweep = () => sweepAbandonedImports(orm.em, config.importAbandonHours * 3600e3)
        .then((n) => n && logger.info({ batches: n }, 'abandoned imports closed, their staged rows removed'))
        .catch((e: unknown) => logger.warn({ err: e }, 'sweeping abandoned imports failed'));
      await sweep();
      sweeper = setInterval(() => void sweep(), 3600e3).unref();
    }
    const schema = await buildSchema();
    const auditWriter = new AuditWriter(orm, logger);
    const cache = aggregateCache(def.name, config, logger);
    await cache.invalidate(); // whatever was cached before this start (a seed, a restore) is not trusted
    const seen = replayGuard(def.name, config, orm, logger);
    const vouching = attestations(def.name, auditKeys.signing[def.name], auditKeys.public);
    const own = def.scopeMembers?.(() => orm.em.fork());
    const scopeOf = rowScopes({ self: def.name, config, secret: keys.linkageSecret, own });
    const answerScope = own ? scopeEndpoint(keys.linkageSecret, async (scope, ids) => {
      const members = own[scope.kind];
      return members ? members(scope, ids) : new Set<string>();
    }) : undefined;
    const checkpoints = auditCheckpointer({ self: def.name, orm, config, secret: keys.linkageSecret, signingKey: auditKeys.signing[def.name], logger });
    const holdCheckpoints = holds.length
      ? checkpointEndpoint({ self: def.name, secret: keys.linkageSecret, publicKeys: auditKeys.public, em: () => orm.em.fork(), logger })
      : undefined;
    const running = await startSubgraphServer<SubgraphContext<L>>({
      plugins: [operationSpans(tracing), auditPlugin(auditWriter), invalidateOnWrite(cache)],
      metrics,
      tracing,
      internal: [
        ...(answerScope ? [{ path: SCOPE_PATH, handler: answerScope }] : []),
        ...(holdCheckpoints ? [{ path: AUDIT_CHECKPOINT_PATH, handler: holdCheckpoints }] : []),
      ],
      name: def.name,
      seen,
      port: opts.port ?? config.subgraphPort(def.name),
      schema,
      config,
      keys,
      logger,
      context: (identity, requestId, operation) => {
        const em = orm.em.fork();
        return {
          identity, em, requestId, operation, linkageSecret: keys.linkageSecret, districtCode: config.districtCode, today: () => todayInChina(),
          loaders: def.loaders(em, identity),
          audit: new AuditRecorder(),
          attestations: vouching,
          cache,
          scope: scopeOf(identity),
          config,
          logger: logger.child({ requestId, user: identity.user, dept: identity.department }),
        };
      },
      ready: async () => {
        await orm.em.getConnection().execute('select 1');
      },
      onStop: async () => {
        clearInterval(sweeper);
        await checkpoints.stop(); // the head as the service leaves it, before the database closes
        await cache.close();
        await seen.close();
        await orm.close();
        await tracing.shutdown();
      },
    });
    checkpoints.start(config.auditCheckpointSeconds);
    return { ...running, orm, checkpointAudit: () => checkpoints.take() };
  }

  // the production checks know a worker's department from WORKERS: a worker defined elsewhere would escape them
  for (const w of def.workers ?? []) if (WORKERS[w.name] !== def.name) throw new Error(`${def.name}: worker ${w.name} is ${WORKERS[w.name]}'s (WORKERS in shared/src/core/config.ts)`);

  async function startWorker(name: WorkerName, opts: Pick<StartOptions, 'config' | 'keys' | 'logger'> = {}): Promise<WorkerService> {
    const worker = def.workers?.find((w) => w.name === name);
    if (!worker) throw new Error(`${def.name} has no worker ${name}`);
    const config = opts.config ?? loadConfig();
    const keys = opts.keys ?? (await loadKeys(config));
    const logger = (opts.logger ?? createLogger(name, config.logLevel)).child({ worker: name });
    // the department's service migrates the database; the worker finds it migrated (or applies what is pending, the same way)
    const orm = await openDatabase(database(config.databaseUrl(def.name), { logger, production: config.production }));
    const identity = serviceIdentity(def.name, SUBGRAPHS[def.name].department);
    return runWorker(worker, { orm, gateway: supergraphReader(config, keys, identity), identity, logger, config });
  }

  return {
    name: def.name, buildSchema, database, start, seed: async (em, linkageSecret, world) => (await def.seed())(em, linkageSecret, world as never),
    workers: (def.workers ?? []).map((w) => w.name), startWorker,
  };
}

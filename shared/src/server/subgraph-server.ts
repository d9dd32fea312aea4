import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type NextFunction } from 'express';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { DRAIN_GRACE_MS } from './shutdown';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Config, SubgraphName } from '../core';
import type { KeyMaterial, ReplayGuard } from '../identity';
import { IDENTITY_HEADER, verifySubgraphRequest, type Identity, SERVICE_MAC_HEADER } from '../identity';
import type { Logger } from '../observability';
import { metricsAccess, type ServiceMetrics, httpServerSpans, type ServiceTracing } from '../observability';
import { errorCodeOf, isDatabaseUnavailable } from '../core';

/** A service-to-service route beside /graphql (row-scope membership, audit checkpoints), authenticated by its handler from the body's MAC. */
export interface InternalRoute {
  path: string;
  handler: (body: Buffer | undefined, mac: string | undefined) => Promise<{ status: number; body: string; mac?: string }>;
}

export interface RunningService {
  name: string;
  port: number;
  url: string;
  /** GraphQL requests received so far (tests and benchmarks count subgraph fetches) */
  requestCount?: () => number;
  stop(): Promise<void>;
}

type RequestWithBody = Request & { rawBody?: Buffer; identity?: Identity; requestId?: string; operation?: string };

/** Codes that are the client's business; anything else is hidden behind "internal error". */
/** SERVICE_UNAVAILABLE: a service could not read another department it needed (it names which); nothing was written. */
const CLIENT_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_IN_LIST', 'PERSISTED_QUERY_ID_REQUIRED', 'OPERATION_RESOLUTION_FAILURE', 'COST_ESTIMATED_TOO_EXPENSIVE']);

export function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && CLIENT_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(error)) {
      // not a fault of the request: the database is restarting or unreachable, and the pool reconnects by itself
      logger.warn({ reason: (error as Error)?.message, path: formatted.path }, 'database unavailable');
      return { message: "the department's database is unavailable; try again shortly", path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error');
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export function unauthenticatedBody(message: string) {
  return { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] };
}

/**
 * One department's GraphQL service: POST /graphql only for requests the gateway signed
 * (identity bound to the exact body), GET /health (alive), GET /ready (database reachable) and
 * GET /metrics (Prometheus).
 * Identity-like headers a client might add are never read: only the gateway's signature counts.
 */
export async function startSubgraphServer<C extends BaseContext>(opts: {
  name: SubgraphName;
  /** remembers the signatures this department accepted: each is good for one request */
  seen: ReplayGuard;
  port: number;
  schema: GraphQLSchema;
  config: Config;
  keys: KeyMaterial;
  logger: Logger;
  /** `requestId` and `operation` as the gateway signed them (a request signed without them: a new id, `(unnamed)`) */
  context: (identity: Identity, requestId: string, operation: string) => Promise<C> | C;
  /** service-to-service routes beside /graphql (the row-scope membership answer, audit checkpoints), each authenticated by its handler */
  internal?: InternalRoute[];
  ready: () => Promise<void>;
  onStop?: () => Promise<void>;
  plugins?: ApolloServerPlugin<C>[];
  /** served at GET /metrics */
  metrics?: ServiceMetrics;
  /** the service's OpenTelemetry spans (continuing the gateway's trace) */
  tracing?: ServiceTracing;
}): Promise<RunningService> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<C>({
    schema: opts.schema,
    // the process stops its services itself, in order and within a deadline (shutdown.ts)
    stopOnTerminationSignals: false,
    introspection: !opts.config.production,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorFor(opts.logger),
    plugins: [
      // no federated tracing and no cache-control hints: both wrap every field resolver, and nothing here is cacheable by hints
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_GRACE_MS }), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(),
      ...(opts.metrics ? [opts.metrics.plugin as ApolloServerPlugin<C>] : []), ...(opts.plugins ?? []),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: opts.name });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await opts.ready();
      res.json({ status: 'ready', service: opts.name });
    } catch (e) {
      opts.logger.warn({ err: e }, 'not ready');
      res.status(503).json({ status: 'unavailable', service: opts.name });
    }
  });

  const metrics = opts.metrics;
  if (metrics) {
    app.get('/metrics', metricsAccess(opts.config), async (_req, res) => {
      res.setHeader('content-type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    });
  }

  let requests = 0;
  const verifyIdentity = async (req: RequestWithBody, res: Response, next: NextFunction) => {
    requests += 1;
    try {
      // the request id and operation name are what the gateway signed, never a header or name a client chose
      const signed = await verifySubgraphRequest(req.header(IDENTITY_HEADER), req.rawBody, opts.name, opts.seen, opts.config, opts.keys);
      req.identity = signed.identity;
      req.requestId = signed.requestId ?? randomUUID();
      req.operation = signed.operation ?? '(unnamed)';
      next();
    } catch (e) {
      if (errorCodeOf(e) !== 'UNAUTHENTICATED') {
        // the store of used signatures (Redis, the database) did not answer: refused, since a replay cannot be ruled out
        opts.logger.warn({ reason: (e as Error).message }, 'could not check that a signed request is new');
        res.status(503).json({ errors: [{ message: 'this service cannot check gateway signatures just now; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        return;
      }
      opts.logger.warn({ reason: (e as Error).message, ip: req.ip }, 'refused unsigned, forged or replayed request');
      res.status(401).json(unauthenticatedBody((e as Error).message));
    }
  };

  for (const internal of opts.internal ?? []) {
    app.post(internal.path, express.raw({ type: '*/*', limit: '4mb' }), async (req, res) => {
      try {
        const answer = await internal.handler(Buffer.isBuffer(req.body) ? req.body : undefined, req.header(SERVICE_MAC_HEADER));
        if (answer.mac) res.setHeader(SERVICE_MAC_HEADER, answer.mac);
        res.status(answer.status).type('application/json').send(answer.body);
      } catch (e) {
        opts.logger.warn({ err: e }, 'internal request failed');
        res.status(503).json({ error: 'unavailable' });
      }
    });
  }

  if (opts.tracing) app.use('/graphql', httpServerSpans(opts.tracing, (req) => (req as RequestWithBody).requestId));
  app.all('/graphql', (req, res, next) => (req.method === 'POST' ? next() : res.status(405).json(unauthenticatedBody('POST only'))));
  app.post(
    '/graphql',
    express.json({ limit: '4mb', verify: (req, _res, buf) => ((req as RequestWithBody).rawBody = Buffer.from(buf)) }),
    verifyIdentity,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const r = req as RequestWithBody;
        return opts.context(r.identity!, r.requestId!, r.operation!);
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(opts.port, '0.0.0.0', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  opts.logger.info({ port }, `${opts.name} subgraph listening`);
  return {
    name: opts.name,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    requestCount: () => requests,
    async stop() {
      await apollo.stop();
      await opts.onStop?.();
    },
  };
}

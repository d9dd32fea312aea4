import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { demandControl } from './demand-control';
import { securityHeaders } from './security-headers';
import { ApolloGateway } from '@apollo/gateway';
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES, loadConfig, type Config, type SubgraphName } from '@kongchuo/shared/core';
import { createLogger, httpServerSpans, startTracing, type Logger } from '@kongchuo/shared/observability';
import { loadKeys, userTokenVerifier, type KeyMaterial } from '@kongchuo/shared/identity';
import { DRAIN_GRACE_MS, type RunningService } from '@kongchuo/shared/server';
import { readSupergraph } from './compose';
import { gatewayFormatError } from './errors';
import { serveExports } from './exports';
import { bodyErrors, operationLimits, tokenLimit } from './limits';
import { metricsPlugin } from './metrics';
import { unrequestedForbiddenErrors } from './unrequested-errors';
import { operatorRoutes } from './operator-routes';
import { rateLimiter } from './rate-limits';
import { requestIds } from './request-ids';
import { SignedIdentityDataSource, signingFetcher, type GatewayContext } from './identity-data-source';
import { checkTrustedDocument, documentOf, firstPartyDocuments, resolveDocuments } from './trusted-documents';

export { composeSupergraph, readSupergraph, SUPERGRAPH_FILE, type SubgraphDefinition } from './compose';
export { estimateCost, listSizesOf } from './demand-control';
export { DASHBOARD_DOCUMENTS_FILE, firstPartyDocuments } from './trusted-documents';

export interface GatewayOptions {
  config?: Config;
  keys?: KeyMaterial;
  logger?: Logger;
  port?: number;
  /** the supergraph SDL; the committed file by default */
  supergraphSdl?: string;
  /** subgraph URLs by name; `config.subgraphUrl(name)` by default */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** the dashboard's registered documents (codegen's persisted-documents.json); DASHBOARD_DOCUMENTS_FILE by default */
  dashboardDocumentsFile?: string;
}

/**
 * The gateway: authenticates every request (bearer JWT), plans it over the committed supergraph
 * (so it starts and serves even while a subgraph is down) and forwards the verified identity to
 * subgraphs signed and bound to each request.
 */
export async function startGateway(opts: GatewayOptions = {}): Promise<RunningService> {
  const config = opts.config ?? loadConfig();
  const keys = opts.keys ?? (await loadKeys(config));
  const logger = opts.logger ?? createLogger('gateway', config.logLevel);
  const verifyToken = userTokenVerifier(config, keys);
  // the process's tracer provider: @apollo/gateway's own spans (validate, plan, execute, fetch) go there too
  const tracing = startTracing('gateway', { global: true });
  const urlOf = (name: string) => opts.subgraphUrls?.[name as SubgraphName] ?? (SUBGRAPH_NAMES.includes(name as SubgraphName) ? config.subgraphUrl(name as SubgraphName) : undefined);

  // @apollo/gateway otherwise sends usage data to Apollo's servers (and probes cloud metadata
  // endpoints to describe the host): nothing about this system's traffic leaves the district
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const supergraphSdl = opts.supergraphSdl ?? readSupergraph();
  const documents = firstPartyDocuments(opts.dashboardDocumentsFile);
  logger.info({ documents: documents.size, trustedDocuments: config.trustedDocuments }, 'trusted documents registered');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SignedIdentityDataSource({ url: urlOf(name) ?? url, fetcher: signingFetcher(config, keys, name, tracing) }),
    logger: { debug: () => {}, info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const armor = operationLimits(config);
  const limiter = rateLimiter(config, logger);
  await limiter.ready();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // the process stops its services itself, in order and within a deadline (shared/src/server/shutdown.ts)
    stopOnTerminationSignals: false,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // one operation per request (batches multiply every limit); CSRF prevention is on by default
    allowBatchedHttpRequests: false,
    // no automatic persisted queries: a client cannot register documents; first-party ones are trusted documents
    persistedQueries: false,
    csrfPrevention: true,
    validationRules: armor.validationRules,
    formatError: gatewayFormatError(logger),
    plugins: [...armor.plugins, demandControl(supergraphSdl, config.limits.maxCost), unrequestedForbiddenErrors(), metricsPlugin(), ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_GRACE_MS })],
  });
  await server.start();

  app.use(securityHeaders(config));
  app.use(requestIds());
  app.use(httpServerSpans(tracing, (req) => (req as typeof req & { requestId?: string }).requestId));
  operatorRoutes(app, config, urlOf);
  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    resolveDocuments(documents),
    tokenLimit(config),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const { requestId = randomUUID(), clientRequestId } = req as typeof req & { requestId?: string; clientRequestId?: string };
        const identity = await verifyToken(req.headers.authorization);
        const document = documentOf(req);
        checkTrustedDocument(config, identity, document);
        await limiter.consume(identity);
        logger.debug({ requestId, clientRequestId, operation: document.operation, user: identity.user, dept: identity.department }, 'request');
        return { identity, requestId, operation: document.operation, registeredName: document.trusted?.name };
      },
    }),
  );
  app.use(bodyErrors());

  serveExports(app, { verifyToken, logger, selfUrl: () => `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql` });
  serveDashboard(app, config);
  // anything else: a JSON 404, whatever the name (`/exports/constructor` included)
  app.use((_req: express.Request, res: express.Response) => void res.status(404).json({ errors: [{ message: 'no such route', extensions: { code: 'NOT_FOUND' } }] }));

  const port = opts.port ?? config.gatewayPort;
  await new Promise<void>((resolve) => httpServer.listen(port, '0.0.0.0', resolve));
  const actual = (httpServer.address() as AddressInfo).port;
  logger.info({ port: actual }, 'gateway listening');
  return {
    name: 'gateway',
    port: actual,
    url: `http://127.0.0.1:${actual}/graphql`,
    stop: async () => {
      await server.stop();
      await limiter.close();
      await tracing.shutdown();
    },
  };
}

/** The built dashboard (`dashboard/dist`, made by `npm run build`). */
export const DASHBOARD_DIR = path.resolve(__dirname, '../../dashboard/dist');

/**
 * The dashboard at `/`: static files of the Vite build, using only the public GraphQL API with the
 * access token of the person signed in. It signs people in at the OpenID provider (authorization
 * code with PKCE, oidc-client-ts) with the settings `/auth/config` gives it: the issuer, its
 * client id and scope, the claim names and where accounts are administered. There is no other way
 * in: no development sign-in, in any mode.
 */
function serveDashboard(app: express.Express, config: Config): void {
  const { issuer, clientId, scope, accountAdminUrl } = config.dashboardSignIn;
  app.get('/auth/config', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ issuer, clientId, scope, claims: config.token.claims, accountAdminUrl });
  });
  const built = fs.existsSync(path.join(DASHBOARD_DIR, 'index.html'));
  if (!built) {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('The dashboard is not built: run `npm run build` (npm start does it). GraphQL is at /graphql.');
    });
    return;
  }
  // where the provider sends the browser back after signing in: the dashboard finishes the sign-in there
  app.get('/auth/callback', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(DASHBOARD_DIR, 'index.html'));
  });
  app.use(express.static(DASHBOARD_DIR, { index: 'index.html', maxAge: '1h', setHeaders: (res, file) => {
    if (file.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
  } }));
}

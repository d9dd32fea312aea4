import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway } from '@apollo/gateway';
import {
  SUBGRAPH_NAMES, createLogger, loadConfig, loadKeys, userTokenVerifier,
  type Config, type KeyMaterial, type Logger, type RunningService, type SubgraphName,
} from '@kongchuo/shared';
import { readSupergraph } from './compose';
import { gatewayFormatError } from './errors';
import { SignedIdentityDataSource, signingFetcher, type GatewayContext } from './identity-data-source';

export { composeSupergraph, readSupergraph, SUPERGRAPH_FILE, type SubgraphDefinition } from './compose';

export interface GatewayOptions {
  config?: Config;
  keys?: KeyMaterial;
  logger?: Logger;
  port?: number;
  /** the supergraph SDL; the committed file by default */
  supergraphSdl?: string;
  /** subgraph URLs by name; `config.subgraphUrl(name)` by default */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
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
  const urlOf = (name: string) => opts.subgraphUrls?.[name as SubgraphName] ?? (SUBGRAPH_NAMES.includes(name as SubgraphName) ? config.subgraphUrl(name as SubgraphName) : undefined);

  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) => new SignedIdentityDataSource({ url: urlOf(name) ?? url, fetcher: signingFetcher(config, keys, name) }),
    logger: { debug: () => {}, info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError: gatewayFormatError(logger),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const requestId = randomUUID();
        const identity = await verifyToken(req.headers.authorization);
        logger.debug({ requestId, user: identity.user, dept: identity.department }, 'request');
        return { identity, requestId };
      },
    }),
  );

  const port = opts.port ?? config.gatewayPort;
  await new Promise<void>((resolve) => httpServer.listen(port, '0.0.0.0', resolve));
  const actual = (httpServer.address() as AddressInfo).port;
  logger.info({ port: actual }, 'gateway listening');
  return {
    name: 'gateway',
    port: actual,
    url: `http://127.0.0.1:${actual}/graphql`,
    stop: () => server.stop(),
  };
}

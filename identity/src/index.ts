/**
 * 身份认证服务: the embedded OpenID provider, as a service of the system (`serve.js identity`,
 * and `npm start` runs it first). Its accounts, service accounts, keys and sessions are in its
 * own database. A district with its own provider (Keycloak, …) does not run it: the gateway and
 * the dashboard are pointed at that provider by configuration (docs/identity.md).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { MikroORM } from '@mikro-orm/core';
import { loadConfig, openDatabase, type Config } from '@kongchuo/shared/core';
import { createLogger, type Logger } from '@kongchuo/shared/observability';
import type { RunningService } from '@kongchuo/shared/server';
import { identityDatabase } from './database';
import { ServiceAccount } from './entities';
import { loadProviderKeys, rotateSigningKey } from './keys';
import { clientSecret } from './domain/client-secrets';
import { seedDemoAccounts } from './seed/demo-accounts';
import { sweepExpired } from './web/adapter';

export { identityDatabase } from './database';
export { ACCOUNT_DOCUMENTS } from './places';
export { DEMO_PASSWORD, DEMO_ADMINISTRATORS, DEMO_SERVICE_ACCOUNTS } from './seed/demo-accounts';
export { CLI_CLIENT_ID, CLI_REDIRECT_URI, GRAPH_RESOURCE, GRAPH_SCOPE } from './web/provider';
export { rotateSigningKey };
export { hashPassword, generatedPassword, passwordProblem } from './domain/passwords';

/** A service account's current client secret, read with the provider's key from its database (the operator's `accounts service-secret`). */
export async function serviceSecretOf(orm: MikroORM, clientId: string): Promise<string | undefined> {
  const s = await orm.em.fork().findOne(ServiceAccount, { clientId });
  if (!s) return undefined;
  const keys = await loadProviderKeys(orm);
  return clientSecret(keys.clientSecretKey, s.clientId, s.secretVersion);
}
export * from './accounts';
export * as entities from './entities';

export interface IdentityProviderOptions {
  config?: Config;
  logger?: Logger;
  port?: number;
  /** seed the demo accounts on first start (never in production) */
  demo?: boolean;
}

export interface IdentityProvider extends RunningService {
  orm: MikroORM;
  /** a service account's current client secret (development: `npm start` hands the joint meeting's to its worker) */
  serviceSecret(clientId: string): Promise<string | undefined>;
}

export async function openIdentityDatabase(config: Config, logger?: Logger): Promise<MikroORM> {
  return openDatabase(identityDatabase(config.databaseUrl('identity'), { production: config.production, logger }));
}

export async function startIdentityProvider(opts: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger('identity', config.logLevel);
  const orm = await openIdentityDatabase(config);
  if (opts.demo && !config.production) {
    const made = await seedDemoAccounts(orm);
    if (made) logger.info({ accounts: made }, 'demo accounts made');
  }
  const keys = await loadProviderKeys(orm);
  // loaded here, not at import: oidc-provider is an ES module, and only this process needs it
  const { createProvider } = await import('./web/provider');
  const { interactionRoutes } = await import('./web/interactions');
  const { adminRoutes } = await import('./web/admin');
  const provider = createProvider(config, orm, keys);
  provider.proxy = process.env.IDENTITY_BEHIND_PROXY === 'true';
  provider.on('server_error', (_ctx, e) => logger.error({ err: e.message }, 'provider error'));

  const app = express();
  app.disable('x-powered-by');
  const formTargets = ["'self'", ...config.identity.dashboardOrigins].join(' ');
  app.use((_req, res, next) => {
    res.setHeader('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    next();
  });
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/ready', async (_req, res) => {
    try {
      await orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  interactionRoutes(app, provider, orm, config, logger, { demoHint: !config.production && !!opts.demo });
  adminRoutes(app, orm, config, keys, logger);
  app.use(provider.callback());

  const sweep = setInterval(() => void sweepExpired(orm).catch((e: Error) => logger.warn({ err: e.message }, 'sweep failed')), 10 * 60_000);
  sweep.unref();
  const server = http.createServer(app);
  const port = opts.port ?? config.identity.port;
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  const actual = (server.address() as AddressInfo).port;
  logger.info({ port: actual, issuer: config.token.issuer }, 'identity provider listening');
  return {
    name: 'identity',
    port: actual,
    url: config.token.issuer,
    orm,
    serviceSecret: (clientId) => serviceSecretOf(orm, clientId),
    stop: async () => {
      clearInterval(sweep);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await orm.close();
    },
  };
}

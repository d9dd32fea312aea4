/**
 * The OpenID provider: oidc-provider (certified, maintained; github.com/panva/node-oidc-provider)
 * configured for this system. People sign in with the authorization-code flow and PKCE (the
 * dashboard, the `npm run token` CLI); department systems use the client-credentials grant. Every
 * access token is an ES256 JWT for the graph (audience TOKEN_AUDIENCE) carrying the caller's
 * department, role and scope as claims (docs/identity.md#claims), short-lived
 * (IDENTITY_ACCESS_TOKEN_TTL_SECONDS); refresh tokens rotate and end with the session.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { Config } from '@kongchuo/shared/core';
import { tokenClaimsOf } from '@kongchuo/shared/identity';
import { ServiceAccount } from '../entities';
import { activeAccount, identityOf } from '../accounts';
import { clientSecret } from '../domain/client-secrets';
import type { ProviderKeys } from '../keys';
import { databaseAdapter } from './adapter';
import { errorPage, logoutPage, signedOutPage } from './pages';

/** The graph as a resource server (RFC 8707): what every access token is for. */
export const GRAPH_RESOURCE = 'urn:kongchuo:graph';
export const GRAPH_SCOPE = 'graph';
/** The command-line client of `npm run token` (a native app: loopback redirect, PKCE). */
export const CLI_CLIENT_ID = 'kongchuo-cli';
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback';

export const FIRST_PARTY_CLIENTS = (config: Config) => [config.dashboardSignIn.clientId, CLI_CLIENT_ID];

export function providerConfiguration(config: Config, orm: MikroORM, keys: ProviderKeys): Configuration {
  const { identity, token } = config;
  const claimNames = token.claims;
  const accountClaims = async (username: string) => {
    const a = await activeAccount(orm.em.fork(), username);
    return a ? tokenClaimsOf(identityOf(a), claimNames) : undefined;
  };
  const Adapter = databaseAdapter(orm);
  return {
    adapter: class extends Adapter {
      // department systems are clients found in the database (service_account), with derived secrets
      override async find(id: string) {
        if (this.model !== 'Client') return super.find(id);
        const s = await orm.em.fork().findOne(ServiceAccount, { clientId: id });
        if (!s || s.disabled) return undefined;
        return {
          client_id: s.clientId, client_name: s.name, client_secret: clientSecret(keys.clientSecretKey, s.clientId, s.secretVersion),
          grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic', scope: GRAPH_SCOPE,
        };
      }
    } as unknown as Configuration['adapter'],
    clients: [
      {
        client_id: config.dashboardSignIn.clientId, client_name: '控辍保学工作台', application_type: 'web', token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
        redirect_uris: identity.dashboardOrigins.map((o) => `${o}/auth/callback`),
        post_logout_redirect_uris: identity.dashboardOrigins.map((o) => `${o}/`),
      },
      {
        client_id: CLI_CLIENT_ID, client_name: '命令行（npm run token）', application_type: 'native', token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: [CLI_REDIRECT_URI],
      },
    ],
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    jwks: { keys: keys.signing },
    cookies: { keys: keys.cookies, long: { signed: true, httpOnly: true, sameSite: 'lax' }, short: { signed: true, httpOnly: true, sameSite: 'lax' } },
    scopes: ['openid', 'profile', 'kongchuo', GRAPH_SCOPE],
    claims: { acr: null, sid: null, auth_time: null, iss: null, openid: ['sub'], profile: ['name'], kongchuo: [claimNames.department, claimNames.role, claimNames.scopeKind, claimNames.scopeCode] },
    async findAccount(_ctx, sub) {
      const claims = await accountClaims(sub);
      // a disabled account is no account: its refresh tokens and sessions stop working at once
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    async extraTokenClaims(_ctx, t) {
      const accountId = (t as { accountId?: string }).accountId;
      if (accountId) return accountClaims(accountId);
      const s = await orm.em.fork().findOne(ServiceAccount, { clientId: (t as { clientId: string }).clientId });
      return s && !s.disabled ? tokenClaimsOf({ ...identityOf(s), rateLimitPerMinute: s.rateLimitPerMinute }, claimNames) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? GRAPH_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== GRAPH_RESOURCE) throw new (require('oidc-provider').errors.InvalidTarget)();
          return { scope: GRAPH_SCOPE, audience: token.audience, accessTokenTTL: identity.accessTokenTtlSeconds, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => void ((ctx.type = 'html'), (ctx.body = logoutPage(form))),
        postLogoutSuccessSource: async (ctx) => void ((ctx.type = 'html'), (ctx.body = signedOutPage())),
      },
    },
    clientBasedCORS: (_ctx, origin, client) => client.clientId === config.dashboardSignIn.clientId && identity.dashboardOrigins.includes(origin),
    pkce: { required: () => true },
    // the dashboard keeps a person signed in for the session without offline_access: its refresh tokens end with the session
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: (_ctx, t) => (t as { resourceServer?: { accessTokenTTL?: number } }).resourceServer?.accessTokenTTL ?? identity.accessTokenTtlSeconds,
      ClientCredentials: (_ctx, t) => (t as { resourceServer?: { accessTokenTTL?: number } }).resourceServer?.accessTokenTTL ?? identity.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: identity.accessTokenTtlSeconds,
      RefreshToken: identity.sessionTtlSeconds,
      Session: identity.sessionTtlSeconds,
      Grant: identity.sessionTtlSeconds,
      Interaction: 600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error ?? 'error'), out.error_description ? String(out.error_description) : undefined);
    },
  };
}

/** oidc-provider is an ES module; Node ≥ 20.19 loads it with require (it has no top-level await). */
export function createProvider(config: Config, orm: MikroORM, keys: ProviderKeys): Provider {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Provider: OidcProvider } = require('oidc-provider') as typeof import('oidc-provider');
  const provider = new OidcProvider(config.token.issuer, providerConfiguration(config, orm, keys));
  return provider;
}

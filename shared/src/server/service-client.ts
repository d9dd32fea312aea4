/**
 * A department's worker reading the supergraph as the department: through the gateway, with the
 * department's service-account token, so the other departments' services answer it under the
 * permission matrix (and audit the reads) like anyone else's. Only workers use it (worker.ts): no
 * resolver calls the gateway. Its token: with SERVICE_CLIENT_SECRET_<NAME>, the client-credentials
 * grant at the provider's token endpoint (config.identity.tokenUrl) as client `svc-<name>`, renewed
 * before it expires; with SERVICE_TOKEN_<NAME>, that token as it is; otherwise (tests, outside
 * production only) one signed with the data folder's development key.
 */
import type { Config, SubgraphName } from '../core';
import type { KeyMaterial } from '../identity';
import { issueUserToken, type Identity, DEMO_SCOPES } from '../identity';
import { GraphQLError } from 'graphql';
import { withTraceContext } from '../observability';

export type SupergraphReader = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export function serviceIdentity(name: SubgraphName, department: Identity['department']): Identity {
  return { user: `svc-${name}`, name: `${name} service`, department, role: 'service', scope: { kind: 'district', code: DEMO_SCOPES.district } };
}

/** A client-credentials token from the provider's token endpoint (RFC 6749 §4.4), and how long it lasts. */
export async function clientCredentialsToken(tokenUrl: string, clientId: string, secret: string): Promise<{ value: string; expiresIn: number }> {
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
  } catch (e) {
    throw new GraphQLError('the identity provider is unreachable; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'identity' }, originalError: e as Error });
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
  if (!res.ok || !body.access_token) {
    throw new GraphQLError(`the identity provider refused ${clientId}'s client credentials (${body.error ?? res.status}); nothing was written`, { extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'identity' } });
  }
  return { value: body.access_token, expiresIn: body.expires_in ?? 300 };
}

export function supergraphReader(config: Config, keys: KeyMaterial, identity: Identity): SupergraphReader {
  const suffix = identity.user.replace(/^svc-/, '').toUpperCase().replace(/-/g, '_');
  let token: { value: string; until: number } | undefined;
  const bearer = async () => {
    if (process.env[`SERVICE_TOKEN_${suffix}`]) return process.env[`SERVICE_TOKEN_${suffix}`]!;
    if (token && token.until > Date.now()) return token.value;
    const secret = process.env[`SERVICE_CLIENT_SECRET_${suffix}`];
    if (secret) {
      const got = await clientCredentialsToken(config.identity.tokenUrl, identity.user, secret);
      token = { value: got.value, until: Date.now() + Math.max(5, got.expiresIn - 30) * 1000 };
    } else {
      token = { value: await issueUserToken(identity, config, keys, 3600), until: Date.now() + 3000e3 };
    }
    return token.value;
  };
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    let res: Response;
    try {
      res = await fetch(config.gatewayUrl(), {
        method: 'POST',
        headers: withTraceContext({ 'content-type': 'application/json', authorization: `Bearer ${await bearer()}` }),
        body: JSON.stringify({ query, variables }),
      });
    } catch (e) {
      throw new GraphQLError('the supergraph is unreachable; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'gateway' }, originalError: e as Error });
    }
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; serviceName?: string } }[] };
    // a service acts on what it read, so a partial answer (a department down, a field refused) is no answer
    const first = body.errors?.[0];
    if (!body.data || first) {
      throw new GraphQLError(`the supergraph could not answer in full: ${first?.message ?? res.status}; nothing was written`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: first?.extensions?.serviceName ?? 'gateway' },
      });
    }
    return body.data;
  };
}

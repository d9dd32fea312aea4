/**
 * A department's worker reading the supergraph as the department: through the gateway, with the
 * department's service-account token, so the other departments' services answer it under the
 * permission matrix (and audit the reads) like anyone else's. Only workers use it (worker.ts): no
 * resolver calls the gateway. Production: SERVICE_TOKEN_<NAME> from the identity provider;
 * development: a token from the development issuer.
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

export function supergraphReader(config: Config, keys: KeyMaterial, identity: Identity): SupergraphReader {
  const envName = `SERVICE_TOKEN_${identity.user.replace(/^svc-/, '').toUpperCase().replace(/-/g, '_')}`;
  let token: { value: string; until: number } | undefined;
  const bearer = async () => {
    if (process.env[envName]) return process.env[envName]!;
    if (!token || token.until < Date.now()) token = { value: await issueUserToken(identity, config, keys, 3600), until: Date.now() + 3000e3 };
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

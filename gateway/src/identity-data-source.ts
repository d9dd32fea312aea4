import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { isRead, subgraphFetch, subgraphResilience } from './operations';
import { serviceUnavailable } from './errors';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signSubgraphIdentity, type Config, type Identity, type KeyMaterial } from '@kongchuo/shared';

export interface GatewayContext {
  identity: Identity;
  requestId: string;
}

/** Carries the verified identity from willSendRequest to the fetcher, which removes it. */
const PENDING = 'x-kongchuo-pending-identity';

function headerRecord(headers: FetcherRequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  const h = headers as unknown as { entries?: () => IterableIterator<[string, string]> };
  if (typeof h.entries === 'function') return Object.fromEntries(h.entries());
  return { ...(headers as Record<string, string>) };
}

/**
 * A fetcher that signs the caller's identity over the exact bytes of each subgraph request
 * (SHA-256 of the body, EdDSA, a few seconds' validity), so a subgraph can verify who asks
 * and that the query was not altered or replayed later.
 */
export function signingFetcher(config: Config, keys: KeyMaterial, serviceName: string): Fetcher {
  const resilience = subgraphResilience(config.resilience);
  return async (url, init) => {
    const headers = headerRecord(init?.headers);
    const pending = headers[PENDING];
    delete headers[PENDING];
    if (pending) {
      headers[IDENTITY_HEADER] = await signSubgraphIdentity(JSON.parse(Buffer.from(pending, 'base64url').toString('utf8')) as Identity, String(init?.body ?? ''), config, keys);
    }
    const timer = subgraphFetch.startTimer({ subgraph: serviceName });
    try {
      // the whole exchange, body included, is inside the timeout: the body is read before the policy returns
      const res = await resilience.run(isRead(init?.body), async (signal) => {
        const r = await fetch(url, { ...(init as RequestInit), headers, signal });
        return new Response(await r.arrayBuffer(), { status: r.status, statusText: r.statusText, headers: r.headers });
      });
      timer({ outcome: res.ok ? 'ok' : `http_${res.status}` });
      return res as unknown as Awaited<ReturnType<Fetcher>>;
    } catch (e) {
      timer({ outcome: e instanceof BrokenCircuitError ? 'circuit_open' : e instanceof TaskCancelledError ? 'timeout' : 'unreachable' });
      throw serviceUnavailable(serviceName, e);
    }
  };
}

export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    // nothing a client sent is forwarded: only what the gateway itself sets here
    const ctx = context as Partial<GatewayContext>;
    if (ctx.identity) headers.set(PENDING, Buffer.from(JSON.stringify(ctx.identity), 'utf8').toString('base64url'));
    if (ctx.requestId) headers.set(REQUEST_ID_HEADER, ctx.requestId);
  }
}

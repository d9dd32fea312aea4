import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { Pool } from 'undici';
import { LRUCache } from 'lru-cache';
import { OperationTypeNode, getOperationAST, parse } from 'graphql';
import { subgraphDeduplicated, subgraphFetch } from './metrics';
import { DepartmentBusy, subgraphResilience } from './resilience';
import { serviceUnavailable } from './errors';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '@kongchuo/shared/core';
import { SpanKind, SpanStatusCode, withTraceContext, type ServiceTracing } from '@kongchuo/shared/observability';
import { IDENTITY_HEADER, signSubgraphIdentity, type Identity, type KeyMaterial, type SignedRequest } from '@kongchuo/shared/identity';

export interface GatewayContext {
  identity: Identity;
  /** the gateway's own id of this request */
  requestId: string;
  /** the operation as the gateway names it (trusted-documents.ts): signed to the departments for their audit logs */
  operation: string;
  /** the registered name, if the request sent a trusted document */
  registeredName?: string;
}

/** Carry the verified identity and the operation's kind from willSendRequest to the fetcher, which removes them. */
const PENDING = 'x-kongchuo-pending-identity';
const PENDING_READ = 'x-kongchuo-pending-read';
const PENDING_REQUEST = 'x-kongchuo-pending-request';

/** A subgraph answer, read whole inside the timeout, in the shape the gateway's data source reads. */
function answer(url: string, status: number, headers: Record<string, string | string[] | undefined>, text: string): FetcherResponse {
  const header = (name: string) => {
    const v = headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  };
  const res: FetcherResponse = {
    url, status, ok: status >= 200 && status < 300, statusText: '', redirected: false, bodyUsed: false,
    headers: {
      get: header, has: (n: string) => header(n) !== null, append() {}, delete() {}, set() {},
      forEach(cb: (value: string, key: string) => void) {
        for (const k of Object.keys(headers)) cb(header(k)!, k);
      },
    } as unknown as FetcherResponse['headers'],
    text: async () => text,
    json: async () => JSON.parse(text),
    arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
    clone: () => answer(url, status, headers, text),
  };
  return res;
}

/**
 * The gateway's HTTP client to one department: a keep-alive connection pool (undici), the
 * caller's identity signed over the exact bytes of each request (SHA-256 of the body, EdDSA, a
 * few seconds' validity, this department's audience, a fresh jti for every attempt) so the
 * subgraph can verify who asks and that the query was not altered, sent elsewhere or replayed, the department's timeout, retry and circuit breaker, and identical reads
 * in flight merged.
 */
export function signingFetcher(config: Config, keys: KeyMaterial, serviceName: string, tracing?: ServiceTracing): Fetcher {
  if (!SUBGRAPH_NAMES.includes(serviceName as SubgraphName)) throw new Error(`gateway: no department named ${serviceName}`);
  const service = serviceName as SubgraphName;
  const resilience = subgraphResilience(config.resilience);
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) pools.set(origin, (pool = new Pool(origin, { connections: config.subgraphConnections, keepAliveTimeout: 30_000 })));
    return pool;
  };
  type Exchange = { status: number; headers: Record<string, string | string[] | undefined>; text: string };
  const send = async (url: string, init: FetcherRequestInit, pending: string | undefined, read: boolean, headers: Record<string, string>, pendingRequest: string | undefined): Promise<Exchange> => {
    const body = String(init.body ?? '');
    const identity = pending ? (JSON.parse(Buffer.from(pending, 'base64url').toString('utf8')) as Identity) : undefined;
    const request = pendingRequest ? (JSON.parse(Buffer.from(pendingRequest, 'base64url').toString('utf8')) as SignedRequest) : undefined;
    const target = new URL(url);
    const timer = subgraphFetch.startTimer({ subgraph: serviceName });
    // the department's HTTP exchange as a span under @apollo/gateway's fetch span; its context goes along as `traceparent`
    const span = tracing?.enabled
      ? tracing.tracer.startSpan(`POST ${serviceName}`, { kind: SpanKind.CLIENT, attributes: { 'kongchuo.subgraph': serviceName, 'kongchuo.read': read } })
      : undefined;
    if (span) withTraceContext(headers, span);
    const endSpan = (outcome: string) => {
      if (!span) return;
      span.setAttribute('kongchuo.outcome', outcome);
      if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    try {
      // the whole exchange, body included, is inside the timeout: the body is read before the policy returns
      // signed in each attempt: a signature is good for one request, so a retried read carries a fresh one
      const res = await resilience.run(read, async (signal) => {
        const sent = identity ? { ...headers, [IDENTITY_HEADER]: await signSubgraphIdentity(identity, body, service, config, keys, request) } : headers;
        const r = await poolFor(target.origin).request({ path: target.pathname + target.search, method: 'POST', headers: sent, body, signal });
        const text = await r.body.text();
        // 503: the department is up but cannot serve just now (its database is restarting, it cannot check that a
        // signature is new); nothing was done, so a read is tried again and the answer is SERVICE_UNAVAILABLE naming it
        if (r.statusCode === 503) throw new DepartmentBusy(serviceName);
        return { status: r.statusCode, headers: r.headers, text };
      });
      const outcome = res.status >= 200 && res.status < 300 ? 'ok' : `http_${res.status}`;
      timer({ outcome });
      endSpan(outcome);
      return res;
    } catch (e) {
      const outcome = e instanceof BrokenCircuitError ? 'circuit_open' : e instanceof TaskCancelledError ? 'timeout' : e instanceof DepartmentBusy ? 'http_503' : 'unreachable';
      timer({ outcome });
      endSpan(outcome);
      throw serviceUnavailable(serviceName, e);
    }
  };
  /**
   * Identical reads in flight at once are sent once: the same department, the same verified
   * caller (every claim: user, department, role, scope) and the same query and variables. The
   * caller is part of the key, so one person's or department's answer never reaches another.
   */
  const inFlight = new Map<string, Promise<Exchange>>();
  return async (url, init) => {
    const headers = { ...(init?.headers as Record<string, string>) };
    const pending = headers[PENDING];
    const read = headers[PENDING_READ] === '1';
    const pendingRequest = headers[PENDING_REQUEST];
    delete headers[PENDING];
    delete headers[PENDING_READ];
    delete headers[PENDING_REQUEST];
    if (!read || !pending) {
      const r = await send(url, init ?? {}, pending, read, headers, pendingRequest);
      return answer(url, r.status, r.headers, r.text);
    }
    const key = `${url}\n${pending}\n${String(init?.body ?? '')}`;
    let exchange = inFlight.get(key);
    if (exchange) subgraphDeduplicated.inc({ subgraph: serviceName });
    else {
      // the request's name and id are not part of the key: a read merged with another is audited once, under the first
      exchange = send(url, init ?? {}, pending, read, headers, pendingRequest).finally(() => inFlight.delete(key));
      inFlight.set(key, exchange);
    }
    const r = await exchange;
    return answer(url, r.status, r.headers, r.text);
  };
}

/** Only reads are retried: a query can be asked twice, a mutation must not be written twice. */
export function isReadOperation(query: string | undefined): boolean {
  if (typeof query !== 'string') return false;
  let read = operationKinds.get(query);
  if (read === undefined) {
    // the planner's own documents, a set as finite as the plans: parsed once each
    read = getOperationAST(parse(query))?.operation === OperationTypeNode.QUERY;
    operationKinds.set(query, read);
  }
  return read;
}
const operationKinds = new LRUCache<string, boolean>({ max: 5000 });

export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    // nothing a client sent is forwarded: only what the gateway itself sets here
    const ctx = context as Partial<GatewayContext>;
    if (ctx.identity) headers.set(PENDING, Buffer.from(JSON.stringify(ctx.identity), 'utf8').toString('base64url'));
    if (ctx.requestId && ctx.operation) {
      const request: SignedRequest = { operation: ctx.operation, requestId: ctx.requestId };
      headers.set(PENDING_REQUEST, Buffer.from(JSON.stringify(request), 'utf8').toString('base64url'));
    }
    if (isReadOperation(request.query)) headers.set(PENDING_READ, '1');
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
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

/**
 * What the fetcher needs of the one department request it is sending — who asks, under which
 * operation, and whether it is a read — handed from the data source's `process` to the fetcher
 * it calls, in that call's async context (nothing travels in headers).
 */
interface Outgoing {
  identity?: Identity;
  request?: SignedRequest;
  read: boolean;
}
const outgoing = new AsyncLocalStorage<Outgoing>();

/** A department's answer, read whole inside the timeout, as the fetch Response the gateway's data source reads. */
function answer(status: number, headers: Record<string, string | string[] | undefined>, text: string): FetcherResponse {
  const h = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) h.append(name, v);
  }
  return new Response(text, { status, headers: h }) as unknown as FetcherResponse;
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
  const send = async (url: string, init: FetcherRequestInit, { identity, request, read }: Outgoing, headers: Record<string, string>): Promise<Exchange> => {
    const body = String(init.body ?? '');
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
    const sending = outgoing.getStore() ?? { read: false };
    if (!sending.read || !sending.identity) {
      const r = await send(url, init ?? {}, sending, headers);
      return answer(r.status, r.headers, r.text);
    }
    const key = `${url}\n${JSON.stringify(sending.identity)}\n${String(init?.body ?? '')}`;
    let exchange = inFlight.get(key);
    if (exchange) subgraphDeduplicated.inc({ subgraph: serviceName });
    else {
      // the request's name and id are not part of the key: a read merged with another is audited once, under the first
      exchange = send(url, init ?? {}, sending, headers).finally(() => inFlight.delete(key));
      inFlight.set(key, exchange);
    }
    const r = await exchange;
    return answer(r.status, r.headers, r.text);
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

/**
 * The gateway's data source for every department: each request it sends carries the verified
 * caller and the operation (signed by the fetcher over the exact body); nothing a client sent is
 * forwarded, only what the gateway itself knows.
 */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const ctx = options.context as Partial<GatewayContext>;
    const sending: Outgoing = {
      identity: ctx.identity,
      request: ctx.requestId && ctx.operation ? { operation: ctx.operation, requestId: ctx.requestId } : undefined,
      read: isReadOperation(options.request.query),
    };
    return outgoing.run(sending, () => super.process(options));
  }
}

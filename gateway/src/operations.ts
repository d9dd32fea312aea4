/**
 * The gateway's operator-facing parts: operation limits (graphql-armor), clear JSON errors for
 * bodies it cannot take, request ids, `/health` and `/ready`, and Prometheus metrics.
 */
import { randomUUID } from 'node:crypto';
import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import client from 'prom-client';
import {
  ConsecutiveBreaker, ConstantBackoff, TaskCancelledError, TimeoutStrategy, circuitBreaker, handleWhen, retry, timeout, wrap,
} from 'cockatiel';
import { GraphQLError, Kind, Lexer, Source, TokenKind, type FieldNode, type OperationDefinitionNode } from 'graphql';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { REQUEST_ID_HEADER, SUBGRAPH_NAMES, metricsAccess, type Config, type Identity, type Logger, type SubgraphName } from '@kongchuo/shared';

/** graphql-armor: depth, aliases, tokens and directives per operation; no field suggestions in production. */
export function operationLimits(config: Config) {
  const l = config.limits;
  return new ApolloArmor({
    maxDepth: { n: l.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: l.maxAliases, exposeLimits: true },
    // tokens are counted before Apollo parses (tokenLimit below): armor's own check parses inside a
    // plugin hook, where any syntax error became a 500
    maxTokens: { enabled: false },
    // cost is estimated with list sizes by demandControl (demand-control.ts): armor's counts each field once
    costLimit: { enabled: false },
    maxDirectives: { n: l.maxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
}

/**
 * At most `limits.maxTokens` lexical tokens in a document, counted before it is parsed: over the
 * limit, HTTP 400 GRAPHQL_VALIDATION_FAILED. A document that does not even lex is left to the
 * parser, which answers 400 GRAPHQL_PARSE_FAILED.
 */
export function tokenLimit(config: Config): express.RequestHandler {
  const max = config.limits.maxTokens;
  return (req, res, next) => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string') return next();
    let n = 0;
    try {
      const lexer = new Lexer(new Source(query));
      for (let t = lexer.advance(); t.kind !== TokenKind.EOF && n <= max; t = lexer.advance()) n += 1;
    } catch {
      return next();
    }
    if (n <= max) return next();
    res.status(400).json({ errors: [{ message: `Token limit of ${max} exceeded`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'LIMIT_MAX_TOKENS' } }] });
  };
}

/** The header that echoes a client's own request id, if it sent one that looks like one. */
export const CLIENT_REQUEST_ID_HEADER = 'x-client-request-id';

/**
 * Every request gets the gateway's own id (`x-request-id` in the response; the one logs, traces and
 * the departments' audit entries carry). A client's own `x-request-id`, if it looks like one, is
 * only echoed back (`x-client-request-id`) and logged beside it: never a fact in any record.
 */
export function requestIds(): express.RequestHandler {
  return (req, res, next) => {
    const given = req.header(REQUEST_ID_HEADER);
    const id = randomUUID();
    const r = req as express.Request & { requestId?: string; clientRequestId?: string };
    r.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    if (given && /^[A-Za-z0-9._:-]{8,64}$/.test(given)) {
      r.clientRequestId = given;
      res.setHeader(CLIENT_REQUEST_ID_HEADER, given);
    }
    next();
  };
}

/** Bodies the gateway cannot read get a GraphQL-shaped JSON error with a code, never an HTML page or a 500. */
export function bodyErrors(): express.ErrorRequestHandler {
  return (err: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (err?.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: 'the request body is too large (LIMIT_MAX_BODY_BYTES)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (err?.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    } else if (err?.status && err.status < 500) {
      res.status(err.status).json({ errors: [{ message: err.message ?? 'bad request', extensions: { code: 'BAD_REQUEST' } }] });
    } else next(err);
  };
}

// ---------------------------------------------------------------- metrics
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'kc_gateway_' });
const requests = new client.Counter({ name: 'kc_gateway_requests_total', help: 'GraphQL requests by operation and outcome', labelNames: ['operation', 'outcome'] as const, registers: [registry] });
const latency = new client.Histogram({
  name: 'kc_gateway_request_seconds', help: 'GraphQL request latency by operation', labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
});
const errors = new client.Counter({ name: 'kc_gateway_errors_total', help: 'errors returned, by code', labelNames: ['code'] as const, registers: [registry] });
export const subgraphFetch = new client.Histogram({
  name: 'kc_gateway_subgraph_fetch_seconds', help: 'requests from the gateway to each subgraph, by outcome', labelNames: ['subgraph', 'outcome'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
});
export const subgraphDeduplicated = new client.Counter({
  name: 'kc_gateway_subgraph_deduplicated_total', help: 'subgraph reads answered by an identical read of the same caller already in flight', labelNames: ['subgraph'] as const, registers: [registry],
});

/**
 * The operation as a metric names it: its type and its first root field (`query students`,
 * `mutation runCrossCheck`), from the schema — a bounded set — never the client's
 * `operationName`, which anyone can make up afresh for every request.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return '(invalid)';
  const first = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
  return `${operation.operation} ${first?.name.value ?? '__typename'}`;
}

/**
 * Counts every operation — by its registered name if it is a trusted document (a set fixed at
 * build time), else by `operationLabel`; never its variables — its outcome and latency, and each error's code.
 */
export function metricsPlugin(): ApolloServerPlugin<{ registeredName?: string }> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation: resolved, errors: errs, contextValue }) {
          const operation = contextValue.registeredName ?? operationLabel(resolved);
          latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          requests.inc({ operation, outcome: errs?.length ? 'error' : 'ok' });
          for (const e of errs ?? []) errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}

/** `/health` (alive), `/ready` (every department's service ready, checked now), `/metrics` (Prometheus). */
export function operatorRoutes(app: express.Express, config: Config, urlOf: (name: SubgraphName) => string | undefined): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(SUBGRAPH_NAMES.map(async (name) => {
      const url = urlOf(name)?.replace(/\/graphql$/, '/ready');
      try {
        const r = await fetch(url!, { signal: AbortSignal.timeout(1500) });
        return [name, r.ok ? 'ready' : `not ready (${r.status})`] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }));
    const ready = checks.every(([, s]) => s === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', service: 'gateway', subgraphs: Object.fromEntries(checks) });
  });
  app.get('/metrics', metricsAccess(config), async (_req, res) => {
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });
}

// ---------------------------------------------------------------- faults
/** A department that answered 503: reachable and quick, but unable to serve the request just now (its database is restarting). */
export class DepartmentBusy extends Error {
  constructor(serviceName: string) {
    super(`${serviceName} answered 503`);
  }
}

/**
 * Per department: a timeout on every request (reads `subgraphTimeoutMs`, writes `subgraphMutationTimeoutMs`), one quick retry of a read that could not connect
 * (not of one that timed out), and a circuit breaker that, after `breakerFailures` failures in a
 * row, answers at once (that department's fields null, SERVICE_UNAVAILABLE) until a probe after
 * `breakerResetMs` finds it back.
 */
export function subgraphResilience(r: Config['resilience']) {
  // the breaker is for departments that do not answer or answer slowly; a quick 503 is tried again but does not open it
  const breaker = circuitBreaker(handleWhen((e) => !(e instanceof DepartmentBusy)), { halfOpenAfter: r.breakerResetMs, breaker: new ConsecutiveBreaker(Math.max(1, r.breakerFailures)) });
  const retryConnect = retry(handleWhen((e) => !(e instanceof TaskCancelledError)), { maxAttempts: 1, backoff: new ConstantBackoff(50) });
  // abortOnReturn off: the body is read whole before the work returns, so nothing is left to cancel; aborting
  // each finished request's signal made a DOMException (with its stack) per department call
  const timeoutOf = (ms: number) => timeout(ms, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
  const reads = wrap(breaker, retryConnect, timeoutOf(r.subgraphTimeoutMs));
  const writes = wrap(breaker, timeoutOf(r.subgraphMutationTimeoutMs));
  return {
    breaker,
    run<T>(read: boolean, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
      // a signal of this request's own: cockatiel's default parent signal is shared by every execution
      return (read ? reads : writes).execute(({ signal }) => work(signal), new AbortController().signal);
    },
  };
}

// ---------------------------------------------------------------- rate limits
/**
 * Requests per minute per user and per department. With REDIS_URL the counts live in Redis, so
 * every gateway instance shares them; without it (one machine, the embedded default) in memory.
 * Over the limit: HTTP 429, `RATE_LIMITED`, with `retryAfterSeconds`.
 */
export function rateLimiter(config: Config, logger: Logger) {
  const { perUserPerMinute, perDepartmentPerMinute, redisUrl, keyPrefix } = config.rateLimits;
  let redis: Redis | undefined;
  const make = (points: number, prefix: string): RateLimiterAbstract => {
    if (!redisUrl) return new RateLimiterMemory({ points, duration: 60, keyPrefix: prefix });
    if (!redis) {
      // auto-pipelining: the per-user and per-department counts (and every request's in the same tick) go in one write
      redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, enableAutoPipelining: true });
      redis.on('error', (e) => logger.warn({ err: e.message }, 'rate-limit store unavailable'));
    }
    // if Redis is down, count in memory rather than refuse everyone (insurance limiter)
    return new RateLimiterRedis({ storeClient: redis, points, duration: 60, keyPrefix: prefix, insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }) });
  };
  const perUser = make(perUserPerMinute, `${keyPrefix}:user`);
  const perDepartment = make(perDepartmentPerMinute, `${keyPrefix}:dept`);
  return {
    /** connects to Redis before the gateway serves (if it cannot, counts in memory and says so) */
    async ready(): Promise<void> {
      await redis?.connect().catch((e: Error) => logger.warn({ err: e.message }, 'rate-limit store unavailable: counting in memory on this instance'));
    },
    async consume(identity: Identity): Promise<void> {
      try {
        await Promise.all([perUser.consume(identity.user), perDepartment.consume(identity.department)]);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new GraphQLError(`too many requests: try again in ${retryAfterSeconds} s`, {
          // Apollo Server reads `http.headers` as a Map (typed as a record where graphql-yoga's types are installed)
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) as never } },
        });
      }
    },
    async close(): Promise<void> {
      await redis?.quit().catch(() => undefined);
    },
  };
}

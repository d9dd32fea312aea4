/**
 * OpenTelemetry traces (OTLP over HTTP): one trace per request, from the gateway's HTTP span
 * through @apollo/gateway's own spans (validate, plan, execute, fetch) into each department's
 * HTTP span, its GraphQL operation and its SQL statements. The W3C `traceparent` header carries
 * the trace from the gateway to a department; nothing else crosses.
 *
 * Off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set: then
 * each service exports its spans, batched, as `service.name` `kongchuo-<service>`.
 * `OTEL_TRACES_SAMPLER_ARG` (0..1, default 1) keeps that share of traces, decided at the gateway
 * and followed by the departments.
 *
 * What a span may carry: operation names and types, department names, HTTP statuses, error codes,
 * SQL verbs and the request id. Never a token, an identity, variables, a query document or a SQL
 * statement's text or values (they can hold ID numbers).
 */
import { context, propagation, trace, SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, Response, NextFunction, RequestHandler } from 'express';

export interface ServiceTracing {
  /** false when no endpoint is configured: every span is then a no-op */
  enabled: boolean;
  tracer: Tracer;
  /** sends what is buffered (shutdown, tests) */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const NOOP: ServiceTracing = {
  enabled: false,
  tracer: trace.getTracer('kongchuo-disabled'),
  flush: async () => {},
  shutdown: async () => {},
};

let processWideSetUp = false;

/** The ALS context manager and the W3C propagator are process-wide; set them once. */
function setUpProcess(): void {
  if (processWideSetUp) return;
  processWideSetUp = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';
}

/**
 * A service's tracer. Several services may share a process (`npm start`, the tests): each gets its
 * own provider, so each span names its own service. `global: true` (the gateway) also makes it the
 * process's provider, which is where @apollo/gateway's spans go.
 */
export function startTracing(service: string, opts: { global?: boolean; env?: NodeJS.ProcessEnv } = {}): ServiceTracing {
  const env = opts.env ?? process.env;
  if (!tracingEnabled(env)) return NOOP;
  setUpProcess();
  const ratio = Math.min(1, Math.max(0, Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1') || 0));
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${String(env.OTEL_EXPORTER_OTLP_ENDPOINT).replace(/\/$/, '')}/v1/traces`;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': `kongchuo-${service}`, 'service.namespace': 'kongchuo' }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
    spanProcessors: [new BatchSpanProcessor({
      exporter: new OTLPTraceExporter({ url: traces }),
      scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY ?? 2000),
      maxQueueSize: 4096,
    })],
  });
  if (opts.global) trace.setGlobalTracerProvider(provider);
  return {
    enabled: true,
    tracer: provider.getTracer('kongchuo'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * Express middleware: the service's HTTP span, continuing the caller's trace when a `traceparent`
 * came with the request; everything after it runs inside that span. Only the method, route,
 * status and request id are recorded.
 */
export function httpServerSpans(tracing: ServiceTracing, requestIdOf: (req: Request) => string | undefined): RequestHandler {
  if (!tracing.enabled) return (_req, _res, next) => next();
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(context.active(), req.headers);
    // the first path segment only: nothing after it (an export's id, say) goes into a span
    const route = `/${req.originalUrl.split('?')[0].split('/')[1] ?? ''}`;
    const span = tracing.tracer.startSpan(`${req.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'http.route': route },
    }, parent);
    res.on('finish', () => {
      const requestId = requestIdOf(req);
      if (requestId) span.setAttribute('kongchuo.request_id', requestId);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    res.on('close', () => {
      if (!res.writableFinished) {
        span.setAttribute('kongchuo.aborted', true);
        span.end();
      }
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** A subgraph's GraphQL operation as a span: its name and type, and the first error code if any. */
export function operationSpans(tracing: ServiceTracing): ApolloServerPlugin {
  return {
    async requestDidStart() {
      if (!tracing.enabled) return {};
      let span: Span | undefined;
      return {
        async didResolveOperation({ operationName, operation }) {
          const type = operation?.operation ?? 'query';
          span = tracing.tracer.startSpan(`graphql ${type} ${operationName ?? '(anonymous)'}`, {
            attributes: { 'graphql.operation.name': operationName ?? '(anonymous)', 'graphql.operation.type': type },
          });
        },
        async willSendResponse({ response }) {
          if (!span) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const code = body?.errors?.[0]?.extensions?.code;
          if (code) {
            span.setAttribute('graphql.error.code', String(code));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
  };
}

/**
 * SQL statements as spans, from knex's query events: the verb (select, insert, …) and the
 * dialect, never the statement or its bindings. The span's parent is whatever span is active
 * where the statement was issued; statements outside any request (migrations, seeding, sweeps)
 * are not traced.
 */
const SQL_VERBS = new Set(['select', 'insert', 'update', 'delete', 'with', 'begin', 'commit', 'rollback', 'savepoint', 'release', 'set', 'pragma', 'create', 'alter', 'drop', 'lock']);

export function databaseSpans(tracing: ServiceTracing, knex: { on(event: string, fn: (...args: unknown[]) => void): unknown }, system: string): void {
  if (!tracing.enabled) return;
  const open = new Map<string, Span>();
  knex.on('query', (q: unknown) => {
    const { __knexQueryUid: uid, sql } = q as { __knexQueryUid?: string; sql?: string };
    // only inside a traced request: migrations, seeding and the hourly sweep are not traces of their own
    if (!uid || !trace.getSpan(context.active())) return;
    // the statement's first keyword, and only from a fixed list: nothing else of the text leaves
    const first = /^\s*\(?\s*([a-z]+)/i.exec(sql ?? '')?.[1]?.toLowerCase() ?? '';
    const verb = SQL_VERBS.has(first) ? first : 'other';
    open.set(uid, tracing.tracer.startSpan(`db ${verb}`, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': system, 'db.operation.name': verb } }));
  });
  // both events pass (result or error, the query object)
  const end = (failed: boolean) => (_outcome: unknown, q: unknown) => {
    const uid = (q as { __knexQueryUid?: string } | undefined)?.__knexQueryUid;
    const span = uid ? open.get(uid) : undefined;
    if (!span) return;
    open.delete(uid!);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  knex.on('query-response', end(false));
  knex.on('query-error', end(true));
}

/** Outgoing headers with the trace context (`traceparent`) added: of `span`, else of the active span, when there is one. */
export function withTraceContext(headers: Record<string, string>, span?: Span): Record<string, string> {
  propagation.inject(span ? trace.setSpan(context.active(), span) : context.active(), headers);
  return headers;
}

/** The active trace id, for log lines (empty when not tracing). */
export function activeTraceId(): string | undefined {
  const span = trace.getSpan(context.active());
  const id = span?.spanContext().traceId;
  return id && id !== '00000000000000000000000000000000' ? id : undefined;
}

export { SpanKind, SpanStatusCode };

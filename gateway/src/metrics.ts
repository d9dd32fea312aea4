/** The gateway's Prometheus metrics: requests by operation and outcome, latency, error codes, department calls. */
import type { ApolloServerPlugin } from '@apollo/server';
import client from 'prom-client';
import { Kind, type FieldNode, type OperationDefinitionNode } from 'graphql';

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

/**
 * A department service's Prometheus metrics (`GET /metrics` on every subgraph): GraphQL requests
 * by outcome, their latency, the SQL statements sent to the department's own database, and the
 * Node process's defaults. Each service has its own registry labelled with its name, so several
 * services in one process (tests, `npm start`) never collide. No label carries a user, a token or
 * an ID number.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import client from 'prom-client';
import type { Config } from '../core';
import type { ApolloServerPlugin } from '@apollo/server';

export interface ServiceMetrics {
  registry: client.Registry;
  /** one SQL statement sent to the database */
  statement(): void;
  plugin: ApolloServerPlugin;
}

export function serviceMetrics(service: string): ServiceMetrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry, prefix: 'kc_subgraph_' });
  const requests = new client.Counter({ name: 'kc_subgraph_requests_total', help: 'GraphQL requests by outcome (ok, or the first error code)', labelNames: ['outcome'] as const, registers: [registry] });
  const latency = new client.Histogram({
    name: 'kc_subgraph_request_seconds', help: 'GraphQL request latency in this service',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], registers: [registry],
  });
  const statements = new client.Counter({ name: 'kc_subgraph_db_statements_total', help: "SQL statements sent to this department's database", registers: [registry] });
  return {
    registry,
    statement: () => statements.inc(),
    plugin: {
      async requestDidStart() {
        const end = latency.startTimer();
        return {
          async willSendResponse({ response }) {
            end();
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            requests.inc({ outcome: String(body?.errors?.[0]?.extensions?.code ?? (body?.errors?.length ? 'error' : 'ok')) });
          },
        };
      },
    },
  };
}

/**
 * Who may read `/metrics`: with METRICS_TOKEN set, only a request bearing it
 * (`Authorization: Bearer <token>`, as Prometheus' `authorization` setting sends it); without it,
 * anyone outside production, and no one in production (404: the metrics are off until a token is
 * configured). The token is compared in constant time and never logged.
 */
export function metricsAccess(config: Config): (req: Request, res: Response, next: NextFunction) => void {
  const token = config.metricsToken;
  const expected = token ? createHash('sha256').update(token).digest() : undefined;
  return (req, res, next) => {
    if (!expected) {
      if (config.production) return void res.status(404).json({ error: 'metrics are off: set METRICS_TOKEN to read them' });
      return next();
    }
    const given = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? '';
    if (timingSafeEqual(createHash('sha256').update(given).digest(), expected)) return next();
    res.status(401).setHeader('www-authenticate', 'Bearer').json({ error: 'metrics need the METRICS_TOKEN bearer token' });
  };
}

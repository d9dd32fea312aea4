/** What an operator asks the gateway: `/health`, `/ready` (every department, checked now), `/metrics`. */
import type express from 'express';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from '@kongchuo/shared/core';
import { metricsAccess } from '@kongchuo/shared/observability';
import { registry } from './metrics';

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

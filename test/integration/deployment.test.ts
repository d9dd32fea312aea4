/**
 * Docker cannot run here, so docker-compose.yml is checked as data: every service the system has
 * is deployed, with its own database, its port, its health check, and the gateway wired to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPHS, SUBGRAPH_NAMES } from '@kongchuo/shared';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';

const ROOT = path.resolve(__dirname, '..', '..');
interface Service {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const envName = (n: string) => n.toUpperCase().replace(/-/g, '_');

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Redis, the gateway and one service per subgraph, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', 'redis', ...SUBGRAPH_MODULES.map((m) => m.name)].sort());
    for (const [name, s] of Object.entries(services)) {
      expect({ name, test: s.healthcheck?.test?.length ?? 0 }).toEqual({ name, test: expect.any(Number) });
      expect(s.healthcheck!.test.length).toBeGreaterThan(1);
    }
  });

  it('publishes the gateway on 4000 and checks its /health', () => {
    expect(services.gateway.ports).toContain('4000:4000');
    expect(services.gateway.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:4000/health');
  });

  it.each(SUBGRAPH_MODULES.map((m) => m.name))('runs %s on its own port and its own database, ready-checked, wired into the gateway', (name) => {
    const s = services[name];
    const port = String(SUBGRAPHS[name].port);
    expect(s.command).toEqual(['node', 'scripts/dist/serve.js', name]);
    expect(s.environment?.[`${envName(name)}_PORT`]).toBe(port);
    expect(s.expose).toContain(port);
    expect(s.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/ready`);
    const db = s.environment?.[`${envName(name)}_DATABASE_URL`];
    expect(db).toMatch(new RegExp(`@postgres:5432/kongchuo_${name.replace(/-/g, '_')}$`));
    expect(fs.readFileSync(path.join(ROOT, 'deploy/postgres-init.sql'), 'utf8')).toContain(`CREATE DATABASE kongchuo_${name.replace(/-/g, '_')}`);
    expect(s.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(services.gateway.environment?.[`${envName(name)}_URL`]).toBe(`http://${name}:${port}/graphql`);
    // the departments ask each other for row-scope membership, so each finds every other one
    for (const other of SUBGRAPH_NAMES) expect([name, other, s.environment?.[`${envName(other)}_URL`]]).toEqual([name, other, `http://${other}:${SUBGRAPHS[other].port}/graphql`]);
    expect(services.gateway.depends_on?.[name]?.condition).toBe('service_started');
  });

  it('shares rate-limit counts in Redis, which the gateway waits for', () => {
    expect(services.gateway.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(services.gateway.depends_on?.redis?.condition).toBe('service_healthy');
    expect(services.redis.healthcheck!.test.join(' ')).toContain('redis-cli ping');
  });

  it('gives only the gateway the private signing key, and every service production mode', () => {
    for (const [name, s] of Object.entries(services)) {
      if (name === 'postgres' || name === 'redis') continue;
      expect(s.environment?.NODE_ENV).toBe('production');
      expect(Boolean(s.environment?.GATEWAY_PRIVATE_JWK)).toBe(name === 'gateway');
      // every service can be pointed at the collector, so a trace is never cut at one service
      expect(s.environment).toHaveProperty('OTEL_EXPORTER_OTLP_ENDPOINT');
    }
  });

  it('builds an image that installs every workspace and serves every service', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    for (const ws of ['shared', 'gateway', 'dashboard', 'reports', ...SUBGRAPH_MODULES.map((m) => `subgraphs/${m.name}`)]) expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
    expect(fs.existsSync(path.join(ROOT, 'scripts/serve.ts'))).toBe(true);
  });
});

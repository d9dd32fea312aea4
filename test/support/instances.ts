/**
 * Tests that need more than the shared system: a second instance of a department in a process of
 * its own (to kill, or to run beside the first), a department's worker, and a gateway of the test's own in front of them.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { startGateway } from '@kongchuo/gateway';
import { loadConfig, SUBGRAPH_NAMES, WORKERS, type SubgraphName, type WorkerName } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { type RunningService } from '@kongchuo/shared/server';
import type { KeyMaterial } from '@kongchuo/shared/identity';
import { subgraphUrl, testKeys } from './client';

/** A TCP port free at the moment of asking (for a process that must come back on the same port). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

/**
 * A second instance of one department (`scripts/dist/serve.js <name>`) in a process of its own, on
 * the shared test system's database and keys (`extra` may give it another database and settings),
 * listening on `port`; resolves once its `/ready` answers (within 30 s).
 */
export async function spawnDepartment(name: SubgraphName, port: number, extra: Record<string, string> = {}, onOutput?: (text: string) => void): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: process.env.KC_DATA_DIR, [`${envName(name)}_PORT`]: String(port), LOG_LEVEL: 'fatal', DEMO_SEED: 'off', NODE_ENV: 'test' };
  const database = process.env[`KC_${envName(name)}_DATABASE_URL`];
  if (database) env[`${envName(name)}_DATABASE_URL`] = database;
  // the other departments, asked service to service for row-scope membership
  for (const other of SUBGRAPH_NAMES) if (other !== name && process.env[`KC_${envName(other)}_URL`]) env[`${envName(other)}_URL`] = process.env[`KC_${envName(other)}_URL`];
  Object.assign(env, extra);
  return spawnServe(name, env, () => fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false), onOutput);
}

/**
 * A department's worker (`scripts/dist/serve.js <worker>`, e.g. the joint meeting's cross-check) in
 * a process of its own, on the shared test system's keys, reading the supergraph at `gatewayUrl`;
 * `extra` gives it its department's database and settings. Resolves once it writes its heartbeat.
 */
export async function spawnWorker(name: WorkerName, gatewayUrl: string, extra: Record<string, string> = {}): Promise<ChildProcess> {
  const heartbeat = path.join(os.tmpdir(), `kc-worker-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.alive`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: process.env.KC_DATA_DIR, LOG_LEVEL: 'fatal', NODE_ENV: 'test', GATEWAY_URL: gatewayUrl, WORKER_HEARTBEAT_FILE: heartbeat, ...extra };
  const database = process.env[`KC_${envName(WORKERS[name])}_DATABASE_URL`];
  if (database && !extra[`${envName(WORKERS[name])}_DATABASE_URL`]) env[`${envName(WORKERS[name])}_DATABASE_URL`] = database;
  return spawnServe(name, env, async () => fs.existsSync(heartbeat));
}

/** `scripts/dist/serve.js <name>` in a process of its own; resolves once `ready()` says so (within 30 s). */
export async function spawnServe(name: string, env: NodeJS.ProcessEnv, ready: () => Promise<boolean>, onOutput?: (text: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'dist', 'serve.js'), name], { env, stdio: onOutput ? ['ignore', 'pipe', 'pipe'] : 'ignore' });
  if (onOutput) for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
  for (let i = 0; i < 300; i += 1) {
    if (await ready()) return child;
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start within 30 s`);
}

/**
 * A gateway of a test's own, in the test's process, in front of the shared system's departments —
 * some of them replaced by `urls` — with extra configuration from `env` (timeouts, breaker), signing
 * with the shared system's gateway key (or `keys`: another system's).
 */
export async function gatewayWith(urls: Partial<Record<SubgraphName, string>>, env: Record<string, string> = {}, keys?: KeyMaterial): Promise<RunningService> {
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, urls[n] ?? subgraphUrl(n)]));
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.KC_DATA_DIR, ...env });
  return startGateway({ config, keys: keys ?? (await testKeys()), port: 0, logger: createLogger('test', 'error'), subgraphUrls });
}

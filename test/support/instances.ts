/**
 * Tests that need more than the shared system: a second instance of a department in a process of
 * its own (to kill, or to run beside the first), and a gateway of the test's own in front of them.
 */
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { startGateway } from '@kongchuo/gateway';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { type RunningService } from '@kongchuo/shared/server';
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
  // the supergraph, for a department that reads it as itself (the joint meeting's 四查三比对)
  if (process.env.KC_GATEWAY_URL) env.GATEWAY_URL = process.env.KC_GATEWAY_URL;
  Object.assign(env, extra);
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'dist', 'serve.js'), name], { env, stdio: onOutput ? ['ignore', 'pipe', 'pipe'] : 'ignore' });
  if (onOutput) for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
  for (let i = 0; i < 300; i += 1) {
    if (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)) return child;
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start within 30 s`);
}

/**
 * A gateway of a test's own, in the test's process, in front of the shared system's departments —
 * some of them replaced by `urls` — with extra configuration from `env` (timeouts, breaker).
 */
export async function gatewayWith(urls: Partial<Record<SubgraphName, string>>, env: Record<string, string> = {}): Promise<RunningService> {
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, urls[n] ?? subgraphUrl(n)]));
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.KC_DATA_DIR, ...env });
  return startGateway({ config, keys: await testKeys(), port: 0, logger: createLogger('test', 'error'), subgraphUrls });
}

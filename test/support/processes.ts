/** A user's own processes of the system (`start.js`, `serve.js`): their environment, waiting for them to answer, stopping them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort } from './instances';

const SERVICES = ['EDUCATION', 'PUBLIC_SECURITY', 'CIVIL_AFFAIRS', 'COMMUNITY', 'JOINT_MEETING'];

/** An environment as a user's shell has it: no test settings, no shared services, its own data folder and ports. */
export async function userEnvironment(): Promise<{ env: NodeJS.ProcessEnv; ports: Record<string, number>; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-stop-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  const ports: Record<string, number> = { GATEWAY: await freePort(), IDENTITY: await freePort() };
  env.PORT = String(ports.GATEWAY);
  env.IDENTITY_PORT = String(ports.IDENTITY);
  for (const s of SERVICES) {
    ports[s] = await freePort();
    env[`${s}_PORT`] = String(ports[s]);
  }
  return { env, ports, dataDir };
}

export async function untilAnswers(url: string, child: ChildProcess, ms = 180_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** Sends the signal and resolves with the exit code and how long it took, or `null` if still running after `ms`. */
export function stopWith(child: ChildProcess, signal: NodeJS.Signals, ms: number): Promise<{ code: number | null; took: number } | null> {
  const sent = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, took: Date.now() - sent });
    });
    child.kill(signal);
  });
}


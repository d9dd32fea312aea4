import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

export interface SystemReady {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrls: Record<string, string>;
  dataDir: string;
}

/**
 * Starts `scripts/dist/system.js` (the whole seeded system: every subgraph on its own database and
 * the gateway) in a process of its own, with `env`, and resolves when it prints
 * `KC_SYSTEM_READY {json}`. SIGTERM stops it and removes its databases and data folder.
 */
export function spawnSystem(env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; ready: Promise<SystemReady> } {
  const script = path.resolve(__dirname, '..', '..', 'scripts', 'dist', 'system.js');
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<SystemReady>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the system did not start within 180 s')), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('KC_SYSTEM_READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('KC_SYSTEM_READY '.length)));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the system exited (${code}) before it was ready: run \`npm run build\` first`));
    });
  });
  return { child, ready };
}

/** Stops a spawned system (SIGTERM, then SIGKILL after 20 s). */
export async function stopSpawned(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * One seeded system for the whole run, in its own process (built by `tsc -b`, as `npm test`
 * does first); test files reach it over HTTP through these variables.
 */
export default async function globalSetup(): Promise<void> {
  const script = path.resolve(__dirname, '..', '..', 'scripts', 'dist', 'system.js');
  const child = spawn(process.execPath, [script], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  (globalThis as { __KC_SYSTEM__?: ChildProcess }).__KC_SYSTEM__ = child;
  const ready = await new Promise<{ gatewayUrl: string; subgraphUrls: Record<string, string>; dataDir: string }>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the test system did not start within 180 s')), 180_000);
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
      reject(new Error(`the test system exited (${code}) before it was ready: run \`npm run build\` first`));
    });
  });
  process.env.KC_GATEWAY_URL = ready.gatewayUrl;
  process.env.KC_DATA_DIR = ready.dataDir;
  for (const [name, url] of Object.entries(ready.subgraphUrls)) process.env[`KC_${name.toUpperCase().replace(/-/g, '_')}_URL`] = url;
}

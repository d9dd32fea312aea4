import type { ChildProcess } from 'node:child_process';
import { spawnSystem } from './spawn-system';

/**
 * One seeded system for the whole run, in its own process (built by `tsc -b`, as `npm test`
 * does first); test files reach it over HTTP through these variables.
 */
export default async function globalSetup(): Promise<void> {
  const { child, ready: started } = spawnSystem(process.env);
  (globalThis as { __KC_SYSTEM__?: ChildProcess }).__KC_SYSTEM__ = child;
  const ready = await started;
  process.env.KC_GATEWAY_URL = ready.gatewayUrl;
  process.env.KC_DATA_DIR = ready.dataDir;
  for (const [name, url] of Object.entries(ready.subgraphUrls)) process.env[`KC_${name.toUpperCase().replace(/-/g, '_')}_URL`] = url;
  // a test may run a second instance of a department on the same database (the fault suite does)
  for (const [name, url] of Object.entries(ready.databaseUrls)) process.env[`KC_${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`] = url;
}

import 'reflect-metadata';
import { startSystem, type TestSystem } from './system';

/** One seeded system for the whole run; test files reach it over HTTP through these variables. */
export default async function globalSetup(): Promise<void> {
  const system = await startSystem({ demo: true });
  (globalThis as { __KC_SYSTEM__?: TestSystem }).__KC_SYSTEM__ = system;
  process.env.KC_GATEWAY_URL = system.gatewayUrl;
  process.env.KC_DATA_DIR = system.dataDir;
  for (const [name, url] of Object.entries(system.subgraphUrls)) process.env[`KC_${name.toUpperCase().replace(/-/g, '_')}_URL`] = url;
}

import type { TestSystem } from './system';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __KC_SYSTEM__?: TestSystem }).__KC_SYSTEM__?.stop();
}

import type { ChildProcess } from 'node:child_process';
import { stopSpawned } from './spawn-system';

export default async function globalTeardown(): Promise<void> {
  await stopSpawned((globalThis as { __KC_SYSTEM__?: ChildProcess }).__KC_SYSTEM__);
}

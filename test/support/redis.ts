/**
 * The Redis the Redis-backed tests use (REDIS_URL, or this machine's), and whether it answers.
 * Without it those tests show as skipped (with a warning), unless REQUIRE_REDIS=1 (CI), which
 * makes its absence a failure.
 */
import { spawnSync } from 'node:child_process';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Asked once, when a test file loads, so that jest knows which tests to skip before it runs any. */
function answers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)}, function () { this.end(); process.exit(0); }).on('error', () => process.exit(1)).setTimeout(2000, () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5000 }).status === 0;
}

export const REDIS_AVAILABLE = answers(REDIS_URL);
if (!REDIS_AVAILABLE && process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but no Redis at ${REDIS_URL}`);
if (!REDIS_AVAILABLE) console.warn(`tests in Redis skipped: no Redis at ${REDIS_URL}`);

/** `it` when Redis answers, `it.skip` otherwise. */
export const itWithRedis = REDIS_AVAILABLE ? it : it.skip;
/** `describe` when Redis answers, `describe.skip` otherwise. */
export const describeWithRedis = REDIS_AVAILABLE ? describe : describe.skip;

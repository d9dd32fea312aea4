/**
 * A gateway-signed identity is good for one request: each carries a random `jti`, and a
 * department remembers the jtis it accepted until they expire, so the same header and body sent
 * again within the signature's window are refused.
 *
 * Where the remembered set lives decides which instances share it:
 * - REDIS_URL: Redis (`SET key NX PX ttl`), shared by every instance of the department (and
 *   one round trip per request);
 * - otherwise on PostgreSQL: the department's own database, table `kc_identity_seen` (UNLOGGED:
 *   no WAL and no fsync per request; a database crash or a failover empties it, so a request
 *   captured in the 35 seconds before could be sent once more), swept of expired rows every minute;
 * - otherwise (SQLite, one instance by design): this process's memory, with no round trip.
 * If Redis or the database cannot answer, the request is refused (503), never let through.
 */
import Redis from 'ioredis';
import type { MikroORM } from '@mikro-orm/core';
import type { Config, SubgraphName } from '../core';
import type { Logger } from '../observability';
import { databaseKind, sqlOf } from '../core';

export interface ReplayGuard {
  /** true the first time `jti` is presented, false if it was accepted before and `untilMs` has not passed; throws if the store cannot answer */
  firstUse(jti: string, untilMs: number): boolean | Promise<boolean>;
  close(): Promise<void>;
}

/** The table the PostgreSQL guard writes (not an entity: the schema generator is told to leave it alone). */
export const IDENTITY_SEEN_TABLE = 'kc_identity_seen';

/**
 * In this process's memory. Entries are dropped once expired (checked every few seconds), never
 * because the set is full: an entry evicted early would let its request through a second time.
 */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>();
  let nextSweep = now() + 5000;
  return {
    firstUse(jti, untilMs) {
      const t = now();
      if (t >= nextSweep) {
        for (const [k, until] of seen) if (until <= t) seen.delete(k);
        nextSweep = t + 5000;
      }
      const until = seen.get(jti);
      if (until !== undefined && until > t) return false;
      seen.set(jti, untilMs);
      return true;
    },
    async close() {
      seen.clear();
    },
  };
}

/** In Redis, shared by every instance of `service`: `SET <prefix>:<service>:<jti> 1 NX PX <ms left>`. */
export function redisReplayGuard(service: string, redisUrl: string, keyPrefix: string, logger: Logger): ReplayGuard {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, enableAutoPipelining: true });
  let warned = false;
  redis.on('error', (e: Error) => {
    if (!warned) logger.warn({ err: e.message }, 'replay guard: Redis unavailable, signed requests are refused until it answers');
    warned = true;
  });
  redis.on('ready', () => (warned = false));
  const connecting = redis.connect().catch(() => undefined);
  const prefix = `${keyPrefix}:${service}:`;
  return {
    async firstUse(jti, untilMs) {
      await connecting;
      const ttl = Math.max(1, Math.ceil(untilMs - Date.now()));
      return (await redis.set(prefix + jti, '1', 'PX', ttl, 'NX')) === 'OK';
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** In the department's own PostgreSQL database: one INSERT … ON CONFLICT DO NOTHING per request; expired rows swept every minute. */
export function postgresReplayGuard(orm: MikroORM, logger: Logger, sweepEveryMs = 60_000): ReplayGuard {
  const connection = () => sqlOf(orm.em).getConnection();
  const sweep = () => connection().execute(`delete from "${IDENTITY_SEEN_TABLE}" where "until" < ?`, [new Date()], 'run')
    .catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'replay guard: sweeping expired signatures failed'));
  const sweeper = setInterval(() => void sweep(), sweepEveryMs).unref();
  return {
    async firstUse(jti, untilMs) {
      const r = await connection().execute(`insert into "${IDENTITY_SEEN_TABLE}" ("jti", "until") values (?, ?) on conflict ("jti") do nothing`, [jti, new Date(untilMs)], 'run');
      return (r as unknown as { affectedRows: number }).affectedRows === 1;
    },
    async close() {
      clearInterval(sweeper);
    },
  };
}

/** The guard for one department: Redis with REDIS_URL, else its PostgreSQL database, else memory. */
export function replayGuard(service: SubgraphName, config: Config, orm: MikroORM, logger: Logger): ReplayGuard {
  if (config.replay.redisUrl) return redisReplayGuard(service, config.replay.redisUrl, config.replay.keyPrefix, logger);
  if (databaseKind(config.databaseUrl(service)) === 'postgresql') return postgresReplayGuard(orm, logger);
  return memoryReplayGuard();
}

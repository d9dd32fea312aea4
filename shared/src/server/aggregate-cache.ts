/**
 * Aggregates a department service computes from many rows (the district overview) are kept until
 * the next write through that service: every mutation ends by moving the service's generation on,
 * and an answer is stored only if the generation did not move while it was being computed, so a
 * figure is never older than the last write that finished. With REDIS_URL the entries and the
 * generation live in Redis (shared by every instance of the service); otherwise in this process.
 * If Redis cannot answer, the aggregate is computed as if there were no cache.
 * Only aggregates belong here: nothing personal, nothing that differs by caller.
 */
import Redis from 'ioredis';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Config } from '../core';
import type { Logger } from '../observability';

export interface AggregateCache {
  /** the cached value of `key`, or `compute()` (stored for the next caller unless a write intervened) */
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** after a write: every cached aggregate of this service is recomputed on its next read */
  invalidate(): Promise<void>;
  close(): Promise<void>;
}

// stores the entry only if the generation is still the one read before computing
const SET_IF_GENERATION = `
if (redis.call('GET', KEYS[1]) or '0') == ARGV[1] then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  redis.call('EXPIRE', KEYS[2], ARGV[4])
  return 1
end
return 0`;

export function aggregateCache(service: string, config: Config, logger: Logger): AggregateCache {
  const { redisUrl, ttlSeconds, keyPrefix } = config.cache;
  const prefix = `${keyPrefix}:${service}`;
  if (ttlSeconds === 0) return { get: (_k, compute) => compute(), invalidate: async () => {}, close: async () => {} };

  if (!redisUrl) {
    let generation = 0;
    const entries = new Map<string, { value: unknown; until: number }>();
    return {
      async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
        const hit = entries.get(key);
        if (hit && hit.until > Date.now()) return hit.value as T;
        const g = generation;
        const value = await compute();
        if (g === generation) entries.set(key, { value, until: Date.now() + ttlSeconds * 1000 });
        return value;
      },
      async invalidate() {
        generation += 1;
        entries.clear();
      },
      async close() {},
    };
  }

  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  let warned = false;
  const unavailable = (e: unknown) => {
    if (!warned) logger.warn({ err: (e as Error).message }, 'aggregate cache unavailable: computing every time');
    warned = true;
  };
  redis.on('error', unavailable);
  const connecting = redis.connect().then(() => (warned = false), unavailable);
  const generationKey = `${prefix}:generation`;
  const entriesKey = `${prefix}:entries`;
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      await connecting;
      let generation: string;
      try {
        const [[, cached], [, g]] = (await redis.multi().hget(entriesKey, key).get(generationKey).exec()) as [unknown, string | null][];
        if (cached) return JSON.parse(cached) as T;
        generation = g ?? '0';
      } catch (e) {
        unavailable(e);
        return compute();
      }
      const value = await compute();
      await redis.eval(SET_IF_GENERATION, 2, generationKey, entriesKey, generation, key, JSON.stringify(value), String(ttlSeconds)).catch(unavailable);
      return value;
    },
    async invalidate() {
      await connecting;
      await redis.multi().incr(generationKey).del(entriesKey).exec().catch(unavailable);
    },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}

/** Every mutation this service answers moves the cache on (once the resolvers' transactions are over). */
export function invalidateOnWrite(cache: AggregateCache): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') await cache.invalidate();
        },
      };
    },
  };
}

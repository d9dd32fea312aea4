/** Requests per minute per user (a department system: its service account's own limit) and per department (rate-limiter-flexible), in Redis when configured. */
import { GraphQLError } from 'graphql';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '@kongchuo/shared/core';
import type { Logger } from '@kongchuo/shared/observability';
import type { Identity } from '@kongchuo/shared/identity';

/**
 * Requests per minute per user and per department. With REDIS_URL the counts live in Redis, so
 * every gateway instance shares them; without it (one machine, the embedded default) in memory.
 * Over the limit: HTTP 429, `RATE_LIMITED`, with `retryAfterSeconds`.
 */
export function rateLimiter(config: Config, logger: Logger) {
  const { perUserPerMinute, perDepartmentPerMinute, redisUrl, keyPrefix } = config.rateLimits;
  let redis: Redis | undefined;
  const make = (points: number, prefix: string): RateLimiterAbstract => {
    if (!redisUrl) return new RateLimiterMemory({ points, duration: 60, keyPrefix: prefix });
    if (!redis) {
      // auto-pipelining: the per-user and per-department counts (and every request's in the same tick) go in one write
      redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, enableAutoPipelining: true });
      redis.on('error', (e) => logger.warn({ err: e.message }, 'rate-limit store unavailable'));
    }
    // if Redis is down, count in memory rather than refuse everyone (insurance limiter)
    return new RateLimiterRedis({ storeClient: redis, points, duration: 60, keyPrefix: prefix, insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }) });
  };
  const perUser = make(perUserPerMinute, `${keyPrefix}:user`);
  // a department system's service account carries its own limit (its token's rate_limit claim)
  const perSystem = new Map<number, RateLimiterAbstract>();
  const userLimiter = (identity: Identity) => {
    const own = identity.role === 'service' ? identity.rateLimitPerMinute : undefined;
    if (!own) return perUser;
    if (!perSystem.has(own)) perSystem.set(own, make(own, `${keyPrefix}:svc${own}`));
    return perSystem.get(own)!;
  };
  const perDepartment = make(perDepartmentPerMinute, `${keyPrefix}:dept`);
  return {
    /** connects to Redis before the gateway serves (if it cannot, counts in memory and says so) */
    async ready(): Promise<void> {
      await redis?.connect().catch((e: Error) => logger.warn({ err: e.message }, 'rate-limit store unavailable: counting in memory on this instance'));
    },
    async consume(identity: Identity): Promise<void> {
      try {
        await Promise.all([userLimiter(identity).consume(identity.user), perDepartment.consume(identity.department)]);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new GraphQLError(`too many requests: try again in ${retryAfterSeconds} s`, {
          // Apollo Server reads `http.headers` as a Map (typed as a record where graphql-yoga's types are installed)
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) as never } },
        });
      }
    },
    async close(): Promise<void> {
      await redis?.quit().catch(() => undefined);
    },
  };
}

/** The Redis the Redis-backed tests use (REDIS_URL, or this machine's), and whether it answers. */
import net from 'node:net';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const redisUp = () => new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const s = net.connect(Number(port || 6379), hostname, () => (s.end(), resolve(true)));
  s.on('error', () => resolve(false));
});

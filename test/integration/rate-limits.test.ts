/**
 * Rate limits per user and per department. In memory on one gateway; in Redis shared by every
 * gateway instance (Redis runs on this machine and in CI; elsewhere that part is skipped unless
 * REQUIRE_REDIS=1). Each test starts its own gateways with low limits and its own key prefix.
 */
import type { RunningService } from '@kongchuo/shared/server';
import { gatewayWith } from '../support/instances';
import { post, tokenFor, type Account } from '../support/client';
import { REDIS_URL, itWithRedis } from '../support/redis';

const gateways: RunningService[] = [];
afterAll(async () => {
  for (const g of gateways) await g.stop();
});

async function gateway(env: Record<string, string>): Promise<RunningService> {
  const g = await gatewayWith({}, { REDIS_URL: '', ...env });
  gateways.push(g);
  return g;
}
const ask = async (g: RunningService, as: Account) =>
  post<{ districtOverview: { stillOut: number } }>(g.url, { query: '{ districtOverview(year: 2018) { stillOut } }' }, { authorization: `Bearer ${await tokenFor(as)}` });


describe('rate limits', () => {
  it('per user: over the limit a user gets 429 RATE_LIMITED with when to retry; another user is not affected', async () => {
    const g = await gateway({ RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_DEPARTMENT_PER_MINUTE: '1000', RATE_LIMIT_PREFIX: `t-user-${Date.now()}` });
    for (let i = 0; i < 3; i++) expect((await ask(g, 'edu-admin')).status).toBe(200);
    const over = await ask(g, 'edu-admin');
    expect(over.status).toBe(429);
    expect(over.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(over.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect((await ask(g, 'police')).status).toBe(200);
  });

  it('per department: the users of one department share its budget', async () => {
    const g = await gateway({ RATE_LIMIT_USER_PER_MINUTE: '100', RATE_LIMIT_DEPARTMENT_PER_MINUTE: '4', RATE_LIMIT_PREFIX: `t-dept-${Date.now()}` });
    for (const as of ['edu-admin', 'school-staff', 'edu-admin', 'school-staff'] as Account[]) expect((await ask(g, as)).status).toBe(200);
    expect((await ask(g, 'school-staff')).errors![0].extensions!.code).toBe('RATE_LIMITED');
    expect((await ask(g, 'joint-meeting')).status).toBe(200);
  });

  itWithRedis('in Redis, shared across gateway instances', async () => {
    const env = { REDIS_URL, RATE_LIMIT_USER_PER_MINUTE: '4', RATE_LIMIT_DEPARTMENT_PER_MINUTE: '1000', RATE_LIMIT_PREFIX: `t-redis-${Date.now()}` };
    const [a, b] = [await gateway(env), await gateway(env)];
    for (const g of [a, b, a, b]) expect((await ask(g, 'civil-affairs')).status).toBe(200);
    expect((await ask(a, 'civil-affairs')).errors![0].extensions!.code).toBe('RATE_LIMITED');
    expect((await ask(b, 'civil-affairs')).errors![0].extensions!.code).toBe('RATE_LIMITED');
  });
});

/**
 * Aggregates kept until the next write: computed once, recomputed after a write, and never stored
 * when a write finished while they were being computed. In this process's memory, and in Redis
 * shared by two instances of a service (Redis runs on this machine and in CI; elsewhere that
 * part is skipped unless REQUIRE_REDIS=1). Through the gateway: the overview follows a write.
 */
import { loadConfig } from '@kongchuo/shared/core';
import { composeResidentId } from '@kongchuo/shared/domain';
import { createLogger } from '@kongchuo/shared/observability';
import { aggregateCache, type AggregateCache } from '@kongchuo/shared/server';
import { ok } from '../support/client';
import { REDIS_AVAILABLE, REDIS_URL } from '../support/redis';

const logger = createLogger('test', 'error');
const caches: AggregateCache[] = [];
afterAll(async () => {
  for (const c of caches) await c.close();
});
const cacheWith = (env: Record<string, string>) => {
  const c = aggregateCache('education', loadConfig({ ...process.env, REDIS_URL: '', ...env }), logger);
  caches.push(c);
  return c;
};

function counter() {
  let n = 0;
  return { compute: async () => ({ n: ++n }), calls: () => n };
}

const places: [string, () => Promise<readonly [AggregateCache, AggregateCache | undefined]>][] = [
  ['in memory', async () => [cacheWith({}), undefined] as const],
  ['in Redis', async () => {
    const env = { REDIS_URL, CACHE_PREFIX: `t-cache-${Date.now()}-${Math.random()}` };
    return [cacheWith(env), cacheWith(env)] as const;
  }],
];
describe.each(places)('aggregate cache %s', (label, make) => {
  // without Redis its part shows as skipped (test/support/redis.ts)
  const it = label === 'in Redis' && !REDIS_AVAILABLE ? global.it.skip : global.it;
  it('computes once, then answers from the cache until a write', async () => {
    const [cache, other] = await make();
    const c = counter();
    expect(await cache.get('overview:2018', c.compute)).toEqual({ n: 1 });
    expect(await cache.get('overview:2018', c.compute)).toEqual({ n: 1 });
    if (other) expect(await other.get('overview:2018', c.compute)).toEqual({ n: 1 }); // a second instance shares it
    expect(c.calls()).toBe(1);
    await (other ?? cache).invalidate(); // a write on any instance
    expect(await cache.get('overview:2018', c.compute)).toEqual({ n: 2 });
    expect(c.calls()).toBe(2);
  });

  it('does not keep a figure computed while a write finished', async () => {
    const [cache] = await make();
    let n = 0;
    const racing = async () => {
      n += 1;
      if (n === 1) await cache.invalidate(); // the write lands while the first computation runs
      return { n };
    };
    expect(await cache.get('overview:2019', racing)).toEqual({ n: 1 });
    expect(await cache.get('overview:2019', racing)).toEqual({ n: 2 }); // not the stale 1
    expect(await cache.get('overview:2019', racing)).toEqual({ n: 2 });
  });
});

describe('the district overview through the gateway', () => {
  it('moves with the next write: a case opened in 2023 is counted at once', async () => {
    const OVERVIEW = 'query($year: Int!) { districtOverview(year: $year) { dropoutsFound } }';
    const before = (await ok<{ districtOverview: { dropoutsFound: number } }>(OVERVIEW, { year: 2023 })).districtOverview.dropoutsFound;
    expect((await ok<{ districtOverview: { dropoutsFound: number } }>(OVERVIEW, { year: 2023 })).districtOverview.dropoutsFound).toBe(before);
    const { enrollStudent } = await ok<{ enrollStudent: { id: string } }>(
      'mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id } }',
      { input: { idNumber: composeResidentId('450204', '2010-03-03', 611), name: '缓存测试', schoolCode: '2145020405', grade: 7, className: '1班', date: '2022-09-01', code: 'TRANSFER_IN', crossesDistrict: true } },
    );
    await ok('mutation($input: OpenDropoutCaseInput!) { openDropoutCase(input: $input) { id } }', {
      input: { studentId: enrollStudent.id, discoveredOn: '2023-03-01', source: 'HOME_VISIT', reasons: ['OTHER'] },
    });
    expect((await ok<{ districtOverview: { dropoutsFound: number } }>(OVERVIEW, { year: 2023 })).districtOverview.dropoutsFound).toBe(before + 1);
  });
});

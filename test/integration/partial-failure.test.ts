/**
 * One department's service being down costs only that department's fields: the rest of the
 * unified view still answers, and the gateway keeps starting and serving from the committed
 * supergraph. This file starts its own system so that it can stop a subgraph.
 */
import { startGateway } from '@kongchuo/gateway';
import { createLogger } from '@kongchuo/shared/observability';
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { post } from '../support/client';
import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let token: string;

beforeAll(async () => {
  system = await startSystem({ demo: true });
  token = await issueUserToken(DEMO_ACCOUNTS['joint-meeting'], system.config, system.keys);
}, 180000);
afterAll(() => system?.stop());

const UNIFIED = `{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 16) { totalCount nodes {
  id name enrollment { status } hukou { regionCode } isMigrant poverty { registered } community { name } homeVisits { date }
} } }`;

interface Unified {
  students: { totalCount: number; nodes: { name: string; enrollment: unknown; hukou: unknown; isMigrant: unknown; poverty: unknown; community: unknown; homeVisits: unknown }[] };
}

describe('a department down', () => {
  it('leaves the other departments answering, with its own fields null and an error naming it', async () => {
    const before = await post<Unified>(system.gatewayUrl, { query: UNIFIED }, { authorization: `Bearer ${token}` });
    expect(before.errors).toBeUndefined();
    expect(before.data!.students.nodes.every((n) => n.poverty !== null)).toBe(true);

    await system.subgraphs['civil-affairs'].stop();
    const r = await post<Unified>(system.gatewayUrl, { query: UNIFIED }, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
    expect(r.data!.students.totalCount).toBe(16);
    for (const n of r.data!.students.nodes) {
      expect(n.name).toEqual(expect.any(String));
      expect(n.enrollment).not.toBeNull();
      expect(n.hukou).not.toBeNull();
      expect(n.community).not.toBeNull();
      expect(n.poverty).toBeNull();
    }
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(r.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'civil-affairs' });
    expect(r.errors![0].message).toContain('civil-affairs');
  });

  it('a gateway started while the department is down still starts and serves', async () => {
    const gateway = await startGateway({
      config: system.config, keys: system.keys, port: 0, logger: createLogger('test', 'error'), subgraphUrls: system.subgraphUrls,
    });
    try {
      const r = await post<Unified>(gateway.url, { query: UNIFIED }, { authorization: `Bearer ${token}` });
      expect(r.data!.students.totalCount).toBe(16);
      expect(r.data!.students.nodes[0].hukou).not.toBeNull();
      expect(r.data!.students.nodes[0].poverty).toBeNull();
    } finally {
      await gateway.stop();
    }
  });
});

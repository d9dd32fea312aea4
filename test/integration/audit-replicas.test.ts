/**
 * Two instances of one department on one PostgreSQL database (how a busy department scales out)
 * keep one audit chain: each append takes the chain's advisory lock inside its own transaction, so
 * the two never link a new entry to the same predecessor. (Before, the lock was taken on another
 * pooled connection and ended at once, and concurrent appends from two processes forked the chain.)
 *
 * A second education process (`scripts/dist/serve.js education`) runs on the shared system's
 * education database behind a gateway of this file's own; the joint meeting reads children
 * through both gateways at once. The PostgreSQL pass only: SQLite is the single-instance default.
 */
import type { ChildProcess } from 'node:child_process';
import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '@kongchuo/shared/core';
import { verifyAuditChain } from '@kongchuo/shared/audit';
import { type RunningService } from '@kongchuo/shared/server';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';
import { gatewayUrl, post, tokenFor } from '../support/client';
import { freePort, gatewayWith, spawnDepartment } from '../support/instances';
import { usingPostgres } from '../support/system';

(usingPostgres() ? describe : describe.skip)('two instances of education on one database', () => {
  let second: ChildProcess | undefined;
  let gateway: RunningService;
  const databaseUrl = () => process.env.KC_EDUCATION_DATABASE_URL!;

  beforeAll(async () => {
    const port = await freePort();
    second = await spawnDepartment('education', port);
    gateway = await gatewayWith({ education: `http://127.0.0.1:${port}/graphql` });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    second?.kill('SIGTERM');
  });

  it('both append at once, and the chain still verifies from the first entry to the last', async () => {
    const token = await tokenFor('joint-meeting');
    const ask = (url: string, query: string, variables: Record<string, unknown> = {}) => post<Record<string, { nodes: { id: string }[] } | unknown>>(url, { query, variables }, { authorization: `Bearer ${token}` });
    const list = await ask(gatewayUrl(), '{ students(first: 60) { nodes { id } } }');
    const ids = (list.data!.students as { nodes: { id: string }[] }).nodes.map((n) => n.id);
    expect(ids.length).toBe(60);

    const orm = await MikroORM.init(ormOptions(SUBGRAPH_MODULES.find((m) => m.name === 'education')!.database(databaseUrl())));
    try {
      const before = await verifyAuditChain(orm.em.fork());
      expect(before.ok).toBe(true);
      // three waves of 60 requests, each child read through both instances at the same moment
      for (let wave = 0; wave < 3; wave += 1) {
        const results = await Promise.all(ids.flatMap((id, i) => [gatewayUrl(), gateway.url].map((url) =>
          ask(url, `query Wave${wave}_${i % 7}($id: ID!) { student(id: $id) { name birthDate enrollment { status } } }`, { id }))));
        expect(results.filter((r) => r.errors)).toEqual([]);
      }
      const after = await verifyAuditChain(orm.em.fork());
      expect(after).toMatchObject({ ok: true });
      expect(after.checked - before.checked).toBeGreaterThanOrEqual(3 * 2 * 60);
    } finally {
      await orm.close();
    }
  }, 120_000);
});

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
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { startGateway } from '@kongchuo/gateway';
import { createLogger, loadConfig, ormOptions, SUBGRAPH_NAMES, verifyAuditChain, type RunningService } from '@kongchuo/shared';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';
import { gatewayUrl, post, subgraphUrl, testKeys, tokenFor } from '../support/client';
import { usingPostgres } from '../support/system';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

(usingPostgres() ? describe : describe.skip)('two instances of education on one database', () => {
  let second: ChildProcess | undefined;
  let gateway: RunningService;
  const databaseUrl = () => process.env.KC_EDUCATION_DATABASE_URL!;

  beforeAll(async () => {
    const port = await freePort();
    second = spawn(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'dist', 'serve.js'), 'education'], {
      env: { ...process.env, DATA_DIR: process.env.KC_DATA_DIR, EDUCATION_PORT: String(port), EDUCATION_DATABASE_URL: databaseUrl(), LOG_LEVEL: 'fatal', DEMO_SEED: 'off', NODE_ENV: 'test' },
      stdio: 'ignore',
    });
    for (let i = 0; ; i += 1) {
      if (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)) break;
      if (i > 300 || second.exitCode !== null) throw new Error('the second education instance did not start');
      await sleep(100);
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphUrl(n)]));
    subgraphUrls.education = `http://127.0.0.1:${port}/graphql`;
    const env = { ...process.env, DATA_DIR: process.env.KC_DATA_DIR };
    gateway = await startGateway({ config: loadConfig(env), keys: await testKeys(), port: 0, logger: createLogger('test', 'fatal'), subgraphUrls });
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

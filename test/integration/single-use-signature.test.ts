/**
 * A gateway-signed request is good once, at one department. A capturing proxy stands between a
 * gateway of this file's own and the real department: it records the exact header and body the
 * gateway sent, passes them on, and the test then sends them again straight to the department
 * (what a hostile tester on the internal network did: one grantAid became four).
 * PostgreSQL pass: a second instance of civil affairs on the same database refuses it too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { decodeJwt } from 'jose';
import { loadConfig } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { DEMO_ACCOUNTS, IDENTITY_HEADER, redisReplayGuard, signSubgraphIdentity, subgraphAudience } from '@kongchuo/shared/identity';
import { type RunningService } from '@kongchuo/shared/server';
import { ok, post, subgraphUrl, testKeys, tokenFor } from '../support/client';
import { freePort, gatewayWith, spawnDepartment } from '../support/instances';
import { REDIS_URL, describeWithRedis } from '../support/redis';
import { usingPostgres } from '../support/system';

interface Captured { identity: string; body: string }

/** An HTTP proxy to `target` that records every request; `drop(body)` true: pass it on, then cut the connection instead of answering. */
async function capturingProxy(target: string, drop: (body: string) => boolean = () => false) {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const identity = String(req.headers[IDENTITY_HEADER] ?? '');
      captured.push({ identity, body });
      void fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity }, body })
        .then(async (r) => {
          const text = await r.text();
          if (drop(body)) req.socket.destroy();
          else res.writeHead(r.status, { 'content-type': 'application/json' }).end(text);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    captured,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

const GRANT = 'mutation GrantOnce($input: GrantAidInput!) { grantAid(input: $input) { id amount } }';
const AIDS = 'query($id: ID!) { student(id: $id) { poverty { aids { id } } } }';

describe('a gateway-signed request is good once, at one department', () => {
  let proxy: Awaited<ReturnType<typeof capturingProxy>>;
  let gateway: RunningService;
  let childId: string;
  let grant: Captured;
  const grants = async () => (await ok<{ student: { poverty: { aids: unknown[] } | null } }>(AIDS, { id: childId }, { as: 'civil-affairs' })).student.poverty?.aids.length ?? 0;

  beforeAll(async () => {
    proxy = await capturingProxy(subgraphUrl('civil-affairs'));
    gateway = await gatewayWith({ 'civil-affairs': proxy.url });
    const { students } = await ok<{ students: { nodes: { id: string }[] } }>('{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id } } }');
    childId = students.nodes[0].id;
  });
  afterAll(async () => {
    await gateway?.stop();
    await proxy?.close();
  });

  it('a grantAid the gateway signed, sent again straight to civil affairs, is refused and nothing more is granted', async () => {
    const before = await grants();
    const input = { studentId: childId, programme: 'STUDENT_GRANT', amount: 777.77, periodStart: '2024-09-01', periodEnd: '2025-01-31', grantedOn: '2024-09-20' };
    const r = await post<{ grantAid: { amount: number } }>(gateway.url, { query: GRANT, variables: { input } }, { authorization: `Bearer ${await tokenFor('civil-affairs')}` });
    expect(r.errors).toBeUndefined();
    expect(r.data?.grantAid.amount).toBe(777.77);
    expect(await grants()).toBe(before + 1);

    grant = proxy.captured.find((c) => c.body.includes('GrantOnce'))!;
    expect(grant).toBeDefined();
    const claims = decodeJwt(grant.identity);
    expect(claims.aud).toBe(subgraphAudience('civil-affairs'));
    expect(typeof claims.jti).toBe('string');

    for (let i = 0; i < 3; i += 1) {
      const replay = await post(subgraphUrl('civil-affairs'), grant.body, { [IDENTITY_HEADER]: grant.identity });
      expect(replay.status).toBe(401);
      expect(replay.errors?.[0]).toMatchObject({ message: 'this signed request was already used', extensions: { code: 'UNAUTHENTICATED' } });
      expect(replay.data).toBeUndefined();
    }
    expect(await grants()).toBe(before + 1);
  });

  it('the same signed header is refused by every other department', async () => {
    const signed = grant ?? proxy.captured.find((c) => c.body.includes('GrantOnce'))!;
    for (const other of ['education', 'public-security', 'community', 'joint-meeting']) {
      const r = await post(subgraphUrl(other), signed.body, { [IDENTITY_HEADER]: signed.identity });
      expect(r.status).toBe(401);
      expect(r.errors?.[0]).toMatchObject({ message: expect.stringContaining('gateway signature refused'), extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('a read retried after its connection dropped goes with a fresh signature, and is answered', async () => {
    let dropped = 0;
    const flaky = await capturingProxy(subgraphUrl('education'), (body) => body.includes('RetriedRead') && dropped++ === 0);
    const retrying = await gatewayWith({ education: flaky.url });
    try {
      const r = await post<{ schools: { code: string }[] }>(retrying.url, { query: 'query RetriedRead { schools { code } }' }, { authorization: `Bearer ${await tokenFor('edu-admin')}` });
      expect(r.errors).toBeUndefined();
      expect(r.data?.schools.length).toBeGreaterThan(0);
      const attempts = flaky.captured.filter((c) => c.body.includes('RetriedRead'));
      expect(attempts).toHaveLength(2);
      expect(decodeJwt(attempts[0].identity).jti).not.toBe(decodeJwt(attempts[1].identity).jti);
      // the first attempt did reach education (its answer was lost): its signature is used up
      expect((await post(subgraphUrl('education'), attempts[0].body, { [IDENTITY_HEADER]: attempts[0].identity })).status).toBe(401);
    } finally {
      await retrying.stop();
      await flaky.close();
    }
  });

  (usingPostgres() ? describe : describe.skip)('two instances of civil affairs on one PostgreSQL database', () => {
    let second: ChildProcess | undefined;
    afterAll(() => {
      second?.kill('SIGTERM');
    });

    it('a request one instance answered is refused by the other', async () => {
      const secondPort = await freePort();
      second = await spawnDepartment('civil-affairs', secondPort);
      const before = await grants();
      const input = { studentId: childId, programme: 'STUDENT_GRANT', amount: 555.55, periodStart: '2024-09-01', periodEnd: '2025-01-31', grantedOn: '2024-09-21' };
      const body = JSON.stringify({ query: 'mutation GrantTwice($input: GrantAidInput!) { grantAid(input: $input) { id } }', variables: { input } });
      expect((await post(gateway.url, body, { authorization: `Bearer ${await tokenFor('civil-affairs')}` })).errors).toBeUndefined();
      expect(await grants()).toBe(before + 1);
      const captured = proxy.captured.find((c) => c.body.includes('GrantTwice'))!;
      const r = await post(`http://127.0.0.1:${secondPort}/graphql`, captured.body, { [IDENTITY_HEADER]: captured.identity });
      expect(r.status).toBe(401);
      expect(r.errors?.[0]).toMatchObject({ message: 'this signed request was already used', extensions: { code: 'UNAUTHENTICATED' } });
      expect(await grants()).toBe(before + 1);
      // the second instance answers a request signed afresh: the refusal above is the replay's
      const read = JSON.stringify({ query: 'query($id: ID!) { aidGrant(id: $id) { id } }', variables: { id: 'none' } });
      const fresh = await signSubgraphIdentity(DEMO_ACCOUNTS['civil-affairs'], read, 'civil-affairs', loadConfig({ ...process.env, DATA_DIR: process.env.KC_DATA_DIR }), await testKeys());
      expect((await post(`http://127.0.0.1:${secondPort}/graphql`, read, { [IDENTITY_HEADER]: fresh })).status).toBe(200);
    }, 60_000);
  });
});

describeWithRedis('the memory of used signatures in Redis', () => {
  it('is shared by every instance of a department, and kept apart between departments', async () => {
    const logger = createLogger('test', 'fatal');
    const prefix = `t-seen-${Date.now()}-${Math.random()}`;
    const [one, two, other] = [redisReplayGuard('civil-affairs', REDIS_URL, prefix, logger), redisReplayGuard('civil-affairs', REDIS_URL, prefix, logger), redisReplayGuard('education', REDIS_URL, prefix, logger)];
    try {
      const until = Date.now() + 2000;
      expect(await one.firstUse('jti-1', until)).toBe(true);
      expect(await two.firstUse('jti-1', until)).toBe(false);
      expect(await one.firstUse('jti-1', until)).toBe(false);
      expect(await other.firstUse('jti-1', until)).toBe(true);
      expect(await two.firstUse('jti-2', until)).toBe(true);
    } finally {
      await Promise.all([one.close(), two.close(), other.close()]);
    }
  });

  it('refuses to say a signature is new when Redis does not answer', async () => {
    const guard = redisReplayGuard('civil-affairs', `redis://127.0.0.1:${await freePort()}`, 't-seen', createLogger('test', 'fatal'));
    try {
      await expect(Promise.resolve().then(() => guard.firstUse('jti-x', Date.now() + 2000))).rejects.toThrow();
    } finally {
      await guard.close();
    }
  });
});

/**
 * Faults: a department that hangs costs only its own fields, after the timeout; after a few
 * failures in a row the gateway stops asking it and answers at once; when it is back the gateway
 * finds it again by itself. A gateway of this file's own points the civil-affairs department at a
 * switchable proxy in front of the real civil-affairs service.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningService } from '@kongchuo/shared/server';
import { gatewayWith } from '../support/instances';
import { post, subgraphUrl, tokenFor } from '../support/client';

const UNIFIED = `query Unified { students(filter: { enrollmentStatus: DROPPED_OUT }, first: 3) { nodes {
  name enrollment { status } hukou { regionCode } poverty { registered } community { name } } } }`;
interface Unified { students: { nodes: { name: string; enrollment: unknown; hukou: unknown; poverty: unknown; community: unknown }[] } }

let mode: 'hang' | 'pass' = 'pass';
let seen = 0;
let proxy: http.Server;
let gateway: RunningService;

beforeAll(async () => {
  const real = subgraphUrl('civil-affairs');
  proxy = http.createServer(async (req, res) => {
    seen += 1;
    if (mode === 'hang') return; // never answers
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
    const r = await fetch(real, { method: 'POST', headers, body: Buffer.concat(chunks) });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  gateway = await gatewayWith(
    { 'civil-affairs': `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` },
    { SUBGRAPH_TIMEOUT_MS: '400', BREAKER_FAILURES: '2', BREAKER_RESET_MS: '1500' },
  );
});
afterAll(async () => {
  await gateway?.stop();
  proxy?.closeAllConnections();
  await new Promise((ok) => proxy?.close(ok));
});

async function ask() {
  const started = Date.now();
  const r = await post<Unified>(gateway.url, { query: UNIFIED }, { authorization: `Bearer ${await tokenFor('joint-meeting')}` });
  return { r, ms: Date.now() - started };
}

describe('a department that hangs', () => {
  it('answers with that department\'s fields null after the timeout; the others answer', async () => {
    mode = 'pass';
    const healthy = await ask();
    expect(healthy.r.errors).toBeUndefined();
    expect(healthy.r.data!.students.nodes.every((n) => n.poverty !== null)).toBe(true);

    mode = 'hang';
    const { r, ms } = await ask();
    expect(ms).toBeLessThan(3000);
    expect(r.status).toBe(200);
    for (const n of r.data!.students.nodes) {
      expect(n.poverty).toBeNull();
      expect(n.enrollment).not.toBeNull();
      expect(n.hukou).not.toBeNull();
      expect(n.community).not.toBeNull();
    }
    expect(r.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'civil-affairs' });
  });

  it('after failures in a row the circuit opens: answers at once without asking; then recovers by itself', async () => {
    mode = 'hang';
    await ask(); // second failure in a row (the first was the test above): the breaker opens
    const before = seen;
    const fast = await ask();
    expect(fast.ms).toBeLessThan(300);
    expect(seen).toBe(before); // not asked
    expect(fast.r.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'civil-affairs' });

    mode = 'pass';
    await new Promise((ok) => setTimeout(ok, 1700)); // half-open after BREAKER_RESET_MS
    const back = await ask();
    expect(back.r.errors).toBeUndefined();
    expect(back.r.data!.students.nodes.every((n) => n.poverty !== null)).toBe(true);
  });
});

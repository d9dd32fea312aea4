/**
 * Graceful shutdown: a gateway told to stop (SIGTERM in production: `serve.js` calls stop) takes
 * no new connections, lets the requests it is answering finish with their whole answer, and only
 * then ends. A gateway of this file's own asks civil affairs through a proxy that answers slowly,
 * so requests are in flight when the stop comes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningService } from '@kongchuo/shared/server';
import { gatewayWith } from '../support/instances';
import { post, subgraphUrl, tokenFor } from '../support/client';

const DELAY_MS = 800;
// five different requests (identical ones from one caller would be merged into one)
const UNIFIED = 'query($first: Int) { students(filter: { enrollmentStatus: DROPPED_OUT }, first: $first) { nodes { name poverty { registered } } } }';

let proxy: http.Server;
let gateway: RunningService | undefined;
let arrived = 0;

beforeAll(async () => {
  const real = subgraphUrl('civil-affairs');
  proxy = http.createServer(async (req, res) => {
    arrived += 1;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await new Promise((r) => setTimeout(r, DELAY_MS));
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
    const r = await fetch(real, { method: 'POST', headers, body: Buffer.concat(chunks) });
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  gateway = await gatewayWith({ 'civil-affairs': `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` });
});
afterAll(async () => {
  await gateway?.stop();
  proxy?.closeAllConnections();
  await new Promise((ok) => proxy?.close(ok));
});

describe('a gateway told to stop', () => {
  it('finishes the requests in flight with whole answers, refuses new ones, then ends', async () => {
    const g = gateway!;
    const auth = { authorization: `Bearer ${await tokenFor('joint-meeting')}` };
    const inFlight = Array.from({ length: 5 }, (_, i) => post<{ students: { nodes: { poverty: unknown }[] } }>(g.url, { query: UNIFIED, variables: { first: i + 1 } }, auth));
    // wait until all five have reached the slow department: they are mid-answer
    for (let i = 0; i < 100 && arrived < 5; i++) await new Promise((r) => setTimeout(r, 20));
    expect(arrived).toBe(5);

    const stopping = g.stop().then(() => Date.now());
    await new Promise((r) => setTimeout(r, 50));
    // a new connection is refused while the five finish
    const late = await new Promise<string>((resolve) => {
      const req = http.request(g.url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...auth } }, (res) => resolve(`HTTP ${res.statusCode}`));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end(JSON.stringify({ query: UNIFIED, variables: { first: 1 } }));
    });
    expect(late).toBe('ECONNREFUSED');

    const answers = await Promise.all(inFlight);
    const answeredAt = Date.now();
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.errors).toBeUndefined();
      expect(a.data!.students.nodes.every((n) => n.poverty !== null)).toBe(true);
    }
    const stoppedAt = await stopping;
    expect(stoppedAt).toBeGreaterThanOrEqual(answeredAt - 50); // it ended after it had answered
    gateway = undefined;
  });
});

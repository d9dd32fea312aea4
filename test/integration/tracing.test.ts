/**
 * Traces: with OTEL_EXPORTER_OTLP_ENDPOINT set, one request through the gateway is one trace —
 * the gateway's HTTP span, @apollo/gateway's plan and fetches, each department's HTTP span under
 * the gateway's call to it, and that department's SQL statements — exported over OTLP/HTTP to a
 * collector (here: a small one in this test). A caller's own `traceparent` is continued. No span
 * carries a token, an ID number, variables or a query document.
 *
 * A system of its own (in its own process, like the shared one) runs with the exporter on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { loadConfig } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, issueUserToken, loadKeys } from '@kongchuo/shared/identity';
import { post } from '../support/client';
import { spawnSystem, stopSpawned, type SystemReady } from '../support/spawn-system';

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] }
interface Span extends OtlpSpan { service: string; attrs: Record<string, unknown> }

const received: string[] = [];
const spans: Span[] = [];
let collector: http.Server;
let child: ChildProcess | undefined;
let system: SystemReady;
let token: string;

function collect(body: string) {
  received.push(body);
  const doc = JSON.parse(body) as { resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] };
  for (const rs of doc.resourceSpans) {
    const service = String(rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue);
    for (const ss of rs.scopeSpans) {
      for (const s of ss.spans) {
        const attrs = Object.fromEntries((s.attributes ?? []).map((a) => [a.key, a.value.stringValue ?? a.value.intValue ?? a.value.boolValue]));
        spans.push({ ...s, service, attrs });
      }
    }
  }
}

beforeAll(async () => {
  collector = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) collect(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((ok) => collector.listen(0, '127.0.0.1', ok));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  const spawned = spawnSystem({ ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' });
  child = spawned.child;
  system = await spawned.ready;
  const env = { ...process.env, DATA_DIR: system.dataDir };
  token = await issueUserToken(DEMO_ACCOUNTS['joint-meeting'], loadConfig(env), await loadKeys(loadConfig(env), env));
}, 200_000);

afterAll(async () => {
  await stopSpawned(child);
  collector?.closeAllConnections();
  await new Promise((ok) => collector?.close(ok));
});

const ask = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
  post<Record<string, unknown>>(system.gatewayUrl, { query, variables }, { authorization: `Bearer ${token}`, ...headers });

/** Waits until the trace's spans from every named service have arrived (exports are batched). */
async function traceWith(find: () => string | undefined, services: string[]): Promise<Span[]> {
  for (let i = 0; i < 100; i += 1) {
    const traceId = find();
    const trace = traceId ? spans.filter((s) => s.traceId === traceId) : [];
    if (traceId && services.every((svc) => trace.some((s) => s.service === svc && s.kind === 2 /* SERVER */))) {
      await new Promise((ok) => setTimeout(ok, 300)); // the last batch of this trace
      return spans.filter((s) => s.traceId === traceId);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`no complete trace: ${spans.length} spans from ${[...new Set(spans.map((s) => s.service))].join(', ')}`);
}

const UNIFIED = `query OneChild($id: ID!) { student(id: $id) { name idNumber enrollment { status } hukou { regionCode } poverty { registered } community { name } } }`;

describe('one request, one trace across the gateway and the departments', () => {
  let childId: string;
  let idNumber: string;
  let requestId: string;
  let trace: Span[];

  beforeAll(async () => {
    const list = await ask(`query FirstDropout { students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id } } }`, {});
    childId = (list.data!.students as { nodes: { id: string }[] }).nodes[0].id;
    // the client's own request id is only echoed: the spans carry the gateway's
    const res = await fetch(system.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'trace-test-1' },
      body: JSON.stringify({ query: UNIFIED, variables: { id: childId } }),
    });
    const r = (await res.json()) as { data: Record<string, unknown>; errors?: unknown[] };
    expect(r.errors).toBeUndefined();
    expect(res.headers.get('x-client-request-id')).toBe('trace-test-1');
    requestId = res.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    idNumber = (r.data!.student as { idNumber: string }).idNumber;
    trace = await traceWith(
      () => spans.find((s) => s.service === 'kongchuo-gateway' && s.kind === 2 && s.attrs['kongchuo.request_id'] === requestId)?.traceId,
      ['kongchuo-gateway', 'kongchuo-education', 'kongchuo-public-security', 'kongchuo-civil-affairs', 'kongchuo-community'],
    );
  });

  it('the gateway\'s HTTP span is the root; @apollo/gateway\'s plan and fetch spans are under it', () => {
    const root = trace.find((s) => s.service === 'kongchuo-gateway' && s.kind === 2)!;
    expect(root.parentSpanId ?? '').toBe('');
    expect(root.name).toBe('POST /graphql');
    expect(root.attrs['http.response.status_code']).toBe(200);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (s: Span) => {
      const out: Span[] = [];
      for (let p = s.parentSpanId && byId.get(s.parentSpanId); p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) out.push(p);
      return out;
    };
    for (const name of ['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']) {
      const s = trace.find((x) => x.name === name);
      expect(s).toBeDefined();
      expect(ancestors(s!)).toContain(root);
    }
  });

  it('each department\'s HTTP span is a child of the gateway\'s call to that department, and its SQL is under it', () => {
    for (const dept of ['education', 'public-security', 'civil-affairs', 'community']) {
      const call = trace.find((s) => s.service === 'kongchuo-gateway' && s.name === `POST ${dept}`);
      expect(call).toBeDefined();
      expect(call!.kind).toBe(3); // CLIENT
      expect(call!.attrs['kongchuo.outcome']).toBe('ok');
      const server = trace.find((s) => s.service === `kongchuo-${dept}` && s.kind === 2 && s.parentSpanId === call!.spanId);
      expect(server).toBeDefined();
      expect(server!.attrs['kongchuo.request_id']).toBe(requestId);
      const operation = trace.find((s) => s.service === `kongchuo-${dept}` && s.name.startsWith('graphql query'));
      expect(operation?.parentSpanId).toBe(server!.spanId);
      const sql = trace.filter((s) => s.service === `kongchuo-${dept}` && s.name.startsWith('db '));
      expect(sql.length).toBeGreaterThan(0);
      expect(sql.every((s) => s.parentSpanId === server!.spanId)).toBe(true);
      expect(sql.map((s) => s.attrs['db.operation.name'])).toContain('select');
    }
  });

  it('no span carries the token, an ID number, the variables or the document', () => {
    const all = received.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split('.')[2]);
    expect(all).not.toContain(idNumber);
    expect(all).not.toMatch(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/);
    expect(all).not.toContain(childId);
    expect(all).not.toContain('idNumber');
    expect(all.toLowerCase()).not.toContain('bearer');
  });
});

describe('a caller\'s own trace', () => {
  it('is continued: the gateway\'s span is a child of the caller\'s traceparent', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = '00f067aa0ba902b7';
    const r = await ask(`query Overview { districtOverview(year: 2018) { dropoutsFound } }`, {}, { traceparent: `00-${traceId}-${parent}-01` });
    expect(r.errors).toBeUndefined();
    const trace = await traceWith(() => (spans.some((s) => s.traceId === traceId) ? traceId : undefined), ['kongchuo-gateway', 'kongchuo-education']);
    const root = trace.find((s) => s.service === 'kongchuo-gateway' && s.kind === 2)!;
    expect(root.parentSpanId).toBe(parent);
  });
});

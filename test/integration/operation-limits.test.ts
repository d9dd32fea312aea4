/**
 * What one request may ask of the gateway, and the operator's view of it: limits answer with a
 * coded error (never a 500), bodies it cannot read get JSON errors, request ids follow the
 * request, `/health`, `/ready` and `/metrics` answer — `/metrics` with bounded labels, and only to
 * the operator's token when one is set (off in production without one).
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startGateway } from '@kongchuo/gateway';
import { loadConfig, SUBGRAPH_NAMES } from '@kongchuo/shared/core';
import { createLogger, metricsAccess } from '@kongchuo/shared/observability';
import { type RunningService } from '@kongchuo/shared/server';
import { gatewayUrl, gql, post, subgraphUrl, testKeys, tokenFor } from '../support/client';
import { gatewayWith } from '../support/instances';

const base = () => gatewayUrl().replace(/\/graphql$/, '');
const auth = async () => ({ authorization: `Bearer ${await tokenFor('edu-admin')}` });

describe('operation limits', () => {
  it('a query nested deeper than the limit is refused with a coded error', async () => {
    let inner = 'id';
    for (let i = 0; i < 8; i++) inner = `dropoutCase { student { ${inner} } }`;
    const r = await gql(`{ students(first: 1) { nodes { ${inner} } } }`);
    expect(r.status).toBe(400);
    expect(r.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors![0].message).toMatch(/depth/i);
  });

  it('an alias bomb and a token flood are refused', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: districtOverview(year: 2018) { stillOut }`).join(' ');
    const bomb = await gql(`{ ${aliases} }`);
    expect(bomb.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(bomb.errors![0].message).toMatch(/alias/i);
    const flood = await gql(`{ districtOverview(year: 2018) { ${'stillOut '.repeat(6000)} } }`);
    expect(flood.status).toBe(400);
    expect(flood.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(flood.errors![0].message).toMatch(/token/i);
  });

  it('a document that does not parse is a 400 GRAPHQL_PARSE_FAILED, never a 500', async () => {
    for (const query of ['!query X { a }', '{ students(first: 1) { nodes { id }', '{ "' ]) {
      const r = await gql(query);
      expect(r.status).toBe(400);
      expect(r.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    }
  });

  it('one operation per request: a batch is refused', async () => {
    const r = await post(gatewayUrl(), JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), await auth());
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.errors)).toMatch(/batch/i);
  });

  it('a body over the size limit, or not JSON, gets a JSON error with a code', async () => {
    const big = await post(gatewayUrl(), { query: `{ __typename }`, variables: { pad: 'x'.repeat(1_200_000) } }, await auth());
    expect(big.status).toBe(413);
    expect(big.errors![0].extensions!.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await post(gatewayUrl(), '{"query": "{ __typename }"', await auth());
    expect(broken.status).toBe(400);
    expect(broken.errors![0].extensions!.code).toBe('BAD_REQUEST');
  });

  it('CSRF prevention: a simple cross-site request (text/plain) is refused', async () => {
    const res = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'text/plain', ...(await auth()) }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('in production: no introspection and no field suggestions', async () => {
    const env = { ...process.env, DATA_DIR: process.env.KC_DATA_DIR, NODE_ENV: 'production' };
    // production answers people only with registered documents (trusted-documents.test.ts); here any document, to see the rest
    expect(loadConfig(env).trustedDocuments).toBe('people');
    const config = { ...loadConfig(env), production: true, trustedDocuments: 'off' as const };
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphUrl(n)]));
    const gateway = await startGateway({ config, keys: await testKeys(), port: 0, logger: createLogger('test', 'error'), subgraphUrls });
    try {
      const intro = await post<unknown>(gateway.url, { query: '{ __schema { types { name } } }' }, await auth());
      expect(intro.errors![0].message).toMatch(/introspection/i);
      const typo = await post<unknown>(gateway.url, { query: '{ districtOverveiw(year: 2018) { stillOut } }' }, await auth());
      expect(typo.errors![0].message).not.toMatch(/Did you mean/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the operator\'s view', () => {
  it('request ids: the gateway makes its own; a client\'s well-formed one is only echoed', async () => {
    // the gateway's own id is the one recorded; a client's, if it looks like one, is only echoed back
    const mine = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'test-req-0001', ...(await auth()) }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(mine.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(mine.headers.get('x-client-request-id')).toBe('test-req-0001');
    const made = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces', ...(await auth()) }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.headers.get('x-client-request-id')).toBeNull();
  });

  it('/health and /ready on the gateway and every subgraph', async () => {
    expect((await fetch(`${base()}/health`)).status).toBe(200);
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { subgraphs: Record<string, string> };
    expect(Object.values(body.subgraphs)).toEqual(SUBGRAPH_NAMES.map(() => 'ready'));
    for (const n of SUBGRAPH_NAMES) {
      const url = subgraphUrl(n).replace(/\/graphql$/, '');
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
    }
  });

  it('/metrics: requests by operation, errors by code, subgraph fetches — no tokens, no ID numbers', async () => {
    await gql('query MetricsProbe { districtOverview(year: 2018) { stillOut } }');
    await gql('{ student(id: "x") { name } }', {}, { as: null });
    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(text).toMatch(/kc_gateway_requests_total\{operation="query districtOverview",outcome="ok"\} \d+/);
    expect(text).toMatch(/kc_gateway_request_seconds_bucket\{le="[\d.]+",operation="query districtOverview"\}/);
    expect(text).not.toContain('MetricsProbe');
    expect(text).toMatch(/kc_gateway_subgraph_fetch_seconds_count\{subgraph="education",outcome="ok"\} \d+/);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT
    expect(text).not.toMatch(/(^|[^\d.])\d{6}(19|20)\d{9}[\dX](?![\d.])/m); // no ID number (not a decimal's digits)
  });

  it('/metrics does not grow with the names clients make up: operations are named from the schema', async () => {
    const size = async () => (await (await fetch(`${base()}/metrics`)).text()).length;
    await gql('query Warm { districtOverview(year: 2018) { stillOut } }');
    const before = await size();
    for (let i = 0; i < 200; i += 1) await gql(`query Made_Up_${i}_${Math.random().toString(36).slice(2)} { districtOverview(year: 2018) { stillOut } }`);
    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(text).not.toMatch(/Made_Up_/);
    // counts change, series do not: at most a few digits more
    expect(text.length - before).toBeLessThan(2_000);
  });
});

describe('who may read /metrics', () => {
  const TOKEN = 'metrics-token-for-the-test-0123456789';
  let gateway: RunningService;
  beforeAll(async () => (gateway = await gatewayWith({}, { METRICS_TOKEN: TOKEN })));
  afterAll(() => gateway?.stop());

  it('with METRICS_TOKEN set: only a request bearing it', async () => {
    const url = gateway.url.replace(/\/graphql$/, '/metrics');
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('kc_gateway_requests_total');
  });

  it('in production without a token: off', async () => {
    const app = express();
    app.get('/metrics', metricsAccess({ ...loadConfig({}), production: true }), (_req, res) => void res.send('metrics'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    server.close();
    expect(r.status).toBe(404);
  });
});

describe('names that are not there', () => {
  it('reports and routes named after Object\'s own properties are 404, never 500; there is no development sign-in', async () => {
    const headers = await auth();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype']) {
      const r = await fetch(`${base()}/exports/${name}`, { headers });
      expect({ name, status: r.status }).toEqual({ name, status: 404 });
      expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
      const auth = await fetch(`${base()}/auth/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect({ name, status: auth.status }).toEqual({ name, status: 404 });
    }
    for (const gone of ['/auth/dev-login', '/auth/accounts']) {
      const r = await fetch(`${base()}${gone}`, { method: gone.endsWith('login') ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: gone.endsWith('login') ? JSON.stringify({ account: 'joint-meeting' }) : undefined });
      expect({ gone, status: r.status }).toEqual({ gone, status: 404 });
    }
    const unknown = await fetch(`${base()}/no/such/route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/json/);
  });
});

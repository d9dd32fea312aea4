/**
 * Trusted documents: the dashboard and the report exporter send only registered document ids
 * (generated at build time); with TRUSTED_DOCUMENTS=people the gateway refuses any other document
 * from a person's token, while a department system's service account keeps sending its own. The
 * operation name the departments' audit logs keep is the registered name, or the SHA-256 of any
 * other document: never the client's operationName, and the request id is the gateway's own.
 */
import fs from 'node:fs';
import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { DASHBOARD_DOCUMENTS_FILE, estimateCost, firstPartyDocuments, listSizesOf, readSupergraph } from '@kongchuo/gateway';
import { REPORT_DOCUMENTS } from '@kongchuo/reports';
import { loadConfig } from '@kongchuo/shared/core';
import { ACCOUNT_SCOPE_DOCUMENTS, issueUserToken } from '@kongchuo/shared/identity';
import { TrustedDocuments, documentIdOf, trustedDocument, type TrustedDocument } from '@kongchuo/shared/policy';
import { serviceIdentity, type RunningService } from '@kongchuo/shared/server';
import { ok, post, testKeys, tokenFor, type Account } from '../support/client';
import { gatewayWith } from '../support/instances';

let gateway: RunningService;
let dashboard: Map<string, TrustedDocument>;
beforeAll(async () => {
  gateway = await gatewayWith({}, { TRUSTED_DOCUMENTS: 'people' });
  dashboard = new Map(TrustedDocuments.readManifest(DASHBOARD_DOCUMENTS_FILE).map((d) => [d.name, d]));
}, 60000);
afterAll(() => gateway?.stop());

const auth = async (as: Account) => ({ authorization: `Bearer ${await tokenFor(as)}` });
const send = async (body: unknown, as: Account = 'joint-meeting', headers: Record<string, string> = {}) => post<Record<string, unknown>>(gateway.url, body, { ...(await auth(as)), ...headers });
const ACCOUNT_DOCUMENTS = ACCOUNT_SCOPE_DOCUMENTS.map(trustedDocument);
const byId = (name: string, variables: Record<string, unknown> = {}) => ({ documentId: dashboard.get(name)!.id, variables });

describe('the registered documents', () => {
  it('are the dashboard\'s, generated at its build, the reports\' and the identity provider\'s scope checks, each id the SHA-256 of its text', () => {
    expect([...dashboard.keys()]).toEqual(expect.arrayContaining(['DistrictOverview', 'ChildByStudent', 'ChildByResident', 'WorkQueue', 'FindStudents', 'AssignFromWorkspace', 'RecordVisitEvidence', 'RunCrossCheck']));
    expect(REPORT_DOCUMENTS.map((d) => d.name).sort()).toEqual(['ReportCaseBook', 'ReportCaseFileOfResident', 'ReportCaseFileOfStudent', 'ReportConsolidation', 'ReportLetters', 'ReportMonthly', 'ReportWeekly']);
    for (const d of [...dashboard.values(), ...REPORT_DOCUMENTS, ...ACCOUNT_DOCUMENTS]) expect(d.id).toBe(documentIdOf(d.body));
    expect(ACCOUNT_DOCUMENTS.map((d) => d.name).sort()).toEqual(['AccountScopeCommunities', 'AccountScopeSchool', 'AccountScopeSubdistricts']);
    expect(firstPartyDocuments().size).toBe(dashboard.size + REPORT_DOCUMENTS.length + ACCOUNT_DOCUMENTS.length);
  });

  it('are valid against today\'s schema and well inside the cost limit', async () => {
    const sdl = readSupergraph();
    const apollo = new ApolloGateway({ supergraphSdl: sdl });
    const { schema } = await apollo.load();
    await apollo.stop();
    const sizes = listSizesOf(sdl);
    const limit = loadConfig({}).limits.maxCost;
    for (const d of [...dashboard.values(), ...REPORT_DOCUMENTS, ...ACCOUNT_DOCUMENTS]) {
      const doc = parse(d.body);
      expect([d.name, validate(schema, doc).map((e) => e.message)]).toEqual([d.name, []]);
      const operation = doc.definitions.find((x): x is OperationDefinitionNode => x.kind === 'OperationDefinition')!;
      expect([d.name, estimateCost(schema, sizes, doc, operation, {}) < limit / 4]).toEqual([d.name, true]);
    }
  });

  it('a manifest whose id is not its text\'s hash is refused at load', () => {
    const file = `${process.env.KC_DATA_DIR}/forged-documents.json`;
    fs.writeFileSync(file, JSON.stringify({ [documentIdOf('query A { __typename }')]: 'mutation A { runCrossCheck { id } }' }));
    expect(() => TrustedDocuments.readManifest(file)).toThrow(/not the SHA-256/);
  });
});

describe('with TRUSTED_DOCUMENTS=people', () => {
  it('answers a person\'s registered document by id', async () => {
    const r = await send(byId('DistrictOverview', { year: 2018 }));
    expect(r.errors).toBeUndefined();
    expect(r.data!.districtOverview).toMatchObject({ dropoutsFound: expect.any(Number) });
  });

  it('counts a registered document under its registered name in the metrics', async () => {
    await send(byId('TaskCounts'));
    const metrics = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/kc_gateway_requests_total\{operation="TaskCounts",outcome="ok"\} [1-9]/);
  });

  it('refuses any other document from a person, before planning it', async () => {
    for (const as of ['joint-meeting', 'edu-admin', 'grid-worker'] as Account[]) {
      const r = await send({ query: '{ districtOverview(year: 2018) { stillOut } }' }, as);
      expect(r.status).toBe(400);
      expect(r.data).toBeUndefined();
      expect(r.errors![0].extensions).toMatchObject({ code: 'PERSISTED_QUERY_ID_REQUIRED', field: 'documentId' });
    }
  });

  it('still answers a department system\'s service account sending its own document', async () => {
    const token = await issueUserToken(serviceIdentity('joint-meeting', 'joint_meeting'), loadConfig({ ...process.env, DATA_DIR: process.env.KC_DATA_DIR }), await testKeys());
    const r = await post<{ districtOverview: { stillOut: number } }>(gateway.url, { query: '{ districtOverview(year: 2018) { stillOut } }' }, { authorization: `Bearer ${token}` });
    expect(r.errors).toBeUndefined();
    expect(typeof r.data!.districtOverview.stillOut).toBe('number');
  });

  it('refuses an unknown id, an id sent with another text, and automatic persisted queries (a client cannot register a document)', async () => {
    const unknown = await send({ documentId: documentIdOf('{ students { nodes { idNumber } } }') });
    expect([unknown.status, unknown.errors![0].extensions!.code]).toEqual([400, 'PERSISTED_QUERY_NOT_IN_LIST']);
    const swapped = await send({ ...byId('TaskCounts'), query: '{ students(first: 5) { nodes { idNumber } } }' });
    expect([swapped.status, swapped.errors![0].extensions!.code]).toEqual([400, 'BAD_REQUEST']);
    expect(swapped.data).toBeUndefined();
    const text = '{ students(first: 5) { nodes { idNumber } } }';
    const apq = await send({ query: text, extensions: { persistedQuery: { version: 1, sha256Hash: documentIdOf(text).slice(7) } } });
    expect(apq.data ?? undefined).toBeUndefined();
    expect(apq.errors![0].extensions!.code).toMatch(/PERSISTED_QUERY_(NOT_SUPPORTED|ID_REQUIRED)/);
  });

  it('serves the reports, which send their registered documents, under the caller\'s columns', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    const consolidation = await fetch(`${base}/exports/consolidation?year=2018`, { headers: await auth('joint-meeting') });
    expect(consolidation.status).toBe(200);
    expect(consolidation.headers.get('content-type')).toMatch(/spreadsheetml/);
    // the grid worker's case file: the resident root, with only the parts a grid worker may see asked for
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 1) { nodes { id } } }', {}, { as: 'grid-worker' });
    for (const as of ['grid-worker', 'edu-admin'] as Account[]) {
      const file = await fetch(`${base}/exports/case-file?studentId=${residents.nodes[0].id}`, { headers: await auth(as) });
      expect([as, file.status]).toEqual([as, 200]);
    }
  });
});

describe('what the departments record about a request', () => {
  it('names the operation by its registered name or its hash and carries the gateway\'s request id, whatever the client said', async () => {
    const { students } = await ok<{ students: { nodes: { id: string }[] } }>('{ students(first: 1) { nodes { id } } }');
    const studentId = students.nodes[0].id;
    const logOf = async () => (await ok<{ educationAuditLog: { nodes: { operation: string; requestId: string; user: string }[] } }>(
      'query($s: String) { educationAuditLog(studentId: $s, department: "joint_meeting", first: 1) { nodes { operation requestId user } } }', { s: studentId }, { as: 'joint-meeting' })).educationAuditLog.nodes[0];

    // a registered document: its registered name, even if the client names the operation otherwise
    const viaId = await fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(await auth('joint-meeting')), 'x-request-id': 'chosen-by-client-1' },
      body: JSON.stringify({ ...byId('ChildByStudent', { id: studentId }), operationName: 'Innocent' }),
    });
    expect(((await viaId.json()) as { errors?: unknown }).errors).toBeUndefined();
    const first = await logOf();
    expect(first).toMatchObject({ operation: 'ChildByStudent', requestId: viaId.headers.get('x-request-id'), user: 'joint-meeting' });
    expect(first.requestId).not.toBe('chosen-by-client-1');

    // any other document (here from the shared gateway, TRUSTED_DOCUMENTS=off): the SHA-256 of its text, not the name it gives itself
    const text = 'query LooksHarmless($id: ID!) { student(id: $id) { name } }';
    const direct = await fetch(process.env.KC_GATEWAY_URL!, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(await auth('joint-meeting')), 'x-request-id': 'chosen-by-client-2' },
      body: JSON.stringify({ query: text, variables: { id: studentId }, operationName: 'LooksHarmless' }),
    });
    expect(((await direct.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(await logOf()).toMatchObject({ operation: documentIdOf(text), requestId: direct.headers.get('x-request-id') });
  });
});

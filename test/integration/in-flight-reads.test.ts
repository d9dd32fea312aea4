/**
 * The gateway sends identical reads that are in flight at the same moment once — but only for
 * the same verified caller: one department's (masked or unmasked) answer never reaches another.
 * Every department service counts its requests and SQL statements at /metrics.
 */
import { gatewayUrl, gql, ok, subgraphUrl } from '../support/client';

const metric = async (url: string, name: string, labels = ''): Promise<number> => {
  const text = await (await fetch(url)).text();
  const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(labels) && !l.startsWith('#'));
  return Number(line?.split(' ').pop() ?? 0);
};
const gatewayMetrics = () => gatewayUrl().replace(/graphql$/, 'metrics');
const subgraphMetrics = (name: string) => subgraphUrl(name).replace(/graphql$/, 'metrics');
const subgraphRequests = async (name: string) => {
  const text = await (await fetch(subgraphMetrics(name))).text();
  return text.split('\n').filter((l) => l.startsWith('kc_subgraph_requests_total{')).reduce((s, l) => s + Number(l.split(' ').pop()), 0);
};

describe('identical reads in flight', () => {
  let childId: string;
  beforeAll(async () => {
    const { students } = await ok<{ students: { nodes: { id: string }[] } }>('{ students(first: 1, filter: { enrollmentStatus: ENROLLED }) { nodes { id } } }');
    childId = students.nodes[0].id;
  });

  it('from one caller go to a department once, and every request gets the whole answer', async () => {
    const query = 'query Same($id: ID!) { student(id: $id) { name hukou { regionName } guardians { name } } }';
    await ok(query, { id: childId }, { as: 'joint-meeting' });
    const merged0 = await metric(gatewayMetrics(), 'kc_gateway_subgraph_deduplicated_total', 'subgraph="public-security"');
    const police0 = await subgraphRequests('public-security');
    const answers = await Promise.all(Array.from({ length: 40 }, () => gql(query, { id: childId }, { as: 'joint-meeting' })));
    expect(answers.every((a) => !a.errors && JSON.stringify(a.data) === JSON.stringify(answers[0].data))).toBe(true);
    const merged = (await metric(gatewayMetrics(), 'kc_gateway_subgraph_deduplicated_total', 'subgraph="public-security"')) - merged0;
    const sent = (await subgraphRequests('public-security')) - police0;
    expect(merged).toBeGreaterThan(0);
    expect(sent + merged).toBe(40);
  });

  it('from different departments are never merged: police see the ID number, the joint meeting its mask', async () => {
    const query = 'query Id($id: ID!) { student(id: $id) { idNumber } }';
    const calls = Array.from({ length: 30 }, (_, i) => gql<{ student: { idNumber: string } }>(query, { id: childId }, { as: i % 2 ? 'police' : 'joint-meeting' }));
    const answers = await Promise.all(calls);
    answers.forEach((a, i) => {
      expect(a.errors).toBeUndefined();
      if (i % 2) expect(a.data!.student.idNumber).toMatch(/^\d{17}[\dX]$/);
      else expect(a.data!.student.idNumber).toMatch(/\*{8}/);
    });
  });

  it('mutations are never merged: the same stale write sent 5 times at once reaches education 5 times', async () => {
    const { earlyWarningPolicy } = await ok<{ earlyWarningPolicy: { version: number } }>('{ earlyWarningPolicy { version } }');
    const sent0 = await subgraphRequests('education');
    const results = await Promise.all(Array.from({ length: 5 }, () => gql(
      'mutation($input: UpdateEarlyWarningPolicyInput!) { updateEarlyWarningPolicy(input: $input) { version } }',
      { input: { expectedVersion: earlyWarningPolicy.version - 1 } },
    )));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(Array(5).fill('CONFLICT'));
    expect((await subgraphRequests('education')) - sent0).toBe(5);
  });
});

describe('department services at /metrics', () => {
  it('count their GraphQL requests and SQL statements, with no tokens or ID numbers', async () => {
    const before = await metric(subgraphMetrics('education'), 'kc_subgraph_db_statements_total');
    await ok('{ students(first: 5) { nodes { id name } } }');
    const text = await (await fetch(subgraphMetrics('education'))).text();
    expect(await metric(subgraphMetrics('education'), 'kc_subgraph_db_statements_total')).toBeGreaterThan(before);
    expect(text).toMatch(/kc_subgraph_requests_total\{outcome="ok",service="education"\} \d+/);
    expect(text).toMatch(/kc_subgraph_request_seconds_bucket/);
    expect(text).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}|(?<![\d.])\d{17}[\dX](?![\d.])/); // (floats have long digit runs after a point)
  });
});

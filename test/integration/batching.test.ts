/**
 * Lists cost a fixed number of SQL statements however many children they hold: every relation
 * of N students is loaded by one batched query (DataLoader), never one per child.
 * This file starts its own system so that it can count the statements its queries cause.
 */
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { post } from '../support/client';
import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let statements = 0;
let token: string;

beforeAll(async () => {
  system = await startSystem({ demo: true, onQuery: (m) => void (/^\[query\] (select|insert|update|delete)/i.test(m) && statements++) });
  // the joint meeting reads every department's fields (the permission matrix lets it)
  token = await issueUserToken(DEMO_ACCOUNTS['joint-meeting'], system.config, system.keys);
}, 120000);
afterAll(() => system?.stop());

/** the unified view: education's list, then one `_entities` fetch to each other department */
const LIST = `query($first: Int) { students(first: $first) { totalCount nodes {
  id name idNumber enrollment { status grade school { name } } statusChanges { code date } dropoutCase { status } dropoutCases { id }
  hukou { regionCode regionName } isMigrant guardians { name } residencePermit { issuedOn } locateRequests { status }
  poverty { registered aids { amount } } isLeftBehind disability { grade }
  community { name subdistrict { name } gridWorkerName } family { carer } homeVisits { date }
  tasks { type status overdue }
} } }`;

const CASES = `query($first: Int) { dropoutCases(first: $first, filter: { discoveredIn: 2018 }) { nodes {
  id reasons school { name } records { kind date } student { name idNumber enrollment { status school { name } } statusChanges { code } }
} } }`;

async function statementsFor(query: string, first: number, pick: (data: never) => unknown[]): Promise<number> {
  statements = 0;
  const r = await post<never>(system.gatewayUrl, { query, variables: { first } }, { authorization: `Bearer ${token}` });
  expect(r.errors).toBeUndefined();
  expect(pick(r.data as never)).toHaveLength(first);
  return statements;
}

const students = (first: number) => statementsFor(LIST, first, (d: { students: { nodes: unknown[] } }) => d.students.nodes);
const cases = (first: number) => statementsFor(CASES, first, (d: { dropoutCases: { nodes: unknown[] } }) => d.dropoutCases.nodes);

describe('batched reads (no N+1)', () => {
  it('the unified view of 10, 100 and 500 children costs the same number of SQL statements in every department', async () => {
    const ten = await students(10);
    expect(ten).toBeGreaterThan(0);
    expect(await students(100)).toBe(ten);
    expect(await students(500)).toBe(ten);
  });

  it('a unified list makes one request to each department, whatever its length', async () => {
    const counts = () => Object.fromEntries(Object.entries(system.subgraphs).map(([n, s]) => [n, s.requestCount!()]));
    for (const first of [10, 300]) {
      const before = counts();
      await students(first);
      const after = counts();
      const delta = Object.fromEntries(Object.keys(after).map((n) => [n, after[n] - before[n]]));
      expect(delta).toEqual({ education: 1, 'public-security': 1, 'civil-affairs': 1, community: 1, 'joint-meeting': 1 });
    }
  });

  it('10 and 75 case files with their children, schools and timelines cost the same', async () => {
    const ten = await cases(10);
    expect(await cases(75)).toBe(ten);
  });
});

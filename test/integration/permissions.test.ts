/**
 * The permission matrix, as the joint meeting approved it (docs/permissions.md), checked through
 * the gateway: the same unified view asked by every demo account, and exactly which fields come
 * back in full, masked, or forbidden, and which children are visible.
 */
import fs from 'node:fs';
import { DEMO_SCOPES } from '@kongchuo/shared/identity';
import { renderPermissionsDoc } from '@kongchuo/shared/policy';
import { PERMISSIONS_DOC } from '../../scripts/permissions-doc';
import { codeOf, gql, ok, type Account, type GraphQLResponse } from '../support/client';

const NODE = `id name idNumber studentNumber statusChanges { code } enrollment { school { code } }
  hukou { regionCode registeredAddress householdNumber } guardians { phone } residencePermit { address } locateRequests { status } employerViolations { employerName }
  poverty { registered aids { amount } } leftBehind { carerName } disability { grade }
  community { code subdistrict { code } } family { address } homeVisits { notes }`;

type Outcome = 'full' | 'masked' | 'allowed' | 'forbidden';
/** what each check reads, and which matrix field a FORBIDDEN names */
const CHECKS: Record<string, { field: string; values: (n: Row) => unknown[]; masked?: RegExp; full?: RegExp }> = {
  idNumber: { field: 'Student.idNumber', values: (n) => [n.idNumber], full: /^\d{17}[\dX]$/, masked: /^\d{6}\*{8}[\dX\d]{4}$/ },
  studentNumber: { field: 'Student.studentNumber', values: (n) => [n.studentNumber], full: /^G\d{17}[\dX]$/ },
  statusChanges: { field: 'Student.statusChanges', values: (n) => [n.statusChanges] },
  registeredAddress: { field: 'Hukou.registeredAddress', values: (n) => [n.hukou?.registeredAddress], masked: /\*\*\*$/, full: /号$|组$/ },
  householdNumber: { field: 'Hukou.householdNumber', values: (n) => [n.hukou?.householdNumber], full: /^\d{10}$/ },
  guardianPhone: { field: 'Guardian.phone', values: (n) => (n.guardians ?? []).map((g) => g.phone), full: /^1\d{10}$/, masked: /^\*{7}\d{4}$/ },
  residencePermit: { field: 'Student.residencePermit', values: (n) => [n.residencePermit] },
  locateRequests: { field: 'Student.locateRequests', values: (n) => [n.locateRequests] },
  employerViolations: { field: 'Student.employerViolations', values: (n) => [n.employerViolations] },
  aidAmount: { field: 'AidGrant.amount', values: (n) => (n.poverty?.aids ?? []).map((a) => a.amount) },
  leftBehind: { field: 'Student.leftBehind', values: (n) => [n.leftBehind] },
  disability: { field: 'Student.disability', values: (n) => [n.disability] },
  family: { field: 'Student.family', values: (n) => [n.family] },
  familyAddress: { field: 'FamilySituation.address', values: (n) => [n.family?.address], masked: /\*\*\*$/, full: /号$/ },
  visitNotes: { field: 'HomeVisit.notes', values: (n) => (n.homeVisits ?? []).map((v) => v.notes) },
};

const F: Outcome = 'full', M: Outcome = 'masked', A: Outcome = 'allowed', X: Outcome = 'forbidden';
const EDUCATION = { idNumber: F, studentNumber: F, statusChanges: F, registeredAddress: M, householdNumber: X, guardianPhone: F, residencePermit: X, locateRequests: F, employerViolations: X, aidAmount: X, leftBehind: A, disability: A, family: F, familyAddress: M, visitNotes: F };
const COMMUNITY = { idNumber: M, studentNumber: X, statusChanges: X, registeredAddress: M, householdNumber: X, guardianPhone: F, residencePermit: A, locateRequests: X, employerViolations: X, aidAmount: X, leftBehind: A, disability: X, family: F, familyAddress: F, visitNotes: F };
/** the approved table (docs/permissions.md), per demo account */
const EXPECTED: Record<Account, Record<keyof typeof CHECKS, Outcome>> = {
  'edu-admin': EDUCATION,
  'school-staff': EDUCATION,
  police: { idNumber: F, studentNumber: F, statusChanges: X, registeredAddress: F, householdNumber: F, guardianPhone: F, residencePermit: F, locateRequests: F, employerViolations: F, aidAmount: X, leftBehind: X, disability: X, family: X, familyAddress: A, visitNotes: X },
  'civil-affairs': { idNumber: M, studentNumber: X, statusChanges: X, registeredAddress: M, householdNumber: X, guardianPhone: M, residencePermit: X, locateRequests: X, employerViolations: X, aidAmount: F, leftBehind: A, disability: A, family: F, familyAddress: M, visitNotes: X },
  community: COMMUNITY,
  'grid-worker': COMMUNITY,
  'joint-meeting': { idNumber: M, studentNumber: X, statusChanges: F, registeredAddress: M, householdNumber: X, guardianPhone: M, residencePermit: F, locateRequests: F, employerViolations: X, aidAmount: F, leftBehind: A, disability: A, family: F, familyAddress: M, visitNotes: F },
};

interface Row {
  id: string;
  idNumber: string | null;
  studentNumber: string | null;
  statusChanges: unknown;
  enrollment: { school: { code: string } } | null;
  hukou: { registeredAddress: string | null; householdNumber: string | null } | null;
  guardians: { phone: string | null }[] | null;
  residencePermit: unknown;
  locateRequests: unknown;
  employerViolations: unknown;
  poverty: { aids: { amount: number | null }[] } | null;
  leftBehind: unknown;
  disability: unknown;
  community: { code: string; subdistrict: { code: string } } | null;
  family: { address: string } | null;
  homeVisits: { notes: string | null }[] | null;
}
type Page = { totalCount: number; nodes: Row[] };

const DISTRICT_QUERY = `{ list: students(filter: { enrollmentStatus: DROPPED_OUT }, first: 50) { totalCount nodes { ${NODE} } } }`;
const AREA_QUERY = `{ list: residents(communityCode: "${DEMO_SCOPES.community}", first: 500) { totalCount nodes { ${NODE} } } }`;
const AREA_ACCOUNTS: Account[] = ['community', 'grid-worker'];
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

const results = new Map<Account, GraphQLResponse<{ list: Page }>>();

beforeAll(async () => {
  // make sure every kind of record is there to be shown or withheld: an aid grant to a child
  // still out, and to a child of the grid worker's community, with a home visit
  const stillOut = await ok<{ students: { nodes: { id: string }[] } }>('{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id } } }');
  const ofSchool = await ok<{ students: { nodes: { id: string }[] } }>('{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id } } }', {}, { as: 'school-staff' });
  const local = await ok<{ residents: { nodes: { id: string }[] } }>(`{ residents(communityCode: "${DEMO_SCOPES.community}", first: 1) { nodes { id } } }`, {}, { as: 'grid-worker' });
  for (const studentId of [stillOut.students.nodes[0].id, ofSchool.students.nodes[0].id, local.residents.nodes[0].id]) {
    await ok('mutation($input: GrantAidInput!) { grantAid(input: $input) { programme } }', { input: { studentId, programme: 'TWO_EXEMPTIONS_ONE_SUBSIDY', amount: 625, periodStart: '2024-09-01', periodEnd: '2025-01-31', grantedOn: '2024-09-15' } }, { as: 'civil-affairs' });
  }
  await ok('mutation($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id } }', { input: { studentId: local.residents.nodes[0].id, date: today(), visitorName: '网格员丙', visitorRole: '网格员', outcome: 'MET_FAMILY', notes: '了解就学情况' } }, { as: 'grid-worker' });
  for (const account of Object.keys(EXPECTED) as Account[]) {
    results.set(account, await gql<{ list: Page }>(AREA_ACCOUNTS.includes(account) ? AREA_QUERY : DISTRICT_QUERY, {}, { as: account }));
  }
});

describe.each(Object.keys(EXPECTED) as Account[])('%s', (account) => {
  it.each(Object.keys(CHECKS))('%s', (check) => {
    const r = results.get(account)!;
    const nodes = r.data!.list.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    const { field, values, masked, full } = CHECKS[check];
    const seen = nodes.flatMap(values).filter((v) => v !== null && v !== undefined);
    const forbiddenErrors = (r.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions?.field === field);
    const outcome = EXPECTED[account][check];
    if (outcome === 'forbidden') {
      expect(seen).toEqual([]);
      expect(forbiddenErrors.length).toBeGreaterThan(0);
      return;
    }
    expect(forbiddenErrors).toEqual([]);
    if (outcome === 'allowed') return;
    expect(seen.length).toBeGreaterThan(0);
    if (outcome === 'full' && full) for (const v of seen) expect(v).toMatch(full);
    if (outcome === 'masked') for (const v of seen) expect(v).toMatch(masked!);
  });
});

describe('row scopes', () => {
  const count = async (query: string, as: Account) => (await ok<{ list: { totalCount: number; nodes: Row[] } }>(query, {}, { as })).list;

  it('school staff see only their school, and totalCount is their school\'s', async () => {
    const mine = await count('{ list: students(first: 500) { totalCount nodes { enrollment { school { code } } } } }', 'school-staff');
    const school = await count(`{ list: students(filter: { schoolCode: "${DEMO_SCOPES.school}" }, first: 1) { totalCount nodes { id } } }`, 'edu-admin');
    expect(mine.totalCount).toBe(school.totalCount);
    expect(mine.nodes.every((n) => n.enrollment?.school.code === DEMO_SCOPES.school)).toBe(true);
    const others = results.get('school-staff')!.data!.list.nodes;
    expect(others.every((n) => n.enrollment?.school.code === DEMO_SCOPES.school)).toBe(true);
  });

  it('a grid worker sees the children of their community only; the subdistrict office those of its subdistrict', async () => {
    const grid = await count('{ list: residents(first: 500) { totalCount nodes { community { code } } } }', 'grid-worker');
    const office = await count('{ list: residents(first: 500) { totalCount nodes { community { subdistrict { code } } } } }', 'community');
    const district = await count('{ list: residents(first: 1) { totalCount nodes { id } } }', 'joint-meeting');
    expect(grid.nodes.every((n) => n.community?.code === DEMO_SCOPES.community)).toBe(true);
    expect(office.nodes.every((n) => n.community?.subdistrict.code === DEMO_SCOPES.subdistrict)).toBe(true);
    expect(grid.totalCount).toBeGreaterThan(0);
    expect(grid.totalCount).toBeLessThan(office.totalCount);
    expect(office.totalCount).toBeLessThan(district.totalCount);
  });

  it('staff of a subdistrict or community cannot list the district through education', async () => {
    for (const as of AREA_ACCOUNTS) {
      const r = await gql('{ students(first: 1) { totalCount } }', {}, { as });
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(r.data?.students ?? null).toBeNull();
    }
  });

  it('a grid worker cannot reach a child living elsewhere through a write: requestLocate is refused and nothing is written', async () => {
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 500) { nodes { id } } }', {}, { as: 'joint-meeting' });
    const own = new Set((await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 500) { nodes { id } } }', {}, { as: 'grid-worker' })).residents.nodes.map((n) => n.id));
    const elsewhere = residents.nodes.find((n) => !own.has(n.id))!;
    const before = (await ok<{ student: { locateRequests: unknown[] } }>('query($id: ID!) { student(id: $id) { locateRequests { id } } }', { id: elsewhere.id }, { as: 'police' })).student.locateRequests.length;
    const r = await gql<{ requestLocate: unknown }>(
      `mutation($input: RequestLocateInput!) { requestLocate(input: $input) { id reports { summary } student { community { code } family { carer } homeVisits { date } } } }`,
      { input: { studentId: elsewhere.id, reason: '核实居住情况' } }, { as: 'grid-worker' },
    );
    expect(codeOf(r)).toEqual({ code: 'FORBIDDEN', field: 'input.studentId' });
    expect(r.data?.requestLocate ?? null).toBeNull();
    const after = (await ok<{ student: { locateRequests: unknown[] } }>('query($id: ID!) { student(id: $id) { locateRequests { id } } }', { id: elsewhere.id }, { as: 'police' })).student.locateRequests.length;
    expect(after).toBe(before);
    // for a child of the worker's own community the same request is taken
    const mine = await gql<{ requestLocate: { id: string } }>(`mutation($input: RequestLocateInput!) { requestLocate(input: $input) { id } }`,
      { input: { studentId: [...own][0], reason: '核实居住情况' } }, { as: 'grid-worker' });
    expect(mine.errors?.[0]?.extensions?.code).not.toBe('FORBIDDEN');
  });
});

describe('the approved table', () => {
  it('docs/permissions.md is the matrix as it stands (run `npm run permissions:doc` when this fails)', () => {
    expect(fs.readFileSync(PERMISSIONS_DOC, 'utf8')).toBe(renderPermissionsDoc());
  });
});

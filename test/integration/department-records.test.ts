import { composeResidentId, linkageKey } from '@kongchuo/shared/domain';
import { codeOf, gql, ok, testKeys } from '../support/client';

let seq = 0;
const freshId = (region = '450204', birth = '2013-05-05') => composeResidentId(region, birth, 600 + seq++);
const keyOf = async (idNumber: string) => linkageKey(idNumber, (await testKeys()).linkageSecret);

const REGISTER_HOUSEHOLD = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) }`;
const REGISTER_PERSON = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id hukou { regionCode regionName isLocal } } }`;
const GRANT = `mutation($input: GrantAidInput!) { grantAid(input: $input) { amount programme } }`;
const VISIT = `mutation($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id outcome } }`;

async function stillOutChild(as: 'edu-admin' | 'joint-meeting' = 'edu-admin') {
  const { students } = await ok<{ students: { nodes: { id: string; community: { name: string } }[] } }>(
    '{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id community { name } } } }', {}, { as },
  );
  return students.nodes[0];
}

describe('public security records', () => {
  it('registers a household and a person; the child then has a hukou in the unified view', async () => {
    const number = `45020499${String(Date.now()).slice(-6)}`;
    await ok(REGISTER_HOUSEHOLD, { input: { number, regionCode: '451302', registeredAddress: '来宾市兴宾区某村', headName: '户主甲' } }, { as: 'police' });
    const idNumber = freshId('451302');
    const r = await ok<{ registerPerson: { id: string; hukou: { regionCode: string; regionName: string; isLocal: boolean } } }>(
      REGISTER_PERSON, { input: { idNumber, name: '测试儿童', householdNumber: number, relation: '子' } }, { as: 'police' },
    );
    expect(r.registerPerson.id).toBe(await keyOf(idNumber));
    expect(r.registerPerson.hukou).toEqual({ regionCode: '451302', regionName: '兴宾区', isLocal: false });
  });

  it('refuses an unknown region code and an invalid ID number, naming the field and writing nothing', async () => {
    const number = `45020498${String(Date.now()).slice(-6)}`;
    expect(codeOf(await gql(REGISTER_HOUSEHOLD, { input: { number, regionCode: '459999', registeredAddress: 'x', headName: 'x' } }, { as: 'police' })))
      .toEqual({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    const person = await gql(REGISTER_PERSON, { input: { idNumber: number, name: 'x', householdNumber: number, relation: '子' } }, { as: 'police' });
    expect(codeOf(person)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    // the household was not created: registering a valid person into it is refused for lack of it
    const valid = await gql(REGISTER_PERSON, { input: { idNumber: freshId(), name: 'x', householdNumber: number, relation: '子' } }, { as: 'police' });
    expect(codeOf(valid)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.householdNumber' });
  });

  it('records a locate request and the report on it, which shows on the child', async () => {
    const child = await stillOutChild();
    const req = await ok<{ requestLocate: { id: string; version: number; status: string } }>(
      `mutation($input: RequestLocateInput!) { requestLocate(input: $input) { id version status } }`, { input: { studentId: child.id, reason: '学生辍学后下落不明' } }, { as: 'edu-admin' },
    );
    expect(req.requestLocate.status).toBe('OPEN');
    const bad = await gql(`mutation($input: ReportLocateInput!) { reportLocate(input: $input) { id } }`, {
      input: { requestId: req.requestLocate.id, expectedVersion: req.requestLocate.version, date: '2099-01-01', regionCode: '451302', summary: 'x' },
    }, { as: 'police' });
    expect(codeOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.date' });
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    await ok(`mutation($input: ReportLocateInput!) { reportLocate(input: $input) { id } }`, {
      input: { requestId: req.requestLocate.id, expectedVersion: req.requestLocate.version, date: today, regionCode: '451302', summary: '随父母在户籍地居住' },
    }, { as: 'police' });
    const { student } = await ok<{ student: { locateRequests: { status: string; reports: { regionCode: string }[] }[] } }>(
      'query($id: ID!) { student(id: $id) { locateRequests { status reports { regionCode } } } }', { id: child.id },
    );
    expect(student.locateRequests).toContainEqual({ status: 'REPORTED', reports: [{ regionCode: '451302' }] });
  });
});

describe('civil affairs records', () => {
  it('grants aid, which shows in the child\'s poverty section', async () => {
    const child = await stillOutChild();
    const r = await ok<{ grantAid: { amount: number; programme: string } }>(GRANT, {
      input: { studentId: child.id, programme: 'STUDENT_GRANT', amount: 1250.5, periodStart: '2024-09-01', periodEnd: '2025-01-31', grantedOn: '2024-09-20' },
    }, { as: 'civil-affairs' });
    expect(r.grantAid).toEqual({ amount: 1250.5, programme: 'STUDENT_GRANT' });
    const { student } = await ok<{ student: { poverty: { aids: { amount: number }[] } } }>('query($id: ID!) { student(id: $id) { poverty { aids { amount } } } }', { id: child.id }, { as: 'civil-affairs' });
    expect(student.poverty.aids).toContainEqual({ amount: 1250.5 });
  });

  it.each([
    ['a negative amount', { amount: -100 }, 'input.amount'],
    ['a zero amount', { amount: 0 }, 'input.amount'],
    ['fractions of a fen', { amount: 10.005 }, 'input.amount'],
    ['a period ending before it starts', { periodEnd: '2024-08-01' }, 'input.periodEnd'],
    ['a grant dated in the future', { grantedOn: '2099-01-01' }, 'input.grantedOn'],
  ])('refuses %s, naming the field and writing nothing', async (_l, bad, field) => {
    const child = await stillOutChild();
    const before = await ok<{ student: { poverty: { aids: unknown[] } } }>('query($id: ID!) { student(id: $id) { poverty { aids { id } } } }', { id: child.id });
    const r = await gql(GRANT, { input: { studentId: child.id, programme: 'STUDENT_GRANT', amount: 500, periodStart: '2024-09-01', periodEnd: '2025-01-31', grantedOn: '2024-09-20', ...bad } }, { as: 'civil-affairs' });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field });
    const after = await ok<{ student: { poverty: { aids: unknown[] } } }>('query($id: ID!) { student(id: $id) { poverty { aids { id } } } }', { id: child.id });
    expect(after.student.poverty.aids).toHaveLength(before.student.poverty.aids.length);
  });

  it('refuses an unknown region for a poor household, and aid granted by another department', async () => {
    const r = await gql(`mutation($input: RegisterPoorHouseholdInput!) { registerPoorHousehold(input: $input) { id } }`, { input: { regionCode: '000000', headName: 'x', registeredYear: 2016, status: 'REGISTERED' } }, { as: 'civil-affairs' });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    const child = await stillOutChild();
    const police = await gql(GRANT, { input: { studentId: child.id, programme: 'STUDENT_GRANT', amount: 1, periodStart: '2024-09-01', periodEnd: '2025-01-31', grantedOn: '2024-09-20' } }, { as: 'police' });
    expect(codeOf(police).code).toBe('FORBIDDEN');
  });

  it('registers a left-behind child, refusing an invalid ID number', async () => {
    const bad = await gql(`mutation($input: RegisterLeftBehindChildInput!) { registerLeftBehindChild(input: $input) { carerName } }`, {
      input: { idNumber: '450204201305056000', name: 'x', carerName: '祖母甲', carerRelation: '祖母', registeredOn: '2024-03-01' },
    }, { as: 'civil-affairs' });
    expect(codeOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    const idNumber = freshId();
    const input = { idNumber, name: '留守儿童甲', carerName: '祖母甲', carerRelation: '祖母', parentsWorkplace: '广东省东莞市', registeredOn: '2024-03-01' };
    const MUTATION = `mutation($input: RegisterLeftBehindChildInput!) { registerLeftBehindChild(input: $input) { carerName parentsWorkplace } }`;
    expect((await ok<{ registerLeftBehindChild: unknown }>(MUTATION, { input }, { as: 'civil-affairs' })).registerLeftBehindChild).toEqual({ carerName: '祖母甲', parentsWorkplace: '广东省东莞市' });
    expect(codeOf(await gql(MUTATION, { input }, { as: 'civil-affairs' }))).toEqual({ code: 'CONFLICT', field: 'input.idNumber' });
  });
});

/** A child living in the `community` demo account's subdistrict (南站街道). */
async function childOfDemoSubdistrict(): Promise<{ id: string }> {
  const { students } = await ok<{ students: { nodes: { id: string; community: { subdistrict: { code: string } } | null }[] } }>(
    '{ students(first: 300) { nodes { id community { subdistrict { code } } } } }',
  );
  return students.nodes.find((n) => n.community?.subdistrict.code === '450204002')!;
}

describe('community records', () => {
  it('records a home visit, which shows on the child', async () => {
    const child = await childOfDemoSubdistrict();
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    await ok(VISIT, { input: { studentId: child.id, date: today, visitorName: '网格员甲', visitorRole: '网格员', outcome: 'NOT_HOME', notes: '家中无人，留下联系卡' } }, { as: 'community' });
    const { student } = await ok<{ student: { homeVisits: { date: string; outcome: string }[] } }>('query($id: ID!) { student(id: $id) { homeVisits { date outcome } } }', { id: child.id });
    expect(student.homeVisits).toContainEqual({ date: today, outcome: 'NOT_HOME' });
  });

  it('refuses a home visit dated in the future, naming the field and writing nothing', async () => {
    const child = await childOfDemoSubdistrict();
    const count = async () => (await ok<{ student: { homeVisits: unknown[] } }>('query($id: ID!) { student(id: $id) { homeVisits { id } } }', { id: child.id })).student.homeVisits.length;
    const before = await count();
    const r = await gql(VISIT, { input: { studentId: child.id, date: '2099-01-01', visitorName: '网格员甲', visitorRole: '网格员', outcome: 'MET_FAMILY', notes: 'x' } }, { as: 'community' });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.date' });
    expect(await count()).toBe(before);
  });

  it('lets a grid worker record visits only for residents of their own community', async () => {
    const { students } = await ok<{ students: { nodes: { id: string; community: { code: string } | null }[] } }>(
      '{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 16) { nodes { id community { code } } } }',
    );
    const outside = students.nodes.find((n) => n.community && n.community.code !== '450204002003')!;
    const r = await gql(VISIT, { input: { studentId: outside.id, date: '2024-01-01', visitorName: '网格员乙', visitorRole: '网格员', outcome: 'MET_FAMILY', notes: 'x' } }, { as: 'grid-worker' });
    expect(codeOf(r)).toEqual({ code: 'FORBIDDEN', field: 'input.studentId' });
  });
});

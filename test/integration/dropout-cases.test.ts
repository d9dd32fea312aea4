import { composeResidentId } from '@kongchuo/shared/domain';
import { gql, ok, codeOf } from '../support/client';

/** This file's records are dated 2024 so that no other test's counts move with them. */
const YEAR = 2024;
const OVERVIEW = `query($year: Int!) { districtOverview(year: $year) { dropoutsFound returned stillOut closedOtherwise } }`;
const OPEN = `mutation($input: OpenDropoutCaseInput!) { openDropoutCase(input: $input) { id status version reasons responsibilityChain { level name } records { kind date } student { id } } }`;
let seq = 0;

async function enrolledChild(): Promise<{ id: string; version: number }> {
  const idNumber = composeResidentId('451302', '2010-06-01', 700 + seq++);
  const r = await ok<{ enrollStudent: { id: string; version: number } }>(
    `mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id version } }`,
    { input: { idNumber, name: '测试学生', schoolCode: '2145020405', grade: 8, className: '2班', date: `${YEAR}-02-20`, code: 'TRANSFER_IN', crossesDistrict: true } },
  );
  return r.enrollStudent;
}

const chain = [
  { level: 'SUBJECT_TEACHER', name: '科任甲', title: '数学教师' },
  { level: 'BUREAU_LEADER', name: '局领导甲', title: '副局长' },
];

describe('dropout case files (一生一案)', () => {
  it('opens a case with reasons and the 四包 chain, ordered bureau → teacher', async () => {
    const child = await enrolledChild();
    const { openDropoutCase: c } = await ok<{ openDropoutCase: { status: string; reasons: string[]; responsibilityChain: { level: string }[]; records: { kind: string }[] } }>(OPEN, {
      input: { studentId: child.id, discoveredOn: `${YEAR}-03-01`, source: 'HOME_VISIT', reasons: ['WORKING', 'WORKING', 'FAMILY_POVERTY'], responsibilityChain: chain },
    });
    expect(c.status).toBe('OPEN');
    expect(c.reasons).toEqual(['WORKING', 'FAMILY_POVERTY']);
    expect(c.responsibilityChain.map((r) => r.level)).toEqual(['BUREAU_LEADER', 'SUBJECT_TEACHER']);
    expect(c.records.map((r) => r.kind)).toEqual(['DISCOVERED']);
  });

  it.each([
    ['no reasons', { reasons: [] }, 'input.reasons'],
    ['a future discovery date', { discoveredOn: '2099-01-01' }, 'input.discoveredOn'],
    ['an unknown screening', { screeningId: '00000000-0000-4000-8000-000000000000' }, 'input.screeningId'],
    ['a duplicate level in the chain', { responsibilityChain: [chain[0], chain[0]] }, 'input.responsibilityChain.1.level'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_l, bad, field) => {
    const child = await enrolledChild();
    const r = await gql(OPEN, { input: { studentId: child.id, discoveredOn: `${YEAR}-03-01`, source: 'HOME_VISIT', reasons: ['OTHER'], ...bad } });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field });
    const { student } = await ok<{ student: { dropoutCases: unknown[] } }>('query($id: ID!) { student(id: $id) { dropoutCases { id } } }', { id: child.id });
    expect(student.dropoutCases).toEqual([]);
  });

  it('refuses a second open case for the same child', async () => {
    const child = await enrolledChild();
    const input = { studentId: child.id, discoveredOn: `${YEAR}-03-01`, source: 'HOME_VISIT', reasons: ['OTHER'] };
    await ok(OPEN, { input });
    expect(codeOf(await gql(OPEN, { input }))).toEqual({ code: 'CONFLICT', field: 'input.studentId' });
  });

  it('walks a case to its return: the overview counts it found, then returned', async () => {
    const before = (await ok<{ districtOverview: Record<string, number> }>(OVERVIEW, { year: YEAR })).districtOverview;
    const child = await enrolledChild();
    const { openDropoutCase: c } = await ok<{ openDropoutCase: { id: string } }>(OPEN, { input: { studentId: child.id, discoveredOn: `${YEAR}-03-05`, source: 'CROSS_CHECK', reasons: ['WEARY_OF_STUDY'] } });
    const dropped = await ok<{ recordStatusChange: { version: number } }>(
      `mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { version } }`,
      { input: { studentId: child.id, code: 'DROPOUT', date: `${YEAR}-03-05`, expectedVersion: child.version } },
    );
    await ok(`mutation($input: AddCaseRecordInput!) { addCaseRecord(input: $input) { id } }`, { input: { caseId: c.id, date: `${YEAR}-03-10`, kind: 'HOME_VISIT', summary: '班主任家访，监护人同意送返' } });
    const mid = (await ok<{ districtOverview: Record<string, number> }>(OVERVIEW, { year: YEAR })).districtOverview;
    expect(mid.dropoutsFound - before.dropoutsFound).toBe(1);
    expect(mid.stillOut - before.stillOut).toBe(1);
    await ok(`mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { id } }`, {
      input: { studentId: child.id, code: 'RESUMPTION', date: `${YEAR}-03-20`, expectedVersion: dropped.recordStatusChange.version },
    });
    const after = (await ok<{ districtOverview: Record<string, number> }>(OVERVIEW, { year: YEAR })).districtOverview;
    expect(after.returned - before.returned).toBe(1);
    expect(after.stillOut - before.stillOut).toBe(0);
    const { dropoutCase } = await ok<{ dropoutCase: { status: string; outcome: string; closedOn: string; records: { kind: string }[] } }>(
      'query($id: ID!) { dropoutCase(id: $id) { status outcome closedOn records { kind } } }', { id: c.id },
    );
    expect(dropoutCase).toMatchObject({ status: 'CLOSED', outcome: 'RETURNED', closedOn: `${YEAR}-03-20` });
    expect(dropoutCase.records.map((r) => r.kind)).toEqual(['DISCOVERED', 'HOME_VISIT', 'RETURNED']);
  });

  it('closes a case as referred out of the district, refusing RETURNED (which only 复学 gives) and stale versions', async () => {
    const child = await enrolledChild();
    const { openDropoutCase: c } = await ok<{ openDropoutCase: { id: string; version: number } }>(OPEN, { input: { studentId: child.id, discoveredOn: `${YEAR}-04-01`, source: 'SCHOOL_REPORT', reasons: ['FAMILY_MOBILITY'] } });
    const CLOSE = `mutation($input: CloseDropoutCaseInput!) { closeDropoutCase(input: $input) { status outcome version } }`;
    const base = { caseId: c.id, expectedVersion: c.version, date: `${YEAR}-05-01`, summary: '已随父母返回户籍地，移交户籍地教育局' };
    expect(codeOf(await gql(CLOSE, { input: { ...base, outcome: 'RETURNED' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.outcome' });
    expect(codeOf(await gql(CLOSE, { input: { ...base, outcome: 'REFERRED_OUT', expectedVersion: c.version + 5 } }))).toEqual({ code: 'CONFLICT', field: 'input.expectedVersion' });
    const closed = await ok<{ closeDropoutCase: { status: string; outcome: string } }>(CLOSE, { input: { ...base, outcome: 'REFERRED_OUT' } });
    expect(closed.closeDropoutCase).toMatchObject({ status: 'CLOSED', outcome: 'REFERRED_OUT' });
    expect(codeOf(await gql(CLOSE, { input: { ...base, outcome: 'REFERRED_OUT' } })).code).toBe('CONFLICT');
  });

  it('school staff see their school\'s cases only (一校一册)', async () => {
    const all = await ok<{ dropoutCases: { totalCount: number } }>('{ dropoutCases(filter: { discoveredIn: 2018 }) { totalCount } }');
    const mine = await ok<{ dropoutCases: { totalCount: number; nodes: { school: { code: string } }[] } }>(
      '{ dropoutCases(filter: { discoveredIn: 2018 }, first: 100) { totalCount nodes { school { code } } } }', {}, { as: 'school-staff' },
    );
    expect(all.dropoutCases.totalCount).toBe(75);
    expect(mine.dropoutCases.totalCount).toBeGreaterThan(0);
    expect(mine.dropoutCases.totalCount).toBeLessThan(75);
    expect(new Set(mine.dropoutCases.nodes.map((n) => n.school.code))).toEqual(new Set(['2145020403']));
  });
});

describe('screenings and interviews', () => {
  it('the May 2018 screening found 75; ten schools were interviewed on 25 April', async () => {
    const { screenings } = await ok<{ screenings: { title: string; casesFound: number }[] }>('{ screenings { title casesFound } }');
    expect(screenings).toContainEqual({ title: '2018年5月全区辍学学生大排查', casesFound: 75 });
    const { schoolInterviews } = await ok<{ schoolInterviews: { date: string; responsibilityLetterSigned: boolean; school: { code: string } }[] }>(
      '{ schoolInterviews(year: 2018) { date responsibilityLetterSigned school { code } } }',
    );
    expect(schoolInterviews).toHaveLength(10);
    expect(new Set(schoolInterviews.map((i) => i.school.code)).size).toBe(10);
    expect(schoolInterviews.every((i) => i.date === '2018-04-25' && i.responsibilityLetterSigned)).toBe(true);
  });

  it('refuses a rectification deadline before the interview', async () => {
    const r = await gql(`mutation($input: RecordSchoolInterviewInput!) { recordSchoolInterview(input: $input) { id } }`, {
      input: { schoolCode: '2145020401', date: `${YEAR}-04-25`, interviewees: [{ name: '校长甲', title: '校长' }], findings: '问题', responsibilityLetterSigned: true, rectificationDeadline: `${YEAR}-04-01` },
    });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.rectificationDeadline' });
  });
});

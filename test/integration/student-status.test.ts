import { composeResidentId, linkageKey, parseResidentId } from '@kongchuo/shared/domain';
import { gql, ok, codeOf, testKeys } from '../support/client';

const ENROL = `mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id studentNumber version enrollment { status grade school { code } } statusChanges { code grade toStatus } } }`;
const CHANGE = `mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { id version enrollment { status grade className } statusChanges { code date } dropoutCase { status outcome source records { kind } } } }`;
const SCHOOL_PRIMARY = '2145020411';
const SCHOOL_JUNIOR = '2145020405'; // not the school-staff account's school, whose counts another file compares

let seq = 0;
/** A fresh synthetic child born in a year nobody in the demo was (so totals elsewhere do not move). */
const freshId = (birth = '2016-03-01') => composeResidentId('450204', birth, 900 + (seq++ % 99) * 1);

interface Enrolled {
  enrollStudent: { id: string; version: number; studentNumber: string; enrollment: { status: string; grade: number }; statusChanges: { code: string; toStatus: string }[] };
}

async function enrol(overrides: Record<string, unknown> = {}) {
  const idNumber = freshId(overrides.birth as string | undefined);
  delete overrides.birth;
  const input = { idNumber, name: '测试学生', schoolCode: SCHOOL_PRIMARY, grade: 1, className: '1班', date: '2022-09-01', ...overrides };
  return { idNumber, result: await gql<Enrolled>(ENROL, { input }) };
}

describe('student-status records through the gateway', () => {
  it('enrols a child: 11 招生, G + ID as 学籍号, the linkage key as id', async () => {
    const { idNumber, result } = await enrol();
    expect(result.errors).toBeUndefined();
    const s = result.data!.enrollStudent;
    expect(s.studentNumber).toBe(`G${idNumber}`);
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.enrollment).toMatchObject({ status: 'ENROLLED', grade: 1 });
    expect(s.statusChanges).toEqual([{ code: 'ADMISSION', grade: 1, toStatus: 'ENROLLED' }]);
  });

  it.each([
    ['a malformed ID number', { idNumber: '45020420160301123' }, 'BAD_USER_INPUT', 'input.idNumber'],
    ['a wrong check digit', { idNumber: '450204201603019000' }, 'BAD_USER_INPUT', 'input.idNumber'],
    ['an unknown school', { schoolCode: '9999999999' }, 'BAD_USER_INPUT', 'input.schoolCode'],
    ['a grade the school does not teach', { grade: 8 }, 'BAD_USER_INPUT', 'input.grade'],
    ['a date in the future', { date: '2099-09-01' }, 'BAD_USER_INPUT', 'input.date'],
    ['an empty name', { name: '  ' }, 'BAD_USER_INPUT', 'input.name'],
  ])('refuses %s, naming the field and writing nothing', async (_label, bad, code, field) => {
    const input = { idNumber: freshId(), name: '测试学生', schoolCode: SCHOOL_PRIMARY, grade: 1, className: '1班', date: '2022-09-01', ...bad };
    const r = await gql(ENROL, { input });
    expect(codeOf(r)).toEqual({ code, field });
    // the child whose number was valid must not exist now (other test files write meanwhile, so no global count)
    const valid = parseResidentId(input.idNumber);
    if (valid.ok) {
      const id = linkageKey(valid.facts.idNumber, (await testKeys()).linkageSecret);
      expect((await ok<{ student: unknown }>('query($id: ID!) { student(id: $id) { id } }', { id })).student).toBeNull();
    }
  });

  it('refuses a second record for the same child, and a duplicate 学籍号, with CONFLICT', async () => {
    const { idNumber } = await enrol();
    const again = await gql(ENROL, { input: { idNumber, name: '测试学生', schoolCode: SCHOOL_PRIMARY, grade: 1, className: '1班', date: '2022-09-01' } });
    expect(codeOf(again)).toEqual({ code: 'CONFLICT', field: 'input.idNumber' });
    const other = freshId();
    const taken = await gql(ENROL, { input: { idNumber: other, studentNumber: `J${idNumber.slice(0, 17)}1`, name: '测试', schoolCode: SCHOOL_PRIMARY, grade: 1, className: '1班', date: '2022-09-01' } });
    expect(taken.errors).toBeUndefined();
    const dup = await gql(ENROL, { input: { idNumber: freshId(), studentNumber: `J${idNumber.slice(0, 17)}1`, name: '测试', schoolCode: SCHOOL_PRIMARY, grade: 1, className: '1班', date: '2022-09-01' } });
    expect(codeOf(dup)).toEqual({ code: 'CONFLICT', field: 'input.studentNumber' });
  });

  it('refuses impossible moves through the state machine and keeps the record unchanged', async () => {
    const { result } = await enrol();
    const s = result.data!.enrollStudent;
    const resume = await gql(CHANGE, { input: { studentId: s.id, code: 'RESUMPTION', date: '2023-03-01', expectedVersion: s.version } });
    expect(codeOf(resume)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const expel = await gql(CHANGE, { input: { studentId: s.id, code: 'EXPULSION', date: '2023-03-01', expectedVersion: s.version } });
    expect(codeOf(expel)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect(expel.errors![0].message).toContain('义务教育法 第二十七条');
    const backdated = await gql(CHANGE, { input: { studentId: s.id, code: 'PROMOTION', date: '2021-01-01', expectedVersion: s.version } });
    expect(codeOf(backdated)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.date' });
    const { student } = await ok<{ student: { version: number; statusChanges: unknown[] } }>('query($id: ID!) { student(id: $id) { version statusChanges { code } } }', { id: s.id });
    expect(student).toEqual({ version: s.version, statusChanges: [{ code: 'ADMISSION' }] });
  });

  it('records a dropout (opening a case) and a return (closing it as returned)', async () => {
    const { result } = await enrol({ birth: '2009-04-01', schoolCode: SCHOOL_JUNIOR, grade: 7, date: '2022-09-01' });
    const s = result.data!.enrollStudent;
    const out = await ok<{ recordStatusChange: { version: number; enrollment: { status: string }; dropoutCase: { status: string; source: string } } }>(CHANGE, {
      input: { studentId: s.id, code: 'DROPOUT', date: '2023-03-01', expectedVersion: s.version, reason: '长期未到校', dropoutReasons: ['WEARY_OF_STUDY'] },
    });
    expect(out.recordStatusChange.enrollment.status).toBe('DROPPED_OUT');
    expect(out.recordStatusChange.dropoutCase).toMatchObject({ status: 'OPEN', source: 'SCHOOL_REPORT' });
    const back = await ok<{ recordStatusChange: { enrollment: { status: string; grade: number }; dropoutCase: { status: string; outcome: string; records: { kind: string }[] } } }>(CHANGE, {
      input: { studentId: s.id, code: 'RESUMPTION', date: '2023-04-10', expectedVersion: out.recordStatusChange.version },
    });
    expect(back.recordStatusChange.enrollment).toMatchObject({ status: 'ENROLLED', grade: 7 });
    expect(back.recordStatusChange.dropoutCase).toMatchObject({ status: 'CLOSED', outcome: 'RETURNED' });
    expect(back.recordStatusChange.dropoutCase.records.map((r) => r.kind)).toEqual(['DISCOVERED', 'RETURNED']);
  });

  it('never expels or withdraws a pupil of the compulsory stage, whatever her age: a 16-year-old in grade 8 who stops coming is 28 辍学, has a case and counts', async () => {
    const overview = async () => (await ok<{ districtOverview: { dropoutsFound: number; stillOut: number } }>('{ districtOverview(year: 2023) { dropoutsFound stillOut } }')).districtOverview;
    const before = await overview();
    const { result } = await enrol({ birth: '2006-11-01', schoolCode: SCHOOL_JUNIOR, grade: 8, date: '2022-09-01' });
    const s = result.data!.enrollStudent;
    for (const code of ['EXPULSION', 'WITHDRAWAL']) {
      const r = await gql(CHANGE, { input: { studentId: s.id, code, date: '2023-03-01', expectedVersion: s.version } });
      expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.code' });
      expect(r.errors![0].message).toContain('28 辍学');
    }
    const out = await ok<{ recordStatusChange: { enrollment: { status: string }; dropoutCase: { status: string } } }>(CHANGE, {
      input: { studentId: s.id, code: 'DROPOUT', date: '2023-03-01', expectedVersion: s.version, dropoutReasons: ['WORKING'] },
    });
    expect(out.recordStatusChange).toMatchObject({ enrollment: { status: 'DROPPED_OUT' }, dropoutCase: { status: 'OPEN' } });
    const after = await overview();
    expect(after).toEqual({ dropoutsFound: before.dropoutsFound + 1, stillOut: before.stillOut + 1 });
    // persuaded back (12 复学): the district's count of children still out is as the other suites expect it
    const { student } = await ok<{ student: { version: number } }>('query($id: ID!) { student(id: $id) { version } }', { id: s.id });
    await ok(CHANGE, { input: { studentId: s.id, code: 'RESUMPTION', date: '2023-04-10', expectedVersion: student.version } });
    expect(await overview()).toEqual({ dropoutsFound: before.dropoutsFound + 1, stillOut: before.stillOut });
  });

  it('records 33 留级 only with the paper the province\'s rule asks for, and says which rule applies and where it comes from', async () => {
    const { studentStatusRules } = await ok<{ studentStatusRules: Record<string, unknown> }>(
      '{ studentStatusRules { province source expulsion withdrawal repetitionAllowed repetitionNeedsGuardianApplication repetitionNeedsApproval } }', undefined, { as: 'school-staff' });
    // 广西's own 细则 is not entered: the baseline applies and says so
    expect(studentStatusRules).toMatchObject({ province: '45', repetitionAllowed: true, repetitionNeedsGuardianApplication: true, repetitionNeedsApproval: true, source: expect.stringContaining('基线') });
    expect(studentStatusRules.expulsion).toContain('第二十七条');
    const { result } = await enrol({ birth: '2012-05-01', grade: 4, date: '2022-09-01' });
    const s = result.data!.enrollStudent;
    const bare = await gql(CHANGE, { input: { studentId: s.id, code: 'REPETITION', date: '2023-07-01', expectedVersion: s.version } });
    expect(codeOf(bare)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.guardianApplication' });
    const unapproved = await gql(CHANGE, { input: { studentId: s.id, code: 'REPETITION', date: '2023-07-01', expectedVersion: s.version, guardianApplication: true } });
    expect(codeOf(unapproved)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.approvalReference' });
    const done = await ok<{ recordStatusChange: { enrollment: { grade: number } } }>(CHANGE, {
      input: { studentId: s.id, code: 'REPETITION', date: '2023-07-01', expectedVersion: s.version, guardianApplication: true, approvalReference: '柳南教〔2023〕12号' },
    });
    expect(done.recordStatusChange.enrollment.grade).toBe(4);
    const { student } = await ok<{ student: { statusChanges: { code: string; guardianApplication: boolean; approvalReference: string | null }[] } }>(
      'query($id: ID!) { student(id: $id) { statusChanges { code guardianApplication approvalReference } } }', { id: s.id });
    expect(student.statusChanges.at(-1)).toEqual({ code: 'REPETITION', guardianApplication: true, approvalReference: '柳南教〔2023〕12号' });
  });

  it('refuses a stale version with CONFLICT; of two parallel edits from the same version exactly one lands', async () => {
    const { result } = await enrol({ birth: '2010-02-01', grade: 3, date: '2022-09-01' });
    const s = result.data!.enrollStudent;
    const edits = await Promise.all(
      ['SUSPENSION', 'PROMOTION'].map((code) => gql(CHANGE, { input: { studentId: s.id, code, date: '2023-09-01', expectedVersion: s.version } })),
    );
    const codes = edits.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const { student } = await ok<{ student: { statusChanges: unknown[] } }>('query($id: ID!) { student(id: $id) { statusChanges { code } } }', { id: s.id });
    expect(student.statusChanges).toHaveLength(2);
    const stale = await gql(CHANGE, { input: { studentId: s.id, code: 'CLASS_CHANGE', className: '2班', date: '2023-10-01', expectedVersion: s.version } });
    expect(codeOf(stale)).toEqual({ code: 'CONFLICT', field: 'input.expectedVersion' });
  });

  it('lets only education record, and school staff only for their own school', async () => {
    const { result } = await enrol();
    const s = result.data!.enrollStudent;
    const police = await gql(CHANGE, { input: { studentId: s.id, code: 'PROMOTION', date: '2023-09-01', expectedVersion: s.version } }, { as: 'police' });
    expect(codeOf(police).code).toBe('FORBIDDEN');
    const staff = await gql(ENROL, { input: { idNumber: freshId(), name: '测试', schoolCode: SCHOOL_PRIMARY, grade: 1, className: '1班', date: '2022-09-01' } }, { as: 'school-staff' });
    expect(codeOf(staff)).toEqual({ code: 'FORBIDDEN', field: 'input.schoolCode' });
    const missing = await gql(CHANGE, { input: { studentId: 'nobody', code: 'PROMOTION', date: '2023-09-01', expectedVersion: 1 } });
    expect(codeOf(missing).code).toBe('NOT_FOUND');
  });
});

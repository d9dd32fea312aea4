import { composeResidentId, linkageKey } from '@kongchuo/shared/domain';
import { generateLiunan2018 } from '@kongchuo/demo';
import { codeOf, gql, ok, testKeys, type Account } from '../support/client';

/**
 * Attendance, the early warning and the suspected-dropout ledger (学籍 ↔ 在校). This file's children
 * are enrolled in September 2025 at the school-staff account's school and absent in November 2025,
 * so no other test's ledger moves with them; the demo's own flagged children are read on 2018-12-21.
 */
const SCHOOL = '2145020403';
const OTHER_SCHOOL = '2145020405';
const DEMO_DAY = '2018-12-21';
const RECORD = `mutation($input: RecordAbsencesInput!) { recordAbsences(input: $input) { recorded students } }`;
const LEDGER = `query($asOf: String, $schoolCode: String) { suspectedDropouts(asOf: $asOf, schoolCode: $schoolCode, first: 500) {
  totalCount nodes { student { id name } attendance { unexcusedDays consecutiveAbsentWeeks treatAsDropout overReportLine } reasons suggestedAction } } }`;
const WARNING = `query($id: ID!, $asOf: String) { student(id: $id) { id earlyWarning(asOf: $asOf) { level score reasons { factor department weight detail } unknownDepartments attendance { unexcusedDays consecutiveAbsentWeeks } } } }`;
const POLICY = `{ earlyWarningPolicy { version reportUnexcusedDays reportWindowDays dropoutConsecutiveWeeks absentWeekMinDays weights { factor weight } levels { low medium high } } }`;
const SOURCE = '测试：某省控辍保学预警规则（测试文号）';
const UPDATE = `mutation($input: UpdateEarlyWarningPolicyInput!) { updateEarlyWarningPolicy(input: $input) { version reportUnexcusedDays } }`;

interface Entry { student: { id: string; name: string }; attendance: { unexcusedDays: number; consecutiveAbsentWeeks: number; treatAsDropout: boolean; overReportLine: boolean }; reasons: string[]; suggestedAction: string }
interface Warning { level: string; score: number; reasons: { factor: string; department: string; weight: number; detail: string }[]; unknownDepartments: string[]; attendance: { unexcusedDays: number } }

let seq = 0;
async function newPupil(school = SCHOOL): Promise<string> {
  const idNumber = composeResidentId('450204', `2013-04-0${1 + (seq % 9)}`, 800 + seq++);
  const { enrollStudent } = await ok<{ enrollStudent: { id: string } }>(
    `mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id } }`,
    { input: { idNumber, name: `预警测试${seq}`, schoolCode: school, grade: 7, className: '1班', date: '2025-09-01' } },
  );
  return enrollStudent.id;
}

/** Weekdays from `from` to `to`, inclusive. */
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400e3) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const ledger = async (asOf: string, as: Account = 'edu-admin', schoolCode?: string) =>
  (await ok<{ suspectedDropouts: { totalCount: number; nodes: Entry[] } }>(LEDGER, { asOf, schoolCode }, { as })).suspectedDropouts;
const warningOf = async (id: string, asOf: string, as: Account = 'edu-admin') => (await ok<{ student: { earlyWarning: Warning | null } }>(WARNING, { id, asOf }, { as })).student.earlyWarning;

describe('attendance and the suspected-dropout ledger', () => {
  it('a child away four weeks running crosses the threshold: on the ledger with its reasons, treated as a dropout', async () => {
    const id = await newPupil();
    const absences = weekdays('2025-11-03', '2025-11-28').map((date) => ({ studentId: id, date, excused: false, reason: '未到校' }));
    expect((await ok<{ recordAbsences: { recorded: number } }>(RECORD, { input: { schoolCode: SCHOOL, absences } }, { as: 'school-staff' })).recordAbsences.recorded).toBe(20);

    // before the third week the child is over the 5-day report line but not yet "four weeks"
    const early = (await ledger('2025-11-14')).nodes.find((n) => n.student.id === id)!;
    expect(early.attendance).toMatchObject({ unexcusedDays: 10, consecutiveAbsentWeeks: 2, treatAsDropout: false, overReportLine: true });
    expect(early.suggestedAction).toContain('家访');

    const entry = (await ledger('2025-11-28')).nodes.find((n) => n.student.id === id)!;
    expect(entry.attendance).toMatchObject({ unexcusedDays: 20, consecutiveAbsentWeeks: 4, treatAsDropout: true });
    expect(entry.reasons.join('；')).toContain('连续 4 周无故缺课');
    expect(entry.suggestedAction).toContain('登记辍学');

    const w = await warningOf(id, '2025-11-28');
    expect(w!.level).toBe('HIGH');
    expect(w!.reasons[0]).toMatchObject({ factor: 'ABSENCE_CONSECUTIVE_WEEKS', department: 'education', weight: 8 });
  });

  it('excused absences (sick leave) do not count; half days count as halves', async () => {
    const id = await newPupil();
    const sick = weekdays('2025-11-10', '2025-11-21').map((date) => ({ studentId: id, date, excused: true, reason: '病假' }));
    const halves = ['2025-11-24', '2025-11-25', '2025-11-26'].flatMap((date) => [
      { studentId: id, date, portion: 'MORNING', excused: false }, { studentId: id, date, portion: 'AFTERNOON', excused: false },
    ]);
    await ok(RECORD, { input: { schoolCode: SCHOOL, absences: [...sick, ...halves, { studentId: id, date: '2025-11-27', portion: 'MORNING', excused: false }] } }, { as: 'school-staff' });
    expect((await ledger('2025-11-28')).nodes.some((n) => n.student.id === id)).toBe(false);
    expect((await warningOf(id, '2025-11-28'))!.attendance.unexcusedDays).toBe(3.5);
  });

  it('the demo district on 21 December 2018: three children on the ledger, the four-week one first', async () => {
    const l = await ledger(DEMO_DAY);
    expect(l.totalCount).toBe(3);
    expect(l.nodes.map((n) => n.attendance.treatAsDropout)).toEqual([true, false, false]);
    expect(l.nodes.map((n) => n.attendance.unexcusedDays)).toEqual([20, 6, 5]);
    // school staff see their own school's part only
    const mine = await ledger(DEMO_DAY, 'school-staff');
    expect(mine.nodes.map((n) => n.student.id)).toEqual([l.nodes[0].student.id]);
  });

  it('the early warning combines other departments\' factors, read through the federation, and says why', async () => {
    const l = await ledger(DEMO_DAY);
    // the returned child: over the line, previously a dropout, and a migrant according to public security
    const returned = await warningOf(l.nodes[2].student.id, DEMO_DAY);
    expect(returned!.reasons.map((r) => r.factor)).toEqual(expect.arrayContaining(['ABSENCE_OVER_REPORT_LINE', 'PREVIOUS_DROPOUT']));
    expect(returned!.score).toBe(returned!.reasons.reduce((s, r) => s + r.weight, 0));
    expect(returned!.unknownDepartments).toEqual([]);

    // a left-behind child with two unexcused days: below the report line, watched because of civil affairs' and the community's records
    const watched = await findDemoChild((c) => !!c.isLeftBehind && c.absences.filter((a) => !a.excused).length === 2);
    const w = await warningOf(watched, DEMO_DAY);
    expect(w!.reasons.map((r) => [r.factor, r.department])).toEqual(expect.arrayContaining([
      ['LEFT_BEHIND', 'civil_affairs'], ['PARENTS_AWAY', 'community'], ['ABSENCE_SOME', 'education'],
    ]));
    expect(w!.level).toBe('MEDIUM');
    expect((await ledger(DEMO_DAY)).nodes.some((n) => n.student.id === watched)).toBe(false);
  });

  it('changing a threshold changes the ledger at once', async () => {
    const before = await ok<{ earlyWarningPolicy: { version: number; reportUnexcusedDays: number } }>(POLICY);
    expect(before.earlyWarningPolicy.reportUnexcusedDays).toBe(5);
    const watched = await findDemoChild((c) => !!c.isLeftBehind && c.absences.filter((a) => !a.excused).length === 2);
    try {
      const lowered = await ok<{ updateEarlyWarningPolicy: { version: number } }>(UPDATE, { input: { expectedVersion: before.earlyWarningPolicy.version, reportUnexcusedDays: 2, source: SOURCE } });
      const l = await ledger(DEMO_DAY);
      expect(l.totalCount).toBe(4);
      expect(l.nodes.some((n) => n.student.id === watched)).toBe(true);

      // a stale version is refused; nothing changes
      const stale = await gql(UPDATE, { input: { expectedVersion: before.earlyWarningPolicy.version, reportUnexcusedDays: 9, source: SOURCE } });
      expect(codeOf(stale)).toEqual({ code: 'CONFLICT', field: 'input.expectedVersion' });

      await ok(UPDATE, { input: { expectedVersion: lowered.updateEarlyWarningPolicy.version, reportUnexcusedDays: 7, dropoutConsecutiveWeeks: 5, source: SOURCE } });
      const strict = await ledger(DEMO_DAY);
      expect(strict.totalCount).toBe(1);
      expect(strict.nodes[0].attendance).toMatchObject({ unexcusedDays: 20, treatAsDropout: false });
    } finally {
      const now = await ok<{ earlyWarningPolicy: { version: number } }>(POLICY);
      await ok(UPDATE, { input: { expectedVersion: now.earlyWarningPolicy.version, reportUnexcusedDays: 5, dropoutConsecutiveWeeks: 4, source: SOURCE } });
    }
    expect((await ledger(DEMO_DAY)).totalCount).toBe(3);
  });

  it('refuses bad rules, naming each field, and lets only the district bureau set them', async () => {
    const { earlyWarningPolicy: p } = await ok<{ earlyWarningPolicy: { version: number } }>(POLICY);
    const bad = await gql(UPDATE, { input: { expectedVersion: p.version, reportUnexcusedDays: 0, levels: { low: 5, medium: 4, high: 9 }, source: SOURCE } });
    expect(codeOf(bad).code).toBe('BAD_USER_INPUT');
    expect((bad.errors![0].extensions!.problems as { field: string }[]).map((x) => x.field).sort()).toEqual(['input.levels', 'input.reportUnexcusedDays']);
    // a province's values come with the document they are from; terms with the 校历 they are from
    const unsourced = await gql(UPDATE, { input: { expectedVersion: p.version, reportUnexcusedDays: 6, terms: [{ start: '2026-09-01', end: '2027-01-22' }] } });
    expect((unsourced.errors![0].extensions!.problems as { field: string }[]).map((x) => x.field).sort()).toEqual(['input.calendarSource', 'input.source']);
    const monthDay = await gql(UPDATE, { input: { expectedVersion: p.version, terms: [{ start: '09-01', end: '01-31' }], calendarSource: '某校历' } });
    expect((monthDay.errors![0].extensions!.problems as { field: string }[]).map((x) => x.field)).toEqual(['input.terms[0].start', 'input.terms[0].end']);
    for (const as of ['school-staff', 'joint-meeting', 'police'] as Account[]) {
      expect(codeOf(await gql(UPDATE, { input: { expectedVersion: p.version, reportUnexcusedDays: 3 } }, { as })).code).toBe('FORBIDDEN');
    }
    expect((await ok<{ earlyWarningPolicy: { version: number } }>(POLICY)).earlyWarningPolicy.version).toBe(p.version);
  });
});

describe('recording absences: bad input writes nothing', () => {
  it('reports every bad row (unknown child, outside the school year, future, duplicates) and writes none of the good ones', async () => {
    const id = await newPupil();
    const other = await newPupil(OTHER_SCHOOL);
    await ok(RECORD, { input: { schoolCode: SCHOOL, absences: [{ studentId: id, date: '2025-10-09', excused: false }] } }, { as: 'school-staff' });
    const absences = [
      { studentId: id, date: '2025-10-13', excused: false }, // 0 fine
      { studentId: 'no-such-child', date: '2025-10-13', excused: false }, // 1 unknown
      { studentId: id, date: '2025-08-12', excused: false }, // 2 summer holiday
      { studentId: id, date: '2099-10-13', excused: false }, // 3 future
      { studentId: id, date: '2025-10-13', portion: 'MORNING', excused: true }, // 4 repeats row 0
      { studentId: id, date: '2025-10-09', portion: 'AFTERNOON', excused: false }, // 5 already recorded (full day)
      { studentId: other, date: '2025-10-14', excused: false }, // 6 another school's pupil
      { studentId: id, date: '2025-02-30', excused: false }, // 7 not a date
      { studentId: id, date: '2025-10-15', excused: false }, // 8 fine
      { studentId: id, date: '2025-10-18', excused: false }, // 9 a Saturday
      { studentId: id, date: '2025-10-02', excused: false }, // 10 National Day
      { studentId: id, date: '2025-10-11', excused: false }, // 11 fine: a Saturday worked for National Day (调休)
    ];
    const r = await gql(RECORD, { input: { schoolCode: SCHOOL, absences } }, { as: 'edu-admin' });
    expect(codeOf(r).code).toBe('BAD_USER_INPUT');
    const problems = r.errors![0].extensions!.problems as { field: string; message: string }[];
    expect(problems.map((p) => p.field)).toEqual([
      'input.absences[1].studentId', 'input.absences[2].date', 'input.absences[3].date', 'input.absences[4]', 'input.absences[5]',
      'input.absences[6].studentId', 'input.absences[7].date', 'input.absences[9].date', 'input.absences[10].date',
    ]);
    expect(problems[1].message).toContain('outside');
    expect(problems[7].message).toContain('Saturday, not a school day');
    expect(problems[8].message).toContain('public holiday (国庆节)');
    const { student } = await ok<{ student: { absences: { date: string }[] } }>('query($id: ID!) { student(id: $id) { absences { date } } }', { id });
    expect(student.absences.map((a) => a.date)).toEqual(['2025-10-09']);
  });

  it('school staff record only for their own school; other departments not at all', async () => {
    const other = await newPupil(OTHER_SCHOOL);
    const input = { schoolCode: OTHER_SCHOOL, absences: [{ studentId: other, date: '2025-10-13', excused: false }] };
    expect(codeOf(await gql(RECORD, { input }, { as: 'school-staff' })).code).toBe('FORBIDDEN');
    expect(codeOf(await gql(RECORD, { input }, { as: 'community' })).code).toBe('FORBIDDEN');
    expect(codeOf(await gql(RECORD, { input: { schoolCode: OTHER_SCHOOL, absences: [] } })).code).toBe('BAD_USER_INPUT');
  });

  it('the early warning and the ledger are the education bureau\'s and the joint meeting\'s', async () => {
    const l = await ledger(DEMO_DAY, 'joint-meeting');
    expect(l.totalCount).toBe(3);
    const id = l.nodes[0].student.id;
    for (const as of ['police', 'civil-affairs', 'community'] as Account[]) {
      expect(codeOf(await gql(LEDGER, { asOf: DEMO_DAY }, { as })).code).toBe('FORBIDDEN');
    }
    const r = await gql<{ residents: { nodes: { earlyWarning: unknown }[] } }>(
      '{ residents(first: 5) { nodes { id earlyWarning { level } } } }', {}, { as: 'community' },
    );
    expect(r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && String(e.message).includes('earlyWarning'))).toBe(true);
    expect((await warningOf(id, DEMO_DAY, 'joint-meeting'))!.level).toBe('HIGH');
  });
});

/** A demo child found by what education and civil affairs hold (read as the education bureau). */
let demoChildren: Promise<{ id: string; isLeftBehind: boolean | null; absences: { excused: boolean }[] }[]> | undefined;
async function findDemoChild(test: (c: { id: string; isLeftBehind: boolean | null; absences: { excused: boolean }[] }) => boolean): Promise<string> {
  demoChildren ??= childrenWithAbsences();
  const hit = (await demoChildren).find(test);
  if (!hit) throw new Error('no such demo child');
  return hit.id;
}

async function childrenWithAbsences() {
  const out: { id: string; isLeftBehind: boolean | null; absences: { excused: boolean }[] }[] = [];
  let after: string | null = null;
  for (;;) {
    const { students }: { students: { nodes: { id: string; isLeftBehind: boolean | null; absences: { excused: boolean }[] }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await ok(
      `query($after: String) { students(filter: { enrollmentStatus: ENROLLED }, first: 500, after: $after) { nodes { id isLeftBehind absences(since: "2018-09-01") { excused } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    out.push(...students.nodes.filter((c) => c.absences.length > 0));
    if (!students.pageInfo.hasNextPage) return out;
    after = students.pageInfo.endCursor;
  }
}

describe('the school calendar the warning reads', () => {
  it('says where its values and its calendar come from; a province enters dated terms with their 校历, and absences follow them', async () => {
    const { earlyWarningPolicy: p } = await ok<{ earlyWarningPolicy: { version: number; source: string; calendarSource: string; terms: { start: string; end: string }[] } }>(
      '{ earlyWarningPolicy { version source calendarSource terms { start end } } }');
    expect(p.source).toBe(SOURCE); // stored with its values by the threshold test above (until then: the starting values' own words)
    expect(p.calendarSource).toContain('按春节推算');
    expect(p.terms).toContainEqual({ start: '2018-09-01', end: '2019-01-21' });
    const id = await newPupil();
    try {
      // this province's (test) 校历 ends the autumn term on 16 January 2026
      const terms = [...p.terms.filter((t) => t.start < '2025-09-01'), { start: '2025-09-01', end: '2026-01-16' }, ...p.terms.filter((t) => t.start > '2026-01-31')];
      await ok(UPDATE, { input: { expectedVersion: p.version, terms, calendarSource: '测试：某省 2025—2026 学年校历' } });
      const r = await gql(RECORD, { input: { schoolCode: SCHOOL, absences: [{ studentId: id, date: '2026-01-19', excused: false }] } }, { as: 'school-staff' });
      expect(codeOf(r).code).toBe('BAD_USER_INPUT');
      expect((r.errors![0].extensions!.problems as { message: string }[])[0].message).toContain('outside the terms');
      const after = await ok<{ earlyWarningPolicy: { calendarSource: string } }>('{ earlyWarningPolicy { calendarSource } }');
      expect(after.earlyWarningPolicy.calendarSource).toBe('测试：某省 2025—2026 学年校历');
    } finally {
      const now = await ok<{ earlyWarningPolicy: { version: number } }>(POLICY);
      await ok(UPDATE, { input: { expectedVersion: now.earlyWarningPolicy.version, terms: p.terms, calendarSource: p.calendarSource } });
    }
  });
});

describe('the national priority groups as factors', () => {
  const world = generateLiunan2018();
  const keyOf = async (test: (c: (typeof world.children)[number]) => boolean) => linkageKey(world.children.find(test)!.idNumber, (await testKeys()).linkageSecret);

  it.each([
    ['an orphan', 'ORPHAN', 3],
    ['a child without de facto carers', 'DE_FACTO_UNCARED', 3],
    ['a child in difficulty', 'IN_DIFFICULTY', 2],
  ])('%s recognised by civil affairs is watched with no absence at all', async (_label, category, weight) => {
    const id = await keyOf((c) => c.welfare?.category === category);
    const w = (await warningOf(id, DEMO_DAY))!;
    expect(w.reasons).toEqual([expect.objectContaining({ factor: category, department: 'civil_affairs', weight })]);
    expect(w.level).toBe('LOW');
    expect(w.unknownDepartments).toEqual([]);
  });

  it('a minor involved in a case counts for the district bureau; school staff get neither the fact nor the factor', async () => {
    const id = await keyOf((c) => !!c.caseMark);
    const w = (await warningOf(id, DEMO_DAY))!;
    expect(w.reasons).toEqual([expect.objectContaining({ factor: 'INVOLVED_IN_CASE', department: 'public_security', weight: 3 })]);
    const r = await gql<{ student: { earlyWarning: Warning } }>(WARNING, { id, asOf: DEMO_DAY }, { as: 'school-staff' });
    expect(r.errors).toBeUndefined(); // the fact the warning could not read is named in unknownDepartments, not as an error
    const staff = r.data!.student.earlyWarning;
    expect(staff.reasons.map((x) => x.factor)).not.toContain('INVOLVED_IN_CASE');
    expect(staff.unknownDepartments).toContain('public_security');
    const direct = await gql('query($id: ID!) { student(id: $id) { involvedInCase } }', { id }, { as: 'school-staff' });
    expect(codeOf(direct)).toEqual({ code: 'FORBIDDEN', field: 'Student.involvedInCase' });
    for (const as of ['civil-affairs', 'community'] as Account[]) {
      const other = await gql('query($id: ID!) { student(id: $id) { involvedInCase } }', { id }, { as });
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await ok<{ student: { involvedInCase: boolean } }>('query($id: ID!) { student(id: $id) { involvedInCase } }', { id }, { as: 'police' })).student.involvedInCase).toBe(true);
  });
});


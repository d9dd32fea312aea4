import { composeResidentId } from '@kongchuo/shared/domain';
import { codeOf, gql, ok, type Account } from '../support/client';

/**
 * 四查三比对 through the real gateway: the joint meeting's run reads each department's key lists as its
 * service account and writes the three ledgers with their findings. The demo run is on 2018-12-21;
 * the fresh children of this file are born in 2015 and checked on today's date.
 */
const DEMO_DAY = '2018-12-21';
const RUN = `mutation($asOf: String) { runCrossCheck(asOf: $asOf) { id asOf schoolAge withEnrollment suspectedDropouts dropouts findings
  timing { step ms } findingCounts { finding open acted dismissed } } }`;
const LEDGER = `query($kind: LedgerKind!, $runId: ID, $finding: FindingKind, $onlyFindings: Boolean) {
  ledger(kind: $kind, runId: $runId, finding: $finding, onlyFindings: $onlyFindings, first: 500) { totalCount nodes {
    id version finding knownTo enrollmentStatus reasons suggestedTask status taskId
    student { id name enrollment { status } hukou { name regionName } community { name residentName } } } } }`;
const ACT = `mutation($input: ActOnFindingInput!) { actOnFinding(input: $input) { id status version taskId task { id type assignedDepartment status note } } }`;
const DISMISS = `mutation($input: DismissFindingInput!) { dismissFinding(input: $input) { id status dismissedReason } }`;

interface Run { id: string; schoolAge: number; withEnrollment: number; suspectedDropouts: number; dropouts: number; findings: number; timing: { step: string; ms: number }[]; findingCounts: { finding: string; open: number }[] }
interface Entry {
  id: string; version: number; finding: string | null; knownTo: string[]; enrollmentStatus: string | null; reasons: string[]; suggestedTask: string | null; status: string | null; taskId: string | null;
  student: { id: string; name: string | null; enrollment: { status: string } | null; hukou: { name: string; regionName: string } | null; community: { name: string; residentName: string } | null };
}

const run = async (asOf?: string, as: Account = 'joint-meeting') => (await ok<{ runCrossCheck: Run }>(RUN, { asOf }, { as })).runCrossCheck;
const ledger = async (vars: Record<string, unknown>, as: Account = 'joint-meeting') => (await ok<{ ledger: { totalCount: number; nodes: Entry[] } }>(LEDGER, vars, { as })).ledger;
const inDays = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

let demoRun: Promise<Run> | undefined;
const demo = () => (demoRun ??= run(DEMO_DAY));

describe('四查三比对 on the demo district (21 December 2018)', () => {
  it('finds the children of compulsory age that no school has enrolled, each from whoever knows them', async () => {
    const r = await demo();
    expect(r.schoolAge).toBeGreaterThan(16000);
    const never = await ledger({ kind: 'SCHOOL_AGE', runId: r.id, finding: 'NEVER_ENROLLED' });
    expect(never.nodes.map((n) => n.knownTo.join('+')).sort()).toEqual(['community', 'community+public_security', 'public_security']);
    for (const n of never.nodes) {
      expect(n.enrollmentStatus).toBeNull();
      expect(n.student.enrollment).toBeNull(); // no 学籍 in the unified view either
      expect(n.status).toBe('OPEN');
    }
    const policeOnly = never.nodes.find((n) => n.knownTo.join() === 'public_security')!;
    expect(policeOnly.suggestedTask).toBe('LOCATE_FAMILY');
    expect(policeOnly.student.hukou!.name).toBeTruthy(); // who the child is, from the household registry
    const communityOnly = never.nodes.find((n) => n.knownTo.join() === 'community')!;
    expect(communityOnly.suggestedTask).toBe('HOME_VISIT');
    expect(communityOnly.student.hukou).toBeNull();
    expect(communityOnly.student.community!.residentName).toBeTruthy();
  });

  it('keeps the three ledgers: the school-age children, the suspected dropouts (attendance) and the dropouts (matched against poverty)', async () => {
    const r = await demo();
    expect(r.withEnrollment).toBe(r.schoolAge - 3);
    const suspected = await ledger({ kind: 'SUSPECTED_DROPOUT', runId: r.id });
    expect(suspected.nodes.map((n) => n.finding).sort()).toEqual(['NOT_ATTENDING', 'NOT_ATTENDING', 'TREAT_AS_DROPOUT']);
    expect(suspected.nodes.find((n) => n.finding === 'TREAT_AS_DROPOUT')!.suggestedTask).toBe('RE_ENROLMENT');
    const dropouts = await ledger({ kind: 'DROPOUT', runId: r.id });
    expect(dropouts.totalCount).toBe(r.dropouts);
    const poor = dropouts.nodes.filter((n) => n.finding === 'POOR_DROPOUT');
    expect(poor).toHaveLength(1); // the child from 忻城县's registered-poor household (seed summary)
    expect(poor[0].suggestedTask).toBe('AID');
    expect(r.findingCounts.find((c) => c.finding === 'NEVER_ENROLLED')!.open).toBe(3);
    expect(r.timing.map((t) => t.step)).toEqual(expect.arrayContaining(['police', 'community', 'enrollment', 'attendance', 'poverty', 'match', 'write', 'total']));
  });

  it('turns a finding into one task for the right department, once; or dismisses it with a reason', async () => {
    const r = await run(DEMO_DAY);
    const never = await ledger({ kind: 'SCHOOL_AGE', runId: r.id, finding: 'NEVER_ENROLLED' });
    const both = never.nodes.find((n) => n.knownTo.length === 2)!;
    const stale = await gql(ACT, { input: { entryId: both.id, expectedVersion: both.version + 1, dueDate: inDays(14) } });
    expect(codeOf(stale).code).toBe('CONFLICT');
    const acted = (await ok<{ actOnFinding: { status: string; taskId: string; task: { type: string; assignedDepartment: string; status: string; note: string } } }>(
      ACT, { input: { entryId: both.id, expectedVersion: both.version, dueDate: inDays(14) } },
    )).actOnFinding;
    expect(acted.status).toBe('ACTED');
    expect(acted.task).toMatchObject({ type: 'HOME_VISIT', assignedDepartment: 'community', status: 'ASSIGNED' });
    expect(acted.task.note).toContain('无学籍');
    // the community sees it in its work list
    const { myTasks } = await ok<{ myTasks: { id: string }[] }>('{ myTasks { id } }', {}, { as: 'community' });
    expect(myTasks.map((t) => t.id)).toContain(acted.taskId);
    expect(codeOf(await gql(ACT, { input: { entryId: both.id, expectedVersion: both.version + 1, dueDate: inDays(14) } })).code).toBe('BAD_USER_INPUT');

    // the same child found again by a later run: acting links the open task instead of assigning a second
    const again = await run(DEMO_DAY);
    const same = (await ledger({ kind: 'SCHOOL_AGE', runId: again.id, finding: 'NEVER_ENROLLED' })).nodes.find((n) => n.student.id === both.student.id)!;
    const linked = (await ok<{ actOnFinding: { taskId: string } }>(ACT, { input: { entryId: same.id, expectedVersion: same.version, dueDate: inDays(14) } })).actOnFinding;
    expect(linked.taskId).toBe(acted.taskId);

    const policeOnly = never.nodes.find((n) => n.knownTo.join() === 'public_security')!;
    expect(codeOf(await gql(DISMISS, { input: { entryId: policeOnly.id, expectedVersion: policeOnly.version, reason: '  ' } })).field).toBe('input.reason');
    const dismissed = (await ok<{ dismissFinding: { status: string; dismissedReason: string } }>(
      DISMISS, { input: { entryId: policeOnly.id, expectedVersion: policeOnly.version, reason: '已核实：在户籍地就读' } },
    )).dismissFinding;
    expect(dismissed).toMatchObject({ status: 'DISMISSED', dismissedReason: '已核实：在户籍地就读' });
    const counts = (await ok<{ crossCheck: Run }>('query($id: ID) { crossCheck(id: $id) { findingCounts { finding open acted dismissed } } }', { id: r.id })).crossCheck.findingCounts;
    expect(counts.find((c) => c.finding === 'NEVER_ENROLLED')).toMatchObject({ open: 1, acted: 1, dismissed: 1 });
  });
});

describe('四查三比对 on new records', () => {
  it('a child registered only by the police, and a child whose 学籍 was transferred out while the family stays, are found', async () => {
    const household = `4502049${String(Date.now() % 1e8).padStart(8, '0')}`.slice(0, 16);
    await ok('mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) }', {
      input: { number: household, regionCode: '450204', registeredAddress: '柳州市柳南区测试路1号', headName: '测试户主' },
    }, { as: 'police' });
    const unenrolled = composeResidentId('450204', '2015-03-03', 901);
    const { registerPerson } = await ok<{ registerPerson: { id: string } }>('mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }', {
      input: { idNumber: unenrolled, name: '比对测试甲', householdNumber: household, relation: '子' },
    }, { as: 'police' });

    // a second child of the same household: enrolled, then transferred out of the district
    const moved = composeResidentId('450204', '2015-05-05', 903);
    const { registerPerson: movedChild } = await ok<{ registerPerson: { id: string } }>('mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }', {
      input: { idNumber: moved, name: '比对测试乙', householdNumber: household, relation: '女' },
    }, { as: 'police' });
    const { enrollStudent } = await ok<{ enrollStudent: { id: string; version: number } }>(
      'mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id version } }',
      { input: { idNumber: moved, name: '比对测试乙', schoolCode: '2145020411', grade: 4, className: '1班', date: '2025-09-01', code: 'TRANSFER_IN', crossesDistrict: true } },
    );
    expect(enrollStudent.id).toBe(movedChild.id); // the same linkage key in both departments
    await ok('mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { id } }', {
      input: { studentId: enrollStudent.id, code: 'TRANSFER_OUT', date: '2025-10-10', expectedVersion: enrollStudent.version, crossesDistrict: true, counterpart: '区外学校' },
    });

    const r = await run(undefined, 'edu-admin');
    const found = await ledger({ kind: 'SCHOOL_AGE', runId: r.id, onlyFindings: true }, 'edu-admin');
    const a = found.nodes.find((n) => n.student.id === registerPerson.id)!;
    expect(a).toMatchObject({ finding: 'NEVER_ENROLLED', knownTo: ['public_security'], suggestedTask: 'LOCATE_FAMILY' });
    expect(a.student.hukou!.name).toBe('比对测试甲');
    const b = found.nodes.find((n) => n.student.id === movedChild.id)!;
    expect(b).toMatchObject({ finding: 'LEFT_SCHOOL', enrollmentStatus: 'TRANSFERRED_OUT' });
  });
});

describe('who may run and read the check', () => {
  it('the joint meeting and the district education bureau only', async () => {
    for (const as of ['police', 'civil-affairs', 'community', 'grid-worker', 'school-staff'] as Account[]) {
      expect(codeOf(await gql(RUN, { asOf: DEMO_DAY }, { as })).code).toBe('FORBIDDEN');
      expect(codeOf(await gql(LEDGER, { kind: 'SCHOOL_AGE' }, { as })).code).toBe('FORBIDDEN');
    }
    expect(codeOf(await gql(RUN, { asOf: '2099-01-01' })).field).toBe('asOf');
  });

  it('the registries\' key lists are not for other departments', async () => {
    const q = '{ registeredChildren(first: 5) { totalCount } }';
    for (const as of ['civil-affairs', 'community', 'school-staff'] as Account[]) expect(codeOf(await gql(q, {}, { as })).code).toBe('FORBIDDEN');
    expect(codeOf(await gql('{ registeredChildren(first: 5000) { totalCount } }', {}, { as: 'police' })).field).toBe('first');
  });
});

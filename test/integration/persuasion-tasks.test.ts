import { composeResidentId } from '@kongchuo/shared/domain';
import { codeOf, gql, ok, type Account } from '../support/client';

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const YEAR = Number(today().slice(0, 4));

interface Task { id: string; status: string; version: number; assignedDepartment: string; overdue: boolean; evidenceId: string | null; history: { action: string; department: string; toStatus: string }[] }
const TASK_FIELDS = 'id status version assignedDepartment overdue evidenceKind evidenceId history { action department toStatus }';
const ASSIGN = `mutation($input: AssignTaskInput!) { assignTask(input: $input) { ${TASK_FIELDS} } }`;
const move = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${TASK_FIELDS} } }`;
const ACCEPT = move('acceptTask', 'MoveTaskInput');
const START = move('startTask', 'MoveTaskInput');
const COMPLETE = move('completeTask', 'CompleteTaskInput');
const REJECT = move('rejectTask', 'RejectTaskInput');
const REASSIGN = move('reassignTask', 'ReassignTaskInput');
const OVERVIEW = `query($year: Int!) { districtOverview(year: $year) { dropoutsFound returned stillOut } }`;

/** Where each kind of evidence is read: the root field of the department that records it. */
const RECORD_OF: Record<string, string> = { HOME_VISIT: 'homeVisit', LOCATE_REPORT: 'locateRequest', AID_GRANT: 'aidGrant', LEGAL_NOTICE: 'legalNotice', RE_ENROLMENT: 'dropoutCase', LETTER: 'letter' };

/** The record's attestation as its department signs it, read by the account that completes the task. */
async function attestationOf(kind: string, id: string, as: Account): Promise<string> {
  const { record } = await ok<{ record: { attestation: string } }>(`query($id: ID!) { record: ${RECORD_OF[kind]}(id: $id) { attestation } }`, { id }, { as });
  return record.attestation;
}

/** completeTask's evidence: the record and what its department vouches for it. */
const evidenced = async (kind: string, id: string, as: Account) => ({ evidenceKind: kind, evidenceId: id, evidenceAttestation: await attestationOf(kind, id, as) });

async function step<T extends Task>(mutation: string, input: Record<string, unknown>, as: Account, key: string): Promise<T> {
  return (await ok<Record<string, T>>(mutation, { input }, { as }))[key];
}

let seq = 0;
/**
 * A child of the demo who lives in the `community` account's subdistrict and is at school, and
 * who drops out today: education records it, which opens this year's case.
 */
async function childWhoDropsOut() {
  const { residents } = await ok<{ residents: { nodes: { id: string; enrollment: { status: string } | null; dropoutCase: unknown }[] } }>(
    '{ residents(first: 400) { nodes { id enrollment { status } dropoutCase { id } } } }', {}, { as: 'community' },
  );
  const pick = residents.nodes.filter((n) => n.enrollment?.status === 'ENROLLED' && !n.dropoutCase)[seq++];
  const { student } = await ok<{ student: { version: number } }>('query($id: ID!) { student(id: $id) { version } }', { id: pick.id });
  const { recordStatusChange } = await ok<{ recordStatusChange: { version: number; dropoutCase: { id: string } } }>(
    `mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { version dropoutCase { id } } }`,
    { input: { studentId: pick.id, code: 'DROPOUT', date: today(), expectedVersion: student.version, dropoutReasons: ['WORKING'] } },
  );
  return { studentId: pick.id, version: recordStatusChange.version, caseId: recordStatusChange.dropoutCase.id };
}

describe('one case walked through the departments (双线四包)', () => {
  it('home visit, locate, aid, re-enrolment: the case closes as returned and the overview moves by one', async () => {
    const before = (await ok<{ districtOverview: Record<string, number> }>(OVERVIEW, { year: YEAR })).districtOverview;
    const child = await childWhoDropsOut();
    const mid = (await ok<{ districtOverview: Record<string, number> }>(OVERVIEW, { year: YEAR })).districtOverview;
    expect(mid.dropoutsFound - before.dropoutsFound).toBe(1);
    expect(mid.stillOut - before.stillOut).toBe(1);
    const base = { studentId: child.studentId, caseId: child.caseId, dueDate: inDays(7) };

    // joint meeting assigns a home visit to the community; the community accepts, visits, completes
    let visit = await step(ASSIGN, { ...base, type: 'HOME_VISIT', department: 'community' }, 'joint-meeting', 'assignTask');
    expect(visit.status).toBe('ASSIGNED');
    visit = await step(ACCEPT, { taskId: visit.id, expectedVersion: visit.version }, 'community', 'acceptTask');
    const { recordHomeVisit } = await ok<{ recordHomeVisit: { id: string } }>(`mutation($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id } }`,
      { input: { studentId: child.studentId, date: today(), visitorName: '网格员甲', visitorRole: '网格员', outcome: 'MET_FAMILY', notes: '孩子在外打零工，家长同意劝回' } }, { as: 'community' });
    visit = await step(COMPLETE, { taskId: visit.id, expectedVersion: visit.version, ...(await evidenced('HOME_VISIT', recordHomeVisit.id, 'community')) }, 'community', 'completeTask');
    expect(visit).toMatchObject({ status: 'DONE', evidenceId: recordHomeVisit.id });
    expect(visit.history.map((h) => `${h.action}:${h.department}`)).toEqual(['ASSIGN:joint_meeting', 'ACCEPT:community', 'COMPLETE:community']);

    // public security locates the family
    let locate = await step(ASSIGN, { ...base, type: 'LOCATE_FAMILY', department: 'public_security' }, 'joint-meeting', 'assignTask');
    locate = await step(ACCEPT, { taskId: locate.id, expectedVersion: locate.version }, 'police', 'acceptTask');
    locate = await step(START, { taskId: locate.id, expectedVersion: locate.version }, 'police', 'startTask');
    expect(locate.status).toBe('IN_PROGRESS');
    const { requestLocate } = await ok<{ requestLocate: { id: string; version: number } }>(`mutation($input: RequestLocateInput!) { requestLocate(input: $input) { id version } }`,
      { input: { studentId: child.studentId, reason: '联席会议交办：查找家庭下落' } }, { as: 'police' });
    await ok(`mutation($input: ReportLocateInput!) { reportLocate(input: $input) { id } }`, { input: { requestId: requestLocate.id, expectedVersion: requestLocate.version, date: today(), regionCode: '450204', summary: '在本区某汽修店打工' } }, { as: 'police' });
    locate = await step(COMPLETE, { taskId: locate.id, expectedVersion: locate.version, ...(await evidenced('LOCATE_REPORT', requestLocate.id, 'police')) }, 'police', 'completeTask');
    expect(locate.status).toBe('DONE');

    // civil affairs grants aid
    let aid = await step(ASSIGN, { ...base, type: 'AID', department: 'civil_affairs' }, 'edu-admin', 'assignTask');
    aid = await step(ACCEPT, { taskId: aid.id, expectedVersion: aid.version }, 'civil-affairs', 'acceptTask');
    const { grantAid } = await ok<{ grantAid: { id: string } }>(`mutation($input: GrantAidInput!) { grantAid(input: $input) { id } }`,
      { input: { studentId: child.studentId, programme: 'STUDENT_GRANT', amount: 800, periodStart: today(), periodEnd: inDays(120), grantedOn: today() } }, { as: 'civil-affairs' });
    aid = await step(COMPLETE, { taskId: aid.id, expectedVersion: aid.version, ...(await evidenced('AID_GRANT', grantAid.id, 'civil-affairs')) }, 'civil-affairs', 'completeTask');
    expect(aid.status).toBe('DONE');

    // education re-enrols the child: 12 复学 closes the case as returned
    let back = await step(ASSIGN, { ...base, type: 'RE_ENROLMENT', department: 'education' }, 'joint-meeting', 'assignTask');
    back = await step(ACCEPT, { taskId: back.id, expectedVersion: back.version }, 'edu-admin', 'acceptTask');
    const { recordStatusChange } = await ok<{ recordStatusChange: { dropoutCase: { id: string; status: string; outcome: string } } }>(
      `mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { dropoutCase { id status outcome } } }`,
      { input: { studentId: child.studentId, code: 'RESUMPTION', date: today(), expectedVersion: child.version } },
    );
    expect(recordStatusChange.dropoutCase).toEqual({ id: child.caseId, status: 'CLOSED', outcome: 'RETURNED' });
    back = await step(COMPLETE, { taskId: back.id, expectedVersion: back.version, ...(await evidenced('RE_ENROLMENT', child.caseId, 'edu-admin')) }, 'edu-admin', 'completeTask');
    expect(back.status).toBe('DONE');

    const after = (await ok<{ districtOverview: Record<string, number> }>(OVERVIEW, { year: YEAR })).districtOverview;
    expect(after.returned - mid.returned).toBe(1);
    expect(after.stillOut - mid.stillOut).toBe(-1);

    // the child's unified view carries the four tasks
    const { student } = await ok<{ student: { tasks: { type: string; status: string; evidence: Record<string, unknown> }[] } }>(`query($id: ID!) { student(id: $id) { tasks { type status evidence {
      __typename ... on HomeVisit { visitOutcome: outcome } ... on LocateRequest { locateStatus: status reports { regionCode } } ... on AidGrant { amount } ... on DropoutCase { caseStatus: status caseOutcome: outcome }
    } } } }`, { id: child.studentId }, { as: 'joint-meeting' });
    expect(student.tasks.map((t) => `${t.type}:${t.status}`).sort()).toEqual(['AID:DONE', 'HOME_VISIT:DONE', 'LOCATE_FAMILY:DONE', 'RE_ENROLMENT:DONE']);
    // each task's evidence comes from the department that recorded it
    const evidence = Object.fromEntries(student.tasks.map((t) => [t.type, t.evidence]));
    expect(evidence).toEqual({
      HOME_VISIT: { __typename: 'HomeVisit', visitOutcome: 'MET_FAMILY' },
      LOCATE_FAMILY: { __typename: 'LocateRequest', locateStatus: 'REPORTED', reports: [{ regionCode: '450204' }] },
      AID: { __typename: 'AidGrant', amount: 800 },
      RE_ENROLMENT: { __typename: 'DropoutCase', caseStatus: 'CLOSED', caseOutcome: 'RETURNED' },
    });
  });
});

describe('task rules', () => {
  // tasks for a child at school who lives in the grid worker's community (so inside the community
  // accounts' scopes): the rules do not depend on the case, and the demo's count of children out of
  // school stays as the other test files read it
  let studentId: string;
  beforeAll(async () => {
    const { residents } = await ok<{ residents: { nodes: { id: string; enrollment: { status: string } | null }[] } }>(
      '{ residents(first: 400) { nodes { id enrollment { status } } } }', {}, { as: 'grid-worker' });
    studentId = residents.nodes.find((n) => n.enrollment?.status === 'ENROLLED')!.id;
  });
  const history = async (id: string) => (await ok<{ task: { history: unknown[]; version: number; status: string } }>(`query($id: String!) { task(id: $id) { status version history { action } } }`, { id }, { as: 'joint-meeting' })).task;

  it.each([
    ['a due date in the past', { type: 'HOME_VISIT', department: 'community', dueDate: '2020-01-01' }, 'input.dueDate'],
    ['a department that does not do that kind of task', { type: 'HOME_VISIT', department: 'civil_affairs', dueDate: inDays(3) }, 'input.department'],
    ['an unknown department', { type: 'AID', department: 'tax_office', dueDate: inDays(3) }, 'input.department'],
  ])('refuses to assign with %s', async (_l, bad, field) => {
    expect(codeOf(await gql(ASSIGN, { input: { studentId, ...bad } }, { as: 'joint-meeting' }))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('lets only the joint meeting and education assign', async () => {
    for (const as of ['community', 'police', 'civil-affairs'] as Account[]) {
      expect(codeOf(await gql(ASSIGN, { input: { studentId, type: 'HOME_VISIT', department: 'community', dueDate: inDays(3) } }, { as })).code).toBe('FORBIDDEN');
    }
  });

  it('lets only the assigned department move a task, and completing needs the right evidence; refusals write nothing', async () => {
    const t = await step(ASSIGN, { studentId, type: 'HOME_VISIT', department: 'community', dueDate: inDays(3) }, 'joint-meeting', 'assignTask');
    expect(codeOf(await gql(ACCEPT, { input: { taskId: t.id, expectedVersion: t.version } }, { as: 'police' }))).toEqual({ code: 'FORBIDDEN', field: 'input.taskId' });
    expect(codeOf(await gql(ACCEPT, { input: { taskId: t.id, expectedVersion: t.version } }, { as: 'joint-meeting' })).code).toBe('FORBIDDEN');
    expect(await history(t.id)).toMatchObject({ status: 'ASSIGNED', version: t.version, history: [{ action: 'ASSIGN' }] });
    const accepted = await step(ACCEPT, { taskId: t.id, expectedVersion: t.version }, 'community', 'acceptTask');
    expect(codeOf(await gql(COMPLETE, { input: { taskId: t.id, expectedVersion: accepted.version } }, { as: 'community' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceId' });
    expect(codeOf(await gql(COMPLETE, { input: { taskId: t.id, expectedVersion: accepted.version, evidenceKind: 'AID_GRANT', evidenceId: 'x' } }, { as: 'community' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceKind' });
    expect(codeOf(await gql(ACCEPT, { input: { taskId: t.id, expectedVersion: accepted.version } }, { as: 'community' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.taskId' });
    expect(await history(t.id)).toMatchObject({ status: 'ACCEPTED', version: accepted.version, history: [{ action: 'ASSIGN' }, { action: 'ACCEPT' }] });
  });

  it('takes the evidence on its department\'s word: signed by that department, of this record, about this child, the work done', async () => {
    const t = await step(ASSIGN, { studentId, type: 'HOME_VISIT', department: 'community', dueDate: inDays(3) }, 'joint-meeting', 'assignTask');
    const accepted = await step(ACCEPT, { taskId: t.id, expectedVersion: t.version }, 'community', 'acceptTask');
    const complete = (input: Record<string, unknown>) => gql(COMPLETE, { input: { taskId: t.id, expectedVersion: accepted.version, evidenceKind: 'HOME_VISIT', ...input } }, { as: 'community' });
    // a record that does not exist has no attestation, and none is no evidence
    const { record } = await ok<{ record: unknown }>('query($id: ID!) { record: homeVisit(id: $id) { attestation } }', { id: '00000000-0000-4000-8000-000000000000' }, { as: 'community' });
    expect(record).toBeNull();
    expect(codeOf(await complete({ evidenceId: '00000000-0000-4000-8000-000000000000' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceAttestation' });
    // a real visit, but to another child (one the community itself records)
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 50) { nodes { id } } }', {}, { as: 'community' });
    const otherChild = residents.nodes.find((n) => n.id !== studentId)!.id;
    const { recordHomeVisit: otherVisit } = await ok<{ recordHomeVisit: { id: string } }>(`mutation($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id } }`,
      { input: { studentId: otherChild, date: today(), visitorName: '网格员乙', visitorRole: '网格员', outcome: 'NOT_HOME', notes: '未遇' } }, { as: 'community' });
    const other = await complete(await evidenced('HOME_VISIT', otherVisit.id, 'community'));
    expect(codeOf(other)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceId' });
    expect(other.errors![0].message).toContain('another child');
    // this child's visit, but the attestation of another record
    const { recordHomeVisit: visit } = await ok<{ recordHomeVisit: { id: string } }>(`mutation($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id } }`,
      { input: { studentId, date: today(), visitorName: '网格员乙', visitorRole: '网格员', outcome: 'MET_FAMILY', notes: '见到家长' } }, { as: 'community' });
    const swapped = await complete({ evidenceId: visit.id, evidenceAttestation: await attestationOf('HOME_VISIT', otherVisit.id, 'community') });
    expect(codeOf(swapped)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceId' });
    // an attestation altered after signing, or signed by a department that does not record home visits
    const good = await attestationOf('HOME_VISIT', visit.id, 'community');
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const altered = [header, Buffer.from(JSON.stringify({ ...claims, sub: otherChild })).toString('base64url'), signature].join('.');
    expect(codeOf(await complete({ evidenceId: visit.id, evidenceAttestation: altered }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceAttestation' });
    const { students } = await ok<{ students: { nodes: { dropoutCase: { id: string } }[] } }>('{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { dropoutCase { id } } } }', {}, { as: 'edu-admin' });
    const education = await attestationOf('RE_ENROLMENT', students.nodes[0].dropoutCase.id, 'edu-admin');
    expect(codeOf(await complete({ evidenceId: visit.id, evidenceAttestation: education }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceAttestation' });
    // and only the department that vouches reads a record's attestation
    expect(codeOf(await gql('query($id: ID!) { homeVisit(id: $id) { attestation } }', { id: visit.id }, { as: 'joint-meeting' })).code).toBe('FORBIDDEN');
    expect(await history(t.id)).toMatchObject({ status: 'ACCEPTED', version: accepted.version });
    // the right one completes the task
    const done = await step(COMPLETE, { taskId: t.id, expectedVersion: accepted.version, ...(await evidenced('HOME_VISIT', visit.id, 'community')) }, 'community', 'completeTask');
    expect(done).toMatchObject({ status: 'DONE', evidenceId: visit.id });
  });

  it('does not take an open case as evidence of re-enrolment', async () => {
    const { students } = await ok<{ students: { nodes: { id: string; dropoutCase: { id: string } }[] } }>(
      '{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id dropoutCase { id } } } }',
    );
    const child = students.nodes[0];
    const t = await step(ASSIGN, { studentId: child.id, caseId: child.dropoutCase.id, type: 'RE_ENROLMENT', department: 'education', dueDate: inDays(30) }, 'joint-meeting', 'assignTask');
    const accepted = await step(ACCEPT, { taskId: t.id, expectedVersion: t.version }, 'edu-admin', 'acceptTask');
    const r = await gql(COMPLETE, { input: { taskId: t.id, expectedVersion: accepted.version, ...(await evidenced('RE_ENROLMENT', child.dropoutCase.id, 'edu-admin')) } }, { as: 'edu-admin' });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.evidenceId' });
    expect(r.errors![0].message).toContain('not closed as returned');
  });

  it('is rejected with a reason and reassigned by the joint meeting', async () => {
    const t = await step(ASSIGN, { studentId, type: 'LEGAL_NOTICE', department: 'public_security', dueDate: inDays(10) }, 'edu-admin', 'assignTask');
    expect(codeOf(await gql(REJECT, { input: { taskId: t.id, expectedVersion: t.version, reason: ' ' } }, { as: 'police' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const rejected = await step(REJECT, { taskId: t.id, expectedVersion: t.version, reason: '监护人已迁出本区，请改由户籍地办理' }, 'police', 'rejectTask');
    expect(rejected.status).toBe('REJECTED');
    expect(codeOf(await gql(REASSIGN, { input: { taskId: t.id, expectedVersion: rejected.version, department: 'public_security', dueDate: inDays(20) } }, { as: 'police' })).code).toBe('FORBIDDEN');
    const again = await step(REASSIGN, { taskId: t.id, expectedVersion: rejected.version, department: 'public_security', assignee: '户政科', dueDate: inDays(20) }, 'joint-meeting', 'reassignTask');
    expect(again.status).toBe('ASSIGNED');
    expect(again.history.map((h) => h.action)).toEqual(['ASSIGN', 'REJECT', 'REASSIGN']);
    // police serve the notice and complete the task with it
    const accepted = await step(ACCEPT, { taskId: t.id, expectedVersion: again.version }, 'police', 'acceptTask');
    const { serveLegalNotice } = await ok<{ serveLegalNotice: { id: string } }>(`mutation($input: ServeLegalNoticeInput!) { serveLegalNotice(input: $input) { id } }`,
      { input: { studentId, recipientKind: 'GUARDIAN', recipient: '监护人甲', servedOn: today(), content: '依据《义务教育法》第五条，监护人应当保证适龄儿童按时入学并完成义务教育。' } }, { as: 'police' });
    const done = await step(COMPLETE, { taskId: t.id, expectedVersion: accepted.version, ...(await evidenced('LEGAL_NOTICE', serveLegalNotice.id, 'police')) }, 'police', 'completeTask');
    expect(done.status).toBe('DONE');
    const { task } = await ok<{ task: { evidence: unknown } }>('query($id: String!) { task(id: $id) { evidence { __typename ... on LegalNotice { recipientKind recipient } } } }', { id: t.id }, { as: 'joint-meeting' });
    expect(task.evidence).toEqual({ __typename: 'LegalNotice', recipientKind: 'GUARDIAN', recipient: '监护人甲' });
  });

  it('refuses the second of two parallel moves from the same version with CONFLICT; nothing is overwritten', async () => {
    const t = await step(ASSIGN, { studentId, type: 'HOME_VISIT', department: 'community', dueDate: inDays(3) }, 'joint-meeting', 'assignTask');
    const results = await Promise.all([
      gql(ACCEPT, { input: { taskId: t.id, expectedVersion: t.version, note: 'A' } }, { as: 'community' }),
      gql(REJECT, { input: { taskId: t.id, expectedVersion: t.version, reason: 'B' } }, { as: 'community' }),
      gql(ACCEPT, { input: { taskId: t.id, expectedVersion: t.version, note: 'C' } }, { as: 'grid-worker' }),
    ]);
    const codes = results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(2);
    const h = await history(t.id);
    expect(h.history).toHaveLength(2);
    expect(h.version).toBe(t.version + 1);
  });
});

describe('views', () => {
  it('a department\'s tasks come overdue first', async () => {
    const { myTasks } = await ok<{ myTasks: { overdue: boolean; dueDate: string; type: string }[] }>('{ myTasks { overdue dueDate type } }', {}, { as: 'police' });
    expect(myTasks.length).toBeGreaterThan(0);
    const firstNotOverdue = myTasks.findIndex((t) => !t.overdue);
    if (firstNotOverdue >= 0) expect(myTasks.slice(firstNotOverdue).every((t) => !t.overdue)).toBe(true);
    expect(myTasks.filter((t) => t.type === 'LEGAL_NOTICE' && t.overdue).length).toBeGreaterThanOrEqual(4);
  });

  it('the 11 May 2018 meeting assigned the tasks that explain the 59 returned and the 16 still out', async () => {
    const { meetings } = await ok<{ meetings: { id: string; date: string; departmentsPresent: string[]; resolutions: { ordinal: number }[]; tasks: { type: string; status: string }[] }[] }>(
      '{ meetings { id date departmentsPresent resolutions { ordinal } tasks { type status } } }', {}, { as: 'joint-meeting' },
    );
    const may = meetings.find((m) => m.date === '2018-05-11')!;
    expect(may.departmentsPresent).toEqual(['education', 'public_security', 'civil_affairs', 'community']);
    expect(may.resolutions).toHaveLength(5);
    const count = (type: string, status: string) => may.tasks.filter((t) => t.type === type && t.status === status).length;
    // the demo's evidence resolves to the records the other departments hold
    const { tasks } = await ok<{ tasks: { type: string; evidence: { __typename: string } | null }[] }>(
      '{ tasks(filter: { status: DONE }) { type evidence { __typename ... on HomeVisit { date } ... on Letter { letterStatus: status } ... on LocateRequest { locateStatus: status } ... on DropoutCase { caseOutcome: outcome } } } }', {}, { as: 'joint-meeting' },
    );
    const seeded = tasks.filter((t) => ['HOME_VISIT', 'RE_ENROLMENT', 'LOCATE_FAMILY', 'LETTER_TO_ORIGIN'].includes(t.type));
    expect(seeded.length).toBeGreaterThanOrEqual(75 + 59 + 12 + 12);
    expect(seeded.every((t) => t.evidence !== null)).toBe(true);
    expect(count('HOME_VISIT', 'DONE')).toBe(75);
    expect(count('RE_ENROLMENT', 'DONE')).toBe(59);
    expect(count('LOCATE_FAMILY', 'DONE') + count('LEGAL_NOTICE', 'IN_PROGRESS')).toBe(16);
    expect(count('LETTER_TO_ORIGIN', 'DONE')).toBe(12);
  });

  it('the weekly report (周报) counts tasks by department and status', async () => {
    const { weeklyReport } = await ok<{ weeklyReport: { weekStart: string; rows: Record<string, number | string>[] } }>(
      '{ weeklyReport(weekEnding: "2018-12-31") { weekStart rows { department assigned accepted inProgress done rejected overdue completedThisWeek } } }', {}, { as: 'joint-meeting' },
    );
    expect(weeklyReport.weekStart).toBe('2018-12-25');
    const row = (d: string) => weeklyReport.rows.find((r) => r.department === d)!;
    expect(row('community')).toMatchObject({ done: 75, inProgress: 0, overdue: 0 });
    expect(row('education')).toMatchObject({ done: 59 + 12 });
    expect(row('public_security')).toMatchObject({ done: 12, inProgress: 4, overdue: 4 });
  });

  it('refuses a meeting with one department, naming the field', async () => {
    const r = await gql(`mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`, {
      input: { date: today(), title: '测试', chair: '副区长', departmentsPresent: ['education'], agenda: '议程', resolutions: [] },
    }, { as: 'joint-meeting' });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.departmentsPresent' });
  });
});

describe('letters to origin regions (发函)', () => {
  interface CaseWithLetters { id: string; status: string; letters: { id: string; status: string; version: number; recipient: string; originRegionCode: string }[] }
  // the seed's 2018 cases (other suites open cases of their own today, in parallel)
  const stillOutCases = async () => (await ok<{ students: { nodes: { hukou: { regionCode: string; isLocal: boolean }; dropoutCase: CaseWithLetters & { discoveredOn: string } }[] } }>(
    '{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 100) { nodes { hukou { regionCode isLocal } dropoutCase { id status discoveredOn letters { id status version recipient originRegionCode } } } } }',
  )).students.nodes.filter((n) => n.dropoutCase.discoveredOn.startsWith('2018'));

  it('went to the origin region of each of the 12 still out who are registered elsewhere, and none for the 4 local', async () => {
    const nodes = await stillOutCases();
    const outside = nodes.filter((n) => !n.hukou.isLocal);
    expect(outside).toHaveLength(12);
    for (const n of outside) {
      expect(n.dropoutCase.letters).toHaveLength(1);
      expect(n.dropoutCase.letters[0]).toMatchObject({ originRegionCode: n.hukou.regionCode, recipient: expect.stringMatching(/教育局$/) });
    }
    expect(nodes.filter((n) => n.hukou.isLocal).every((n) => n.dropoutCase.letters.length === 0)).toBe(true);
    const { letters } = await ok<{ letters: { status: string }[] }>('{ letters { status } }');
    expect(letters).toHaveLength(12);
    expect(new Set(letters.map((l) => l.status))).toEqual(new Set(['SENT', 'ACKNOWLEDGED', 'REPLIED']));
  });

  it('tracks a new letter sent → acknowledged → replied on the case, refusing what does not fit', async () => {
    const nodes = await stillOutCases();
    const replied = nodes.find((n) => n.dropoutCase.letters[0]?.status === 'REPLIED')!;
    const waiting = nodes.find((n) => n.dropoutCase.letters[0]?.status === 'SENT')!;
    const local = nodes.find((n) => n.hukou.isLocal)!;
    const ISSUE = 'mutation($input: IssueLetterInput!) { issueLetter(input: $input) { id status version recipient } }';
    expect(codeOf(await gql(ISSUE, { input: { caseId: local.dropoutCase.id, originRegionCode: '450204', sentOn: today() } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.originRegionCode' });
    expect(codeOf(await gql(ISSUE, { input: { caseId: waiting.dropoutCase.id, originRegionCode: waiting.hukou.regionCode, sentOn: today() } }))).toEqual({ code: 'CONFLICT', field: 'input.caseId' });
    expect(codeOf(await gql(ISSUE, { input: { caseId: replied.dropoutCase.id, originRegionCode: '999999', sentOn: today() } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.originRegionCode' });
    expect(codeOf(await gql(ISSUE, { input: { caseId: replied.dropoutCase.id, originRegionCode: replied.hukou.regionCode, sentOn: today() } }, { as: 'school-staff' })).code).toBe('FORBIDDEN');

    const { issueLetter } = await ok<{ issueLetter: { id: string; status: string; version: number; recipient: string } }>(ISSUE, { input: { caseId: replied.dropoutCase.id, originRegionCode: replied.hukou.regionCode, sentOn: today() } });
    expect(issueLetter).toMatchObject({ status: 'SENT', recipient: expect.stringMatching(/教育局$/) });
    const PROGRESS = (m: string) => `mutation($input: LetterProgressInput!) { ${m}(input: $input) { status version acknowledgedOn repliedOn reply } }`;
    expect(codeOf(await gql(PROGRESS('recordLetterReply'), { input: { letterId: issueLetter.id, expectedVersion: issueLetter.version, date: today() } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.reply' });
    const ack = (await ok<{ acknowledgeLetter: { status: string; version: number } }>(PROGRESS('acknowledgeLetter'), { input: { letterId: issueLetter.id, expectedVersion: issueLetter.version, date: today() } })).acknowledgeLetter;
    expect(ack.status).toBe('ACKNOWLEDGED');
    expect(codeOf(await gql(PROGRESS('acknowledgeLetter'), { input: { letterId: issueLetter.id, expectedVersion: issueLetter.version, date: today() } }))).toEqual({ code: 'CONFLICT', field: 'input.expectedVersion' });
    const done = (await ok<{ recordLetterReply: { status: string; reply: string } }>(PROGRESS('recordLetterReply'), { input: { letterId: issueLetter.id, expectedVersion: ack.version, date: today(), reply: '已安排就近入学' } })).recordLetterReply;
    expect(done).toMatchObject({ status: 'REPLIED', reply: '已安排就近入学' });
    const { dropoutCase } = await ok<{ dropoutCase: { letters: { status: string }[]; records: { kind: string; summary: string }[] } }>(
      'query($id: ID!) { dropoutCase(id: $id) { letters { status } records { kind summary } } }', { id: replied.dropoutCase.id },
    );
    expect(dropoutCase.letters.map((l) => l.status)).toEqual(['REPLIED', 'REPLIED']);
    expect(dropoutCase.records.filter((r) => r.kind === 'LETTER').length).toBeGreaterThanOrEqual(5);
  });
});

describe('a child\'s timeline', () => {
  const TIMELINE = 'query($id: ID!) { student(id: $id) { timeline { date kind department summary } } }';
  interface Entry { date: string; kind: string; department: string; summary: string }

  it('merges status changes (education), home visits (community), letters (education) and task steps (joint meeting) by date', async () => {
    const { students } = await ok<{ students: { nodes: { id: string; dropoutCase: { discoveredOn: string; letters: { id: string }[] } | null }[] } }>(
      '{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 100) { nodes { id dropoutCase { discoveredOn letters { id } } } } }',
    );
    // one of the seed's 2018 cases with a letter (other suites open cases of their own today)
    const written = students.nodes.find((n) => n.dropoutCase?.discoveredOn.startsWith('2018') && (n.dropoutCase?.letters ?? []).length > 0)!;
    const { student } = await ok<{ student: { timeline: Entry[] } }>(TIMELINE, { id: written.id }, { as: 'joint-meeting' });
    const kinds = new Set(student.timeline.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['STATUS_CHANGE', 'HOME_VISIT', 'LETTER', 'TASK']));
    expect(student.timeline.some((e) => e.kind === 'LETTER' && e.summary.startsWith('发函至') && e.department === 'education')).toBe(true);
    expect(student.timeline.some((e) => e.summary === '学籍异动 28 辍学')).toBe(true);
    expect(student.timeline.some((e) => e.summary === '家访：办结，佐证材料：家访记录')).toBe(true);
    const dates = student.timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('leaves out what the caller may not see: a community office gets no status history in it', async () => {
    const { residents } = await ok<{ residents: { nodes: { id: string; homeVisits: unknown[] | null }[] } }>('{ residents(first: 400) { nodes { id homeVisits { date } } } }', {}, { as: 'community' });
    const visited = residents.nodes.find((n) => (n.homeVisits ?? []).length > 0)!;
    const r = await gql<{ student: { timeline: Entry[] } | null }>(TIMELINE, { id: visited.id }, { as: 'community' });
    // education refuses `student` to area staff; reach the child through `residents` instead
    const viaResidents = await gql<{ residents: { nodes: { id: string; timeline: Entry[] | null }[] } }>(
      '{ residents(first: 400) { nodes { id timeline { kind department } } } }', {}, { as: 'community' },
    );
    const mine = viaResidents.data!.residents.nodes.find((n) => n.id === visited.id)!;
    expect(r.data?.student ?? null).toBeNull();
    expect(mine.timeline!.some((e) => e.kind === 'HOME_VISIT')).toBe(true);
    expect(mine.timeline!.some((e) => e.kind === 'STATUS_CHANGE')).toBe(false);
  });
});

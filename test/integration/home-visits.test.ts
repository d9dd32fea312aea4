import { DEMO_SCOPES } from '@kongchuo/shared/identity';
import { codeOf, gql, ok, type Account } from '../support/client';

/**
 * Home visits (家访) are recorded by whoever made them: the community's grid workers and cadres, the
 * school's teachers (大家访, the 包人 teacher's visit), or several departments together (联合家访).
 * Any of them is a persuasion task's evidence.
 */
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const VISIT = `mutation($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id visitorDepartment visitorRole participants { name role department } } }`;
const TASK = 'id version status';

/** Enrolled pupils of a school who live in the district's community register. */
async function pupilsAt(school: string, n: number): Promise<string[]> {
  const { students } = await ok<{ students: { nodes: { id: string; community: { name: string } | null }[] } }>(
    `query($s: String) { students(filter: { schoolCode: $s, enrollmentStatus: ENROLLED }, first: 200) { nodes { id community { name } } } }`, { s: school },
  );
  return students.nodes.filter((x) => x.community).slice(0, n).map((x) => x.id);
}

const visit = (studentId: string, extra: Record<string, unknown> = {}) => ({
  studentId, date: today(), visitorName: '班主任甲', visitorRole: '班主任', outcome: 'MET_FAMILY', notes: '大家访：了解学生在家学习情况', ...extra,
});

describe('home visits by the school and by several departments', () => {
  it('a school\'s teacher records a visit to a pupil of the school: the visit says it was the school\'s, and shows on the child and in the timeline', async () => {
    const [pupil] = await pupilsAt(DEMO_SCOPES.school, 1);
    const { recordHomeVisit } = await ok<{ recordHomeVisit: { id: string; visitorDepartment: string; participants: unknown[] } }>(VISIT, { input: visit(pupil) }, { as: 'school-staff' });
    expect(recordHomeVisit).toMatchObject({ visitorDepartment: 'education', participants: [] });
    const { student } = await ok<{ student: { homeVisits: { id: string; visitorDepartment: string }[]; timeline: { kind: string; department: string; date: string }[] } }>(
      'query($id: ID!) { student(id: $id) { homeVisits { id visitorDepartment } timeline { kind department date } } }', { id: pupil }, { as: 'joint-meeting' });
    expect(student.homeVisits).toContainEqual({ id: recordHomeVisit.id, visitorDepartment: 'education' });
    expect(student.timeline).toContainEqual({ kind: 'HOME_VISIT', department: 'education', date: today() });
  });

  it('refuses a visit to another school\'s pupil, and a visitor from a department that may not record visits', async () => {
    const [other] = await pupilsAt('2145020405', 1);
    expect(codeOf(await gql(VISIT, { input: visit(other) }, { as: 'school-staff' }))).toEqual({ code: 'FORBIDDEN', field: 'input.studentId' });
    for (const as of ['police', 'civil-affairs'] as Account[]) expect(codeOf(await gql(VISIT, { input: visit(other) }, { as })).code).toBe('FORBIDDEN');
    const { student } = await ok<{ student: { homeVisits: { date: string; visitorRole: string }[] } }>('query($id: ID!) { student(id: $id) { homeVisits { date visitorRole } } }', { id: other });
    expect(student.homeVisits.filter((v) => v.date === today() && v.visitorRole === '班主任')).toEqual([]);
  });

  it('records a joint visit with the people who went along, each checked', async () => {
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 5) { nodes { id } } }', {}, { as: 'grid-worker' });
    const participants = [{ name: '班主任乙', role: '班主任', department: 'education' }, { name: '民警丙', role: '社区民警', department: 'public_security' }];
    const r = await ok<{ recordHomeVisit: { visitorDepartment: string; participants: unknown[] } }>(VISIT, {
      input: visit(residents.nodes[0].id, { visitorName: '网格员丁', visitorRole: '网格员', notes: '联合家访：社区、学校、派出所', participants }),
    }, { as: 'grid-worker' });
    expect(r.recordHomeVisit).toMatchObject({ visitorDepartment: 'community', visitorRole: '网格员', participants });
    const bad = await gql(VISIT, { input: visit(residents.nodes[1].id, { participants: [participants[0], { name: '某人', role: '其他', department: 'police' }] }) }, { as: 'grid-worker' });
    expect(codeOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.participants[1].department' });
    const empty = await gql(VISIT, { input: visit(residents.nodes[1].id, { participants: [{ name: ' ', role: '班主任', department: 'education' }] }) }, { as: 'grid-worker' });
    expect(codeOf(empty)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.participants[0].name' });
  });

  it('a home-visit task goes to the school, and the teacher\'s visit is its evidence', async () => {
    const [pupil] = await pupilsAt(DEMO_SCOPES.school, 3).then((ids) => ids.slice(2));
    const assign = await ok<{ assignTask: { id: string; version: number } }>(`mutation($input: AssignTaskInput!) { assignTask(input: $input) { ${TASK} } }`, {
      input: { studentId: pupil, type: 'HOME_VISIT', department: 'education', dueDate: inDays(7), note: '班主任包人家访' },
    }, { as: 'joint-meeting' });
    const accepted = await ok<{ acceptTask: { id: string; version: number } }>(`mutation($input: MoveTaskInput!) { acceptTask(input: $input) { ${TASK} } }`,
      { input: { taskId: assign.assignTask.id, expectedVersion: assign.assignTask.version } }, { as: 'school-staff' });
    const v = await ok<{ recordHomeVisit: { id: string } }>(VISIT, { input: visit(pupil, { visitorRole: '科任教师', notes: '包人家访：家长承诺按时送校' }) }, { as: 'school-staff' });
    const { homeVisit } = await ok<{ homeVisit: { attestation: string } }>('query($id: ID!) { homeVisit(id: $id) { attestation } }', { id: v.recordHomeVisit.id }, { as: 'school-staff' });
    const done = await ok<{ completeTask: { status: string } }>(`mutation($input: CompleteTaskInput!) { completeTask(input: $input) { ${TASK} } }`, {
      input: { taskId: accepted.acceptTask.id, expectedVersion: accepted.acceptTask.version, evidenceKind: 'HOME_VISIT', evidenceId: v.recordHomeVisit.id, evidenceAttestation: homeVisit.attestation },
    }, { as: 'school-staff' });
    expect(done.completeTask.status).toBe('DONE');
  });
});

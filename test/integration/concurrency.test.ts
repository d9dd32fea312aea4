/**
 * Many clients at once on the same record: of N parallel writes from the same version exactly one
 * lands, every other one is a CONFLICT (never a 500, never a silent overwrite), and the record's
 * history holds exactly the one that landed.
 */
import { composeResidentId } from '@kongchuo/shared';
import { gql, ok } from '../support/client';

const N = 12;
const inDays = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

describe(`${N} parallel clients`, () => {
  it('on one persuasion task: one accept lands, the rest are CONFLICT, the history has one ACCEPT', async () => {
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 40) { nodes { id } } }', {}, { as: 'community' });
    const { assignTask } = await ok<{ assignTask: { id: string; version: number } }>(
      'mutation($input: AssignTaskInput!) { assignTask(input: $input) { id version } }',
      { input: { studentId: residents.nodes[33].id, type: 'HOME_VISIT', department: 'community', dueDate: inDays(20) } },
      { as: 'joint-meeting' },
    );
    const results = await Promise.all(Array.from({ length: N }, () => gql<{ acceptTask: { version: number } }>(
      'mutation($input: MoveTaskInput!) { acceptTask(input: $input) { version } }',
      { input: { taskId: assignTask.id, expectedVersion: assignTask.version } }, { as: 'community' },
    )));
    const landed = results.filter((r) => !r.errors && r.data?.acceptTask);
    const refused = results.filter((r) => r.errors);
    expect(landed).toHaveLength(1);
    expect(refused).toHaveLength(N - 1);
    expect(refused.every((r) => r.status === 200 && r.errors![0].extensions!.code === 'CONFLICT')).toBe(true);
    const { task } = await ok<{ task: { status: string; version: number; history: { action: string }[] } }>(
      'query($id: String!) { task(id: $id) { status version history { action } } }', { id: assignTask.id }, { as: 'joint-meeting' },
    );
    expect(task.status).toBe('ACCEPTED');
    expect(task.version).toBe(landed[0].data!.acceptTask.version);
    expect(task.history.map((h) => h.action)).toEqual(['ASSIGN', 'ACCEPT']);
  });

  it('on one child\'s student-status record: one class change lands, the history grows by one', async () => {
    const idNumber = composeResidentId('450204', '2016-06-06', 977);
    const { enrollStudent } = await ok<{ enrollStudent: { id: string; version: number } }>(
      'mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id version } }',
      { input: { idNumber, name: '并发测试', schoolCode: '2145020412', grade: 3, className: '1班', date: '2025-09-01', code: 'TRANSFER_IN', crossesDistrict: true } },
    );
    const results = await Promise.all(Array.from({ length: N }, (_, i) => gql<{ recordStatusChange: { enrollment: { className: string } } }>(
      'mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { enrollment { className } } }',
      { input: { studentId: enrollStudent.id, code: 'CLASS_CHANGE', date: '2025-10-10', className: `${i + 2}班`, expectedVersion: enrollStudent.version } },
    )));
    const landed = results.filter((r) => !r.errors);
    expect(landed).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0].extensions!.code === 'CONFLICT')).toBe(true);
    const { student } = await ok<{ student: { enrollment: { className: string }; statusChanges: { code: string }[] } }>(
      'query($id: ID!) { student(id: $id) { enrollment { className } statusChanges { code } } }', { id: enrollStudent.id },
    );
    expect(student.enrollment.className).toBe(landed[0].data!.recordStatusChange.enrollment.className);
    expect(student.statusChanges.map((c) => c.code)).toEqual(['TRANSFER_IN', 'CLASS_CHANGE']);
  });
});

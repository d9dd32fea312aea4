/**
 * Many clients at once on the same record (the concurrency suite; `CONCURRENCY_CLIENTS` sets N):
 * of N parallel writes from the same version exactly one lands, every other one is a CONFLICT
 * (never a 500, never a silent overwrite), and the record's history holds exactly the one that
 * landed. Appends (case records, import chunks) all land, none lost.
 */
import { createHash } from 'node:crypto';
import { composeResidentId, linkageKey } from '@kongchuo/shared/domain';
import { gql, ok, testKeys, type GraphQLResponse } from '../support/client';

const N = Number(process.env.CONCURRENCY_CLIENTS ?? 12);
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

const landedAndConflicts = <T>(results: GraphQLResponse<T>[]) => {
  const landed = results.filter((r) => !r.errors && r.data);
  const refused = results.filter((r) => r.errors);
  expect(refused.filter((r) => r.status !== 200 || r.errors![0].extensions?.code !== 'CONFLICT').map((r) => r.errors)).toEqual([]);
  return { landed, refused };
};

let kid = 0;
async function enrolledChild(): Promise<{ id: string; version: number }> {
  const idNumber = composeResidentId('451302', `2010-07-0${1 + (kid % 9)}`, 750 + kid++);
  return (await ok<{ enrollStudent: { id: string; version: number } }>(
    'mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id version } }',
    { input: { idNumber, name: '并发档案', schoolCode: '2145020405', grade: 8, className: '3班', date: '2024-02-20', code: 'TRANSFER_IN', crossesDistrict: true } },
  )).enrollStudent;
}

const OPEN_CASE = 'mutation($input: OpenDropoutCaseInput!) { openDropoutCase(input: $input) { id version } }';
/** A new case for a newly enrolled child, found on 1 March 2024 on a home visit. */
const openCase = async (reason: string) => (await ok<{ openDropoutCase: { id: string; version: number } }>(OPEN_CASE, {
  input: { studentId: (await enrolledChild()).id, discoveredOn: '2024-03-01', source: 'HOME_VISIT', reasons: [reason] },
})).openDropoutCase;
const CASE = 'query($id: ID!) { dropoutCase(id: $id) { status outcome version responsibilityChain { name } records { kind summary } } }';
interface CaseFile { status: string; outcome: string | null; version: number; responsibilityChain: { name: string }[]; records: { kind: string; summary: string }[] }

describe(`${N} parallel clients on one dropout case file (一生一案)`, () => {
  it('opening a case for the same child: one case, the rest CONFLICT', async () => {
    const child = await enrolledChild();
    const results = await Promise.all(Array.from({ length: N }, (_, i) => gql<{ openDropoutCase: { id: string } }>(OPEN_CASE, {
      input: { studentId: child.id, discoveredOn: '2024-03-01', source: 'HOME_VISIT', reasons: ['OTHER'], responsibilityChain: [{ level: 'HEAD_TEACHER', name: `班主任${i}`, title: '班主任' }] },
    })));
    const { landed, refused } = landedAndConflicts(results);
    expect(landed).toHaveLength(1);
    expect(refused).toHaveLength(N - 1);
    expect(refused.every((r) => r.errors![0].extensions?.field === 'input.studentId')).toBe(true);
    const { student } = await ok<{ student: { dropoutCases: { id: string }[] } }>('query($id: ID!) { student(id: $id) { dropoutCases { id } } }', { id: child.id });
    expect(student.dropoutCases).toEqual([{ id: landed[0].data!.openDropoutCase.id }]);
  });

  it('changing the 四包 chain from one version: one lands, the rest CONFLICT, the case holds the one that landed', async () => {
    const c = await openCase('OTHER');
    const results = await Promise.all(Array.from({ length: N }, (_, i) => gql<{ assignResponsibility: { version: number } }>(
      'mutation($input: AssignResponsibilityInput!) { assignResponsibility(input: $input) { version } }',
      { input: { caseId: c.id, expectedVersion: c.version, responsibilityChain: [{ level: 'HEAD_TEACHER', name: `班主任${i}`, title: '班主任' }] } },
    )));
    const { landed } = landedAndConflicts(results);
    expect(landed).toHaveLength(1);
    const winner = results.indexOf(landed[0]);
    const { dropoutCase } = await ok<{ dropoutCase: CaseFile }>(CASE, { id: c.id });
    expect(dropoutCase.responsibilityChain).toEqual([{ name: `班主任${winner}` }]);
    expect(dropoutCase.version).toBe(landed[0].data!.assignResponsibility.version);
  });

  it('closing it from one version: one close lands, the file has one closing record', async () => {
    const c = await openCase('FAMILY_MOBILITY');
    const results = await Promise.all(Array.from({ length: N }, (_, i) => gql<{ closeDropoutCase: { status: string } }>(
      'mutation($input: CloseDropoutCaseInput!) { closeDropoutCase(input: $input) { status } }',
      { input: { caseId: c.id, expectedVersion: c.version, outcome: 'REFERRED_OUT', date: '2024-05-01', summary: `移交户籍地 ${i}` } },
    )));
    const { landed } = landedAndConflicts(results);
    expect(landed).toHaveLength(1);
    const { dropoutCase } = await ok<{ dropoutCase: CaseFile }>(CASE, { id: c.id });
    expect(dropoutCase.status).toBe('CLOSED');
    expect(dropoutCase.records.filter((r) => r.kind !== 'DISCOVERED')).toHaveLength(1);
  });

  it('adding records at once: every record lands, none lost', async () => {
    const c = await openCase('WEARY_OF_STUDY');
    const results = await Promise.all(Array.from({ length: N }, (_, i) => gql(
      'mutation($input: AddCaseRecordInput!) { addCaseRecord(input: $input) { id } }',
      { input: { caseId: c.id, date: '2024-03-10', kind: 'HOME_VISIT', summary: `家访记录 ${i}` } },
    )));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const { dropoutCase } = await ok<{ dropoutCase: CaseFile }>(CASE, { id: c.id });
    expect(dropoutCase.records.filter((r) => r.kind === 'HOME_VISIT').map((r) => r.summary).sort()).toEqual(Array.from({ length: N }, (_, i) => `家访记录 ${i}`).sort());
  });
});

const HEADER = ['身份证号', '姓名', '学校标识码', '年级', '班级', '入学日期', '入学方式'];
const IMPORT = 'mutation($input: ImportChunkInput!) { importStudents(input: $input) { id status rowsStaged inserted unchanged } }';
const BATCH = 'query($id: ID!) { studentImport(id: $id) { status rowsStaged inserted unchanged } }';
interface Batch { id: string; status: string; rowsStaged: number; inserted: number; unchanged: number }
let pupil = 0;
const importRow = () => {
  const idNumber = composeResidentId('110105', new Date(Date.UTC(2012, 0, 1) + pupil * 86400e3).toISOString().slice(0, 10), 930 + (pupil % 30));
  pupil += 1;
  return [idNumber, `并发导入${pupil}`, '2145020417', '6', '1班', '2025-09-01', '转入'];
};
async function openBatch(label: string): Promise<string> {
  const sha256 = createHash('sha256').update(`${label} ${Date.now()} ${Math.random()}`).digest('hex');
  return (await ok<{ importStudents: Batch }>(IMPORT, { input: { fileName: `${label}.xlsx`, sha256, header: HEADER, rows: [] } })).importStudents.id;
}
const enrolled = async (idNumber: string) => (await ok<{ student: { enrollment: { className: string } | null } | null }>(
  'query($id: ID!) { student(id: $id) { enrollment { className } } }', { id: linkageKey(idNumber, (await testKeys()).linkageSecret) },
)).student?.enrollment ?? null;

describe(`${N} parallel clients on one import batch`, () => {
  it('chunks sent at once all land: every row is staged and imported, the count is right', async () => {
    const batchId = await openBatch('chunks');
    const chunks = Array.from({ length: N }, (_, c) => Array.from({ length: 5 }, (_, i) => ({ row: 2 + c * 5 + i, cells: importRow() })));
    const results = await Promise.all(chunks.map((rows) => gql<{ importStudents: Batch }>(IMPORT, { input: { batchId, rows } })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const { studentImport } = await ok<{ studentImport: Batch }>(BATCH, { id: batchId });
    expect(studentImport.rowsStaged).toBe(N * 5);
    const committed = await ok<{ importStudents: Batch }>(IMPORT, { input: { batchId, rows: [], commit: true } });
    expect(committed.importStudents).toMatchObject({ status: 'COMMITTED', rowsStaged: N * 5, inserted: N * 5 });
    for (const rows of [chunks[0], chunks[N - 1]]) expect(await enrolled(rows[0].cells[0])).toEqual({ className: '1班' });
  });

  it('committing one batch at once: one commit imports, the rest CONFLICT, the rows are imported once', async () => {
    const batchId = await openBatch('commits');
    const rows = Array.from({ length: 8 }, (_, i) => ({ row: 2 + i, cells: importRow() }));
    await ok(IMPORT, { input: { batchId, rows } });
    const results = await Promise.all(Array.from({ length: N }, () => gql<{ importStudents: Batch }>(IMPORT, { input: { batchId, rows: [], commit: true } })));
    const { landed, refused } = landedAndConflicts(results);
    expect(landed).toHaveLength(1);
    expect(refused).toHaveLength(N - 1);
    expect(landed[0].data!.importStudents).toMatchObject({ status: 'COMMITTED', inserted: 8 });
    expect(await enrolled(rows[3].cells[0])).toEqual({ className: '1班' });
  });

  it('chunks racing the commit: each chunk is imported or refused as CONFLICT, never accepted and dropped', async () => {
    const batchId = await openBatch('race');
    const first = Array.from({ length: 5 }, (_, i) => ({ row: 2 + i, cells: importRow() }));
    await ok(IMPORT, { input: { batchId, rows: first } });
    const late = Array.from({ length: N }, (_, c) => [{ row: 100 + c, cells: importRow() }]);
    const [commit, ...chunks] = await Promise.all([
      gql<{ importStudents: Batch }>(IMPORT, { input: { batchId, rows: [], commit: true } }),
      ...late.map((rows) => gql<{ importStudents: Batch }>(IMPORT, { input: { batchId, rows } })),
    ]);
    expect(commit.errors).toBeUndefined();
    landedAndConflicts(chunks);
    const accepted = late.filter((_, i) => !chunks[i].errors);
    const { studentImport } = await ok<{ studentImport: Batch }>(BATCH, { id: batchId });
    expect(studentImport).toMatchObject({ status: 'COMMITTED', inserted: 5 + accepted.length, rowsStaged: 5 + accepted.length });
    for (const [i, rows] of late.entries()) expect(await enrolled(rows[0].cells[0])).toEqual(chunks[i].errors ? null : { className: '1班' });
  });
});

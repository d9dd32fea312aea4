/**
 * 工作台: a department's open tasks, overdue first, then due soonest, newest first within a day, in
 * full pages, filtered by status, type, overdue and due date — and only children the caller may
 * open, so nothing listed leads to a page that says nothing.
 */
import { codeOf, gql, ok, type Account } from '../support/client';

const inDays = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const today = () => inDays(0);

interface Task { id: string; type: string; status: string; dueDate: string; overdue: boolean; assignedDepartment: string; student: { id: string } }
interface Page { totalCount: number; nodes: Task[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
const QUEUE = `query($filter: WorkQueueFilter, $first: Int, $after: String) { workQueue(filter: $filter, first: $first, after: $after) {
  totalCount nodes { id type status dueDate overdue assignedDepartment student { id } } pageInfo { hasNextPage endCursor } } }`;
const ASSIGN = 'mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }';

const queue = async (as: Account, filter: Record<string, unknown> = {}, first = 100, after?: string | null) =>
  (await ok<{ workQueue: Page }>(QUEUE, { filter, first, after }, { as })).workQueue;

async function everyPage(as: Account, filter: Record<string, unknown>, first: number): Promise<Task[]> {
  const out: Task[] = [];
  let after: string | null = null;
  do {
    const page = await queue(as, filter, first, after);
    expect(page.nodes.length).toBeLessThanOrEqual(first);
    if (page.pageInfo.hasNextPage) expect(page.nodes.length).toBe(first);
    out.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return out;
}

/** Children where the grid worker works, elsewhere in the community officer's subdistrict, and outside it. */
let inCommunity: string[];
let inSubdistrictOnly: string[];
let outside: string[];
let ownPupils: string[];
let otherPupils: string[];

beforeAll(async () => {
  const ids = async (q: string, as: Account) => (await ok<{ r: { nodes: { id: string }[] } }>(q, {}, { as })).r.nodes.map((n) => n.id);
  const community = new Set(await ids('{ r: residents(first: 500) { nodes { id } } }', 'grid-worker'));
  const subdistrict = new Set(await ids('{ r: residents(first: 500) { nodes { id } } }', 'community'));
  const district = await ids('{ r: residents(first: 500) { nodes { id } } }', 'joint-meeting');
  inCommunity = [...community].slice(0, 3);
  inSubdistrictOnly = [...subdistrict].filter((id) => !community.has(id)).slice(0, 3);
  outside = district.filter((id) => !subdistrict.has(id)).slice(0, 3);
  const school = new Set(await ids('{ r: students(first: 500) { nodes { id } } }', 'school-staff'));
  ownPupils = [...school].slice(0, 2);
  otherPupils = (await ids('{ r: students(filter: { enrollmentStatus: ENROLLED }, first: 500) { nodes { id } } }', 'edu-admin')).filter((id) => !school.has(id)).slice(0, 2);
  // home visits for every child, due on different days (two on the same day), and re-enrolment work for pupils
  let day = 1;
  for (const studentId of [...inCommunity, ...inSubdistrictOnly, ...outside]) {
    await ok(ASSIGN, { input: { studentId, type: 'HOME_VISIT', department: 'community', dueDate: inDays(day === 2 ? 1 : day), note: 'work-queue test' } }, { as: 'joint-meeting' });
    day += 1;
  }
  for (const studentId of [...ownPupils, ...otherPupils]) {
    await ok(ASSIGN, { input: { studentId, type: 'RE_ENROLMENT', department: 'education', dueDate: inDays(3), note: 'work-queue test' } }, { as: 'edu-admin' });
  }
});

describe('a department\'s queue', () => {
  it('lists open work due soonest first, overdue before everything, the newest first on the same day', async () => {
    const tasks = await everyPage('community', {}, 5);
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) {
      expect(t.assignedDepartment).toBe('community');
      expect(['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS']).toContain(t.status);
    }
    const due = tasks.map((t) => t.dueDate);
    expect(due).toEqual([...due].sort());
    const firstNotOverdue = tasks.findIndex((t) => !t.overdue);
    if (firstNotOverdue >= 0) expect(tasks.slice(firstNotOverdue).some((t) => t.overdue)).toBe(false);
  });

  it('gives full pages that neither repeat nor skip, and counts what it lists', async () => {
    const whole = await queue('community', {}, 500);
    const paged = await everyPage('community', {}, 2);
    expect(paged.map((t) => t.id)).toEqual(whole.nodes.map((t) => t.id));
    expect(whole.totalCount).toBe(whole.nodes.length);
  });

  it('filters by status, type, overdue and due date', async () => {
    const done = await queue('community', { status: ['DONE'] }, 500);
    for (const t of done.nodes) expect(t.status).toBe('DONE');
    // finished work: the latest due first, and paged the same way
    expect(done.nodes.map((t) => t.dueDate)).toEqual(done.nodes.map((t) => t.dueDate).sort().reverse());
    expect((await everyPage('community', { status: ['DONE'] }, 7)).map((t) => t.id)).toEqual(done.nodes.map((t) => t.id));
    const visits = await queue('joint-meeting', { type: 'RE_ENROLMENT' }, 500);
    for (const t of visits.nodes) expect(t.type).toBe('RE_ENROLMENT');
    const soon = await queue('community', { dueBy: inDays(2) }, 500);
    for (const t of soon.nodes) expect(t.dueDate <= inDays(2)).toBe(true);
    const late = await queue('joint-meeting', { overdue: true }, 500);
    for (const t of late.nodes) expect(t.dueDate < today()).toBe(true);
  });
});

describe('only children the caller may open', () => {
  it('a grid worker sees the work of children in their community only, and can open each', async () => {
    const tasks = await everyPage('grid-worker', {}, 2);
    const children = new Set(tasks.map((t) => t.student.id));
    for (const id of inCommunity) expect(children).toContain(id);
    for (const id of [...inSubdistrictOnly, ...outside]) expect(children).not.toContain(id);
    for (const id of children) {
      expect((await ok<{ resident: { id: string } | null }>('query($id: ID!) { resident(id: $id) { id } }', { id }, { as: 'grid-worker' })).resident).not.toBeNull();
    }
    expect((await queue('grid-worker', {}, 500)).totalCount).toBe(tasks.length);
  });

  it('a subdistrict officer sees the whole subdistrict\'s work and nothing beyond it', async () => {
    const children = new Set((await everyPage('community', {}, 3)).map((t) => t.student.id));
    for (const id of [...inCommunity, ...inSubdistrictOnly]) expect(children).toContain(id);
    for (const id of outside) expect(children).not.toContain(id);
  });

  it('school staff see their own pupils\' work only', async () => {
    const children = new Set((await everyPage('school-staff', {}, 1)).map((t) => t.student.id));
    for (const id of ownPupils) expect(children).toContain(id);
    for (const id of otherPupils) expect(children).not.toContain(id);
  });

  it('other departments\' queues are for the joint meeting and the district bureau only', async () => {
    expect((await queue('edu-admin', { department: 'community' }, 500)).nodes.every((t) => t.assignedDepartment === 'community')).toBe(true);
    expect(codeOf(await gql(QUEUE, { filter: { department: 'community' } }, { as: 'police' }))).toEqual({ code: 'FORBIDDEN', field: 'filter.department' });
    expect(codeOf(await gql(QUEUE, { filter: { allDepartments: true } }, { as: 'police' }))).toEqual({ code: 'FORBIDDEN', field: 'filter.allDepartments' });
    const mine = await queue('edu-admin', {}, 500);
    expect(mine.nodes.every((t) => t.assignedDepartment === 'education')).toBe(true);
    const all = await queue('edu-admin', { allDepartments: true }, 500);
    expect(new Set(all.nodes.map((t) => t.assignedDepartment)).size).toBeGreaterThan(1);
    expect(codeOf(await gql(QUEUE, { filter: { department: 'community' } }, { as: 'school-staff' }))).toEqual({ code: 'FORBIDDEN', field: 'filter.department' });
    expect(codeOf(await gql(QUEUE, { filter: { department: 'nobody' } }, { as: 'joint-meeting' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.department' });
    expect(codeOf(await gql(QUEUE, { filter: { dueBy: '2026-13-01' } }, { as: 'police' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.dueBy' });
    expect(codeOf(await gql(QUEUE, { after: 'bm90LWEtY3Vyc29y' }, { as: 'police' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

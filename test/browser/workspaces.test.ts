/**
 * Every department does its own work in the dashboard, in Chromium, at a desktop's width and a
 * phone's (390 px): staff sign in at the provider and land on their workspace, find the child by
 * name, open the child's task from their queue, record their evidence in its form, and complete
 * the task — no id typed anywhere — and the joint meeting then sees it done, with that evidence,
 * on the child's timeline. No visible text of the Chinese UI, and no cell of the child's case file
 * in Excel, is a raw code. Screenshots of each workspace go to test-artifacts/.
 *
 * The suite has a seeded system of its own: it drops children out and brings them back, visits,
 * grants aid, registers a left-behind child — none of which the shared system's suites, which
 * count the seed's 16 still out, should see.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { post, type Account } from '../support/client';
import { startSystem, type TestSystem } from '../support/system';
import { startTestIdentity, type TestIdentity } from '../support/identity';
import { ARTIFACTS, describeBrowser, launchChromium, newPage, rawCodesIn, settled, shot, signIn, visibleText, type Viewport } from '../support/browser';

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

let system: TestSystem | undefined;
let idp: TestIdentity | undefined;
let browser: Browser | undefined;
const tokens = new Map<string, Promise<string>>();

/** An operation through this suite's system's gateway as a demo account; its data, or it throws with the errors. */
async function ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, opts: { as?: Account } = {}): Promise<T> {
  const as = opts.as ?? 'edu-admin';
  if (!tokens.has(as)) tokens.set(as, issueUserToken(DEMO_ACCOUNTS[as], system!.config, system!.keys));
  const r = await post<T>(system!.gatewayUrl, { query, variables }, { authorization: `Bearer ${await tokens.get(as)!}` });
  if (r.errors?.length || !r.data) throw new Error(`expected success, got ${r.status}: ${JSON.stringify(r.errors)}`);
  return r.data;
}
const violations: string[] = [];
const base = () => idp!.gateway.url.replace(/\/graphql$/, '/');

interface Child { id: string; name: string }
const used = new Set<string>();
/** A child none of these flows has used yet, from the end of the list (other suites take theirs from the front). */
function fresh<T extends Child>(children: T[], ok: (c: T) => boolean = () => true): T {
  const c = [...children].reverse().find((x) => x.name && !used.has(x.id) && ok(x));
  if (!c) throw new Error('no child left for this flow');
  used.add(c.id);
  return c;
}

async function residentsOf(as: Account) {
  return (await ok<{ residents: { nodes: { id: string; name: string; enrollment: { status: string } | null; dropoutCase: { status: string } | null }[] } }>(
    '{ residents(first: 500) { nodes { id name enrollment { status } dropoutCase { status } } } }', {}, { as })).residents.nodes;
}
async function pupils(as: Account) {
  return (await ok<{ students: { nodes: { id: string; name: string; version: number; hukou: { isLocal: boolean } | null; dropoutCase: { status: string } | null }[] } }>(
    '{ students(filter: { enrollmentStatus: ENROLLED }, first: 500) { nodes { id name version hukou { isLocal } dropoutCase { status } } } }', {}, { as })).students.nodes;
}
/** Education records 28 辍学 today: the child's case opens. */
async function dropsOut(child: { id: string; version: number }) {
  await ok('mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { id } }',
    { input: { studentId: child.id, code: 'DROPOUT', date: today(), expectedVersion: child.version, dropoutReasons: ['WEARY_OF_STUDY'] } }, { as: 'edu-admin' });
}
/** Education records 12 复学 today (the case closes as returned): the child is at school again, as the other suites expect. */
async function backAtSchool(id: string) {
  const { student } = await ok<{ student: { version: number } }>('query($id: ID!) { student(id: $id) { version } }', { id });
  await ok('mutation($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { id } }', { input: { studentId: id, code: 'RESUMPTION', date: today(), expectedVersion: student.version } }, { as: 'edu-admin' });
}
async function assign(studentId: string, type: string, department: string): Promise<string> {
  const as: Account = department === 'education' ? 'edu-admin' : 'joint-meeting';
  return (await ok<{ assignTask: { id: string } }>('mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }',
    { input: { studentId, type, department, dueDate: today(), note: '工作台测试' } }, { as })).assignTask.id;
}

/** Fails naming any raw code the page shows. */
async function noRawCodes(page: Page, where: string) {
  expect({ where, codes: rawCodesIn(await visibleText(page)) }).toEqual({ where, codes: [] });
}

/** Every input, select and text area has a label a screen reader reads. */
async function everyControlLabelled(page: Page, where: string) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((e) => (e as HTMLInputElement).type !== 'hidden' && !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
    .map((e) => e.outerHTML.slice(0, 120)));
  expect({ where, unlabelled }).toEqual({ where, unlabelled: [] });
}

let printed = false;

/** Signs in, lands on the workspace, finds the child by the start of the name, then opens the task from the queue. */
async function openTask(page: Page, account: string, child: Child, taskId: string, type: string) {
  await signIn(page, account, base());
  await page.waitForSelector('[data-testid="workspace"]');
  await settled(page, 'queue');
  // find the child: the first two characters of the name
  await page.fill('[data-field="find-text"]', [...child.name].slice(0, 2).join(''));
  await page.click('[data-action="find"]');
  await page.waitForSelector(`[data-testid="find-results"] tr[data-child="${child.id}"]`);
  expect(await page.textContent(`[data-testid="find-results"] tr[data-child="${child.id}"]`)).toContain(child.name);
  await noRawCodes(page, `${account}: search`);
  await everyControlLabelled(page, `${account}: the workspace`);
  // the task is in the queue, naming the child
  await page.selectOption('[data-filter="type"]', type);
  await page.fill('[data-filter="due-by"]', today());
  const card = `[data-testid="task"][data-task-id="${taskId}"]`;
  await page.waitForSelector(card);
  expect(await page.textContent(`${card} [data-testid="task-child"]`)).toBe(child.name);
  return card;
}

/** Accepts and starts the task, opens its evidence form, fills it with `fill`, saves, and waits for the task to leave the open queue. */
async function workIt(page: Page, card: string, fill: (form: string) => Promise<void>) {
  await page.click(`${card} [data-action="accept"]`);
  await page.waitForSelector(`${card}[data-status="ACCEPTED"]`);
  await page.click(`${card} [data-action="start"]`);
  await page.waitForSelector(`${card}[data-status="IN_PROGRESS"]`);
  await page.click(`${card} [data-action="work"]`);
  const form = `${card} [data-testid="evidence-form"] form.evidence-form`;
  await page.waitForSelector(form);
  await noRawCodes(page, 'the evidence form');
  await everyControlLabelled(page, 'the evidence form');
  await fill(form);
  await page.click(`${form} [data-action="record-evidence"]`);
  // done: the open queue no longer lists it
  await page.waitForSelector(card, { state: 'detached' });
}

/** What the joint meeting sees: the task done on this evidence, on the child's page and timeline; the case file in Excel in words. */
async function jointMeetingSees(taskId: string, child: Child, evidenceKind: string, evidenceWords: string, name: string) {
  const { task } = await ok<{ task: { status: string; evidenceKind: string } }>('query($id: String!) { task(id: $id) { status evidenceKind } }', { id: taskId }, { as: 'joint-meeting' });
  expect(task).toEqual({ status: 'DONE', evidenceKind });
  const page = await newPage(browser!, `joint meeting after ${name}`, violations);
  await signIn(page, 'joint-meeting', base());
  await page.goto(`${base()}#/child/${encodeURIComponent(child.id)}`);
  await settled(page, 'child-timeline');
  await page.waitForSelector(`[data-testid="child-timeline"] li:has-text("佐证材料：${evidenceWords}")`);
  expect(await page.textContent('[data-testid="child-tasks"]')).toContain(`已办结`);
  expect(await page.textContent('[data-testid="child-tasks"]')).toContain(`佐证材料：${evidenceWords}`);
  await noRawCodes(page, `the child's page after ${name}`);
  if (!printed) {
    // printed as a case file: the page without its controls
    printed = true;
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('header nav')).toBe(false);
    expect(await page.isVisible('[data-action="export-case-file"]')).toBe(false);
    expect(await page.isVisible('[data-testid="child-timeline"]')).toBe(true);
    await page.pdf({ path: `${ARTIFACTS}/child-case-file.pdf`, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-case-file"]')]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
  expect(cells.length).toBeGreaterThan(10);
  expect({ file: download.suggestedFilename(), codes: rawCodesIn(cells.join('\n')) }).toEqual({ file: download.suggestedFilename(), codes: [] });
  await page.context().close();
}

type Flow = { account: Account; viewport: Viewport; name: string };
const FLOWS: Flow[] = [
  { account: 'community', viewport: 'desktop', name: 'community-desktop' },
  { account: 'community', viewport: 'phone', name: 'community-phone' },
  { account: 'grid-worker', viewport: 'phone', name: 'grid-worker-phone' },
  { account: 'grid-worker', viewport: 'desktop', name: 'grid-worker-desktop' },
];

describeBrowser('each department works in its own workspace', () => {
  beforeAll(async () => {
    system = await startSystem({ demo: true });
    idp = await startTestIdentity({ subgraphUrls: system.subgraphUrls, keys: system.keys, gatewayEnv: { TRUSTED_DOCUMENTS: 'people' } });
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
    await system?.stop();
  });

  it.each(FLOWS.map((f) => [f.name, f] as const))('a home visit, %s: visit recorded in the form, task completed, on the timeline', async (name, flow) => {
    const child = fresh(await residentsOf(flow.account), (c) => c.enrollment?.status === 'ENROLLED');
    const taskId = await assign(child.id, 'HOME_VISIT', 'community');
    const page = await newPage(browser!, name, violations, flow.viewport);
    const card = await openTask(page, flow.account, child, taskId, 'HOME_VISIT');
    await shot(page, `workspace-${name}`);
    await workIt(page, card, async (form) => {
      // a bad date is refused beside its field, what was typed stays, and nothing is saved
      await page.fill(`${form} [data-field="notes"]`, '见到学生本人，答应下周返校');
      await page.selectOption(`${form} [data-field="outcome"]`, 'MET_CHILD');
      await page.evaluate((sel) => { const el = document.querySelector(sel) as HTMLInputElement; el.removeAttribute('max'); }, `${form} [data-field="date"]`);
      await page.fill(`${form} [data-field="date"]`, inDays(3));
      await page.click(`${form} [data-action="record-evidence"]`);
      await page.waitForSelector(`${form} [data-error-for="date"]`);
      expect(await page.inputValue(`${form} [data-field="notes"]`)).toBe('见到学生本人，答应下周返校');
      expect((await ok<{ resident: { homeVisits: { notes: string | null }[] } }>('query($id: ID!) { resident(id: $id) { homeVisits { notes } } }', { id: child.id }, { as: 'community' }))
        .resident.homeVisits.some((v) => v.notes === '见到学生本人，答应下周返校')).toBe(false);
      await page.fill(`${form} [data-field="date"]`, today());
    });
    await page.context().close();
    await jointMeetingSees(taskId, child, 'HOME_VISIT', '家访记录', name);
    // the visit's notes are on the child's page, for those who may read them
    const jm = await newPage(browser!, `${name} notes`, violations);
    await signIn(jm, 'joint-meeting', base());
    await jm.goto(`${base()}#/child/${encodeURIComponent(child.id)}`);
    await jm.waitForSelector('[data-testid="child-visits"] td[data-field="notes"]:has-text("见到学生本人，答应下周返校")');
    expect(await jm.textContent('[data-testid="child-visits"]')).toContain('见到学生');
    await jm.context().close();
  }, 120_000);

  it.each([['desktop'], ['phone']] as const)('police, %s: a locate report and a legal notice from their tasks', async (viewport) => {
    const children = await pupils('edu-admin');
    const located = fresh(children);
    const noticed = fresh(children);
    const locateTask = await assign(located.id, 'LOCATE_FAMILY', 'public_security');
    const noticeTask = await assign(noticed.id, 'LEGAL_NOTICE', 'public_security');
    const page = await newPage(browser!, `police-${viewport}`, violations, viewport);
    const card = await openTask(page, 'police', located, locateTask, 'LOCATE_FAMILY');
    await shot(page, `workspace-police-${viewport}`);
    await workIt(page, card, async (form) => {
      await page.fill(`${form} [data-field="regionCode"]`, '999999');
      await page.fill(`${form} [data-field="summary"]`, '经查，该户现居柳南区，家长在汽配城务工');
      await page.click(`${form} [data-action="record-evidence"]`);
      await page.waitForSelector(`${form} [data-error-for="regionCode"]`);
      expect(await page.inputValue(`${form} [data-field="summary"]`)).toBe('经查，该户现居柳南区，家长在汽配城务工');
      await page.fill(`${form} [data-field="regionCode"]`, '450204');
    });
    await page.selectOption('[data-filter="type"]', 'LEGAL_NOTICE');
    const second = `[data-testid="task"][data-task-id="${noticeTask}"]`;
    await page.waitForSelector(second);
    await workIt(page, second, async (form) => {
      await page.fill(`${form} [data-field="recipient"]`, '张某（监护人）');
    });
    await page.context().close();
    await jointMeetingSees(locateTask, located, 'LOCATE_REPORT', '协查反馈', `police-${viewport}-locate`);
    await jointMeetingSees(noticeTask, noticed, 'LEGAL_NOTICE', '法律告知书送达记录', `police-${viewport}-notice`);
  }, 150_000);

  it.each([['phone'], ['desktop']] as const)('civil affairs, %s: an aid grant from the task', async (viewport) => {
    const child = fresh(await pupils('edu-admin'));
    const taskId = await assign(child.id, 'AID', 'civil_affairs');
    const page = await newPage(browser!, `civil-affairs-${viewport}`, violations, viewport);
    const card = await openTask(page, 'civil-affairs', child, taskId, 'AID');
    await shot(page, `workspace-civil-affairs-${viewport}`);
    await workIt(page, card, async (form) => {
      await page.fill(`${form} [data-field="amount"]`, '-5');
      await page.click(`${form} [data-action="record-evidence"]`);
      await page.waitForSelector(`${form} [data-error-for="amount"]`);
      await page.fill(`${form} [data-field="amount"]`, '625');
    });
    await page.context().close();
    await jointMeetingSees(taskId, child, 'AID_GRANT', '资助发放记录', `civil-affairs-${viewport}`);
  }, 120_000);

  it.each([['phone'], ['desktop']] as const)('school staff, %s: the return to school of their own pupil', async (viewport) => {
    const child = fresh(await pupils('school-staff'), (c) => !c.dropoutCase || c.dropoutCase.status !== 'OPEN');
    await dropsOut(child);
    const taskId = await assign(child.id, 'RE_ENROLMENT', 'education');
    const page = await newPage(browser!, `school-staff-${viewport}`, violations, viewport);
    const card = await openTask(page, 'school-staff', child, taskId, 'RE_ENROLMENT');
    await shot(page, `workspace-school-staff-${viewport}`);
    await workIt(page, card, async (form) => {
      await page.fill(`${form} [data-field="grade"]`, '12');
      await page.click(`${form} [data-action="record-evidence"]`);
      await page.waitForSelector(`${form} [data-error-for="grade"]`);
      await page.fill(`${form} [data-field="grade"]`, '');
    });
    await page.context().close();
    await jointMeetingSees(taskId, child, 'RE_ENROLMENT', '复学登记', `school-staff-${viewport}`);
  }, 120_000);

  it.each([['desktop'], ['phone']] as const)('the education bureau, %s: a letter to the origin region, and a case record', async (viewport) => {
    const child = fresh(await pupils('edu-admin'), (c) => c.hukou?.isLocal === false && (!c.dropoutCase || c.dropoutCase.status !== 'OPEN'));
    await dropsOut(child);
    const taskId = await assign(child.id, 'LETTER_TO_ORIGIN', 'education');
    const page = await newPage(browser!, `education-${viewport}`, violations, viewport);
    const card = await openTask(page, 'edu-admin', child, taskId, 'LETTER_TO_ORIGIN');
    await shot(page, `workspace-education-${viewport}`);
    await workIt(page, card, async (form) => {
      // a case record first: a talk with the family, kept on the case file
      await page.click(`${card} [data-testid="evidence-form"] details summary`);
      const record = `${card} form[data-form="CASE_RECORD"]`;
      await page.fill(`${record} [data-field="summary"]`, '与家长电话沟通，家长同意配合');
      await page.click(`${record} [data-action="add-case-record"]`);
      await page.waitForSelector(`${record} [role="status"]`);
      void form;
    });
    await page.context().close();
    await jointMeetingSees(taskId, child, 'LETTER', '函件', `education-${viewport}`);
    await backAtSchool(child.id);
  }, 120_000);

  it('the joint meeting assigns work by picking the child from a search, seeing who it is', async () => {
    const child = fresh(await pupils('edu-admin'));
    const page = await newPage(browser!, 'assign', violations);
    await signIn(page, 'joint-meeting', base());
    await page.goto(`${base()}#/workspace`);
    const assignForm = '[data-testid="assign-form"]';
    await page.fill(`${assignForm} [data-field="find-text"]`, child.name);
    await page.click(`${assignForm} [data-action="find"]`);
    await page.click(`${assignForm} tr[data-child="${child.id}"] [data-action="pick"]`);
    expect(await page.textContent('[data-testid="assign-child"]')).toContain(child.name);
    await page.selectOption(`${assignForm} [data-field="type"]`, 'AID');
    // a due date in the past is refused beside the field
    await page.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement).removeAttribute('min'), `${assignForm} [data-field="due"]`);
    await page.fill(`${assignForm} [data-field="due"]`, '2020-01-01');
    await page.click(`${assignForm} [data-action="assign"]`);
    await page.waitForSelector(`${assignForm} [data-error-for="dueDate"]`);
    await page.fill(`${assignForm} [data-field="due"]`, inDays(10));
    await page.click(`${assignForm} [data-action="assign"]`);
    const done = await page.waitForSelector('[data-testid="assign-message"]');
    expect(await done.textContent()).toContain('民政/扶贫');
    const taskId = (await done.getAttribute('data-task-id'))!;
    const { task } = await ok<{ task: { type: string; assignedDepartment: string; student: { id: string } } }>('query($id: String!) { task(id: $id) { type assignedDepartment student { id } } }', { id: taskId }, { as: 'joint-meeting' });
    expect(task).toEqual({ type: 'AID', assignedDepartment: 'civil_affairs', student: { id: child.id } });
    await noRawCodes(page, 'the joint meeting\'s workspace');
    await shot(page, 'workspace-joint-meeting');
    await page.context().close();
  }, 60_000);

  it('a task someone else moved meanwhile: the page says so and shows its new state, and nothing is overwritten', async () => {
    const child = fresh(await residentsOf('community'), (c) => c.enrollment?.status === 'ENROLLED');
    const taskId = await assign(child.id, 'HOME_VISIT', 'community');
    const page = await newPage(browser!, 'conflict', violations);
    const card = await openTask(page, 'community', child, taskId, 'HOME_VISIT');
    // a colleague accepts it first
    await ok('mutation($input: MoveTaskInput!) { acceptTask(input: $input) { id } }', { input: { taskId, expectedVersion: 1 } }, { as: 'community' });
    await page.click(`${card} [data-action="accept"]`);
    await page.waitForSelector(`${card} [data-testid="task-error"]`);
    expect(await page.textContent(`${card} [data-testid="task-error"]`)).toBe('这条任务已被他人更新，已显示最新状态');
    await page.waitForSelector(`${card}[data-status="ACCEPTED"]`);
    const { task } = await ok<{ task: { history: { action: string }[] } }>('query($id: String!) { task(id: $id) { history { action } } }', { id: taskId }, { as: 'joint-meeting' });
    expect(task.history.map((h) => h.action)).toEqual(['ASSIGN', 'ACCEPT']);
    await page.context().close();
  }, 60_000);

  it('civil affairs registers a left-behind child from the child\'s page, with the number from the household booklet', async () => {
    const child = fresh((await ok<{ students: { nodes: { id: string; name: string; idNumber: string; isLeftBehind: boolean | null }[] } }>(
      '{ students(filter: { enrollmentStatus: ENROLLED }, first: 500) { nodes { id name idNumber isLeftBehind } } }')).students.nodes, (c) => c.isLeftBehind === false);
    const other = (await ok<{ students: { nodes: { id: string; idNumber: string }[] } }>('{ students(first: 2) { nodes { id idNumber } } }')).students.nodes.find((n) => n.id !== child.id)!;
    const page = await newPage(browser!, 'left-behind', violations, 'phone');
    await signIn(page, 'civil-affairs', base());
    await page.goto(`${base()}#/child/${encodeURIComponent(child.id)}`);
    await page.click('[data-testid="register-left-behind"] summary');
    const form = 'form[data-form="LEFT_BEHIND"]';
    await page.fill(`${form} [data-field="idNumber"]`, other.idNumber);
    await page.fill(`${form} [data-field="carerName"]`, '王奶奶');
    await page.click(`${form} [data-action="record-evidence"]`);
    // another child's number is refused beside the field, and nothing is saved
    await page.waitForSelector(`${form} [data-error-for="idNumber"]`);
    expect(await page.inputValue(`${form} [data-field="carerName"]`)).toBe('王奶奶');
    await page.fill(`${form} [data-field="idNumber"]`, child.idNumber);
    await page.click(`${form} [data-action="record-evidence"]`);
    await page.waitForSelector('[data-testid="left-behind-saved"]');
    await page.waitForSelector('[data-testid="child-civil-affairs"] tr[data-field="isLeftBehind"] td:has-text("是")');
    await noRawCodes(page, 'the child\'s page, civil affairs');
    await shot(page, 'child-civil-affairs-left-behind');
    await page.context().close();
    const { student } = await ok<{ student: { isLeftBehind: boolean } }>('query($id: ID!) { student(id: $id) { isLeftBehind } }', { id: child.id });
    expect(student.isLeftBehind).toBe(true);
  }, 60_000);

  it('a teacher records a home visit from the pupil\'s page, with a community cadre who went along (联合家访)', async () => {
    const child = fresh((await ok<{ students: { nodes: { id: string; name: string; community: { name: string } | null }[] } }>(
      '{ students(filter: { enrollmentStatus: ENROLLED }, first: 500) { nodes { id name community { name } } } }', {}, { as: 'school-staff' })).students.nodes, (c) => !!c.community);
    const page = await newPage(browser!, 'teacher-visit', violations, 'phone');
    await signIn(page, 'school-staff', base());
    await page.goto(`${base()}#/child/${encodeURIComponent(child.id)}`);
    await page.click('[data-testid="record-visit"] summary');
    const form = '[data-testid="record-visit"] form[data-form="HOME_VISIT"]';
    expect(await page.inputValue(`${form} [data-field="visitorRole"]`)).toBe('班主任');
    await page.fill(`${form} [data-field="notes"]`, '大家访：与家长谈学生近况');
    await page.click(`${form} [data-action="add-participant"]`);
    // a participant without a name is refused beside that field, and nothing is saved
    await page.click(`${form} [data-action="record-evidence"]`);
    await page.waitForSelector(`${form} [data-error-for="participants[0].name"]`);
    await page.fill(`${form} [data-field="participants[0].name"]`, '李社区');
    await page.click(`${form} [data-action="record-evidence"]`);
    await page.waitForSelector('[data-testid="child-visits"] [data-field="participants"]:has-text("李社区")');
    await everyControlLabelled(page, 'the child\'s page, the home-visit form');
    await noRawCodes(page, 'the child\'s page, a teacher\'s visit');
    await shot(page, 'child-teacher-home-visit');
    await page.context().close();
    const { student } = await ok<{ student: { homeVisits: { visitorDepartment: string; participants: { name: string; department: string }[] }[] } }>(
      'query($id: ID!) { student(id: $id) { homeVisits { visitorDepartment participants { name department } } } }', { id: child.id });
    expect(student.homeVisits).toContainEqual({ visitorDepartment: 'education', participants: [{ name: '李社区', department: 'community' }] });
  }, 60_000);

  it('a department reports on the resolution it leads (督办), and the joint meeting sees the report', async () => {
    await ok('mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }', { input: {
      date: today(), title: '工作台督办测试', chair: '副区长', departmentsPresent: ['education', 'community'], agenda: '部署家访',
      decisions: [{ text: '街道一周内完成辍学学生复核家访', leadDepartment: 'community', dueDate: inDays(7) }],
    } }, { as: 'joint-meeting' });
    const page = await newPage(browser!, 'resolutions', violations, 'phone');
    await signIn(page, 'community', base());
    await page.goto(`${base()}#/workspace`);
    const item = '[data-testid="resolutions"] li:has-text("街道一周内完成辍学学生复核家访")';
    await page.click(`${item} details summary`);
    await page.fill(`${item} [data-field="text"]`, '已复核 20 户');
    await page.click(`${item} [data-action="report-resolution"]`);
    await page.waitForSelector(`${item} .timeline li:has-text("已复核 20 户")`);
    await everyControlLabelled(page, 'the workspace, resolutions');
    await noRawCodes(page, 'the workspace, resolutions');
    await shot(page, 'workspace-resolutions-community');
    await page.context().close();
    const jm = await newPage(browser!, 'resolutions-jm', violations, 'desktop');
    await signIn(jm, 'joint-meeting', base());
    await jm.goto(`${base()}#/workspace`);
    await jm.waitForSelector('[data-testid="resolutions"] li:has-text("已复核 20 户")');
    await jm.context().close();
  }, 60_000);

  it('in English, the workspace\'s own words are all English (names and places stay as they are)', async () => {
    const page = await newPage(browser!, 'english', violations, 'phone');
    await signIn(page, 'police', base());
    await page.waitForSelector('[data-testid="workspace"]');
    await page.click('header .who button:has-text("EN")');
    await page.waitForSelector('header nav a:has-text("Workspace")');
    await settled(page, 'queue');
    await page.waitForSelector('[data-testid="task"]');
    // (the language switch names the other language in its own words, marked with its lang)
    const chrome = await page.evaluate(() => [...document.querySelectorAll('button:not([lang]), label > span, th, h3, summary, legend, option, .task-meta > *, .muted, nav a')]
      .map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
    expect(chrome.filter((text) => /\p{Script=Han}/u.test(text.replace(/（[^）]*）|\([^)]*\)/g, '')))).toEqual([]);
    await shot(page, 'workspace-police-english');
    await page.context().close();
  }, 60_000);

  it('no page broke the Content-Security-Policy', () => {
    expect(violations).toEqual([]);
  });
});

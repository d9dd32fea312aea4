/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core, against the test
 * system's gateway (which serves the built dashboard at `/`). Screenshots go to test-artifacts/.
 *
 * The dashboard is served by a gateway of the test's own with TRUSTED_DOCUMENTS=people (as in
 * production): every page works with only the registered documents it was built with. People sign
 * in at the embedded OpenID provider, run in a process of its own as an external provider would be,
 * through its login page.
 *
 * Without Chromium on the machine these tests are skipped with a warning, unless REQUIRE_BROWSER=1
 * (CI sets it, and installs Chromium), in which case its absence fails them.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { DEMO_PASSWORD } from '@kongchuo/identity';
import { ok, post, type Account } from '../support/client';
import { startSystem, type TestSystem } from '../support/system';
import { startTestIdentity, type TestIdentity } from '../support/identity';
import type { RunningService } from '@kongchuo/shared/server';
import { ARTIFACTS, atLoginPage, describeBrowser, launchChromium, newPage as openPage, settled, shot, signIn } from '../support/browser';

/** the provider, and the strict gateway in front of the shared system's departments that trusts it */
let idp: TestIdentity | undefined;
let strict: RunningService | undefined;
const base = () => strict!.url.replace(/\/graphql$/, '/');
let browser: Browser | undefined;
/** what the browser refused under the gateway's Content-Security-Policy, on any page of any test */
const violations: string[] = [];

/** today in China Standard Time */
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

const newPage = (label: string) => openPage(browser!, label, violations);
/** Opens the dashboard at `at` and signs in through the provider's login page. */
const signedIn = async (account: Account | string, at = base(), password = DEMO_PASSWORD): Promise<Page> => signIn(await newPage(account), account, at, password);

describeBrowser('the joint-meeting dashboard in Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    idp = await startTestIdentity({ gatewayEnv: { TRUSTED_DOCUMENTS: 'people' } });
    strict = idp.gateway;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
    await idp?.stop();
  });

  it('is served with a Content-Security-Policy and the other security headers', async () => {
    const r = await fetch(base());
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('shows the seed figures to the joint meeting after sign-in, with every chart drawn', async () => {
    const page = await signedIn('joint-meeting');
    await settled(page, 'kpis');
    expect(await page.textContent('[data-testid="kpi-found"] .kpi-value')).toBe('75');
    expect(await page.textContent('[data-testid="kpi-returned"] .kpi-value')).toBe('59');
    expect(await page.textContent('[data-testid="kpi-still-out"] .kpi-value')).toBe('16');
    expect(await page.textContent('[data-testid="kpi-rate"] .kpi-value')).toBe('99.91%');
    for (const chart of ['chart-hukou', 'chart-school', 'chart-reason', 'chart-migrant', 'chart-tasks', 'chart-returns']) {
      await settled(page, chart);
      expect(await page.getAttribute(`[data-testid="${chart}"]`, 'data-state')).toBe('ok');
      expect(await page.locator(`[data-testid="${chart}"] svg`).count()).toBeGreaterThan(0);
    }
    expect(await page.textContent('[data-testid="migrant-share"]')).toBe('82.7%');
    await shot(page, 'overview-joint-meeting');
    await page.context().close();
  });

  it('downloads the May 2018 school monthly report as Excel from the overview', async () => {
    const page = await signedIn('edu-admin');
    // staff land on their workspace; the reports are on the overview
    await page.waitForSelector('[data-testid="workspace"]');
    await page.goto(`${base()}#/overview`);
    await settled(page, 'kpis');
    await page.fill('[data-field="report-month"]', '2018-05');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-monthly"]')]);
    expect(download.suggestedFilename()).toBe('学校月报-2018-05.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('月报')!;
    const totals = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(totals[1]).toBe('合计');
    expect(totals[9]).toBe(75); // 辍学: every 2018 case was found in the May screening
    await page.context().close();
  });

  it('signs a person in at the provider\'s login page (which names the demo accounts), and out at the provider', async () => {
    const page = await newPage('sign-in');
    await page.goto(base());
    await page.waitForSelector('[data-testid="signed-out"]');
    await page.click('[data-testid="sign-in"]');
    // the provider's own page, on its own origin
    await page.waitForSelector('#username');
    expect(new URL(page.url()).origin).toBe(idp!.issuer);
    expect(await page.textContent('[data-testid="demo-accounts"]')).toContain(DEMO_PASSWORD);
    await atLoginPage(page, 'joint-meeting', 'not-the-password');
    expect(await page.textContent('[data-testid="login-error"]')).toBe('用户名或密码错误');
    await atLoginPage(page, 'joint-meeting', DEMO_PASSWORD);
    await page.waitForSelector('[data-testid="who"]');
    expect(await page.textContent('[data-testid="who"]')).toContain('控辍保学联席会议办公室（演示）');
    await settled(page, 'kpis');
    expect(await page.textContent('[data-testid="kpi-found"] .kpi-value')).toBe('75');
    await shot(page, 'signed-in');
    // signing out ends the session at the provider: the next sign-in asks for the password again
    await page.click('[data-testid="logout"]');
    await page.click('[data-testid="confirm-logout"]');
    await page.waitForSelector('[data-testid="signed-out"]');
    expect(new URL(page.url()).origin).toBe(idp!.origin);
    await page.click('[data-testid="sign-in"]');
    await page.waitForSelector('#username');
    await page.context().close();
  });

  it('signs the person out when the session ends at the provider', async () => {
    const short = await startTestIdentity({ env: { IDENTITY_SESSION_TTL_SECONDS: '14', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '10' }, gatewayEnv: { TRUSTED_DOCUMENTS: 'people' } });
    try {
      const page = await signedIn('community', `${short.origin}/#/overview`);
      const signedInAt = Date.now();
      await settled(page, 'kpis');
      // past the first access token's ten seconds: renewed with the refresh token, the page still works
      await page.waitForTimeout(11_000);
      await page.click('header nav a:has-text("工作")');
      await page.waitForSelector('[data-testid="who"]');
      await page.click('header nav a:has-text("概览")');
      await settled(page, 'kpis');
      expect(await page.getAttribute('[data-testid="kpis"]', 'data-state')).toBe('ok');
      // once the session has ended, the next renewal is refused and the person is signed out
      await page.waitForSelector('[data-testid="signed-out-reason"]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid="signed-out-reason"]')).toBe('会话已结束，请重新登录');
      // and signing in again asks for the password (the provider's session is over too)
      await page.waitForTimeout(Math.max(0, signedInAt + 15_000 - Date.now()));
      await page.click('[data-testid="sign-in"]');
      await page.waitForSelector('#username');
      await page.context().close();
    } finally {
      await short.stop();
    }
  }, 60_000);

  it('an administrator adds and disables an account in the dashboard; the disabled person cannot sign in again', async () => {
    const admin = await signedIn('district-admin');
    await admin.click('header nav a:has-text("账号管理")');
    await admin.waitForSelector('[data-testid="accounts"] tr[data-account="grid-worker"]');
    const form = '[data-testid="add-account"]';
    // a community code that does not exist is refused, naming the field
    await admin.fill(`${form} input[name="username"]`, 'browser-grid-worker');
    await admin.fill(`${form} input[name="name"]`, '新来的网格员');
    await admin.selectOption(`${form} select[name="department"]`, 'community');
    await admin.selectOption(`${form} select[name="role"]`, 'grid_worker');
    await admin.fill(`${form} input[name="code"]`, '450204002999');
    await admin.click(`${form} button[type="submit"]`);
    await admin.waitForSelector('[data-testid="account-error"]');
    expect(await admin.getAttribute('[data-testid="account-error"]', 'data-field')).toBe('scope.code');
    await admin.fill(`${form} input[name="code"]`, '450204002003');
    await admin.click(`${form} button[type="submit"]`);
    await admin.waitForSelector('[data-testid="accounts-notice"]');
    const password = /：(\w{16})$/.exec((await admin.textContent('[data-testid="accounts-notice"]'))!)![1];
    await admin.waitForSelector('tr[data-account="browser-grid-worker"]');
    await shot(admin, 'accounts');

    const newcomer = await signedIn('browser-grid-worker', base(), password);
    expect(await newcomer.textContent('[data-testid="who"]')).toContain('新来的网格员');
    await newcomer.context().close();

    // a change names the version it read; the row shows the new name
    await admin.click('tr[data-account="browser-grid-worker"] button[data-action="edit"]');
    await admin.fill('[data-testid="edit-account"] input[name="name"]', '网格员（已改名）');
    await admin.click('[data-testid="edit-account"] button[type="submit"]');
    await admin.waitForSelector('tr[data-account="browser-grid-worker"]:has-text("网格员（已改名）")');
    await admin.click('tr[data-account="browser-grid-worker"] button[data-action="disable"]');
    await admin.waitForSelector('tr[data-account="browser-grid-worker"][data-disabled="true"]');
    // the audit log of the change, in words
    await admin.waitForSelector('[data-testid="account-changes"] td[data-change="account:browser-grid-worker:disabled=true"]');
    expect(await admin.textContent('[data-testid="account-changes"] td[data-change="account:browser-grid-worker:disabled=true"]')).toBe('账号 browser-grid-worker：已停用');
    expect(await admin.textContent('[data-testid="account-changes"]')).toContain('账号 browser-grid-worker：姓名，部门：街道/社区，角色：网格员，范围：社区 450204002003，密码');
    await admin.context().close();

    const refused = await newPage('disabled');
    await refused.goto(base());
    await refused.click('[data-testid="sign-in"]');
    await atLoginPage(refused, 'browser-grid-worker', password);
    await refused.waitForSelector('[data-testid="login-error"]');
    expect(await refused.textContent('[data-testid="login-error"]')).toBe('账号已停用，请联系本部门的账号管理员');
    await refused.context().close();
  });

  it('shows each department what it may see: police and a community office get different dashboards', async () => {
    const police = await signedIn('police', `${base()}#/overview`);
    await settled(police, 'chart-school');
    expect(await police.getAttribute('[data-testid="chart-school"]', 'data-state')).toBe('ok');
    expect(await police.getAttribute('[data-testid="chart-tasks"]', 'data-state')).toBe('forbidden'); // all departments' tasks: joint meeting and education
    await shot(police, 'overview-police');

    const community = await signedIn('community', `${base()}#/overview`);
    await settled(community, 'chart-school');
    expect(await community.getAttribute('[data-testid="chart-school"]', 'data-state')).toBe('forbidden'); // a subdistrict lists children through residents
    expect(await community.textContent('[data-testid="chart-school"]')).toContain('无权查看');
    await shot(community, 'overview-community');

    // one child as each sees it: police read the hukou address, the community sees it masked
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 1) { nodes { id } } }', {}, { as: 'community' });
    const id = encodeURIComponent(residents.nodes[0].id);
    await police.goto(`${base()}#/child/${id}`);
    await community.goto(`${base()}#/child/${id}`);
    await settled(police, 'child');
    await settled(community, 'child');
    const addressOf = (page: Page) => page.textContent('[data-testid="child-police"] tr[data-field="hukou"]:nth-child(3) td');
    expect(await addressOf(police)).not.toContain('*');
    expect(await addressOf(community)).toContain('*');
    expect(await community.getAttribute('[data-testid="child-civil-affairs"] tr[data-field="disability"] td', 'data-state')).toBe('forbidden');
    expect(await community.textContent('[data-testid="child-civil-affairs"] tr[data-field="disability"] td')).toBe('无权查看');
    await shot(community, 'child-community');
    await police.context().close();
    await community.context().close();
  });

  it('the joint meeting assigns a home visit and the community accepts, visits and completes it, all in the browser', async () => {
    const { residents } = await ok<{ residents: { nodes: { id: string; enrollment: { status: string } | null }[] } }>(
      '{ residents(first: 50) { nodes { id enrollment { status } } } }', {}, { as: 'community' },
    );
    const child = residents.nodes.filter((n) => n.enrollment?.status === 'ENROLLED')[7].id;

    const jm = await signedIn('joint-meeting');
    // from the child's page: its timeline, then "assign a task" opens the work page for that child
    await jm.goto(`${base()}#/child/${encodeURIComponent(child)}`);
    await settled(jm, 'child-timeline');
    expect(await jm.locator('[data-testid="child-timeline"] li').count()).toBeGreaterThan(0);
    await jm.click('[data-action="assign-for-child"]');
    // the workspace's assign form, with the child of that page already chosen and named
    await jm.waitForSelector('[data-testid="assign-child"]');
    await jm.selectOption('[data-field="type"]', 'HOME_VISIT');
    await jm.fill('[data-field="due"]', today());
    await jm.fill('[data-field="note"]', '浏览器测试：请核实在校情况');
    await jm.click('[data-action="assign"]');
    const message = await jm.waitForSelector('[data-testid="assign-message"]');
    const taskId = (await message.getAttribute('data-task-id'))!;
    expect(await message.textContent()).toContain('街道/社区');
    await shot(jm, 'work-assigned');
    await jm.context().close();

    const worker = await signedIn('community');
    await worker.waitForSelector('[data-testid="workspace"]');
    // today's home visits: the one just assigned is among the first
    await worker.selectOption('[data-filter="type"]', 'HOME_VISIT');
    await worker.fill('[data-filter="due-by"]', today());
    const card = `[data-testid="task"][data-task-id="${taskId}"]`;
    await worker.click(`${card} [data-action="accept"]`);
    await worker.waitForSelector(`${card}[data-status="ACCEPTED"]`);
    await worker.click(`${card} [data-action="start"]`);
    await worker.waitForSelector(`${card}[data-status="IN_PROGRESS"]`);
    await worker.click(`${card} [data-action="work"]`);
    await worker.fill(`${card} [data-field="notes"]`, '见到家长，孩子在校正常');
    await worker.click(`${card} [data-action="record-evidence"]`);
    // completed on the recorded visit: the open queue no longer lists it
    await worker.waitForSelector(card, { state: 'detached' });
    await shot(worker, 'work-completed');
    await worker.context().close();

    const { task } = await ok<{ task: { status: string; evidenceKind: string } }>('query($id: String!) { task(id: $id) { status evidenceKind } }', { id: taskId }, { as: 'joint-meeting' });
    expect(task).toEqual({ status: 'DONE', evidenceKind: 'HOME_VISIT' });
  });

  it('a department returns a task with a reason and the joint meeting reassigns it with a new due date', async () => {
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 30) { nodes { id } } }', {}, { as: 'community' });
    const { assignTask } = await ok<{ assignTask: { id: string } }>(
      'mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }',
      { input: { studentId: residents.nodes[21].id, type: 'HOME_VISIT', department: 'community', dueDate: today() } },
      { as: 'joint-meeting' },
    );
    const card = `[data-testid="task"][data-task-id="${assignTask.id}"]`;
    const worker = await signedIn('community');
    await worker.waitForSelector('[data-testid="workspace"]');
    await worker.selectOption('[data-filter="type"]', 'HOME_VISIT');
    await worker.fill('[data-filter="due-by"]', today());
    await worker.click(`${card} .reject summary`);
    await worker.fill(`${card} .reject input`, '该户已搬离本社区');
    await worker.click(`${card} [data-action="reject"]`);
    // returned: it leaves the open queue, and the queue of returned work lists it
    await worker.waitForSelector(card, { state: 'detached' });
    await worker.selectOption('[data-filter="status"]', 'REJECTED');
    await worker.waitForSelector(`${card}[data-status="REJECTED"]`);
    await worker.context().close();

    const jm = await signedIn('joint-meeting');
    await jm.goto(`${base()}#/work`);
    const rejected = `[data-column="REJECTED"] ${card}`;
    await jm.waitForSelector(rejected);
    await jm.click(`${rejected} [data-action="reassign"]`);
    await jm.waitForSelector(`[data-column="ASSIGNED"] ${card}`);
    await shot(jm, 'work-reassigned');
    await jm.context().close();
  });

  it('the ledgers page lists the suspected dropouts with their level and runs the cross-department check', async () => {
    const page = await signedIn('joint-meeting');
    await page.goto(`${base()}#/ledgers`);
    await settled(page, 'suspected');
    expect(await page.locator('[data-testid="suspected"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-testid="suspected"] .level-HIGH').count()).toBeGreaterThan(0);
    await page.click('[data-action="run-check"]');
    await page.waitForSelector('[data-testid="run-message"]:has-text("✓")');
    await page.waitForSelector('[data-testid="findings"] tr[data-finding="NEVER_ENROLLED"]');
    await shot(page, 'ledgers');
    // and in English
    await page.click('header .who button:has-text("EN")');
    await page.waitForSelector('header nav a:has-text("Overview")');
    await page.context().close();
  });
});

describeBrowser('a department down, in the browser', () => {
  let system: TestSystem;
  let own: TestIdentity;
  beforeAll(async () => {
    system = await startSystem({ demo: true });
    own = await startTestIdentity({ subgraphUrls: system.subgraphUrls, keys: system.keys });
    browser ??= await launchChromium();
  }, 180000);
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
    await own?.stop();
    await system?.stop();
  });

  it('greys out that department\'s sections only; the rest of the page still answers', async () => {
    const at = `${own.origin}/`;
    const token = await issueUserToken(DEMO_ACCOUNTS['joint-meeting'], system.config, system.keys);
    const r = await post<{ students: { nodes: { id: string }[] } }>(system.gatewayUrl, { query: '{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id } } }' }, { authorization: `Bearer ${token}` });
    const id = encodeURIComponent(r.data!.students.nodes[0].id);
    await system.subgraphs['civil-affairs'].stop();

    const page = await signedIn('joint-meeting', at);
    await settled(page, 'kpis');
    expect(await page.textContent('[data-testid="kpi-found"] .kpi-value')).toBe('75');
    await page.goto(`${at}#/child/${id}`);
    await settled(page, 'child');
    expect(await page.getAttribute('[data-testid="child-civil-affairs"]', 'data-state')).toBe('unavailable');
    expect(await page.textContent('[data-testid="child-civil-affairs"]')).toContain('该部门服务暂不可用');
    for (const section of ['child-education', 'child-police', 'child-community', 'child-tasks']) {
      expect(await page.getAttribute(`[data-testid="${section}"]`, 'data-state')).toBe('ok');
    }
    expect(await page.textContent('[data-testid="child-education"] tr[data-field="enrollment"] td')).toContain('辍学');
    await shot(page, 'child-civil-affairs-down');
    await page.context().close();
  });

  // last: every page the tests above opened ran under the policy without the browser refusing anything
  it('no page broke the Content-Security-Policy', () => {
    expect(violations).toEqual([]);
  });
});

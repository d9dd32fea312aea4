/**
 * Excel out: every report downloads from the gateway as a workbook Excel can open, with the
 * caller's permissions applied — a department never gets a column it may not see.
 */
import ExcelJS from 'exceljs';
import { gatewayUrl, ok, tokenFor, type Account } from '../support/client';

async function download(report: string, params: Record<string, string>, as: Account | null = 'edu-admin') {
  const url = `${gatewayUrl().replace(/\/graphql$/, '')}/exports/${report}?${new URLSearchParams(params)}`;
  const res = await fetch(url, { headers: as ? { authorization: `Bearer ${await tokenFor(as)}` } : {} });
  if (!res.ok) return { status: res.status, error: ((await res.json()) as { errors: { extensions: { code: string; field?: string } }[] }).errors[0].extensions, workbook: null };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return { status: res.status, error: null, workbook, disposition: res.headers.get('content-disposition') ?? '' };
}

/** A sheet as rows of values (row 1 is the title, row 2 the header). */
function table(workbook: ExcelJS.Workbook, name: string): { header: string[]; rows: Record<string, unknown>[] } {
  const sheet = workbook.getWorksheet(name)!;
  const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, i) => {
    if (i > 2) rows.push(Object.fromEntries(header.map((h, k) => [h, (row.values as unknown[])[k + 1] ?? null])));
  });
  return { header, rows };
}
function pairs(workbook: ExcelJS.Workbook, name: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  workbook.getWorksheet(name)!.eachRow((row, i) => {
    if (i > 1) out.set(String((row.values as unknown[])[1]), (row.values as unknown[])[2] ?? null);
  });
  return out;
}

describe('学校月报 (school monthly report)', () => {
  it('May 2018 opens as a workbook whose totals match districtOverview and balance', async () => {
    const { workbook, disposition } = await download('monthly', { month: '2018-05' });
    expect(disposition).toContain(encodeURIComponent('学校月报-2018-05'));
    const { header, rows } = table(workbook!, '月报');
    expect(header).toEqual(['学校标识码', '学校', '月初在籍', '招生', '转入', '转出', '休学', '复学', '辍学', '劝返复学', '毕业等离校', '月末在籍', '学额巩固率（%）']);
    const total = rows[rows.length - 1];
    expect(total['学校标识码']).toBe('合计');
    expect(rows.length - 1).toBe(30);
    const { districtOverview } = await ok<{ districtOverview: { dropoutsFound: number } }>('{ districtOverview(year: 2018) { dropoutsFound } }');
    expect(total['辍学']).toBe(districtOverview.dropoutsFound); // every 2018 case was found in the May screening
    const v = (k: string) => Number(total[k]);
    expect(v('月末在籍')).toBe(v('月初在籍') + v('招生') + v('转入') - v('转出') - v('休学') + v('复学') - v('辍学') + v('劝返复学') - v('毕业等离校'));
    for (const r of rows.slice(0, -1)) expect(r['辍学']).toBe(rows.slice(0, -1).filter((x) => x['学校标识码'] === r['学校标识码'])[0]['辍学']);
  });

  it('the year\'s monthly returns add up to districtOverview.returned', async () => {
    let returned = 0;
    for (let m = 1; m <= 12; m++) {
      const { schoolMonthlyReport } = await ok<{ schoolMonthlyReport: { returned: number }[] }>(
        'query($m: String!) { schoolMonthlyReport(month: $m) { returned } }', { m: `2018-${String(m).padStart(2, '0')}` },
      );
      returned += schoolMonthlyReport.reduce((s, r) => s + r.returned, 0);
    }
    const { districtOverview } = await ok<{ districtOverview: { returned: number } }>('{ districtOverview(year: 2018) { returned } }');
    expect(returned).toBe(districtOverview.returned);
  });

  it('school staff get their own school only; a community office may not have it; bad input is named', async () => {
    const mine = await download('monthly', { month: '2018-05' }, 'school-staff');
    const { rows } = table(mine.workbook!, '月报');
    expect(rows.map((r) => r['学校标识码'])).toEqual(['2145020403', '合计']);
    expect((await download('monthly', { month: '2018-05' }, 'community')).status).toBe(403);
    expect((await download('monthly', { month: '2018-13' })).error).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    expect((await download('monthly', { month: '2018-05' }, null)).status).toBe(401);
    expect((await download('no-such-report', {})).status).toBe(404);
  });
});

describe('the other reports', () => {
  it('巩固率: the 2018 rate and its basis', async () => {
    const p = pairs((await download('consolidation', { year: '2018' })).workbook!, '巩固率');
    expect(p.get('巩固率（%）')).toBe(99.91);
    expect(p.get('目标（%）')).toBe(97);
    expect(p.get('是否达标')).toBe('是');
    expect(p.get('年底仍辍学')).toBe(16);
  });

  it('周报: one row per department, as the joint meeting', async () => {
    const { rows } = table((await download('weekly', { weekEnding: '2018-12-30' }, 'joint-meeting')).workbook!, '周报');
    expect(rows.map((r) => r['承办部门'])).toEqual(expect.arrayContaining(['街道/社区', '公安', '教育局']));
  });

  it('发函: the letters to origin regions with the children\'s names', async () => {
    const { rows } = table((await download('letters', {})).workbook!, '发函');
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.every((r) => String(r['收函单位']).endsWith('教育局'))).toBe(true);
  });
});

describe('a department never gets columns it may not see', () => {
  const SCHOOL = '2145020403';

  it('一校一册: full ID numbers for education and police, masked for the joint meeting and civil affairs', async () => {
    const byAccount = async (as: Account) => table((await download('case-book', { schoolCode: SCHOOL }, as)).workbook!, '一校一册');
    const edu = await byAccount('edu-admin');
    expect(edu.rows.length).toBeGreaterThan(0);
    expect(edu.rows.every((r) => /^\d{17}[\dX]$/.test(String(r['身份证号'])))).toBe(true);
    expect((await byAccount('police')).rows.every((r) => /^\d{17}[\dX]$/.test(String(r['身份证号'])))).toBe(true);
    for (const as of ['joint-meeting', 'civil-affairs'] as Account[]) {
      const t = await byAccount(as);
      expect(t.rows.every((r) => String(r['身份证号']).includes('********'))).toBe(true);
      expect(t.rows.every((r) => !/\d{11}/.test(String(r['监护人及电话'])))).toBe(true); // phones masked
    }
  });

  it('一生一案: each department gets the parts of the case file the matrix gives it, and no others', async () => {
    const { students } = await ok<{ students: { nodes: { id: string }[] } }>('{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id } } }');
    const studentId = students.nodes[0].id;
    const file = async (as: Account) => {
      const r = await download('case-file', { studentId }, as);
      if (!r.workbook) throw new Error(`${as}: ${r.status} ${JSON.stringify(r.error)}`);
      return r.workbook;
    };

    const edu = await file('edu-admin');
    expect(pairs(edu, '基本情况').has('全国学籍号')).toBe(true);
    expect(pairs(edu, '基本情况').has('资助')).toBe(false); // aid amounts: civil affairs and the joint meeting
    expect(edu.getWorksheet('过程记录')).toBeDefined();

    const civil = await file('civil-affairs');
    expect(pairs(civil, '基本情况').has('资助')).toBe(true);
    expect(pairs(civil, '基本情况').has('全国学籍号')).toBe(false);
    expect(civil.getWorksheet('过程记录')).toBeUndefined(); // case files: education and the joint meeting
    expect(table(civil, '家访').header).not.toContain('情况'); // home-visit notes: community, education, the joint meeting
    expect(table(edu, '家访').header).toContain('情况');

    const police = await file('police');
    expect(pairs(police, '基本情况').has('资助')).toBe(false);
    expect(String(pairs(police, '基本情况').get('身份证号'))).toMatch(/^\d{17}[\dX]$/);

    // a community office opens only children living in its area; it gets their family and visits, no case files
    const { residents } = await ok<{ residents: { nodes: { id: string }[] } }>('{ residents(first: 1) { nodes { id } } }', {}, { as: 'community' });
    const local = await download('case-file', { studentId: residents.nodes[0].id }, 'community');
    const mine = pairs(local.workbook!, '基本情况');
    expect(mine.has('居住社区')).toBe(true);
    expect(mine.has('全国学籍号')).toBe(false);
    expect(mine.has('残疾')).toBe(false);
    expect(String(mine.get('身份证号'))).toContain('********');
    expect(local.workbook!.getWorksheet('过程记录')).toBeUndefined();
    expect(table(local.workbook!, '家访').header).toContain('情况');
    expect((await download('case-file', { studentId }, 'grid-worker')).status).toBe(404); // not a child of that community

    const jm = await file('joint-meeting');
    expect(String(pairs(jm, '基本情况').get('身份证号'))).toContain('********');
    expect(jm.getWorksheet('时间线')).toBeDefined();
    expect(pairs(jm, '基本情况').has('全国学籍号')).toBe(false);
  });
});

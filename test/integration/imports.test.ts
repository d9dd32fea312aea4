/**
 * Excel in: a student-status file (学籍) imported through the gateway in chunks, as xlsx or CSV.
 * All or nothing per file, every bad row named with its column, and importing again changes nothing.
 * This file's children are born in 2014–2015 with sequence numbers 960+, enrolled in September 2025.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadConfig } from '@kongchuo/shared/core';
import { composeResidentId, linkageKey } from '@kongchuo/shared/domain';
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { outsideScope, recordedOutsideScope } from '@kongchuo/shared/imports';
import { ImportRejected, importFile, type Send } from '@kongchuo/reports';
import { gql, ok, testKeys, tokenFor, gatewayUrl, codeOf, type Account } from '../support/client';

const HEADER = ['身份证号', '姓名', '学校标识码', '年级', '班级', '入学日期', '入学方式'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
const child = (over: Partial<Record<string, string>> = {}) => {
  const birth = new Date(Date.UTC(2014, 0, 1) + n * 86400e3).toISOString().slice(0, 10);
  const idNumber = composeResidentId('450204', birth, 960 + (n++ % 40));
  const seq = n;
  return [over['身份证号'] ?? idNumber, over['姓名'] ?? `导入测试${seq}`, over['学校标识码'] ?? '2145020415', over['年级'] ?? '5', over['班级'] ?? '2班', over['入学日期'] ?? '2025-09-01', over['入学方式'] ?? '转入'];
};

async function xlsx(name: string, rows: string[][]): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('学籍');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}
function csv(name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `\ufeff${[HEADER, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')}\r\n`);
  return file;
}

const sender = (as: Account): Send => async (query, variables) => {
  const res = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(as)}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as Awaited<ReturnType<Send>>;
};
const keyOf = async (idNumber: string) => linkageKey(idNumber, (await testKeys()).linkageSecret);
const enrolment = async (idNumber: string) =>
  (await ok<{ student: { enrollment: { school: { code: string }; grade: number; className: string } } | null }>(
    'query($id: ID!) { student(id: $id) { enrollment { school { code } grade className } } }', { id: await keyOf(idNumber) },
  )).student;

describe('学籍导入 (student-status import)', () => {
  it('imports an xlsx file; the same file again changes nothing; the same rows as CSV are all unchanged', async () => {
    const rows = Array.from({ length: 5 }, () => child());
    const file = await xlsx('students.xlsx', rows);
    const first = await importFile('students', file, sender('edu-admin'));
    expect(first).toMatchObject({ status: 'COMMITTED', inserted: 5, unchanged: 0, rowsStaged: 5 });
    expect(await enrolment(rows[0][0])).toEqual({ enrollment: { school: { code: '2145020415' }, grade: 5, className: '2班' } });

    const again = await importFile('students', file, sender('edu-admin'));
    expect(again).toMatchObject({ id: first.id, alreadyImported: true, inserted: 5 });

    const asCsv = await importFile('students', csv('students.csv', rows), sender('edu-admin'));
    expect(asCsv).toMatchObject({ status: 'COMMITTED', inserted: 0, unchanged: 5 });
  });

  it('a file with 3 bad rows imports nothing and names exactly those rows and columns', async () => {
    const good = Array.from({ length: 7 }, () => child());
    const bad = [
      child({ 身份证号: '450204201401010000' }), // check digit wrong
      child({ 学校标识码: '2145029999' }), // no such school
      child({ 年级: '8' }), // a primary school has no grade 8
    ];
    // rows 2–11 of the sheet (row 1 is the header): the bad ones are rows 4, 7 and 10
    const rows = [good[0], good[1], bad[0], good[2], good[3], bad[1], good[4], good[5], bad[2], good[6]];
    let rejected: ImportRejected | undefined;
    try {
      await importFile('students', await xlsx('three-bad.xlsx', rows), sender('edu-admin'), { chunk: 4 });
    } catch (e) {
      rejected = e as ImportRejected;
    }
    if (!(rejected instanceof ImportRejected)) throw rejected;
    expect(rejected!.problems.map((p) => [p.row, p.column])).toEqual([[4, '身份证号'], [7, '学校标识码'], [10, '年级']]);
    for (const g of good) expect(await enrolment(g[0])).toBeNull(); // nothing written
  });

  it('the same child twice in a file, or already on record differently, is refused with the row named', async () => {
    const [a] = [child()];
    await importFile('students', await xlsx('a.xlsx', [a]), sender('edu-admin'));
    const moved = [...a];
    moved[4] = '3班';
    const twice = child();
    let rejected: ImportRejected | undefined;
    try {
      await importFile('students', csv('dups.csv', [twice, moved, twice]), sender('edu-admin'));
    } catch (e) {
      rejected = e as ImportRejected;
    }
    expect(rejected!.problems.map((p) => [p.row, p.column])).toEqual([[3, '班级'], [4, '身份证号']]);
    expect(rejected!.problems[1].message).toContain('第 2 行');
    expect(await enrolment(twice[0])).toBeNull();
  });

  it('a file without a required column is refused at once; other departments may not import 学籍', async () => {
    const r = await gql('mutation($input: ImportChunkInput!) { importStudents(input: $input) { id } }', {
      input: { fileName: 'x.xlsx', sha256: 'a'.repeat(64), header: ['姓名', '学校标识码'], rows: [] },
    });
    expect(codeOf(r)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.header' });
    expect(r.errors![0].message).toContain('身份证号');
    let refused: Error | undefined;
    try {
      await importFile('students', await xlsx('police.xlsx', [child()]), sender('police'));
    } catch (e) {
      refused = e as Error;
    }
    expect(refused!.message).toContain('FORBIDDEN');
  });

  it('a file of several chunks is staged and committed as one', async () => {
    const rows = Array.from({ length: 250 }, () => child({ 学校标识码: '2145020416' }));
    const batch = await importFile('students', csv('many.csv', rows), sender('edu-admin'), { chunk: 60 });
    expect(batch).toMatchObject({ status: 'COMMITTED', rowsStaged: 250, inserted: 250 });
    const { schoolMonthlyReport } = await ok<{ schoolMonthlyReport: { transfersIn: number }[] }>(
      '{ schoolMonthlyReport(month: "2025-09", schoolCode: "2145020416") { transfersIn } }',
    );
    expect(schoolMonthlyReport[0].transfersIn).toBeGreaterThanOrEqual(250);
  });
});

describe('the other departments\' lists: 户籍, 贫困户, 社区居民', () => {
  let k = 0;
  /** a fresh ID number for this block (born 2015, sequence 970+) */
  const fresh = (region = '450204') => composeResidentId(region, new Date(Date.UTC(2015, 2, 1) + k * 86400e3).toISOString().slice(0, 10), 970 + (k++ % 29));
  async function table(name: string, header: string[], rows: string[][], asCsv: boolean): Promise<string> {
    const file = path.join(dir, name + (asCsv ? '.csv' : '.xlsx'));
    if (asCsv) {
      fs.writeFileSync(file, `\ufeff${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);
      return file;
    }
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名单');
    sheet.addRow(header);
    rows.forEach((r) => sheet.addRow(r));
    await wb.xlsx.writeFile(file);
    return file;
  }
  async function rejectedBy(run: Promise<unknown>): Promise<[number, string][]> {
    try {
      await run;
    } catch (e) {
      if (e instanceof ImportRejected) return e.problems.map((p) => [p.row, p.column]);
      throw e;
    }
    throw new Error('expected the file to be refused');
  }

  it('户籍名单 (police): households created once, persons registered; again: unchanged; a changed registration is refused', async () => {
    const header = ['身份证号', '姓名', '户号', '户籍地区划代码', '户籍地址', '与户主关系', '户主姓名', '联系电话'];
    const number = `4502${String(Date.now()).slice(-10)}`;
    const [father, child1, child2] = [fresh(), fresh(), fresh()];
    const rows = [
      [father, '户籍导入父', number, '450204', '柳州市柳南区导入路1号', '户主', '户籍导入父', '13900000001'],
      [child1, '户籍导入子', number, '450204', '柳州市柳南区导入路1号', '子', '户籍导入父', ''],
      [child2, '户籍导入女', number, '450204', '柳州市柳南区导入路1号', '女', '户籍导入父', ''],
    ];
    expect(await importFile('hukou', await table('hukou', header, rows, false), sender('police'))).toMatchObject({ inserted: 3, unchanged: 0 });
    expect(await importFile('hukou', await table('hukou-again', header, rows, true), sender('police'))).toMatchObject({ inserted: 0, unchanged: 3 });
    const moved = [...rows[1]];
    moved[5] = '孙子';
    const bad = [[fresh(), '某', number, '999999', '地址', '子', '户主', ''], moved];
    expect(await rejectedBy(importFile('hukou', await table('hukou-bad', header, bad, true), sender('police')))).toEqual([[2, '户籍地区划代码'], [3, '与户主关系']]);
  });

  it('建档立卡名单 (civil affairs): a household named by its head; again: unchanged; bad status and year named', async () => {
    const header = ['身份证号', '姓名', '与户主关系', '户主身份证号', '户主姓名', '户籍地区划代码', '建档立卡年份', '状态'];
    const [head, kid] = [fresh('451321'), fresh('451321')];
    const rows = [[head, '贫困户主', '户主', head, '贫困户主', '451321', '2016', '未脱贫'], [kid, '贫困户子', '子', head, '贫困户主', '451321', '2016', '未脱贫']];
    expect(await importFile('poverty', await table('poverty', header, rows, true), sender('civil-affairs'))).toMatchObject({ inserted: 2 });
    expect(await importFile('poverty', await table('poverty-again', header, rows, false), sender('civil-affairs'))).toMatchObject({ inserted: 0, unchanged: 2 });
    const bad = [[fresh('451321'), '某', '子', head, '贫困户主', '451321', '2009', '不知道']];
    expect(await rejectedBy(importFile('poverty', await table('poverty-bad', header, bad, true), sender('civil-affairs')))).toEqual([[2, '建档立卡年份'], [2, '状态']]);
  });

  it('社区居民名单 (community): residents of the office\'s own area, found through resident(id); other areas refused', async () => {
    const header = ['身份证号', '姓名', '与户主关系', '户主身份证号', '社区代码', '网格代码', '居住地址', '日常照料人', '父母均外出务工'];
    const [mother, kid] = [fresh(), fresh()];
    const rows = [
      [mother, '居民导入母', '户主', mother, '450204002003', '45020400200301', '柳州市柳南区南站导入路5号', '父母', '否'],
      [kid, '居民导入子', '子', mother, '450204002003', '45020400200301', '柳州市柳南区南站导入路5号', '父母', '否'],
    ];
    expect(await importFile('residents', await table('residents', header, rows, false), sender('community'))).toMatchObject({ inserted: 2 });
    const { resident } = await ok<{ resident: { id: string; community: { name: string; residentName: string } } | null }>(
      'query($id: ID!) { resident(id: $id) { id community { name residentName } } }', { id: await keyOf(kid) }, { as: 'grid-worker' },
    );
    expect(resident!.community.residentName).toBe('居民导入子');
    expect(await importFile('residents', await table('residents-again', header, rows, true), sender('community'))).toMatchObject({ inserted: 0, unchanged: 2 });
    const elsewhere = [[fresh(), '外区', '子', mother, '450204001001', '45020400100101', '柳南街道某路', '父母', '否']];
    expect(await rejectedBy(importFile('residents', await table('residents-bad', header, elsewhere, true), sender('community')))).toEqual([[2, '社区代码']]);
  });
});

describe("imports stay in the caller's scope, and say nothing of records outside it", () => {
  let m = 0;
  /** a fresh ID number for this block (born 2019, sequence 500–599) */
  const mine = () => {
    const i = m++;
    return composeResidentId('450204', new Date(Date.UTC(2019, 0, 1) + Math.floor(i / 100) * 86400e3).toISOString().slice(0, 10), 500 + (i % 100));
  };
  const OWN_SCHOOL = DEMO_ACCOUNTS['school-staff'].scope.code;
  const OTHER_SCHOOL = '2145020415';
  /** a 学籍 row for the school-staff account's own school (a junior middle school: grade 7) */
  const pupil = (school: string, idNumber = mine()) => child({ 身份证号: idNumber, 学校标识码: school, 年级: school === OWN_SCHOOL ? '7' : '5' });
  /** a sender that keeps the error codes it was answered with */
  const recorded = (send: Send) => {
    const codes: (string | undefined)[] = [];
    const wrapped: Send = async (q, v) => {
      const r = await send(q, v);
      for (const e of r.errors ?? []) codes.push(e.extensions?.code);
      return r;
    };
    return { send: wrapped, codes };
  };
  const withToken = (token: string): Send => async (query, variables) => {
    const res = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Awaited<ReturnType<Send>>;
  };
  async function refusal(run: Promise<unknown>): Promise<ImportRejected> {
    try {
      await run;
    } catch (e) {
      if (e instanceof ImportRejected) return e;
      throw e;
    }
    throw new Error('expected the file to be refused');
  }
  /** a file's answer without its batch: the message and every problem */
  const answer = (r: ImportRejected) => ({ message: r.message, problems: r.problems });
  /** each problem's row, column and message */
  const problemsOf = (r: ImportRejected) => r.problems.map(({ row, column, message }) => ({ row, column, message }));
  const auditOf = async (idNumber: string) => (await ok<{ educationAuditLog: { totalCount: number; nodes: { kind: string; fields: string; user: string; studentId: string | null }[] } }>(
    'query($s: String!) { educationAuditLog(studentId: $s, first: 10) { totalCount nodes { kind fields user studentId } } }', { s: await keyOf(idNumber) }, { as: 'joint-meeting' },
  )).educationAuditLog;

  describe('学籍 (school staff: their own school only)', () => {
    /** a pupil of another school, on record through the district bureau */
    let other: string[];
    beforeAll(async () => {
      other = pupil(OTHER_SCHOOL);
      expect(await importFile('students', csv('other-school.csv', [other]), sender('edu-admin'))).toMatchObject({ status: 'COMMITTED', inserted: 1 });
    });

    it('school staff importing a row for another school: BAD_USER_INPUT naming the row and 学校标识码, and nothing of the file is written or audited', async () => {
      const own = pupil(OWN_SCHOOL);
      const elsewhere = pupil(OTHER_SCHOOL);
      const { send, codes } = recorded(sender('school-staff'));
      const refused = await refusal(importFile('students', csv('staff-other-school.csv', [own, elsewhere]), send));
      expect(codes).toEqual(['BAD_USER_INPUT']);
      expect(problemsOf(refused)).toEqual([{ row: 3, column: '学校标识码', message: outsideScope(DEMO_ACCOUNTS['school-staff'].scope) }]);
      expect(await enrolment(own[0])).toBeNull();
      expect(await enrolment(elsewhere[0])).toBeNull();
      expect((await auditOf(own[0])).totalCount).toBe(0);
    });

    it("a row for another school gets the same answer whether its ID number is a pupil of that school or never seen", async () => {
      const own = pupil(OWN_SCHOOL);
      const onRecord = await refusal(importFile('students', csv('probe-known.csv', [own, other]), sender('school-staff')));
      const neverSeen = await refusal(importFile('students', csv('probe-unknown.csv', [own, [mine(), ...other.slice(1)]]), sender('school-staff')));
      expect(answer(onRecord)).toEqual(answer(neverSeen));
      expect(onRecord.problems.map((p) => [p.row, p.column])).toEqual([[3, '学校标识码']]);
      expect(await enrolment(own[0])).toBeNull();
    });

    it("a row for the caller's own school whose child is a pupil of another school is refused at 身份证号, naming neither that school nor what differs; the pupil stays where they are", async () => {
      const claimed = [other[0], other[1], OWN_SCHOOL, '7', '1班', '2025-09-01', '转入'];
      const refused = await refusal(importFile('students', csv('claim-other-pupil.csv', [claimed]), sender('school-staff')));
      expect(problemsOf(refused)).toEqual([{ row: 2, column: '身份证号', message: recordedOutsideScope(DEMO_ACCOUNTS['school-staff'].scope) }]);
      const { school } = await ok<{ school: { name: string } }>('query($c: ID!) { school(code: $c) { name } }', { c: OTHER_SCHOOL });
      for (const revealing of [OTHER_SCHOOL, school.name, '学校标识码', '年级', '班级', '不同']) expect(refused.message).not.toContain(revealing);
      expect(await enrolment(other[0])).toEqual({ enrollment: { school: { code: OTHER_SCHOOL }, grade: 5, className: '2班' } });
    });

    it('school staff import their own school\'s pupils; other departments\' scopes below the district may not import 学籍 at all', async () => {
      const own = pupil(OWN_SCHOOL);
      expect(await importFile('students', csv('staff-own.csv', [own]), sender('school-staff'))).toMatchObject({ status: 'COMMITTED', inserted: 1 });
      expect(await enrolment(own[0])).toEqual({ enrollment: { school: { code: OWN_SCHOOL }, grade: 7, className: '2班' } });
      const subdistrictEducation = await issueUserToken({ user: 'edu-subdistrict-test', name: '街道教育（测试）', department: 'education', role: 'officer', scope: { kind: 'subdistrict', code: '450204002' } }, loadConfig({ ...process.env, DATA_DIR: process.env.KC_DATA_DIR }), await testKeys());
      await expect(importFile('students', csv('subdistrict-edu.csv', [pupil(OWN_SCHOOL)]), withToken(subdistrictEducation))).rejects.toThrow(/^FORBIDDEN/);
    });

    it('a committed import writes one audit WRITE entry per pupil written, naming the pupil, and no entry without a child for its commit', async () => {
      const rows = Array.from({ length: 2100 }, () => pupil('2145020416'));
      const log = (after?: string) => ok<{ educationAuditLog: { totalCount: number; pageInfo: { endCursor: string | null }; nodes: { kind: string; fields: string; user: string; studentId: string | null }[] } }>(
        'query($a: String) { educationAuditLog(department: "education", first: 500, after: $a) { totalCount pageInfo { endCursor } nodes { kind fields user studentId } } }', { a: after ?? null }, { as: 'joint-meeting' },
      ).then((r) => r.educationAuditLog);
      const before = (await log()).totalCount;
      // two requests: 2,000 rows staged, then 100 more and the commit (more than one audit append of 2,000)
      expect(await importFile('students', csv('audited.csv', rows), sender('edu-admin'), { chunk: 2000 })).toMatchObject({ status: 'COMMITTED', inserted: 2100 });
      const added: { kind: string; fields: string; user: string; studentId: string | null }[] = [];
      let after: string | undefined;
      while (added.length < 2101) {
        const page = await log(after);
        added.push(...page.nodes);
        after = page.pageInfo.endCursor ?? undefined;
        if (!after) break;
      }
      expect((await log()).totalCount).toBe(before + 2101);
      // newest first: the commit's 2,100 entries, then the staging request's one (it wrote no child)
      const commit = added.slice(0, 2100);
      expect(commit.every((e) => e.kind === 'WRITE' && e.fields === 'importStudents' && e.user === 'edu-admin')).toBe(true);
      const keys = await Promise.all(rows.map((r) => keyOf(r[0])));
      expect(new Set(commit.map((e) => e.studentId))).toEqual(new Set(keys));
      expect(added[2100]).toMatchObject({ kind: 'WRITE', fields: 'importStudents', studentId: null });
      // and importing the same rows again writes no child: they are unchanged
      expect(await importFile('students', csv('audited-again.csv', rows.slice(0, 3)), sender('edu-admin'))).toMatchObject({ inserted: 0, unchanged: 3 });
      expect((await auditOf(rows[0][0])).nodes).toEqual([{ kind: 'WRITE', fields: 'importStudents', user: 'edu-admin', studentId: keys[0] }]);
    });
  });

  describe('社区居民 (community staff: their own area only)', () => {
    const header = ['身份证号', '姓名', '与户主关系', '户主身份证号', '社区代码', '网格代码', '居住地址', '日常照料人', '父母均外出务工'];
    const residentsCsv = (name: string, rows: string[][], eol = '\n') => {
      const file = path.join(dir, `${name}.csv`);
      fs.writeFileSync(file, `\ufeff${[header, ...rows].map((r) => r.join(',')).join(eol)}${eol}`);
      return file;
    };
    const resident = (idNumber: string, community: string, head = idNumber) =>
      [idNumber, `范围测试${idNumber.slice(-5, -1)}`, head === idNumber ? '户主' : '子', head, community, `${community}01`, `柳州市柳南区范围测试路${idNumber.slice(-5, -1)}号`, '父母', '否'];
    const GRID_WORKERS = DEMO_ACCOUNTS['grid-worker'].scope.code; // 450204002003
    const NEIGHBOURS = '450204002001'; // the same subdistrict, another community
    const OTHER_SUBDISTRICT = '450204001001';
    /** residents on record: one in the neighbouring community, one in another subdistrict */
    let neighbour: string;
    let farAway: string;
    beforeAll(async () => {
      neighbour = mine();
      farAway = mine();
      expect(await importFile('residents', residentsCsv('neighbour', [resident(neighbour, NEIGHBOURS)]), sender('community'))).toMatchObject({ inserted: 1 });
      const district = await issueUserToken({ user: 'community-district-test', name: '区社区办（测试）', department: 'community', role: 'officer', scope: { kind: 'district', code: '450204' } }, loadConfig({ ...process.env, DATA_DIR: process.env.KC_DATA_DIR }), await testKeys());
      expect(await importFile('residents', residentsCsv('far-away', [resident(farAway, OTHER_SUBDISTRICT)]), withToken(district))).toMatchObject({ inserted: 1 });
    });

    it.each([
      ['grid-worker', () => neighbour, NEIGHBOURS],
      ['community', () => farAway, OTHER_SUBDISTRICT],
    ] as [Account, () => string, string][])('%s importing a resident of another community is refused at 社区代码, the same whether that person is on record or not', async (as, known, community) => {
      const { send, codes } = recorded(sender(as));
      const ownArea = resident(mine(), GRID_WORKERS);
      const onRecord = await refusal(importFile('residents', residentsCsv(`${as}-known`, [ownArea, resident(known(), community)]), send));
      const neverSeen = await refusal(importFile('residents', residentsCsv(`${as}-unknown`, [ownArea, resident(mine(), community)]), send));
      expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(problemsOf(onRecord)).toEqual([{ row: 3, column: '社区代码', message: outsideScope(DEMO_ACCOUNTS[as].scope) }]);
      expect(answer(onRecord)).toEqual(answer(neverSeen));
      expect((await gql('query($id: ID!) { resident(id: $id) { id } }', { id: await keyOf(ownArea[0]) }, { as })).data).toEqual({ resident: null });
    });

    it("a row for the grid worker's own community whose resident is registered in another community is refused at 身份证号 without saying where", async () => {
      const refused = await refusal(importFile('residents', residentsCsv('claim-neighbour', [resident(neighbour, GRID_WORKERS)]), sender('grid-worker')));
      expect(problemsOf(refused)).toEqual([{ row: 2, column: '身份证号', message: recordedOutsideScope(DEMO_ACCOUNTS['grid-worker'].scope) }]);
      for (const revealing of [NEIGHBOURS, '社区代码', '姓名', '居住地址', '不同']) expect(refused.message).not.toContain(revealing);
    });

    it("a resident whose head of household lives in another community joins a household in the row's community, not the head's", async () => {
      const kid = mine();
      expect(await importFile('residents', residentsCsv('head-elsewhere', [resident(kid, GRID_WORKERS, neighbour)]), sender('grid-worker'))).toMatchObject({ inserted: 1 });
      const seen = await ok<{ resident: { community: { code: string } } | null }>('query($id: ID!) { resident(id: $id) { community { code } } }', { id: await keyOf(kid) }, { as: 'grid-worker' });
      expect(seen.resident).toEqual({ community: { code: GRID_WORKERS } });
      // the neighbour's own record is untouched, and the same row in another file changes nothing
      const theirs = await ok<{ resident: { community: { code: string } } | null }>('query($id: ID!) { resident(id: $id) { community { code } } }', { id: await keyOf(neighbour) }, { as: 'community' });
      expect(theirs.resident).toEqual({ community: { code: NEIGHBOURS } });
      expect(await importFile('residents', residentsCsv('head-elsewhere-again', [resident(kid, GRID_WORKERS, neighbour)], '\r\n'), sender('grid-worker'))).toMatchObject({ inserted: 0, unchanged: 1 });
    });
  });
});

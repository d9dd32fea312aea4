/**
 * Excel in: a student-status file (学籍) imported through the gateway in chunks, as xlsx or CSV.
 * All or nothing per file, every bad row named with its column, and importing again changes nothing.
 * This file's children are born in 2014–2015 with sequence numbers 960+, enrolled in September 2025.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { composeResidentId, linkageKey } from '@kongchuo/shared';
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

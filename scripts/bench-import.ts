/**
 * `npm run bench:import -- [--rows 200000] [--postgres] [--csv]`
 *
 * Writes a student-status file (学籍) of N new children with exceljs's streaming writer, starts
 * the real system (demo data, fresh SQLite files or throwaway PostgreSQL databases), and imports
 * the file through the gateway the way `npm run import` does: streamed, in chunks of 1,000 rows,
 * committed as one. Prints rows/s and the peak memory while importing; then imports the same file
 * again (a no-op). A benchmark prints figures; it asserts nothing.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { composeResidentId } from '@kongchuo/shared/domain';
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { importFile, type Send } from '@kongchuo/reports';
import { flag } from './cli';

const ROWS = Number(flag('rows', '200000'));
const CSV = flag('csv', 'false') === 'true';
if (flag('postgres', 'false') === 'true') process.env.TEST_DATABASE = 'postgres';
process.env.LOG_LEVEL ??= 'warn';
const mb = (b: number) => `${Math.round(b / 1048576)} MB`;
const HEADER = ['身份证号', '姓名', '学校标识码', '年级', '班级', '入学日期', '入学方式'];

/** N children born 2013-01-01 … 2019-08-31 (no demo child is), at the two nine-year schools, in the grade for their age. */
function* children(n: number): Generator<string[]> {
  const days = Math.round((Date.parse('2019-08-31') - Date.parse('2013-01-01')) / 86400e3) + 1;
  for (let i = 0; i < n; i++) {
    const day = i % days;
    const seq = Math.floor(i / days);
    const birth = new Date(Date.parse('2013-01-01T00:00:00Z') + day * 86400e3).toISOString().slice(0, 10);
    const grade = Math.min(9, Math.max(1, 2025 - Number(birth.slice(0, 4)) - 6 + (birth.slice(5) <= '08-31' ? 1 : 0)));
    yield [composeResidentId('450204', birth, seq), `导入${i}`, i % 2 ? '2145020409' : '2145020410', String(grade), `${1 + (i % 8)}班`, '2025-09-01', '转入'];
  }
}

async function writeFile(file: string): Promise<void> {
  if (CSV) {
    const out = fs.createWriteStream(file);
    out.write(`\ufeff${HEADER.join(',')}\r\n`);
    for (const r of children(ROWS)) if (!out.write(`${r.join(',')}\r\n`)) await new Promise<void>((ok) => out.once("drain", () => ok()));
    await new Promise<void>((ok) => out.end(() => ok()));
    return;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('学籍');
  sheet.addRow(HEADER).commit();
  for (const r of children(ROWS)) sheet.addRow(r).commit();
  sheet.commit();
  await wb.commit();
}

async function main() {
  const { startSystem } = await import('./system');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-import-'));
  const file = path.join(dir, `students-${ROWS}.${CSV ? 'csv' : 'xlsx'}`);
  let t = Date.now();
  await writeFile(file);
  console.log(`\n学籍 import benchmark — ${process.env.TEST_DATABASE === 'postgres' ? 'PostgreSQL' : 'SQLite'}, Node ${process.version}`);
  console.log(`file: ${ROWS.toLocaleString()} rows, ${mb(fs.statSync(file).size)} ${CSV ? 'CSV' : 'xlsx'} (written in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  const system = await startSystem({ demo: true });
  try {
    const token = await issueUserToken(DEMO_ACCOUNTS['edu-admin'], system.config, system.keys, 3600);
    const send: Send = async (query, variables) => {
      const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as Awaited<ReturnType<Send>>;
    };
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let heapPeak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
    }, 100);
    t = Date.now();
    const batch = await importFile('students', file, send);
    const ms = Date.now() - t;
    clearInterval(sampler);
    console.log(`import: ${batch.inserted.toLocaleString()} new students in ${(ms / 1000).toFixed(1)} s = ${Math.round(batch.inserted / (ms / 1000)).toLocaleString()} rows/s`);
    console.log(`memory: RSS ${mb(baseline)} before, peak ${mb(peak)} while importing (+${mb(peak - baseline)}); JS heap peak ${mb(heapPeak)} under a ${mb(v8.getHeapStatistics().heap_size_limit)} cap`);
    console.log('        (the whole system and the importer share this process; RSS above the heap is SQLite/PostgreSQL client memory for the one open transaction)');
    t = Date.now();
    const again = await importFile('students', file, send);
    console.log(`the same file again: ${again.alreadyImported ? 'recognised, nothing changed' : `inserted ${again.inserted}`} in ${Date.now() - t} ms\n`);
  } finally {
    await system.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});

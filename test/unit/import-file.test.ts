import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRows } from '@kongchuo/reports';
import ExcelJS from 'exceljs';

/**
 * Reading import files as streams. exceljs's own streaming reader splits a Chinese character
 * whose bytes straddle two zip chunks (exceljs#2084); ours must not.
 */
describe('reading import files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-read-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads every Chinese character of a large xlsx intact, across chunk boundaries', async () => {
    const file = path.join(dir, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    const sheet = wb.addWorksheet('学籍');
    sheet.addRow(['身份证号', '姓名', '班级', '入学方式']).commit();
    for (let i = 0; i < 6000; i++) sheet.addRow([`45020420130101${String(i).padStart(4, '0')}`, `导入测试${i}`, `${1 + (i % 8)}班`, '转入']).commit();
    sheet.commit();
    await wb.commit();
    let rows = 0;
    for await (const r of readRows(file)) {
      rows += 1;
      if (r.row === 1) expect(r.cells).toEqual(['身份证号', '姓名', '班级', '入学方式']);
      else expect(r.cells.slice(1)).toEqual([`导入测试${r.row - 2}`, `${1 + ((r.row - 2) % 8)}班`, '转入']);
    }
    expect(rows).toBe(6001);
  });

  it('reads a CSV with a byte-order mark, quotes and CRLF', async () => {
    const file = path.join(dir, 'x.csv');
    fs.writeFileSync(file, '\ufeff身份证号,姓名\r\n"450204201301010005","张三,丰"\r\n\r\n450204201301020001,李四\r\n');
    const rows = [];
    for await (const r of readRows(file)) rows.push(r);
    expect(rows).toEqual([
      { row: 1, cells: ['身份证号', '姓名'] }, { row: 2, cells: ['450204201301010005', '张三,丰'] }, { row: 3, cells: ['450204201301020001', '李四'] },
    ]);
  });
});

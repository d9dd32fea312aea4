/**
 * Reading an import file as a stream (xlsx with exceljs's streaming reader, CSV with csv-parse)
 * and sending it to the owning department in chunks: the file is never held in memory whole.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import './exceljs-utf8';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';

export const IMPORT_KINDS = {
  students: { mutation: 'importStudents', query: 'studentImport', label: '学籍', department: 'education' },
  hukou: { mutation: 'importHukou', query: 'hukouImport', label: '户籍名单', department: 'public_security' },
  poverty: { mutation: 'importPoverty', query: 'povertyImport', label: '建档立卡贫困户名单', department: 'civil_affairs' },
  residents: { mutation: 'importResidents', query: 'residentImport', label: '社区居民名单', department: 'community' },
} as const;
export type ImportKind = keyof typeof IMPORT_KINDS;

export interface ImportBatchResult {
  id: string;
  status: string;
  rowsStaged: number;
  inserted: number;
  unchanged: number;
  problemCount: number;
  alreadyImported: boolean;
}

export interface ImportProblemOut {
  row: number;
  column: string;
  message: string;
}

/** The whole file refused: every bad row with its column (nothing was written). */
export class ImportRejected extends Error {
  constructor(message: string, readonly problems: ImportProblemOut[], readonly problemCount: number) {
    super(message);
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/** The rows of the first sheet of an .xlsx, or of a .csv (UTF-8, BOM allowed); row 1 is the header. */
export async function* readRows(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<{ row: number; cells: string[] }> {
  if (/\.csv$/i.test(file)) {
    const input = fs.createReadStream(file);
    if (onBytes) input.on('data', (c) => onBytes(c.length));
    let row = 0;
    for await (const record of input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }))) {
      row += 1;
      yield { row, cells: (record as string[]).map((c) => c.trim()) };
    }
    return;
  }
  const input = fs.createReadStream(file);
  if (onBytes) input.on('data', (c) => onBytes(c.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (values.some((v) => v !== '')) yield { row: row.number, cells: values };
    }
    break; // the first sheet only
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type Send = (mutation: string, input: Record<string, unknown>) => Promise<{
  data?: Record<string, ImportBatchResult> | null;
  errors?: { message: string; extensions?: { code?: string; problems?: ImportProblemOut[]; problemCount?: number } }[];
}>;

/**
 * Streams a file to its department: the header and the first rows open the import, the rest
 * follow in chunks, the last one commits. Returns the committed batch, or throws ImportRejected
 * with every bad row, or an Error with the service's message.
 */
export async function importFile(kind: ImportKind, file: string, send: Send, opts: { chunk?: number; onRows?: (rows: number) => void; onBytes?: (bytes: number) => void } = {}): Promise<ImportBatchResult> {
  const spec = IMPORT_KINDS[kind];
  const size = opts.chunk ?? 1000;
  const fields = 'id status rowsStaged inserted unchanged problemCount alreadyImported';
  const call = async (input: Record<string, unknown>) => {
    const r = await send(`mutation($input: ImportChunkInput!) { b: ${spec.mutation}(input: $input) { ${fields} } }`, { input });
    const e = r.errors?.[0];
    if (e?.extensions?.problems) throw new ImportRejected(e.message, e.extensions.problems, e.extensions.problemCount ?? e.extensions.problems.length);
    if (e || !r.data) throw new Error(e ? `${e.extensions?.code ?? ''} ${e.message}` : 'no answer');
    return r.data.b;
  };
  const sha256 = await sha256Of(file);
  let header: string[] | null = null;
  let batch: ImportBatchResult | null = null;
  let pending: { row: number; cells: string[] }[] = [];
  let sent = 0;
  const flush = async (commit: boolean) => {
    const input = batch
      ? { batchId: batch.id, rows: pending, commit }
      : { fileName: file.split('/').pop(), sha256, header, rows: pending, commit };
    batch = await call(input);
    sent += pending.length;
    pending = [];
    opts.onRows?.(sent);
  };
  for await (const r of readRows(file, opts.onBytes)) {
    if (!header) {
      header = r.cells;
      continue;
    }
    pending.push(r);
    if (pending.length >= size) {
      await flush(false);
      if (batch!.alreadyImported) return batch!;
    }
  }
  if (!header) throw new Error('the file is empty');
  await flush(true);
  return batch!;
}

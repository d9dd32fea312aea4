/**
 * A report is tables of columns. Each column names the field of the permission matrix it shows
 * (`Student.idNumber`) and the GraphQL selection that fetches it: the query is assembled from the
 * columns the caller's department may see, so a denied column is never asked for, never in the
 * file; masked ones arrive masked from the department that owns them.
 */
import './exceljs-utf8';
import ExcelJS from 'exceljs';
import { type Identity } from '@kongchuo/shared/identity';
import { accessFor, ruleFor } from '@kongchuo/shared/policy';

export interface Column<Row> {
  header: string;
  /** `Type.field` in the permission matrix; columns without one are not personal data */
  field?: string;
  /** the selection under the row, e.g. `student { idNumber }` */
  select: string;
  value: (row: Row) => unknown;
  width?: number;
  /** numbers are summed in the totals row */
  total?: boolean;
}

export function visibleColumns<Row>(columns: Column<Row>[], identity: Identity): Column<Row>[] {
  return columns.filter((c) => {
    const rule = c.field ? ruleFor(c.field) : undefined;
    return !rule || accessFor(rule, identity.department, identity.role) !== 'deny';
  });
}

export const selectionOf = (columns: Column<unknown>[]) => [...new Set(columns.map((c) => c.select))].join(' ');

/**
 * A report's documents are fixed at build time (trusted documents), whoever asks: every column is
 * in them, and a column that shows a field of the matrix is asked for only if the caller may see it,
 * `... @include(if: $Student_idNumber) { student { idNumber } }`, its variable set from visibleColumns.
 */
const includeVariable = (field: string) => field.replace(/\./g, '_');

/** The selection of every column, those governed by a field under `@include` of that field's variable. */
export function conditionalSelectionOf<Row>(columns: Column<Row>[]): string {
  return [...new Set(columns.map((c) => (c.field && c.select ? `... @include(if: $${includeVariable(c.field)}) { ${c.select} }` : c.select)))].filter(Boolean).join(' ');
}

/** An operation's variable definitions: `fixed` and those conditionalSelectionOf needs, e.g. `($id: ID!, $Student_idNumber: Boolean!)`. */
export function variableDefinitionsOf<Row>(fixed: string[], columns: Column<Row>[]): string {
  const all = [...fixed, ...new Set(columns.flatMap((c) => (c.field ? [`$${includeVariable(c.field)}: Boolean!`] : [])))];
  return all.length ? `(${all.join(', ')})` : '';
}

/** The include variables for one caller: true for the fields among `visible`. */
export function includeVariablesFor<Row>(columns: Column<Row>[], visible: Column<Row>[]): Record<string, boolean> {
  const shown = new Set(visible.map((c) => c.field));
  return Object.fromEntries(columns.flatMap((c) => (c.field ? [[includeVariable(c.field), shown.has(c.field)]] : [])));
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

/** Writes one sheet: a title line, the header, the rows and, if any column totals, a 合计 row. */
export function addTable<Row>(workbook: ExcelJS.Workbook, name: string, title: string, columns: Column<Row>[], rows: Row[], opts: { totals?: (rows: Row[]) => Record<string, unknown> } = {}): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ key: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  sheet.mergeCells(1, 1, 1, Math.max(1, columns.length));
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const header = sheet.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  for (const row of rows) sheet.addRow(columns.map((c) => normalise(c.value(row))));
  if (columns.some((c) => c.total)) {
    const extra = opts.totals?.(rows) ?? {};
    const totals = columns.map((c, i) => {
      if (i === 0) return '合计';
      if (c.header in extra) return normalise(extra[c.header]);
      if (!c.total) return null;
      return rows.reduce((s, r) => s + (Number(c.value(r)) || 0), 0);
    });
    const last = sheet.addRow(totals);
    last.font = { bold: true };
  }
  return sheet;
}

/** Field/value pairs (a child's particulars) as a two-column sheet. */
export function addPairs(workbook: ExcelJS.Workbook, name: string, title: string, pairs: [string, unknown][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 22 }, { width: 60 }];
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  pairs.forEach(([k, v], i) => {
    sheet.getCell(i + 2, 1).value = k;
    sheet.getCell(i + 2, 1).font = { bold: true };
    sheet.getCell(i + 2, 2).value = normalise(v) as ExcelJS.CellValue;
  });
  return sheet;
}

function normalise(v: unknown): ExcelJS.CellValue {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return typeof v === 'boolean' ? (v ? '是' : '否') : v;
  if (Array.isArray(v)) return v.map((x) => String(x)).join('、');
  return String(v);
}

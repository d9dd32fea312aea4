/** Reading the cells of a row as the offices fill them in. */
import { createHash } from 'node:crypto';
import { parseResidentId, type ResidentIdFacts, isKnownRegion } from '../domain';

/** A stable UUID for a record first created by an import (e.g. a household keyed by its head's linkage key). */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 是/否 cells: true, false, or undefined for anything else. */
export function yesNo(value: string | undefined): boolean | undefined {
  const v = (value ?? '').trim();
  if (['是', 'Y', 'y', '1', 'TRUE', 'true'].includes(v)) return true;
  if (['否', 'N', 'n', '0', 'FALSE', 'false', ''].includes(v)) return false;
  return undefined;
}

/** Reads one row's cells, noting a problem (with its column) for each bad one. */
export class CellReader {
  readonly problems: { column: string; message: string }[] = [];

  constructor(private readonly cells: Record<string, string>) {}

  problem(column: string, message: string): void {
    this.problems.push({ column, message });
  }

  /** a required text of at most `max` characters (or `fallback` when empty) */
  text(column: string, max: number, fallback = ''): string {
    const v = this.cells[column] || fallback;
    if (!v || v.length > max) this.problem(column, v ? `超过 ${max} 个字` : '不能为空');
    return v;
  }

  /** a resident ID number with a valid check digit (GB 11643) */
  residentId(column: string): ResidentIdFacts | undefined {
    const parsed = parseResidentId(this.cells[column] ?? '');
    if (!parsed.ok) this.problem(column, `不是有效的居民身份证号码（${parsed.reason}）`);
    return parsed.ok ? parsed.facts : undefined;
  }

  /** a GB/T 2260 region code */
  region(column: string): string {
    const v = this.cells[column] ?? '';
    if (!isKnownRegion(v)) this.problem(column, `${v || '（空）'} 不是 GB/T 2260 行政区划代码`);
    return v;
  }

  /** a cell that must match a pattern */
  matching(column: string, pattern: RegExp, message: string): string {
    const v = this.cells[column] ?? '';
    if (!pattern.test(v)) this.problem(column, message);
    return v;
  }

  get(column: string): string {
    return this.cells[column] ?? '';
  }
}

/**
 * Households named by their head (poverty and resident lists): the head's existing household, or
 * a new one with a stable id derived from the head; returns each head's household and the rows
 * whose household must be created (one row per new household).
 */
export function householdsByHead<R extends { headId: string }>(rows: R[], existing: Map<string, string>, kind: string): { householdOf: Map<string, string>; create: R[] } {
  const householdOf = new Map(existing);
  const create: R[] = [];
  for (const r of rows) {
    if (householdOf.has(r.headId)) continue;
    householdOf.set(r.headId, stableUuid(kind, r.headId));
    create.push(r);
  }
  return { householdOf, create };
}

/**
 * 按姓名查找: the one rule every department's search by name follows. A name is matched from its
 * beginning (`张` finds 张三 and 张小红, `张小` only 张小红), on a `(name, id)` index, in code-point
 * order — the order of SQLite's default collation and of PostgreSQL's `C` / `C.UTF-8` collations,
 * which the department databases use (docs/operations.md, "Databases"). The `LIKE` beside the range
 * makes a row outside the prefix impossible under any collation.
 */
import { badInput } from './errors';
import { decodeTupleCursor, tupleKey } from './pagination';

/** The longest name any register keeps. */
const MAX_NAME = 50;

/** A name to search by: trimmed and NFC-normalised, 1–50 characters; `undefined` when not given. */
export function searchName(value: string | null | undefined, field: string): string | undefined {
  if (value == null) return undefined;
  const v = value.normalize('NFC').trim();
  if (!v) throw badInput(field, `${field}: type at least one character of the name`);
  if ([...v].length > MAX_NAME) throw badInput(field, `${field}: a name is at most ${MAX_NAME} characters`);
  if (/[%_\\]/.test(v)) throw badInput(field, `${field}: a name has no %, _ or \\`);
  return v;
}

/** The smallest string after every string that starts with `prefix` (its last code point + 1). */
export function prefixSuccessor(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!.codePointAt(0)!;
  return chars.join('') + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
}

/** A MikroORM condition on a column: its value starts with `prefix` (indexed range, exact LIKE). */
export function startsWith(prefix: string): { $gte: string; $lt: string; $like: string } {
  return { $gte: prefix, $lt: prefixSuccessor(prefix), $like: `${prefix}%` };
}

/** A row's sort key in `(name, id)` order (for `toPage`). */
export const nameKey = (row: { name: string; id: string }) => tupleKey([row.name, row.id]);

/** The `(name, id)` of a name-ordered page's cursor; BAD_USER_INPUT naming `field` for anything else. */
export function decodeNameCursor(cursor: string | null | undefined, field = 'after'): [string, string] | undefined {
  return decodeTupleCursor(cursor, 2, field, 'a search by name') as [string, string] | undefined;
}

/** The rows after a name-ordered cursor: `(name, id) > (afterName, afterId)`. */
export function afterName(cursor: [string, string] | undefined): Record<string, unknown>[] {
  if (!cursor) return [];
  const [name, id] = cursor;
  return [{ $or: [{ name: { $gt: name } }, { name, id: { $gt: id } }] }];
}

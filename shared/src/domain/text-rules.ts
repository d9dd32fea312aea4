/**
 * The one rule for text a caller writes (names, addresses, notes, import cells): every string in
 * a mutation's arguments, at any depth, is normalised to Unicode NFC (so `覃` typed two ways is one
 * name) and refused — BAD_USER_INPUT naming where it is, `input.rows.3.cells.1` — if it holds a
 * control character (a NUL became a database error), a bidirectional override or isolate (which
 * make a name read differently on screen and in a ledger), or an invisible zero-width character
 * (which makes two records of one child look like one name), or is longer than `MAX_TEXT`.
 * Tab and line breaks stay allowed (notes have paragraphs). Each field's own limits (a name's 50
 * characters) are checked after this by the resolver.
 */
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { badInput } from '../core';

/**
 * C0 controls but tab, LF and CR; DEL and C1; the soft hyphen and Mongolian vowel separator
 * (invisible); zero-width and bidi marks; the Unicode line and paragraph separators (line breaks
 * that Excel, CSV and JavaScript treat apart from LF); embeddings, overrides and isolates; BOM;
 * interlinear annotation
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/u;
/** the longest string any argument may be (a letter's body is the longest real text) */
export const MAX_TEXT = 10_000;

const describe = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** One string by the rule: NFC, or BAD_USER_INPUT naming `path`. */
export function cleanText(value: string, path: string): string {
  const bad = FORBIDDEN.exec(value);
  if (bad) throw badInput(path, `${path}: must not contain control, bidirectional or zero-width characters (${describe(bad[0])} at ${bad.index + 1})`);
  const v = value.normalize('NFC');
  if (v.length > MAX_TEXT) throw badInput(path, `${path}: at most ${MAX_TEXT} characters`);
  return v;
}

/** A copy of `value` with every string in it by the rule (arrays and input objects walked). */
export function cleanArguments(value: unknown, path: string): unknown {
  if (typeof value === 'string') return cleanText(value, path);
  if (Array.isArray(value)) return value.map((v, i) => cleanArguments(v, `${path}.${i}`));
  const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, cleanArguments(v, path ? `${path}.${k}` : k)]));
  }
  return value;
}

/** Every mutation of the schema takes its arguments through `cleanArguments` before it runs. */
export function applyTextRules(schema: GraphQLSchema): GraphQLSchema {
  const root = schema.getMutationType();
  if (!root || !isObjectType(root)) return schema;
  for (const field of Object.values(root.getFields())) {
    const original: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, ctx, info) => original(source, cleanArguments(args, '') as Record<string, unknown>, ctx, info);
  }
  return schema;
}

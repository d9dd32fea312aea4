import { Field, Int, ObjectType, Directive } from 'type-graphql';
import { badInput } from './errors';

/** Relay-style page information, shared by every subgraph's connections. */
@Directive('@shareable')
@ObjectType({ description: '分页信息' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

const PREFIX = 'kc1:';

/** Opaque cursors: the sort key of the last row, base64url-wrapped. */
export const encodeCursor = (key: string) => Buffer.from(PREFIX + key, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | null | undefined, field = 'after'): string | undefined {
  if (cursor == null) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length) throw badInput(field, `${field}: not a cursor this service issued`);
  return text.slice(PREFIX.length);
}

/** The sort key of a row in an order of several columns, as a cursor's text: `tupleKey([name, id])`. */
export const tupleKey = (values: readonly string[]) => JSON.stringify(values);

/** The `length` sort keys of a cursor `tupleKey` made; BAD_USER_INPUT naming `field` for any other cursor. */
export function decodeTupleCursor(cursor: string | null | undefined, length: number, field: string, of: string): string[] | undefined {
  const text = decodeCursor(cursor, field);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // falls through
  }
  throw badInput(field, `${field}: not a cursor of ${of}`);
}

export const MAX_PAGE_SIZE = 500;
/** a page when `first` is not given */
export const DEFAULT_PAGE_SIZE = 50;

export function pageSize(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE, max = MAX_PAGE_SIZE): number {
  if (first == null) return fallback;
  if (!Number.isInteger(first) || first < 0 || first > max) throw badInput('first', `first: must be between 0 and ${max}`);
  return first;
}

/** Cuts a fetched `limit + 1` rows into a page and its PageInfo. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(keyOf(last)) : null } };
}

/** `XConnection { totalCount nodes pageInfo }` for any node type (type-graphql generic type). */
export function ConnectionType<T extends object>(nodeType: new (...args: never[]) => T) {
  @ObjectType()
  abstract class Connection {
    @Field(() => Int, { description: '符合条件的总数（按调用者可见范围）' })
    totalCount: number;

    @Field(() => [nodeType])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return Connection;
}

/**
 * Page size for batch work (the cross-department check pages through a city's children): service
 * accounts may ask for up to 5,000 rows a page, people for the usual 500.
 */
export const BULK_PAGE_SIZE = 5000;
export function pageSizeFor(role: string, first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  return pageSize(first, fallback, role === 'service' ? BULK_PAGE_SIZE : MAX_PAGE_SIZE);
}

/**
 * A page whose `totalCount` is counted only if the client asks for it: a batch job paging through
 * a city's children with `nodes` alone must not recount the whole set on every page.
 */
export function pageWithLazyCount<T>(count: () => Promise<number>, page: { nodes: T[]; pageInfo: PageInfo }): { totalCount: number; nodes: T[]; pageInfo: PageInfo } {
  let counted: Promise<number> | undefined;
  return {
    ...page,
    get totalCount(): number {
      counted ??= count();
      return counted as unknown as number; // GraphQL resolves the promise
    },
  };
}

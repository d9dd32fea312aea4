/** The public GraphQL API, as the signed-in user: the dashboard uses nothing else. */
export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string; field?: string; problems?: { field: string; message: string }[] };
}
export interface GqlResult<T> {
  data: T | null;
  errors: GqlError[];
}

export interface Identity {
  user: string;
  name: string;
  department: 'education' | 'public_security' | 'civil_affairs' | 'community' | 'joint_meeting';
  role: string;
  scope: { kind: string; code: string };
}

import { accessToken, tokenRefused } from './auth';
import type { TypedDocumentString } from './gql/graphql';

/**
 * A registered document (src/gql, generated at build time from the `graphql(...)` calls, typed
 * from the schema): the dashboard sends only its id, the SHA-256 of its text, which the gateway
 * looks up among the trusted documents it was built with. Its result and variables are the types
 * graphql-codegen wrote from the schema, so a schema change that breaks a page fails the build.
 */
export type Document<R, V> = TypedDocumentString<R, V>;

export async function gql<R, V>(document: Document<R, V>, variables: V): Promise<GqlResult<R>> {
  try {
    const documentId = document.__meta__?.hash;
    if (typeof documentId !== 'string') throw new Error('this document was not registered at build time');
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken() ?? ''}` },
      body: JSON.stringify({ documentId, variables }),
    });
    const body = (await res.json()) as { data?: R | null; errors?: GqlError[] };
    if (res.status === 401) tokenRefused();
    return { data: body.data ?? null, errors: body.errors ?? [] };
  } catch (e) {
    return { data: null, errors: [{ message: (e as Error).message, extensions: { code: 'NETWORK' } }] };
  }
}

/** The errors of a form's mutation, by the input field each names (`extensions.field`, `input.` dropped); the rest under ''. */
export function fieldErrors(errors: GqlError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const field = (e.extensions?.field ?? '').replace(/^input\./, '');
    out[field] = out[field] ? `${out[field]}；${e.message}` : e.message;
  }
  return out;
}

/** A version conflict: someone else changed the record since it was read. */
export const isConflict = (errors: GqlError[]) => errors.some((e) => e.extensions?.code === 'CONFLICT');

export type SectionState = 'ok' | 'forbidden' | 'unavailable' | 'error';

/** What the errors say about one part of an answer (errors whose path starts with `prefix`). */
export function stateOf(errors: GqlError[], ...prefix: (string | number)[]): { state: SectionState; message?: string } {
  const hit = errors.find((e) => prefix.every((p, i) => e.path?.[i] === p) || (!e.path && prefix.length === 0));
  if (!hit) return { state: 'ok' };
  const code = hit.extensions?.code;
  if (code === 'FORBIDDEN') return { state: 'forbidden', message: hit.message };
  if (code === 'SERVICE_UNAVAILABLE') return { state: 'unavailable', message: hit.extensions?.serviceName };
  return { state: 'error', message: hit.message };
}

/** A department's service that did not answer (SERVICE_UNAVAILABLE naming it), wherever in the answer. */
export function serviceDown(errors: GqlError[], serviceName: string): boolean {
  return errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && e.extensions.serviceName === serviceName);
}

/** stateOf, but a section whose department is down is `unavailable` even when the error has no path. */
export function sectionStateOf(errors: GqlError[], serviceName: string, ...prefix: (string | number)[]): { state: SectionState; message?: string } {
  if (serviceDown(errors, serviceName)) return { state: 'unavailable', message: serviceName };
  return stateOf(errors, ...prefix);
}

/** Downloads a report (`/exports/<report>`) as the signed-in user, under their permissions. */
export async function downloadReport(report: string, params: Record<string, string>): Promise<string | null> {
  const res = await fetch(`/exports/${report}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${accessToken() ?? ''}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { errors?: { message: string }[] };
    return body.errors?.[0]?.message ?? `HTTP ${res.status}`;
  }
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${report}.xlsx`);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

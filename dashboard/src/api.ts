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

/**
 * A registered document (src/gql, generated at build time from the `graphql(...)` calls): the
 * dashboard sends only its id, the SHA-256 of its text, which the gateway looks up among the
 * trusted documents it was built with.
 */
export interface RegisteredDocument {
  __meta__?: Record<string, unknown>;
}

export async function gql<T>(document: RegisteredDocument, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
  try {
    const documentId = document.__meta__?.hash;
    if (typeof documentId !== 'string') throw new Error('this document was not registered at build time');
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken() ?? ''}` },
      body: JSON.stringify({ documentId, variables }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: GqlError[] };
    if (res.status === 401) tokenRefused();
    return { data: body.data ?? null, errors: body.errors ?? [] };
  } catch (e) {
    return { data: null, errors: [{ message: (e as Error).message, extensions: { code: 'NETWORK' } }] };
  }
}

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

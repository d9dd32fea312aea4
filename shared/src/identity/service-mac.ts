/**
 * Department-to-department calls (row-scope membership, audit checkpoints) go service to service,
 * never through the gateway. Each question and each answer carries an HMAC of its exact body under
 * a key derived from the linkage secret every department holds — one key per purpose — and a
 * question is bound to its time and a nonce, so nobody but a department can ask or answer, and an
 * old question cannot be replayed.
 */
import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** The header carrying the MAC of a service-to-service body (its name predates the other purposes). */
export const SERVICE_MAC_HEADER = 'x-kongchuo-scope-mac';
/** How old a question may be when it arrives. */
export const SERVICE_CALL_MAX_AGE_MS = 30_000;

/** The MAC key of one purpose (e.g. `row-scope membership v1`), derived from the linkage secret. */
export const serviceKey = (secret: string, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', secret, 'kongchuo', purpose, 32));
export const serviceMac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('base64url');
export const sameMac = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What a service endpoint answers: the HTTP status and body, and the MAC of that body. */
export interface ServiceAnswer {
  status: number;
  body: string;
  mac?: string;
}

/** A question as it travels: the asker's fields, with its time and nonce. */
export type Sent<Q> = Q & { at: number; nonce: string };

/**
 * The answering side of a service-to-service call: a body whose MAC does not verify is 401 with
 * no MAC; one that is not JSON, too old or seen before is refused; anything else goes to `handle`.
 * Every answer but the first kind carries its MAC, and the question's nonce when it had one.
 */
export function serviceEndpoint<Q extends object>(key: Buffer, handle: (q: Sent<Q>) => Promise<{ status: number; body: object }>, remember = 10_000) {
  const seen = new LRUCache<string, true>({ max: remember, ttl: SERVICE_CALL_MAX_AGE_MS * 2 });
  const answer = (status: number, body: object): ServiceAnswer => {
    const text = JSON.stringify(body);
    return { status, body: text, mac: serviceMac(key, text) };
  };
  return async (raw: Buffer | undefined, header: string | undefined): Promise<ServiceAnswer> => {
    const text = raw?.toString('utf8') ?? '';
    if (!header || !sameMac(header, serviceMac(key, text))) return { status: 401, body: JSON.stringify({ error: 'not signed by a department' }) };
    let q: Sent<Q>;
    try {
      q = JSON.parse(text) as Sent<Q>;
    } catch {
      return answer(400, { error: 'not JSON' });
    }
    if (!q || typeof q !== 'object') return answer(400, { error: 'not a question' });
    if (typeof q.at !== 'number' || Math.abs(Date.now() - q.at) > SERVICE_CALL_MAX_AGE_MS || typeof q.nonce !== 'string' || seen.has(q.nonce)) {
      return answer(401, { nonce: q.nonce, error: 'stale or replayed' });
    }
    seen.set(q.nonce, true);
    const { status, body } = await handle(q);
    return answer(status, { nonce: q.nonce, ...body });
  };
}

/**
 * The asking side: sends `question` (with a fresh time and nonce) to `url`, and resolves with the
 * answer's status and body once its MAC verifies and it names this question's nonce; throws
 * otherwise (the callers say which department failed them, and how).
 */
export async function callService<A extends object>(url: URL, key: Buffer, question: object, timeoutMs = 5000): Promise<{ status: number; answer: A & { error?: string } }> {
  const sent = { ...question, at: Date.now(), nonce: randomUUID() };
  const body = JSON.stringify(sent);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [SERVICE_MAC_HEADER]: serviceMac(key, body) }, body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!sameMac(res.headers.get(SERVICE_MAC_HEADER) ?? '', serviceMac(key, text))) throw new Error(`the answer is not a department's (HTTP ${res.status})`);
  const answer = JSON.parse(text) as A & { nonce?: string; error?: string };
  if (answer.nonce !== sent.nonce) throw new Error('the answer is to another question');
  return { status: res.status, answer };
}

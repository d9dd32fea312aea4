/**
 * Department-to-department calls (row-scope membership, audit checkpoints) go service to service,
 * never through the gateway. Each question and each answer carries an HMAC of its exact body under
 * a key derived from the linkage secret every department holds — one key per purpose — and a
 * question is bound to its time and a nonce, so nobody but a department can ask or answer, and an
 * old question cannot be replayed.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The header carrying the MAC of a service-to-service body (its name predates the other purposes). */
export const SERVICE_MAC_HEADER = 'x-kongchuo-scope-mac';
/** How old a question may be when it arrives. */
export const SERVICE_CALL_MAX_AGE_MS = 30_000;

/** The MAC key of one purpose (e.g. `row-scope membership v1`), derived from the linkage secret. */
export const serviceKey = (secret: string, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', secret, 'kongchuo', purpose, 32));
export const serviceMac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('base64url');
export const sameMac = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

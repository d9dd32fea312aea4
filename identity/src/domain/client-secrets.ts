/**
 * A service account's client secret is never stored: it is HMAC-SHA-256 of the client id and the
 * secret's version under the provider's client-secret key, shown once when made or renewed. A new
 * version makes the old secret stop working; the key never leaves the provider's database.
 */
import { createHmac } from 'node:crypto';

export const clientSecret = (key: string, clientId: string, version: number) =>
  createHmac('sha256', key).update(`${clientId}\n${version}`).digest('base64url');

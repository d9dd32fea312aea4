/**
 * The provider's keys (entities/provider-key.ts): made on first start, in the provider's own
 * database. Signing keys are ES256; the newest signs, and up to two before it stay published so
 * tokens signed before a rotation verify until they expire. The gateway fetches the JWKS and
 * refetches it when a token names a key it has not seen: a rotation needs no gateway restart.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { USER_TOKEN_ALG } from '@kongchuo/shared/identity';
import { ProviderKey } from './entities';

const PUBLISHED_SIGNING_KEYS = 3;

export interface ProviderKeys {
  /** private JWKs, newest (the signing one) first */
  signing: (JWK & { kid: string; alg: string; use: 'sig' })[];
  cookies: string[];
  clientSecretKey: string;
}

async function newSigningKey(): Promise<ProviderKey> {
  const { privateKey } = await generateKeyPair(USER_TOKEN_ALG, { extractable: true });
  const kid = `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  return Object.assign(new ProviderKey(), { kid, use: 'signing', secret: JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: USER_TOKEN_ALG, use: 'sig' }) });
}

const randomKey = (use: 'cookie' | 'client-secret') =>
  Object.assign(new ProviderKey(), { kid: `${use}-${randomUUID()}`, use, secret: randomBytes(32).toString('base64url') });

export async function loadProviderKeys(orm: MikroORM): Promise<ProviderKeys> {
  const em = orm.em.fork();
  for (const use of ['signing', 'cookie', 'client-secret'] as const) {
    if (!(await em.count(ProviderKey, { use, retiredAt: null }))) em.persist(use === 'signing' ? await newSigningKey() : randomKey(use));
  }
  await em.flush();
  const rows = await em.find(ProviderKey, { retiredAt: null }, { orderBy: { createdAt: 'desc', kid: 'desc' } });
  return {
    signing: rows.filter((r) => r.use === 'signing').slice(0, PUBLISHED_SIGNING_KEYS).map((r) => JSON.parse(r.secret)),
    cookies: rows.filter((r) => r.use === 'cookie').map((r) => r.secret),
    clientSecretKey: rows.find((r) => r.use === 'client-secret')!.secret,
  };
}

/** A new signing key (it signs from the provider's next start); keys beyond the published three are retired. Returns the new kid. */
export async function rotateSigningKey(orm: MikroORM): Promise<string> {
  const em = orm.em.fork();
  const key = await newSigningKey();
  key.createdAt = new Date(Date.now() + 1); // sorts after a key made in the same millisecond
  await em.persistAndFlush(key);
  const rows = await em.find(ProviderKey, { use: 'signing', retiredAt: null }, { orderBy: { createdAt: 'desc', kid: 'desc' } });
  for (const old of rows.slice(PUBLISHED_SIGNING_KEYS)) old.retiredAt = new Date();
  await em.flush();
  return key.kid;
}

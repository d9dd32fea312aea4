/**
 * Passwords, kept only as scrypt hashes (RFC 7914, node:crypto): memory-hard, 64 MiB and about a
 * tenth of a second per check here, so a stolen table costs an attacker that much per guess and
 * account. The stored form names its parameters (`scrypt$N$r$p$salt$hash`), so they can be raised
 * later and old hashes still check.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));

export const SCRYPT = { N: 2 ** 16, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/** scrypt needs 128·N·r bytes; node's default ceiling (32 MiB) is below that at N = 2^16 */
const maxmem = (N: number, r: number) => 128 * N * r + 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is not good enough, or undefined. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > 200) return '密码最多 200 个字符';
  if (new Set(password).size < 5) return '密码中不同的字符太少';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return undefined;
}

export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: maxmem(params.N, params.r) });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`; a malformed hash matches nothing. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { ...params, maxmem: maxmem(params.N, params.r) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no password matches, with the same cost: an unknown user's sign-in takes as long as a known one's. */
export const UNMATCHABLE_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

/** A password for a new or reset account, given once to the administrator: 16 characters from 32. */
export function generatedPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY23456789';
  return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

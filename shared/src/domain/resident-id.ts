/**
 * GB 11643-1999 citizen identification numbers (居民身份证号码):
 * 6-digit address code (GB/T 2260) + 8-digit birth date + 3-digit sequence + check character.
 * The sequence's last digit is odd for men, even for women. The check character is
 * ISO 7064 MOD 11-2 over the first 17 digits ("X" stands for 10).
 */
import { isKnownProvince, regionName } from './regions';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Trims, removes inner spaces and upper-cases a trailing x; does not validate. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').replace(/x$/, 'X');
}

export interface ResidentIdFacts {
  idNumber: string;
  regionCode: string;
  regionName: string | null;
  birthDate: string; // YYYY-MM-DD
  gender: 'MALE' | 'FEMALE';
}

export type ResidentIdResult = { ok: true; facts: ResidentIdFacts } | { ok: false; reason: string };

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validates an 18-character resident ID number: shape, province of the address code,
 * a real birth date not in the future and not before 1900, and the check character.
 * `today` is injectable so that tests and demo data are reproducible.
 */
export function parseResidentId(raw: string, today: Date = new Date()): ResidentIdResult {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'must be 17 digits followed by a digit or X' };
  const regionCode = id.slice(0, 6);
  if (!isKnownProvince(regionCode)) return { ok: false, reason: `address code ${regionCode} is not a GB/T 2260 region` };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isRealDate(y, m, d) || y < 1900) return { ok: false, reason: 'birth date is not a real date' };
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getTime() > today.getTime()) return { ok: false, reason: 'birth date is in the future' };
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'check digit does not match' };
  return {
    ok: true,
    facts: {
      idNumber: id,
      regionCode,
      regionName: regionName(regionCode),
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    },
  };
}

/** Builds a valid ID number from its parts (demo data and tests). */
export function composeResidentId(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = regionCode + birthDate.replace(/-/g, '') + String(sequence).padStart(3, '0');
  if (!/^\d{17}$/.test(first17)) throw new Error('composeResidentId: bad parts');
  return first17 + checkCharacter(first17);
}

/** `450204********1234`: region code and last four kept, the birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  if (id.length !== 18) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** Full age in years on a date (YYYY-MM-DD strings). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

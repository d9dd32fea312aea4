/** What a production secret must be (shared/src/server/production.ts refuses the others; keys.ts checks the linkage secret). */

/** At least this many characters in a production secret (`npm run -s keys` makes 43: 32 random bytes, base64url). */
export const MIN_SECRET_LENGTH = 32;
/** At least this many different characters in it (32 random base64url characters have about 25). */
const MIN_DISTINCT_CHARACTERS = 10;
/** Words of an example or placeholder value, never of a generated secret. */
const PLACEHOLDERS = ['changeme', 'change-me', 'change_me', 'replace-me', 'replaceme', 'example', 'placeholder', 'secret', 'password', 'kongchuo', 'linkage', 'default'];

/**
 * Why a secret is too weak for production, or undefined if it is not: shorter than
 * MIN_SECRET_LENGTH characters, fewer than 10 different characters, one short piece repeated
 * (`abcabc…`), or holding a placeholder word (`changeme`, `example`, `secret`, `password`,
 * `kongchuo`, …). The reason never quotes the value.
 */
export function secretWeakness(value: string): string | undefined {
  if (value.length < MIN_SECRET_LENGTH) return `shorter than ${MIN_SECRET_LENGTH} characters`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return `fewer than ${MIN_DISTINCT_CHARACTERS} different characters`;
  for (let n = 1; n <= value.length / 2; n += 1) {
    if (value.length % n === 0 && value.slice(0, n).repeat(value.length / n) === value) return 'one short piece repeated';
  }
  const lower = value.toLowerCase();
  if (PLACEHOLDERS.some((w) => lower.includes(w))) return 'an example or placeholder value';
  return undefined;
}

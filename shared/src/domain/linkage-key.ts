import { createHmac } from 'node:crypto';
import { parseResidentId } from './resident-id';
import { badInput } from '../core';

/**
 * The pseudonymous person key (docs/architecture.md#the-unified-student-and-the-linkage-key): HMAC-SHA256 of the normalised, validated
 * 18-character resident ID number under the district's shared linkage secret,
 * base64url without padding (43 characters). Every department computes it for the
 * people it records, so records meet in the supergraph without raw ID numbers crossing it.
 */
export function linkageKey(idNumber: string, secret: string, field = 'idNumber'): string {
  const parsed = parseResidentId(idNumber);
  if (!parsed.ok) throw badInput(field, `${field}: not a valid resident ID number (${parsed.reason})`);
  return linkageKeyOfValid(parsed.facts.idNumber, secret);
}

/** For an ID number already validated and normalised (bulk paths). */
export function linkageKeyOfValid(normalisedIdNumber: string, secret: string): string {
  return createHmac('sha256', secret).update(normalisedIdNumber, 'utf8').digest('base64url');
}

export const LINKAGE_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

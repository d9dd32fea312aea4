import { badInput } from '../core';
import { isCalendarDate } from './dates';
import { isKnownRegion } from './regions';
import { parseResidentId, type ResidentIdFacts } from './resident-id';

/**
 * Input checks shared by every subgraph's mutations. Each throws BAD_USER_INPUT naming the
 * field as the client wrote it (`input.date`), so a bad row is refused before anything is written.
 */
export function requiredText(value: string, field: string, max: number): string {
  const v = value.trim();
  if (!v) throw badInput(field, `${field} must not be empty`);
  if (v.length > max) throw badInput(field, `${field} is longer than ${max} characters`);
  return v;
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  return value == null || value.trim() === '' ? null : requiredText(value, field, max);
}

export function calendarDate(value: string, field: string, opts: { notAfter?: string; notBefore?: string } = {}): string {
  if (!isCalendarDate(value)) throw badInput(field, `${field}: must be a date YYYY-MM-DD`);
  if (opts.notAfter && value > opts.notAfter) throw badInput(field, `${field}: is in the future`);
  if (opts.notBefore && value < opts.notBefore) throw badInput(field, `${field}: is before ${opts.notBefore}`);
  return value;
}

export function regionCode(value: string, field: string): string {
  if (!isKnownRegion(value)) throw badInput(field, `${field}: ${value} is not a GB/T 2260 region code`);
  return value;
}

export function residentId(value: string, field: string): ResidentIdFacts {
  const parsed = parseResidentId(value);
  if (!parsed.ok) throw badInput(field, `${field}: not a valid resident ID number (${parsed.reason})`);
  return parsed.facts;
}

export function mobilePhone(value: string | null | undefined, field: string): string | null {
  if (value == null || value === '') return null;
  if (!/^1[3-9]\d{9}$/.test(value)) throw badInput(field, `${field}: must be an 11-digit mobile number`);
  return value;
}

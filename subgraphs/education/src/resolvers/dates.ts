import { badInput, isCalendarDate } from '@kongchuo/shared';

/** A real calendar date written YYYY-MM-DD, or BAD_USER_INPUT naming the field. */
export function isoDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw badInput(field, `${field}: must be a date YYYY-MM-DD`);
  return value;
}

export function notAfter(date: string, today: string, field: string): string {
  if (date > today) throw badInput(field, `${field}: is in the future`);
  return date;
}

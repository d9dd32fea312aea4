/** True for a real calendar date written YYYY-MM-DD (no 30 February). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Today in China Standard Time (UTC+8), YYYY-MM-DD: the date the offices work by. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The school year (学年) a date falls in, named by the year of the September it began. */
export function schoolYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 9 ? y : y - 1;
}

/**
 * 适龄儿童: the children of compulsory-education age on a date — those who had turned 6 by
 * 31 August of that school year and had not yet turned 15 by then (so they are 6–15 during it).
 * These nine birth cohorts are grades 1–9 for a child who started on time. Inclusive bounds.
 */
export function compulsoryAgeBirthRange(date: string): { bornFrom: string; bornTo: string } {
  const y = schoolYearOf(date);
  return { bornFrom: `${y - 15}-09-01`, bornTo: `${y - 6}-08-31` };
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the ISO week a YYYY-MM-DD date falls in. */
export function mondayOf(date: string): string {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, wd === 0 ? -6 : 1 - wd);
}

/**
 * The school calendar (校历) that absences are read against: a day is a school day when it falls in
 * a term and is a working day. docs/rules.md#school-calendar.
 *
 * - Working days: the State Council's yearly holiday arrangement (国务院办公厅关于节假日安排的通知),
 *   weekends and the make-up working days (调休) included, as published and collected by the
 *   `chinese-days` package for the years it holds; for later years, the statutory days of
 *   《全国年节及纪念日放假办法》(2024 年修订) 第二条 — 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1,
 *   劳动节 2, 端午 1, 中秋 1, 国庆 3 — and every Saturday and Sunday, until the package brings the
 *   year's notice.
 * - Terms: the province's published 校历, entered as dated terms in the early-warning policy. Until
 *   a province enters its own, the terms are derived from the Spring Festival (the lunar calendar of
 *   `chinese-days`): the autumn term from 1 September to 15 days before 春节, the spring term from
 *   元宵 (正月十五) to 10 July — a stand-in, said so in the API (`earlyWarningPolicy.calendarSource`).
 */
import { getDayDetail, getHolidaysInRange, getSolarDateFromLunar, getSolarTerms } from 'chinese-days';
import { addDays, isCalendarDate } from '@kongchuo/shared/domain';

/** A term with real dates (YYYY-MM-DD). */
export interface Term {
  start: string;
  end: string;
}

/** The first and last year for which the State Council's arrangement is held (computed once). */
let heldYears: { first: number; last: number } | null = null;
export function holidayArrangementYears(): { first: number; last: number } {
  if (!heldYears) {
    const held = (y: number) => getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0;
    let first = 2004;
    while (!held(first) && first < 2100) first += 1;
    let last = first;
    while (held(last + 1)) last += 1;
    heldYears = { first, last };
  }
  return heldYears;
}

/** 春节 (正月初一) of a Gregorian year. */
export const springFestival = (year: number): string => getSolarDateFromLunar(`${year}-01-01`).date;

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

/** The statutory rest days of a year (全国年节及纪念日放假办法 第二条), for years past the held arrangements. */
const statutory = new Map<number, Map<string, string>>();
function statutoryHolidays(year: number): Map<string, string> {
  let days = statutory.get(year);
  if (days) return days;
  days = new Map<string, string>();
  const put = (d: string, name: string) => days!.set(d, name);
  put(`${year}-01-01`, '元旦');
  const sf = springFestival(year);
  for (let i = -1; i <= 2; i++) put(addDays(sf, i), '春节');
  const qingming = getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness');
  if (qingming) put(qingming.date, '清明');
  put(`${year}-05-01`, '劳动节');
  put(`${year}-05-02`, '劳动节');
  put(getSolarDateFromLunar(`${year}-05-05`).date, '端午');
  put(getSolarDateFromLunar(`${year}-08-15`).date, '中秋');
  for (const d of ['10-01', '10-02', '10-03']) put(`${year}-${d}`, '国庆节');
  statutory.set(year, days);
  return days;
}

export type DayKind =
  | { schoolDay: true }
  | { schoolDay: false; why: 'WEEKEND' | 'HOLIDAY' | 'OUT_OF_TERM'; name?: string };

const known = new Map<string, { work: boolean; holiday: string | null }>();
/** Whether the arrangement (or, past it, the statute) makes a date a working day, and the holiday's name. */
export function workingDay(date: string): { work: boolean; holiday: string | null } {
  let w = known.get(date);
  if (!w) known.set(date, (w = readWorkingDay(date)));
  return w;
}

function readWorkingDay(date: string): { work: boolean; holiday: string | null } {
  const year = Number(date.slice(0, 4));
  const { first, last } = holidayArrangementYears();
  if (year >= first && year <= last) {
    const d = getDayDetail(date);
    // the package names a holiday as "English,中文,n"; a weekend day is named by its weekday
    const zh = d.name.includes(',') ? d.name.split(',')[1] : null;
    return { work: d.work, holiday: d.work ? null : zh };
  }
  const holiday = statutoryHolidays(year).get(date) ?? null;
  return { work: !holiday && !isWeekend(date), holiday };
}

export const inTerm = (date: string, terms: readonly Term[]) => terms.some((t) => date >= t.start && date <= t.end);

/** What kind of day a date is for a school: a school day, or why not. */
export function dayKind(date: string, terms: readonly Term[]): DayKind {
  if (!inTerm(date, terms)) return { schoolDay: false, why: 'OUT_OF_TERM' };
  const w = workingDay(date);
  if (w.work) return { schoolDay: true };
  return w.holiday ? { schoolDay: false, why: 'HOLIDAY', name: w.holiday } : { schoolDay: false, why: 'WEEKEND' };
}

export const isSchoolDay = (date: string, terms: readonly Term[]) => dayKind(date, terms).schoolDay;

/** A week's school days, kept per calendar (the same terms array serves every child of a reading). */
const weeksOf = new WeakMap<readonly Term[], Map<string, string[]>>();

/** The school days of the week starting on `monday` (a 调休 Saturday included). */
export function schoolDaysOfWeek(monday: string, terms: readonly Term[]): string[] {
  let weeks = weeksOf.get(terms);
  if (!weeks) weeksOf.set(terms, (weeks = new Map()));
  let days = weeks.get(monday);
  if (!days) {
    days = [];
    for (let i = 0; i < 7; i++) {
      const d = addDays(monday, i);
      if (isSchoolDay(d, terms)) days.push(d);
    }
    weeks.set(monday, days);
  }
  return days;
}

/** The stand-in terms of the school years beginning `from`…`to` (autumn to summer), from the Spring Festival. */
export function derivedTerms(fromYear: number, toYear: number): Term[] {
  const out: Term[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const sf = springFestival(y + 1);
    out.push({ start: `${y}-09-01`, end: addDays(sf, -15) }, { start: addDays(sf, 14), end: `${y + 1}-07-10` });
  }
  return out;
}

/** The school years the stand-in calendar (and month–day terms stored before dated ones) cover. */
export const DERIVED_TERMS_FROM = 2015;
export const DERIVED_TERMS_TO = 2040;

/** Problems with dated terms as entered (field names as the API's). */
export function termProblems(terms: readonly Term[], at = 'input.terms'): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (terms.length === 0) out.push({ field: at, message: `${at}: at least one term` });
  terms.forEach((t, i) => {
    for (const k of ['start', 'end'] as const) {
      if (!isCalendarDate(t[k])) out.push({ field: `${at}[${i}].${k}`, message: `${at}[${i}].${k}: must be a date YYYY-MM-DD` });
    }
    if (isCalendarDate(t.start) && isCalendarDate(t.end) && t.end < t.start) out.push({ field: `${at}[${i}].end`, message: `${at}[${i}].end: before the term's start` });
  });
  const sorted = [...terms].map((t, i) => ({ ...t, i })).sort((a, b) => a.start.localeCompare(b.start));
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].start <= sorted[k - 1].end) out.push({ field: `${at}[${sorted[k].i}].start`, message: `${at}[${sorted[k].i}].start: overlaps another term` });
  }
  return out;
}

/**
 * Terms stored before dated terms (month-day pairs, e.g. 09-01…01-31): expanded to each school year
 * from DERIVED_TERMS_FROM to `toYear`, so a stored policy keeps its meaning. Dated terms come back
 * as they are (the same array, so what is kept per calendar is kept across readings).
 */
export function expandMonthDayTerms(terms: readonly Term[], toYear: number): readonly Term[] {
  if (terms.every((t) => isCalendarDate(t.start))) return terms;
  const out: Term[] = [];
  for (let y = DERIVED_TERMS_FROM; y <= toYear; y++) {
    for (const t of terms) {
      // an autumn term starts in year y; a term starting before August is the spring term of y+1
      const startYear = t.start >= '08-01' ? y : y + 1;
      const endYear = t.end < t.start ? startYear + 1 : startYear;
      out.push({ start: `${startYear}-${t.start}`, end: `${endYear}-${t.end}` });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

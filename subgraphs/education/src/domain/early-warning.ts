/**
 * Early warning (辍学倾向预警), as pure functions: the attendance signal a school's absence records
 * give, and the risk level that signal and the other departments' factors add up to.
 *
 * Everything here is explainable by construction: a level is the sum of named factors with the
 * weights in the province's policy, and every factor that counted comes back as a reason.
 */
import { addDays, mondayOf } from '@kongchuo/shared/domain';
import { DERIVED_TERMS_FROM, DERIVED_TERMS_TO, derivedTerms, isSchoolDay, schoolDaysOfWeek, termProblems, type Term } from './school-calendar';

export type { Term } from './school-calendar';

export enum AbsencePortion {
  FULL_DAY = 'FULL_DAY',
  MORNING = 'MORNING',
  AFTERNOON = 'AFTERNOON',
}

export enum RiskFactor {
  ABSENCE_CONSECUTIVE_WEEKS = 'ABSENCE_CONSECUTIVE_WEEKS',
  ABSENCE_OVER_REPORT_LINE = 'ABSENCE_OVER_REPORT_LINE',
  ABSENCE_SOME = 'ABSENCE_SOME',
  PREVIOUS_DROPOUT = 'PREVIOUS_DROPOUT',
  REPEATED_GRADE = 'REPEATED_GRADE',
  RECENT_TRANSFER = 'RECENT_TRANSFER',
  REGISTERED_POOR = 'REGISTERED_POOR',
  LEFT_BEHIND = 'LEFT_BEHIND',
  DISABILITY = 'DISABILITY',
  MIGRANT = 'MIGRANT',
  PARENTS_AWAY = 'PARENTS_AWAY',
  // the national priority groups (docs/rules.md#early-warning)
  ORPHAN = 'ORPHAN',
  DE_FACTO_UNCARED = 'DE_FACTO_UNCARED',
  IN_DIFFICULTY = 'IN_DIFFICULTY',
  INVOLVED_IN_CASE = 'INVOLVED_IN_CASE',
}

/**
 * Where each factor's group is named as a priority of 控辍保学 or of child protection: the weights
 * are the province's to set (`earlyWarningPolicy.weights`, with its `source`); the groups are these.
 */
export const FACTOR_BASIS: Partial<Record<RiskFactor, string>> = {
  REGISTERED_POOR: '国办发〔2017〕72号《关于进一步加强控辍保学提高义务教育巩固水平的通知》：建档立卡等家庭经济困难学生',
  LEFT_BEHIND: '国办发〔2017〕72号：农村留守儿童；国发〔2016〕13号《关于加强农村留守儿童关爱保护工作的意见》',
  DISABILITY: '国办发〔2017〕72号：残疾儿童少年',
  MIGRANT: '国办发〔2017〕72号：进城务工人员随迁子女',
  ORPHAN: '国办发〔2010〕54号《关于加强孤儿保障工作的意见》',
  DE_FACTO_UNCARED: '民发〔2019〕62号《关于进一步加强事实无人抚养儿童保障工作的意见》：纳入控辍保学重点范围',
  IN_DIFFICULTY: '国发〔2016〕36号《关于加强困境儿童保障工作的意见》',
  INVOLVED_IN_CASE: '《中华人民共和国预防未成年人犯罪法》（2020 年修订）；《未成年人保护法》第一百零三条（不披露案情）',
};

export enum RiskLevel {
  NONE = 'NONE',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

/** Which department's records each factor comes from. */
export const FACTOR_SOURCE: Record<RiskFactor, 'education' | 'civil_affairs' | 'public_security' | 'community'> = {
  ABSENCE_CONSECUTIVE_WEEKS: 'education', ABSENCE_OVER_REPORT_LINE: 'education', ABSENCE_SOME: 'education',
  PREVIOUS_DROPOUT: 'education', REPEATED_GRADE: 'education', RECENT_TRANSFER: 'education',
  REGISTERED_POOR: 'civil_affairs', LEFT_BEHIND: 'civil_affairs', DISABILITY: 'civil_affairs',
  MIGRANT: 'public_security', PARENTS_AWAY: 'community',
  ORPHAN: 'civil_affairs', DE_FACTO_UNCARED: 'civil_affairs', IN_DIFFICULTY: 'civil_affairs', INVOLVED_IN_CASE: 'public_security',
};

export interface EarlyWarningRules {
  /** unexcused days within the window that must be reported (e.g. 5) */
  reportUnexcusedDays: number;
  /** the window, in calendar days up to the date read */
  reportWindowDays: number;
  /** consecutive school weeks away that are treated as dropping out (e.g. 4) */
  dropoutConsecutiveWeeks: number;
  /** unexcused days in a week that make it a week away (fewer when the week has fewer school days) */
  absentWeekMinDays: number;
  /** the terms of the school calendar (校历), dated; holidays and weekends inside them are not school days */
  terms: readonly Term[];
  weights: Record<RiskFactor, number>;
  /** lowest score of each level */
  levels: { low: number; medium: number; high: number };
}

/**
 * The starting values until a province stores its own (docs/rules.md#early-warning): they are this
 * system's, not a published provincial rule — 5 unexcused days in 30 make a report, 4 consecutive
 * school weeks away are treated as dropping out, a week counts as away from 3 unexcused days — and
 * the stand-in calendar derived from the Spring Festival (school-calendar.ts). The province records
 * the source of its own values with them (`source`, `calendarSource`).
 */
export const DEFAULT_RULES: EarlyWarningRules = {
  reportUnexcusedDays: 5,
  reportWindowDays: 30,
  dropoutConsecutiveWeeks: 4,
  absentWeekMinDays: 3,
  terms: derivedTerms(DERIVED_TERMS_FROM, DERIVED_TERMS_TO),
  weights: {
    ABSENCE_CONSECUTIVE_WEEKS: 8, ABSENCE_OVER_REPORT_LINE: 4, ABSENCE_SOME: 1,
    PREVIOUS_DROPOUT: 3, REPEATED_GRADE: 1, RECENT_TRANSFER: 1,
    REGISTERED_POOR: 2, LEFT_BEHIND: 2, DISABILITY: 2, MIGRANT: 1, PARENTS_AWAY: 1,
    ORPHAN: 3, DE_FACTO_UNCARED: 3, IN_DIFFICULTY: 2, INVOLVED_IN_CASE: 3,
  },
  levels: { low: 2, medium: 4, high: 7 },
};

const DAYS: Record<AbsencePortion, number> = { FULL_DAY: 1, MORNING: 0.5, AFTERNOON: 0.5 };
export const daysOf = (portion: AbsencePortion) => DAYS[portion];

/** Two absences on the same day collide unless one is the morning and the other the afternoon. */
export const portionsOverlap = (a: AbsencePortion, b: AbsencePortion) => a === AbsencePortion.FULL_DAY || b === AbsencePortion.FULL_DAY || a === b;

export interface AbsenceFact {
  date: string;
  portion: AbsencePortion;
  excused: boolean;
}

export interface AttendanceSignal {
  /** unexcused days in the window up to the date read */
  unexcusedDays: number;
  /** consecutive school weeks away, counting back from the week read (or the one before it) */
  consecutiveWeeks: number;
  lastUnexcusedOn: string | null;
  overReportLine: boolean;
  treatAsDropout: boolean;
}

/** How far back absences matter for a reading on a date: the window, or the weeks plus a holiday. */
export const lookbackDays = (r: EarlyWarningRules) => Math.max(r.reportWindowDays, (r.dropoutConsecutiveWeeks + 1) * 7) + 70;

export function attendanceSignal(absences: AbsenceFact[], asOf: string, r: EarlyWarningRules): AttendanceSignal {
  const windowStart = addDays(asOf, -r.reportWindowDays + 1);
  const perWeek = new Map<string, number>();
  let unexcusedDays = 0;
  let lastUnexcusedOn: string | null = null;
  for (const a of absences) {
    // an absence on a day without school (a weekend, a holiday, the vacation) is no absence
    if (a.excused || a.date > asOf || !isSchoolDay(a.date, r.terms)) continue;
    const days = DAYS[a.portion];
    if (a.date >= windowStart) unexcusedDays += days;
    const week = mondayOf(a.date);
    perWeek.set(week, (perWeek.get(week) ?? 0) + days);
    if (!lastUnexcusedOn || a.date > lastUnexcusedOn) lastUnexcusedOn = a.date;
  }
  // weeks away, counted back. A week without school days (a holiday week, the vacation) neither
  // counts nor breaks the run; a short week (国庆, 春节 调休) is away when every one of its school days
  // is, if it has fewer than absentWeekMinDays of them.
  const schoolDaysIn = (week: string) => schoolDaysOfWeek(week, r.terms).length;
  const away = (week: string) => {
    const n = schoolDaysIn(week);
    return n > 0 && (perWeek.get(week) ?? 0) >= Math.min(r.absentWeekMinDays, n);
  };
  let week = mondayOf(asOf);
  if (!away(week)) week = addDays(week, -7); // the week read may not be over yet
  let consecutiveWeeks = 0;
  for (let guard = 0; guard < 60; guard++, week = addDays(week, -7)) {
    if (away(week)) consecutiveWeeks += 1;
    else if (schoolDaysIn(week) > 0) break;
  }
  return {
    unexcusedDays, consecutiveWeeks, lastUnexcusedOn,
    overReportLine: unexcusedDays >= r.reportUnexcusedDays,
    treatAsDropout: consecutiveWeeks >= r.dropoutConsecutiveWeeks,
  };
}

/** What the other departments' records say about a child (null: not known, or not visible to the caller). */
export interface OtherDepartmentsFacts {
  registeredPoor: boolean | null;
  leftBehind: boolean | null;
  disabled: boolean | null;
  migrant: boolean | null;
  parentsAway: boolean | null;
  /** civil affairs' 儿童福利认定: the category, 'NONE' when not recognised */
  welfare: 'ORPHAN' | 'DE_FACTO_UNCARED' | 'IN_DIFFICULTY' | 'NONE' | null;
  involvedInCase: boolean | null;
}

export interface EducationFacts {
  signal: AttendanceSignal;
  /** returned after a dropout (28 then 12) */
  previousDropout: boolean;
  repeatedGradeWithinYear: boolean;
  transferredInWithinYear: boolean;
}

/** How the attendance signal is explained, in the words of the warning and of the ledger. */
export function absenceDetails(s: AttendanceSignal, r: EarlyWarningRules): { consecutiveWeeks: string; overReportLine: string; some: string } {
  return {
    consecutiveWeeks: `连续 ${s.consecutiveWeeks} 周无故缺课（每周≥${r.absentWeekMinDays}天），达到“连续${r.dropoutConsecutiveWeeks}周视为辍学”`,
    overReportLine: `近 ${r.reportWindowDays} 天无故缺课 ${s.unexcusedDays} 天，达到报告线 ${r.reportUnexcusedDays} 天`,
    some: `近 ${r.reportWindowDays} 天无故缺课 ${s.unexcusedDays} 天（报告线 ${r.reportUnexcusedDays} 天）`,
  };
}

export interface RiskReason {
  factor: RiskFactor;
  department: string;
  weight: number;
  detail: string;
}

export interface RiskAssessment {
  level: RiskLevel;
  score: number;
  reasons: RiskReason[];
  /** departments whose factors could not be read (service down, or hidden from the caller) */
  unknown: string[];
}

export function assessRisk(e: EducationFacts, o: OtherDepartmentsFacts, r: EarlyWarningRules): RiskAssessment {
  const reasons: RiskReason[] = [];
  const add = (factor: RiskFactor, detail: string) => {
    if (r.weights[factor] > 0) reasons.push({ factor, department: FACTOR_SOURCE[factor], weight: r.weights[factor], detail });
  };
  const s = e.signal;
  const say = absenceDetails(s, r);
  // only the strongest attendance factor counts: they describe the same absences
  if (s.treatAsDropout) add(RiskFactor.ABSENCE_CONSECUTIVE_WEEKS, say.consecutiveWeeks);
  else if (s.overReportLine) add(RiskFactor.ABSENCE_OVER_REPORT_LINE, say.overReportLine);
  else if (s.unexcusedDays > 0) add(RiskFactor.ABSENCE_SOME, say.some);
  if (e.previousDropout) add(RiskFactor.PREVIOUS_DROPOUT, '曾辍学，已劝返复学');
  if (e.repeatedGradeWithinYear) add(RiskFactor.REPEATED_GRADE, '近一年内留级');
  if (e.transferredInWithinYear) add(RiskFactor.RECENT_TRANSFER, '近一年内转入');
  if (o.registeredPoor) add(RiskFactor.REGISTERED_POOR, '建档立卡贫困户（民政/扶贫）');
  if (o.leftBehind) add(RiskFactor.LEFT_BEHIND, '留守儿童（民政）');
  if (o.disabled) add(RiskFactor.DISABILITY, '残疾（民政）');
  if (o.migrant) add(RiskFactor.MIGRANT, '随迁子女（公安）');
  if (o.parentsAway) add(RiskFactor.PARENTS_AWAY, '父母均外出务工（社区）');
  if (o.welfare === 'ORPHAN') add(RiskFactor.ORPHAN, '孤儿（民政认定）');
  if (o.welfare === 'DE_FACTO_UNCARED') add(RiskFactor.DE_FACTO_UNCARED, '事实无人抚养儿童（民政认定）');
  if (o.welfare === 'IN_DIFFICULTY') add(RiskFactor.IN_DIFFICULTY, '困境儿童（民政认定）');
  if (o.involvedInCase) add(RiskFactor.INVOLVED_IN_CASE, '涉案未成年人（公安；不含案情）');
  const score = reasons.reduce((sum, x) => sum + x.weight, 0);
  const level = score >= r.levels.high ? RiskLevel.HIGH : score >= r.levels.medium ? RiskLevel.MEDIUM : score >= r.levels.low ? RiskLevel.LOW : RiskLevel.NONE;
  const unknown = [
    ...(o.registeredPoor == null || o.leftBehind == null || o.disabled == null || o.welfare == null ? ['civil_affairs'] : []),
    ...(o.migrant == null || o.involvedInCase == null ? ['public_security'] : []),
    ...(o.parentsAway == null ? ['community'] : []),
  ];
  return { level, score, reasons: reasons.sort((a, b) => b.weight - a.weight), unknown };
}

/** Checks a policy before it is stored: every problem names its field. */
export function rulesProblems(r: EarlyWarningRules): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const int = (v: number, field: string, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) out.push({ field, message: `${field}: must be a whole number from ${min} to ${max}` });
  };
  int(r.reportUnexcusedDays, 'input.reportUnexcusedDays', 1, 60);
  int(r.reportWindowDays, 'input.reportWindowDays', 7, 366);
  int(r.dropoutConsecutiveWeeks, 'input.dropoutConsecutiveWeeks', 1, 20);
  int(r.absentWeekMinDays, 'input.absentWeekMinDays', 1, 7);
  for (const [k, v] of Object.entries(r.weights)) int(v, `input.weights.${k}`, 0, 20);
  int(r.levels.low, 'input.levels.low', 1, 100);
  int(r.levels.medium, 'input.levels.medium', 1, 100);
  int(r.levels.high, 'input.levels.high', 1, 100);
  if (!(r.levels.low < r.levels.medium && r.levels.medium < r.levels.high)) out.push({ field: 'input.levels', message: 'input.levels: must rise: low < medium < high' });
  out.push(...termProblems(r.terms));
  return out;
}

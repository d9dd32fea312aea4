/**
 * 九年义务教育巩固率 (nine-year compulsory-education consolidation rate), the county formula
 * in use (e.g. 广西 county 控辍保学 reporting; the MoE statistical bulletin's definition):
 *
 *   rate = graduates of grade 9 in year Y
 *          ÷ (the cohort's grade-1 enrolment in autumn Y−9 + transfers into the district − transfers out of it)
 *
 * capped at 100%, as a percentage with two decimals. Transfers count only when they cross the
 * district boundary; moves between the district's own schools are neutral.
 */
export interface CohortCounts {
  cohortEnrolment: number;
  transfersIn: number;
  transfersOut: number;
  graduates: number;
}

export function consolidationRate(c: CohortCounts): number | null {
  for (const [k, v] of Object.entries(c)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${k} must be a whole number ≥ 0`);
  }
  const base = c.cohortEnrolment + c.transfersIn - c.transfersOut;
  if (base <= 0) return null;
  return Math.round(Math.min(1, c.graduates / base) * 10000) / 100;
}

/** The cohort that finishes grade 9 in the summer of `year` entered grade 1 in autumn `year − 9`. */
export const cohortYearOfGraduates = (year: number) => year - 9;

/** School year of a date: a school year starts on 1 September. */
export { schoolYearOf } from '@kongchuo/shared/domain';

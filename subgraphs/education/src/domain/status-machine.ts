import { ageOn, isCalendarDate } from '@kongchuo/shared/domain';
import { EnrollmentStatus as S, StatusChangeCode as C, STATUS_CHANGE_LABEL } from './enums';

/** Compulsory education covers grades 1–9; a child under 16 is of compulsory age (义务教育法). */
export const COMPULSORY_AGE_LIMIT = 16;

export interface StudentState {
  /** null for a child with no status record yet */
  status: S | null;
  grade: number | null;
  birthDate: string;
  /** date of the latest recorded change, YYYY-MM-DD */
  lastChangeOn: string | null;
}

export interface Change {
  code: C;
  date: string;
  /** the grade the change puts the child in (admission, transfer in); others keep or derive it */
  grade?: number | null;
}

export type Transition = { ok: true; status: S; grade: number } | { ok: false; field: string; reason: string };

const refuse = (field: string, reason: string): Transition => ({ ok: false, field, reason });

/**
 * The student-status state machine (学籍异动): which change codes may follow which status, and
 * the status and grade each leaves behind. Refuses impossible moves, e.g. 退学/开除 of a
 * compulsory-age child (forbidden in compulsory education), 复学 of a child who is at school,
 * any change after death, changes dated before the latest one or in the future.
 */
export function applyStatusChange(state: StudentState, change: Change, today: string): Transition {
  const label = `${change.code} ${STATUS_CHANGE_LABEL[change.code] ?? '?'}`;
  if (STATUS_CHANGE_LABEL[change.code] === undefined) return refuse('code', `unknown status-change code ${change.code}`);
  if (!isCalendarDate(change.date)) return refuse('date', 'date must be a real date YYYY-MM-DD');
  if (change.date > today) return refuse('date', 'date is in the future');
  if (change.date < state.birthDate) return refuse('date', 'date is before the child was born');
  if (state.lastChangeOn && change.date < state.lastChangeOn) {
    return refuse('date', `date is before the latest recorded change (${state.lastChangeOn}); the history is append-only`);
  }
  const { status, grade } = state;
  const needs = (...allowed: (S | null)[]) =>
    allowed.includes(status) ? null : refuse('code', `${label} is not possible for a child whose status is ${status ?? 'none (no record yet)'}`);
  const gradeIn = (g: number | null | undefined, lo: number, hi: number) =>
    g != null && Number.isInteger(g) && g >= lo && g <= hi ? null : refuse('grade', `grade must be ${lo}–${hi} for ${label}`);

  switch (change.code) {
    case C.ADMISSION: {
      // 招生: first admission (grade 1, or any grade for a child new to the system), or
      // admission to junior middle school (grade 7) after primary graduation.
      const primaryGraduate = status === S.GRADUATED && grade === 6;
      if (status !== null && !primaryGraduate) return refuse('code', `${label} is only for a child with no record or a primary-school graduate; status is ${status}`);
      const bad = primaryGraduate ? gradeIn(change.grade, 7, 7) : gradeIn(change.grade, 1, 9);
      return bad ?? { ok: true, status: S.ENROLLED, grade: change.grade! };
    }
    case C.TRANSFER_IN:
      return needs(null, S.TRANSFERRED_OUT) ?? gradeIn(change.grade ?? grade, 1, 9) ?? { ok: true, status: S.ENROLLED, grade: (change.grade ?? grade)! };
    case C.RESUMPTION:
      return needs(S.SUSPENDED, S.DROPPED_OUT) ?? gradeIn(change.grade ?? grade, 1, 9) ?? { ok: true, status: S.ENROLLED, grade: (change.grade ?? grade)! };
    case C.GRADUATION:
    case C.COMPLETION:
      return needs(S.ENROLLED) ?? (grade === 9 || (change.code === C.GRADUATION && grade === 6)
        ? { ok: true, status: S.GRADUATED, grade }
        : refuse('code', `${label} is only at the end of grade 6 or grade 9 (grade is ${grade})`));
    case C.SUSPENSION:
      return needs(S.ENROLLED) ?? { ok: true, status: S.SUSPENDED, grade: grade! };
    case C.WITHDRAWAL:
    case C.EXPULSION: {
      const age = ageOn(state.birthDate, change.date);
      if (age < COMPULSORY_AGE_LIMIT) {
        return refuse('code', `${label} of a compulsory-age child (age ${age}) is forbidden in compulsory education`);
      }
      return needs(S.ENROLLED, S.SUSPENDED) ?? { ok: true, status: S.DROPPED_OUT, grade: grade! };
    }
    case C.DEATH:
      return status === S.DECEASED ? refuse('code', 'already recorded as deceased') : { ok: true, status: S.DECEASED, grade: grade ?? 0 };
    case C.TRANSFER_OUT:
      return needs(S.ENROLLED, S.SUSPENDED) ?? { ok: true, status: S.TRANSFERRED_OUT, grade: grade! };
    case C.DROPOUT:
      return needs(S.ENROLLED, S.SUSPENDED) ?? { ok: true, status: S.DROPPED_OUT, grade: grade! };
    case C.PROMOTION:
      return needs(S.ENROLLED) ?? (grade! < 9 ? { ok: true, status: S.ENROLLED, grade: grade! + 1 } : refuse('code', 'grade 9 cannot be promoted; record 21 毕业'));
    case C.CLASS_CHANGE:
    case C.REPETITION:
      return needs(S.ENROLLED) ?? { ok: true, status: S.ENROLLED, grade: grade! };
  }
  return refuse('code', `unknown status-change code ${change.code}`);
}

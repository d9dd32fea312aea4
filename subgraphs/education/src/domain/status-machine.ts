import { isCalendarDate } from '@kongchuo/shared/domain';
import { EnrollmentStatus as S, StatusChangeCode as C, STATUS_CHANGE_LABEL } from './enums';
import { BASELINE_STATUS_RULES, FORBIDDEN_IN_COMPULSORY_STAGE, INSTEAD_OF_LEAVING, repetitionRefusal, type ProvinceStatusRules, type RepetitionPapers } from './status-rules';

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
  /** what a 33 留级 comes with (the province's rule says which are needed) */
  papers?: RepetitionPapers;
}

export type Transition = { ok: true; status: S; grade: number } | { ok: false; field: string; reason: string };

const refuse = (field: string, reason: string): Transition => ({ ok: false, field, reason });

/**
 * The student-status state machine (学籍异动) of the compulsory stage: which change codes may follow
 * which status, and the status and grade each leaves behind. Every pupil here is in grades 1–9, so
 * 25 开除 and 24 退学 are refused at any age (义务教育法 第二十七条; status-rules.ts) — a pupil who
 * stops coming is recorded as 28 辍学 and gets a case; 33 留级 follows the province's rule. Also
 * refuses 复学 of a child who is at school, any change after death, changes dated before the latest
 * one or in the future. docs/rules.md#student-status gives the sources.
 */
export function applyStatusChange(state: StudentState, change: Change, today: string, rules: ProvinceStatusRules = BASELINE_STATUS_RULES('00')): Transition {
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
      return refuse('code', `${FORBIDDEN_IN_COMPULSORY_STAGE.WITHDRAWAL}; ${INSTEAD_OF_LEAVING}`);
    case C.EXPULSION:
      return refuse('code', `${FORBIDDEN_IN_COMPULSORY_STAGE.EXPULSION}; ${INSTEAD_OF_LEAVING}`);
    case C.DEATH:
      return status === S.DECEASED ? refuse('code', 'already recorded as deceased') : { ok: true, status: S.DECEASED, grade: grade ?? 0 };
    case C.TRANSFER_OUT:
      return needs(S.ENROLLED, S.SUSPENDED) ?? { ok: true, status: S.TRANSFERRED_OUT, grade: grade! };
    case C.DROPOUT:
      return needs(S.ENROLLED, S.SUSPENDED) ?? { ok: true, status: S.DROPPED_OUT, grade: grade! };
    case C.PROMOTION:
      return needs(S.ENROLLED) ?? (grade! < 9 ? { ok: true, status: S.ENROLLED, grade: grade! + 1 } : refuse('code', 'grade 9 cannot be promoted; record 21 毕业'));
    case C.CLASS_CHANGE:
      return needs(S.ENROLLED) ?? { ok: true, status: S.ENROLLED, grade: grade! };
    case C.REPETITION: {
      const notEnrolled = needs(S.ENROLLED);
      if (notEnrolled) return notEnrolled;
      const refused = repetitionRefusal(rules.repetition, change.papers ?? { guardianApplication: false, approvalReference: null });
      return refused ? refuse(refused.field, refused.reason) : { ok: true, status: S.ENROLLED, grade: grade! };
    }
  }
  return refuse('code', `unknown status-change code ${change.code}`);
}

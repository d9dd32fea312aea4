/**
 * 学籍导入: a student-status export (xlsx or CSV) with one child per row. A child new to the
 * district's records is enrolled (11 招生 or 13 转入, through the status state machine, as
 * `enrollStudent` would); a child already on record with the same school, grade, class and name
 * is unchanged; one on record differently is refused for that row — changes to an existing
 * record go through `recordStatusChange`, which keeps the history.
 * School staff import their own school's pupils only: a row for another school is refused
 * (`outsideScope`, whoever the child is), and a row for their school whose child has a student
 * record at another school is refused without naming that school or what differs
 * (`recordedOutsideScope`).
 */
import type { EntityManager } from '@mikro-orm/core';
import { insertInChunks } from '@kongchuo/shared/core';
import { isCalendarDate, linkageKeyOfValid } from '@kongchuo/shared/domain';
import { CellReader, outsideScope, recordedOutsideScope, type ImportContext, type ImportProblem, type Importer } from '@kongchuo/shared/imports';
import { canSeeSchool } from '../domain/access';
import { School, StatusChange, Student } from '../entities';
import { EnrollmentStatus, Gender, StatusChangeCode as C } from '../domain/enums';
import { applyStatusChange } from '../domain/status-machine';
import { schoolYearOf } from '../domain/consolidation-rate';

export interface StudentImportRow {
  id: string;
  idNumber: string;
  name: string;
  gender: string;
  birthDate: string;
  schoolCode: string;
  grade: number;
  className: string;
  date: string;
  code: C.ADMISSION | C.TRANSFER_IN;
}

const COL = { id: '身份证号', name: '姓名', school: '学校标识码', grade: '年级', className: '班级', date: '入学日期', mode: '入学方式' } as const;
const MODES: Record<string, C.ADMISSION | C.TRANSFER_IN> = { '': C.ADMISSION, 招生: C.ADMISSION, 入学: C.ADMISSION, 转入: C.TRANSFER_IN };

export const studentsImporter: Importer<StudentImportRow> = {
  kind: 'students',
  label: '学籍',
  mutation: 'importStudents',
  query: 'studentImport',
  columns: [
    { name: COL.id, required: true }, { name: COL.name, required: true }, { name: COL.school, required: true }, { name: COL.grade, required: true },
    { name: COL.className, required: true }, { name: COL.date, required: true }, { name: COL.mode, required: false },
  ],
  parse(cells, ctx) {
    const row = new CellReader(cells);
    const id = row.residentId(COL.id);
    const name = row.text(COL.name, 50);
    const schoolCode = row.matching(COL.school, /^\d{10}$/, '应为 10 位学校标识码');
    if (/^\d{10}$/.test(schoolCode) && !canSeeSchool(ctx.identity, schoolCode)) row.problem(COL.school, outsideScope(ctx.identity.scope));
    const grade = Number(row.get(COL.grade));
    if (!Number.isInteger(grade) || grade < 1 || grade > 9) row.problem(COL.grade, '应为 1–9 的整数');
    const className = row.text(COL.className, 20);
    const date = row.get(COL.date);
    if (!isCalendarDate(date)) row.problem(COL.date, '应为日期 YYYY-MM-DD');
    else if (date > ctx.today()) row.problem(COL.date, '不能晚于今天');
    const mode = MODES[row.get(COL.mode)];
    if (mode === undefined) row.problem(COL.mode, '应为“招生”或“转入”');
    if (!id || row.problems.length) return { problems: row.problems, key: id?.idNumber };
    return {
      key: id.idNumber,
      problems: row.problems,
      value: {
        id: linkageKeyOfValid(id.idNumber, ctx.linkageSecret), idNumber: id.idNumber, name, gender: id.gender, birthDate: id.birthDate,
        schoolCode, grade, className, date, code: mode,
      },
    };
  },
  async check(rows, ctx, em) {
    const problems: ImportProblem[] = [];
    const unchanged = new Set<number>();
    const schools = new Map((await em.find(School, { code: { $in: [...new Set(rows.map((r) => r.value.schoolCode))] } })).map((s) => [s.code, s]));
    const existing = new Map((await em.find(Student, { id: { $in: rows.map((r) => r.value.id) } })).map((s) => [s.id, s]));
    for (const { row, value: v } of rows) {
      // checked again with the committing caller's identity (staging checked it with each chunk's)
      if (!canSeeSchool(ctx.identity, v.schoolCode)) {
        problems.push({ row, column: COL.school, message: outsideScope(ctx.identity.scope) });
        continue;
      }
      const school = schools.get(v.schoolCode);
      if (!school) {
        problems.push({ row, column: COL.school, message: `没有学校 ${v.schoolCode}` });
        continue;
      }
      const on = existing.get(v.id);
      if (on && !canSeeSchool(ctx.identity, on.school.code)) {
        // a pupil of another school: nothing about that record (its school, grade, class, name)
        problems.push({ row, column: COL.id, message: recordedOutsideScope(ctx.identity.scope) });
        continue;
      }
      if (on) {
        const differs = [
          on.name !== v.name && COL.name, on.school.code !== v.schoolCode && COL.school, on.grade !== v.grade && COL.grade, on.className !== v.className && COL.className,
        ].filter(Boolean);
        if (!differs.length) unchanged.add(row);
        else problems.push({ row, column: differs[0] as string, message: `该生已有学籍，且${differs.join('、')}与记录不同；变更请登记学籍异动` });
        continue;
      }
      const [lo, hi] = school.gradeRange;
      if (v.grade < lo || v.grade > hi) {
        problems.push({ row, column: COL.grade, message: `${school.name}只有 ${lo}–${hi} 年级` });
        continue;
      }
      const t = applyStatusChange({ status: null, grade: null, birthDate: v.birthDate, lastChangeOn: null }, { code: v.code, date: v.date, grade: v.grade }, ctx.today());
      if (!t.ok) problems.push({ row, column: t.field === 'date' ? COL.date : t.field === 'grade' ? COL.grade : COL.mode, message: t.reason });
    }
    return { problems, unchanged };
  },
  async apply(rows, ctx, em: EntityManager) {
    const now = new Date();
    await insertInChunks(em, Student, rows.map((v) => ({
      id: v.id, studentNumber: `G${v.idNumber}`, residentId: v.idNumber, name: v.name, gender: v.gender as Gender, birthDate: v.birthDate,
      school: v.schoolCode as never, grade: v.grade, className: v.className, status: EnrollmentStatus.ENROLLED,
      cohortYear: schoolYearOf(v.date) - v.grade + 1, version: 1, createdAt: now, updatedAt: now,
    })));
    await insertInChunks(em, StatusChange, rows.map((v) => ({
      student: v.id as never, code: v.code, date: v.date, schoolCode: v.schoolCode, grade: v.grade, fromStatus: null, toStatus: EnrollmentStatus.ENROLLED,
      crossesDistrict: v.code === C.TRANSFER_IN, counterpart: v.code === C.TRANSFER_IN ? '批量导入：转入' : null, reason: null,
      recordedBy: ctx.identity.user, recordedAt: now,
    })));
  },
};

export const importers = [studentsImporter];
export type { ImportContext };

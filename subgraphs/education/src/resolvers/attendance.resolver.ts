import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { badInput, badRows, type RowProblem } from '@kongchuo/shared/core';
import { calendarDate, optionalText } from '@kongchuo/shared/domain';
import { writeTransaction } from '@kongchuo/shared/server';
import type { EducationContext } from '../context';
import { Absence, School, Student } from '../entities';
import { AbsencePortion, portionsOverlap } from '../domain/early-warning';
import { dayKind, type DayKind } from '../domain/school-calendar';
import { EnrollmentStatus } from '../domain/enums';
import { assertCanRecordFor, studentRowFilter } from '../domain/access';
import { RecordAbsencesInput } from './attendance.inputs';

export const MAX_ABSENCES_PER_CALL = 5000;

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Why a date takes no absence, in the words of the school calendar. */
function notASchoolDay(date: string, day: DayKind & { schoolDay: false }): string {
  if (day.why === 'WEEKEND') return `${date} is a ${WEEKDAY[new Date(`${date}T00:00:00Z`).getUTCDay()]}, not a school day`;
  if (day.why === 'HOLIDAY') return `${date} is a public holiday (${day.name}), not a school day`;
  return `${date} is outside the terms of the school calendar (earlyWarningPolicy.terms)`;
}

@ObjectType({ description: '批量登记结果' })
export class RecordAbsencesResult {
  @Field(() => Int, { description: '写入条数' })
  recorded: number;

  @Field(() => Int, { description: '涉及学生数' })
  students: number;
}

@Resolver(() => Student)
export class AttendanceResolver {
  @Mutation(() => RecordAbsencesResult, {
    description: '学校批量登记缺勤（考勤）：逐条校验（学生、日期、学期、重复），有一条不合格则全部不写，并列出每条问题',
  })
  async recordAbsences(@Arg('input', () => RecordAbsencesInput) input: RecordAbsencesInput, @Ctx() ctx: EducationContext): Promise<RecordAbsencesResult> {
    assertCanRecordFor(ctx.identity, input.schoolCode);
    if (input.absences.length === 0) throw badInput('input.absences', 'input.absences: nothing to record');
    if (input.absences.length > MAX_ABSENCES_PER_CALL) throw badInput('input.absences', `input.absences: at most ${MAX_ABSENCES_PER_CALL} rows per call`);
    const school = await ctx.em.findOne(School, { code: input.schoolCode });
    if (!school) throw badInput('input.schoolCode', `input.schoolCode: no school ${input.schoolCode}`);
    const rules = (await ctx.loaders.earlyWarningPolicy.load(ctx.districtCode.slice(0, 2))).rules();
    const today = ctx.today();

    const problems: RowProblem[] = [];
    const ids = [...new Set(input.absences.map((a) => a.studentId))];
    const students = new Map((await ctx.em.find(Student, { $and: [{ id: { $in: ids } }, studentRowFilter(ctx.identity)] })).map((s) => [s.id, s]));
    const rows = input.absences.map((a, i) => {
      const at = `input.absences[${i}]`;
      const portion = a.portion ?? AbsencePortion.FULL_DAY;
      let ok = true;
      const problem = (field: string, message: string) => {
        problems.push({ field: `${at}.${field}`, message: `${at}.${field}: ${message}` });
        ok = false;
      };
      const student = students.get(a.studentId);
      if (!student) problem('studentId', 'no such student at a school you may record for');
      else if (student.school.code !== school.code) problem('studentId', `${student.name} is not a student of ${school.name}`);
      else if (student.status !== EnrollmentStatus.ENROLLED) problem('studentId', `${student.name} is not enrolled (${student.status}); record a status change instead`);
      try {
        calendarDate(a.date, `${at}.date`, { notAfter: today });
        const day = dayKind(a.date, rules.terms);
        if (!day.schoolDay) problem('date', notASchoolDay(a.date, day));
      } catch (e) {
        problem('date', (e as Error).message.replace(`${at}.date: `, ''));
      }
      let reason: string | null = null;
      try {
        reason = optionalText(a.reason, `${at}.reason`, 200);
      } catch (e) {
        problem('reason', (e as Error).message.replace(`${at}.reason `, ''));
      }
      return { ok, i, studentId: a.studentId, date: a.date, portion, excused: a.excused, reason };
    });

    // the same child and day twice in one list, or already on record
    const seen = new Map<string, { i: number; portion: AbsencePortion }[]>();
    for (const r of rows) {
      const key = `${r.studentId}|${r.date}`;
      const clash = (seen.get(key) ?? []).find((o) => portionsOverlap(o.portion, r.portion));
      if (clash) problems.push({ field: `input.absences[${r.i}]`, message: `input.absences[${r.i}]: repeats input.absences[${clash.i}] (same child, same ${r.date})` });
      seen.set(key, [...(seen.get(key) ?? []), { i: r.i, portion: r.portion }]);
    }
    const dates = [...new Set(rows.filter((r) => r.ok).map((r) => r.date))];
    if (dates.length) {
      const existing = await ctx.em.find(Absence, { student: { $in: ids }, date: { $in: dates } }, { fields: ['student', 'date', 'portion'] });
      for (const r of rows) {
        const on = existing.find((e) => e.student.id === r.studentId && e.date === r.date && portionsOverlap(e.portion, r.portion));
        if (on) problems.push({ field: `input.absences[${r.i}]`, message: `input.absences[${r.i}]: already recorded for ${r.date} (${on.portion})` });
      }
    }
    if (problems.length) throw badRows(problems.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })), 'absence rows');

    await writeTransaction(ctx.em, async (em) => {
      for (const r of rows) {
        em.create(Absence, { student: r.studentId as never, schoolCode: school.code, date: r.date, portion: r.portion, excused: r.excused, reason: r.reason, recordedBy: ctx.identity.user });
      }
    }, { absence: 'input.absences' });
    return { recorded: rows.length, students: ids.length };
  }

  @FieldResolver(() => [Absence], { nullable: true, description: '缺勤记录（按日期）' })
  absences(@Root() s: Student, @Ctx() ctx: EducationContext, @Arg('since', () => String, { nullable: true, description: '起始日期' }) since?: string): Promise<Absence[]> {
    const from = since ? calendarDate(since, 'since') : '*';
    return ctx.loaders.absencesSince.load(`${from}|${s.id}`);
  }
}

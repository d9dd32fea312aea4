import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, forbidden, sqlOf } from '@kongchuo/shared/core';
import { addDays } from '@kongchuo/shared/domain';
import type { EducationContext } from '../context';
import { School } from '../entities';
import { EnrollmentStatus, StatusChangeCode as C } from '../domain/enums';
import { schoolRowFilter } from '../domain/access';

@ObjectType({ description: '学校月报的一行（一所学校一个月的学籍变动）' })
export class SchoolMonthRow {
  @Field(() => School)
  school: School;

  @Field(() => Int, { description: '月初在籍' })
  enrolledAtStart: number;

  @Field(() => Int, { description: '招生（11）' })
  admitted: number;

  @Field(() => Int, { description: '转入（13）' })
  transfersIn: number;

  @Field(() => Int, { description: '转出（27）' })
  transfersOut: number;

  @Field(() => Int, { description: '休学（23）' })
  suspended: number;

  @Field(() => Int, { description: '复学（12，休学后）' })
  resumed: number;

  @Field(() => Int, { description: '辍学（28）' })
  droppedOut: number;

  @Field(() => Int, { description: '劝返复学（12，辍学后）' })
  returned: number;

  @Field(() => Int, { description: '毕业、结业、死亡等其他离校（21、22、26）' })
  left: number;

  @Field(() => Int, { description: '月末在籍' })
  enrolledAtEnd: number;

  @Field(() => Float, { nullable: true, description: '学额巩固率（%）= 月末在籍 ÷ (月初在籍 + 招生 + 转入 − 转出 − 毕业等离校)' })
  rate: number | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** How many pupils each school had enrolled at the end of a day: each child's latest status change on or before it. */
async function enrolledOn(ctx: EducationContext, day: string): Promise<Map<string, number>> {
  const rows = await sqlOf(ctx.em).getConnection().execute<{ school: string; n: number | string }[]>(
    `select sc.school_code as school, count(*) as n from status_change sc
      where sc.date <= ? and sc.to_status = ?
        and sc.id = (select s2.id from status_change s2 where s2.student_id = sc.student_id and s2.date <= ? order by s2.date desc, s2.id desc limit 1)
      group by sc.school_code`,
    [day, EnrollmentStatus.ENROLLED, day],
  );
  return new Map(rows.map((r) => [r.school, Number(r.n)]));
}

@Resolver()
export class MonthlyReportResolver {
  @Query(() => [SchoolMonthRow], { description: '学校月报（四个一：学校按月上报）：各校月初在籍、转入转出、休学复学、辍学与劝返、月末在籍；学校人员只看到本校' })
  async schoolMonthlyReport(
    @Ctx() ctx: EducationContext,
    @Arg('month', { description: 'YYYY-MM' }) month: string,
    @Arg('schoolCode', () => String, { nullable: true }) schoolCode?: string,
  ): Promise<SchoolMonthRow[]> {
    if (ctx.identity.department !== 'education' && ctx.identity.department !== 'joint_meeting') {
      throw forbidden(`school monthly reports are the education bureau's and the joint meeting's (you are ${ctx.identity.department})`);
    }
    const m = MONTH.exec(month);
    if (!m) throw badInput('month', 'month: must be YYYY-MM');
    const first = `${month}-01`;
    // the day before the first of the next month (Date.UTC rolls month 12 over into January)
    const last = addDays(new Date(Date.UTC(Number(m[1]), Number(m[2]), 1)).toISOString().slice(0, 10), -1);
    const scope = schoolRowFilter(ctx.identity);
    const schools = await ctx.em.find(School, { ...(scope.school ? { code: scope.school } : {}), ...(schoolCode ? { code: schoolCode } : {}) }, { orderBy: { code: 'asc' } });
    if (scope.school && schoolCode && schoolCode !== scope.school) throw forbidden('school staff read their own school\'s report', 'schoolCode');
    // one grouped query for the month's changes, two for the enrolments at its start and end
    const [changes, atStart, atEnd] = await Promise.all([
      sqlOf(ctx.em).getConnection().execute<{ school: string; code: number; from_status: string | null; n: number | string }[]>(
        `select school_code as school, code, from_status, count(*) as n from status_change where date >= ? and date <= ? group by school_code, code, from_status`,
        [first, last],
      ),
      enrolledOn(ctx, addDays(first, -1)),
      enrolledOn(ctx, last),
    ]);
    const count = (school: string, test: (c: { code: number; from_status: string | null }) => boolean) =>
      changes.filter((c) => c.school === school && test({ code: Number(c.code), from_status: c.from_status })).reduce((s, c) => s + Number(c.n), 0);
    return schools.map((school) => {
      const row = {
        school,
        enrolledAtStart: atStart.get(school.code) ?? 0,
        admitted: count(school.code, (c) => c.code === C.ADMISSION),
        transfersIn: count(school.code, (c) => c.code === C.TRANSFER_IN),
        transfersOut: count(school.code, (c) => c.code === C.TRANSFER_OUT),
        suspended: count(school.code, (c) => c.code === C.SUSPENSION),
        resumed: count(school.code, (c) => c.code === C.RESUMPTION && c.from_status !== EnrollmentStatus.DROPPED_OUT),
        droppedOut: count(school.code, (c) => c.code === C.DROPOUT),
        returned: count(school.code, (c) => c.code === C.RESUMPTION && c.from_status === EnrollmentStatus.DROPPED_OUT),
        left: count(school.code, (c) => c.code === C.GRADUATION || c.code === C.COMPLETION || c.code === C.DEATH),
        enrolledAtEnd: atEnd.get(school.code) ?? 0,
      };
      const base = row.enrolledAtStart + row.admitted + row.transfersIn - row.transfersOut - row.left;
      return { ...row, rate: base > 0 ? Math.min(100, Math.round((row.enrolledAtEnd / base) * 10000) / 100) : null };
    });
  }
}

import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '@kongchuo/shared/core';
import type { EducationContext } from '../context';
import { CaseOutcome, StatusChangeCode as C } from '../domain/enums';
import { cohortYearOfGraduates, consolidationRate } from '../domain/consolidation-rate';

@ObjectType({ description: '巩固率的计算依据' })
export class ConsolidationBasis {
  @Field(() => Int, { description: '毕业年份' })
  year: number;

  @Field(() => Int, { description: '届别：一年级入学年份' })
  cohortYear: number;

  @Field(() => Int, { description: '一年级入学人数' })
  cohortEnrolment: number;

  @Field(() => Int, { description: '跨区转入' })
  transfersIn: number;

  @Field(() => Int, { description: '跨区转出' })
  transfersOut: number;

  @Field(() => Int, { description: '九年级毕业人数' })
  graduates: number;

  @Field({ description: '公式' })
  formula: string;
}

@ObjectType({ description: '全区控辍保学概况' })
export class DistrictOverview {
  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: '当年排查发现的辍学学生' })
  dropoutsFound: number;

  @Field(() => Int, { description: '年底前劝返复学' })
  returned: number;

  @Field(() => Int, { description: '年底仍辍学' })
  stillOut: number;

  @Field(() => Int, { description: '转学就读或移交户籍地销号' })
  closedOtherwise: number;

  @Field(() => Float, { nullable: true, description: '九年义务教育巩固率（%）' })
  consolidationRate: number | null;

  @Field(() => Float, { nullable: true, description: '巩固率目标（%）' })
  consolidationTarget: number | null;

  @Field(() => ConsolidationBasis)
  consolidation: ConsolidationBasis;

  @Field(() => Int, { description: '当年被约谈的学校数' })
  schoolsInterviewed: number;
}

export const CONSOLIDATION_FORMULA = '九年级毕业人数 ÷ (一年级入学人数 + 跨区转入 − 跨区转出)，最高 100%';

/**
 * Everything the overview counts, in one SQL statement (both dialects): the year's dropout cases
 * and how they closed, the graduating cohort's admissions, cross-district transfers and
 * graduations (through the index on student.cohort_year), the interviewed schools and the target.
 * The benchmark (`npm run bench`) times this statement straight against PostgreSQL as well.
 */
export const DISTRICT_OVERVIEW_SQL = `with cases as (
  select count(*) as dropouts_found,
         count(case when outcome = ? and closed_on <= ? then 1 end) as returned,
         count(case when outcome in (?, ?) and closed_on <= ? then 1 end) as closed_otherwise
    from dropout_case where discovered_on >= ? and discovered_on <= ?),
cohort as (
  select count(case when c.code = ? and c.grade = 1 then 1 end) as cohort_enrolment,
         count(case when c.code = ? and c.crosses_district then 1 end) as transfers_in,
         count(case when c.code = ? and c.crosses_district then 1 end) as transfers_out,
         count(case when c.code = ? and c.grade = 9 and c.date >= ? and c.date <= ? then 1 end) as graduates
    from status_change c join student s on s.id = c.student_id
   where s.cohort_year = ? and c.code in (?, ?, ?, ?)),
interviews as (select count(distinct school_code) as schools_interviewed from school_interview where date >= ? and date <= ?)
select cases.*, cohort.*, interviews.schools_interviewed,
       (select target_percent from consolidation_target where year = ?) as consolidation_target
  from cases, cohort, interviews`;

/** The statement's parameters for a year, in order. */
export function districtOverviewParams(year: number): (string | number)[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const codes = [C.ADMISSION, C.TRANSFER_IN, C.TRANSFER_OUT, C.GRADUATION];
  return [
    CaseOutcome.RETURNED, to, CaseOutcome.TRANSFERRED, CaseOutcome.REFERRED_OUT, to, from, to,
    ...codes.slice(0, 3), C.GRADUATION, from, to, cohortYearOfGraduates(year), ...codes,
    from, to,
    year,
  ];
}

interface OverviewRow {
  dropouts_found: number | string; returned: number | string; closed_otherwise: number | string;
  cohort_enrolment: number | string; transfers_in: number | string; transfers_out: number | string; graduates: number | string;
  schools_interviewed: number | string; consolidation_target: number | string | null;
}

@Resolver()
export class OverviewResolver {
  @Query(() => DistrictOverview, { description: '全区概况：发现、劝返、仍辍学、巩固率与目标' })
  async districtOverview(@Arg('year', () => Int) year: number, @Ctx() ctx: EducationContext): Promise<DistrictOverview> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'year must be between 2000 and 2100');
    // the same for every caller (aggregates only), so kept until education's next write
    const row = await ctx.cache.get(`districtOverview:${year}`, async () => (await ctx.em.getConnection().execute<OverviewRow[]>(DISTRICT_OVERVIEW_SQL, districtOverviewParams(year)))[0]);
    const n = (v: number | string | null | undefined) => Number(v ?? 0);
    const basis = { cohortEnrolment: n(row.cohort_enrolment), transfersIn: n(row.transfers_in), transfersOut: n(row.transfers_out), graduates: n(row.graduates) };
    const dropoutsFound = n(row.dropouts_found);
    const returned = n(row.returned);
    const closedOtherwise = n(row.closed_otherwise);
    return {
      year, dropoutsFound, returned, closedOtherwise, stillOut: dropoutsFound - returned - closedOtherwise,
      consolidationRate: consolidationRate(basis),
      consolidationTarget: row.consolidation_target === null || row.consolidation_target === undefined ? null : Number(row.consolidation_target),
      consolidation: { year, cohortYear: cohortYearOfGraduates(year), ...basis, formula: CONSOLIDATION_FORMULA },
      schoolsInterviewed: n(row.schools_interviewed),
    };
  }
}

import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '@kongchuo/shared';
import type { EducationContext } from '../context';
import { ConsolidationTarget, DropoutCase, StatusChange } from '../entities';
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

  @Field(() => Int, { description: '转学就读或移交户籍地结案' })
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

@Resolver()
export class OverviewResolver {
  @Query(() => DistrictOverview, { description: '全区概况：发现、劝返、仍辍学、巩固率与目标' })
  async districtOverview(@Arg('year', () => Int) year: number, @Ctx() ctx: EducationContext): Promise<DistrictOverview> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'year must be between 2000 and 2100');
    const { em } = ctx;
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const cohortYear = cohortYearOfGraduates(year);
    const found = { discoveredOn: { $gte: from, $lte: to } };
    const closedBy = (outcome: CaseOutcome | CaseOutcome[]) => ({ ...found, outcome: { $in: [outcome].flat() }, closedOn: { $lte: to } });
    const cohort = { student: { cohortYear } };
    const [dropoutsFound, returned, closedOtherwise, cohortEnrolment, transfersIn, transfersOut, graduates, target, interviewed] = await Promise.all([
      em.count(DropoutCase, found),
      em.count(DropoutCase, closedBy(CaseOutcome.RETURNED)),
      em.count(DropoutCase, closedBy([CaseOutcome.TRANSFERRED, CaseOutcome.REFERRED_OUT])),
      em.count(StatusChange, { ...cohort, code: C.ADMISSION, grade: 1 }),
      em.count(StatusChange, { ...cohort, code: C.TRANSFER_IN, crossesDistrict: true }),
      em.count(StatusChange, { ...cohort, code: C.TRANSFER_OUT, crossesDistrict: true }),
      em.count(StatusChange, { ...cohort, code: C.GRADUATION, grade: 9, date: { $gte: from, $lte: to } }),
      em.findOne(ConsolidationTarget, { year }),
      em.getConnection().execute<{ n: number | string }[]>(
        `select count(distinct school_code) as n from school_interview where date >= ? and date <= ?`, [from, to],
      ),
    ]);
    const basis = { cohortEnrolment, transfersIn, transfersOut, graduates };
    return {
      year, dropoutsFound, returned, closedOtherwise, stillOut: dropoutsFound - returned - closedOtherwise,
      consolidationRate: consolidationRate(basis),
      consolidationTarget: target?.targetPercent ?? null,
      consolidation: { year, cohortYear, ...basis, formula: CONSOLIDATION_FORMULA },
      schoolsInterviewed: Number(interviewed[0]?.n ?? 0),
    };
  }
}

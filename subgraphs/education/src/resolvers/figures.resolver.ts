import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '@kongchuo/shared/core';
import type { EducationContext } from '../context';
import { CaseOutcome, CaseStatus, DropoutReason } from '../domain/enums';
import { schoolRowFilter, studentListScope } from '../domain/access';
import { ConsolidationTarget, DropoutCase, School } from '../entities';

@ObjectType({ description: '一所学校的辍学人数' })
export class SchoolDropouts {
  @Field(() => School)
  school: School;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: '一种辍学原因的人数（一名学生可有几种原因）' })
export class ReasonCount {
  @Field(() => DropoutReason)
  reason: DropoutReason;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: '一个月的劝返复学人数' })
export class MonthCount {
  @Field({ description: 'YYYY-MM' })
  month: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: '一年的辍学统计（按调用者可见范围：学校工作人员只含本校）' })
export class DropoutFigures {
  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: '当年发现的辍学学生' })
  found: number;

  @Field(() => Int, { description: '仍未销号' })
  stillOut: number;

  @Field(() => [SchoolDropouts], { description: '各校辍学人数，多的在前' })
  bySchool: SchoolDropouts[];

  @Field(() => [ReasonCount], { description: '辍学原因，多的在前' })
  byReason: ReasonCount[];

  @Field(() => [MonthCount], { description: '劝返复学，按销号月份' })
  returnsByMonth: MonthCount[];
}

const sortedCounts = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1]);

/**
 * The overview's figures, counted here from the year's case files rather than in a browser from a
 * page of them (a page stops at 500): dropouts by school, reasons, returns by month. Aggregates
 * only — no child's record leaves — kept until education's next write, per school for school staff.
 */
@Resolver()
export class FiguresResolver {
  @Query(() => DropoutFigures, { description: '一年的辍学统计：各校人数、原因、逐月劝返（概览的图表）' })
  async dropoutFigures(@Arg('year', () => Int) year: number, @Ctx() ctx: EducationContext): Promise<DropoutFigures> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'year must be between 2000 and 2100');
    studentListScope(ctx.identity); // staff of an area: refused, as for the case files
    const scope = schoolRowFilter(ctx.identity);
    const key = `dropoutFigures:${year}:${ctx.identity.scope.kind === 'school' ? ctx.identity.scope.code : 'district'}`;
    const counted = await ctx.cache.get(key, async () => {
      const cases = await ctx.em.find(DropoutCase, { discoveredOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` }, ...(scope.school ? { school: scope.school } : {}) },
        { fields: ['school', 'reasons', 'status', 'outcome', 'closedOn'] });
      const bySchool = new Map<string, number>();
      const byReason = new Map<DropoutReason, number>();
      const byMonth = new Map<string, number>();
      for (const c of cases) {
        bySchool.set(c.school.code, (bySchool.get(c.school.code) ?? 0) + 1);
        for (const r of c.reasons) byReason.set(r, (byReason.get(r) ?? 0) + 1);
        if (c.outcome === CaseOutcome.RETURNED && c.closedOn) byMonth.set(c.closedOn.slice(0, 7), (byMonth.get(c.closedOn.slice(0, 7)) ?? 0) + 1);
      }
      // plain counts only in the cache (no entity outlives its request)
      return {
        found: cases.length, stillOut: cases.filter((c) => c.status === CaseStatus.OPEN).length,
        bySchool: sortedCounts(bySchool), byReason: sortedCounts(byReason),
        returnsByMonth: [...byMonth].sort((a, b) => a[0].localeCompare(b[0])).map(([month, count]) => ({ month, count })),
      };
    });
    const schools = await ctx.loaders.school.loadMany(counted.bySchool.map(([code]) => code));
    return {
      year, found: counted.found, stillOut: counted.stillOut,
      bySchool: counted.bySchool.map(([, count], i) => ({ school: schools[i] as School, count })),
      byReason: counted.byReason.map(([reason, count]) => ({ reason, count })),
      returnsByMonth: counted.returnsByMonth,
    };
  }

  @Query(() => [Int], { description: '有数据的年份：有辍学档案或定有巩固率目标的年份，新的在前（概览的年份列表）' })
  async overviewYears(@Ctx() ctx: EducationContext): Promise<number[]> {
    return ctx.cache.get<number[]>('overviewYears', async () => {
      const conn = ctx.em.getConnection();
      const dates = (await conn.execute('select distinct discovered_on as d from dropout_case')) as { d: string | Date }[];
      const years = new Set(dates.map((r) => Number(String(r.d instanceof Date ? r.d.toISOString() : r.d).slice(0, 4))));
      for (const t of await ctx.em.find(ConsolidationTarget, {}, { fields: ['year'] })) years.add(t.year);
      return [...years].filter((y) => Number.isInteger(y)).sort((a, b) => b - a);
    });
  }
}

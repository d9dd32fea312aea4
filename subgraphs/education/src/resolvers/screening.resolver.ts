import { badInput, notFound } from '@kongchuo/shared/core';
import { calendarDate, requiredText } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EducationContext } from '../context';
import { DropoutCase, School, SchoolInterview, Screening } from '../entities';
import { Interviewee } from '../entities/school-interview';
import { RecordSchoolInterviewInput, RecordScreeningInput } from './screening.inputs';

@Resolver(() => Screening)
export class ScreeningResolver {
  @Query(() => [Screening], { description: '大排查' })
  screenings(@Ctx() ctx: EducationContext): Promise<Screening[]> {
    return ctx.em.find(Screening, {}, { orderBy: { startedOn: 'desc' } });
  }

  @FieldResolver(() => Int, { description: '排查发现的辍学学生数' })
  casesFound(@Root() s: Screening, @Ctx() ctx: EducationContext): Promise<number> {
    return ctx.em.count(DropoutCase, { screening: s.id });
  }

  @Mutation(() => Screening, { description: '登记大排查' })
  async recordScreening(@Arg('input', () => RecordScreeningInput) input: RecordScreeningInput, @Ctx() ctx: EducationContext): Promise<Screening> {
    const startedOn = calendarDate(input.startedOn, 'input.startedOn', { notAfter: ctx.today() });
    const endedOn = calendarDate(input.endedOn, 'input.endedOn');
    if (endedOn < startedOn) throw badInput('input.endedOn', 'input.endedOn is before input.startedOn');
    return writeTransaction(ctx.em, async (em) =>
      em.create(Screening, {
        id: randomUUID(), title: requiredText(input.title, 'input.title', 200), startedOn, endedOn,
        organiser: requiredText(input.organiser, 'input.organiser', 100), findings: requiredText(input.findings, 'input.findings', 4000), recordedBy: ctx.identity.user,
      }),
    );
  }
}

@Resolver(() => SchoolInterview)
export class SchoolInterviewResolver {
  @Query(() => [SchoolInterview], { description: '约谈记录' })
  schoolInterviews(@Ctx() ctx: EducationContext, @Arg('year', () => Int, { nullable: true }) year?: number): Promise<SchoolInterview[]> {
    const where = year != null ? { date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } } : {};
    return ctx.em.find(SchoolInterview, where, { orderBy: { date: 'desc', school: 'asc' } });
  }

  @FieldResolver(() => School)
  async school(@Root() i: SchoolInterview, @Ctx() ctx: EducationContext): Promise<School> {
    return (await ctx.loaders.school.load(i.school.code))!;
  }

  @Mutation(() => SchoolInterview, { description: '登记约谈（区教育局）' })
  async recordSchoolInterview(@Arg('input', () => RecordSchoolInterviewInput) input: RecordSchoolInterviewInput, @Ctx() ctx: EducationContext): Promise<SchoolInterview> {
    const school = await ctx.loaders.school.load(input.schoolCode);
    if (!school) throw badInput('input.schoolCode', `input.schoolCode: no school ${input.schoolCode}`);
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today() });
    const deadline = calendarDate(input.rectificationDeadline, 'input.rectificationDeadline');
    if (deadline <= date) throw badInput('input.rectificationDeadline', 'input.rectificationDeadline must be after the interview');
    if (!input.interviewees.length) throw badInput('input.interviewees', 'input.interviewees: name who was interviewed');
    const interviewees: Interviewee[] = input.interviewees.map((p, i) => ({
      name: requiredText(p.name, `input.interviewees.${i}.name`, 50), title: requiredText(p.title, `input.interviewees.${i}.title`, 50),
    }));
    return writeTransaction(ctx.em, async (em) =>
      em.create(SchoolInterview, {
        id: randomUUID(), school, date, interviewees, findings: requiredText(input.findings, 'input.findings', 4000),
        responsibilityLetterSigned: input.responsibilityLetterSigned, rectificationDeadline: deadline, recordedBy: ctx.identity.user,
      }),
    );
  }

  @Mutation(() => SchoolInterview, { description: '登记整改完成' })
  async markInterviewRectified(
    @Arg('id', () => ID) id: string,
    @Arg('date') date: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: EducationContext,
  ): Promise<SchoolInterview> {
    const interview = await ctx.em.findOne(SchoolInterview, { id });
    if (!interview) throw notFound('schoolInterview', id);
    assertVersion(interview.version, expectedVersion, 'expectedVersion');
    const on = calendarDate(date, 'date', { notAfter: ctx.today() });
    if (on < interview.date) throw badInput('date', 'date is before the interview');
    return writeTransaction(ctx.em, async (em) => {
      em.persist(interview);
      interview.rectifiedOn = on;
      return interview;
    });
  }
}

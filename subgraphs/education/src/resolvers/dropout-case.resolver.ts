import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, badInput, conflict, decodeCursor, notFound, pageSize, pageWithLazyCount, toPage } from '@kongchuo/shared/core';
import { calendarDate } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import type { EducationContext } from '../context';
import { CaseRecord, DropoutCase, Letter, School, Screening, Student } from '../entities';
import { CaseOutcome, CaseRecordKind, CaseStatus, EnrollmentStatus, ResponsibilityLevel } from '../domain/enums';
import { assertCanRecordFor, schoolRowFilter, studentListScope } from '../domain/access';
import { AddCaseRecordInput, AssignResponsibilityInput, CloseDropoutCaseInput, DropoutCaseFilter, OpenDropoutCaseInput, ResponsibilityInput } from './dropout-case.inputs';

@ObjectType()
export class DropoutCaseConnection extends ConnectionType(DropoutCase) {}

const CHAIN_ORDER = Object.values(ResponsibilityLevel);

function chainOf(input: ResponsibilityInput[], field: string) {
  const seen = new Set<ResponsibilityLevel>();
  return input
    .map((r, i) => {
      const name = r.name.trim();
      const title = r.title.trim();
      if (!name || name.length > 50) throw badInput(`${field}.${i}.name`, `${field}.${i}.name must be 1–50 characters`);
      if (!title || title.length > 50) throw badInput(`${field}.${i}.title`, `${field}.${i}.title must be 1–50 characters`);
      if (seen.has(r.level)) throw badInput(`${field}.${i}.level`, `${field}.${i}.level: ${r.level} appears twice`);
      seen.add(r.level);
      return { level: r.level, name, title };
    })
    .sort((a, b) => CHAIN_ORDER.indexOf(a.level) - CHAIN_ORDER.indexOf(b.level));
}

function caseRowFilter(ctx: EducationContext): FilterQuery<DropoutCase> {
  studentListScope(ctx.identity);
  return schoolRowFilter(ctx.identity);
}

async function loadCase(ctx: EducationContext, id: string): Promise<DropoutCase> {
  const c = await ctx.em.findOne(DropoutCase, { $and: [{ id }, caseRowFilter(ctx)] });
  if (!c) throw notFound('dropoutCase', id);
  return c;
}

@Resolver(() => DropoutCase)
export class DropoutCaseResolver {
  @Query(() => DropoutCase, { nullable: true })
  dropoutCase(@Arg('id', () => ID) id: string, @Ctx() ctx: EducationContext): Promise<DropoutCase | null> {
    return ctx.em.findOne(DropoutCase, { $and: [{ id }, caseRowFilter(ctx)] });
  }

  @Query(() => DropoutCaseConnection, { description: '辍学档案（一校一册：按学校筛选）' })
  async dropoutCases(
    @Ctx() ctx: EducationContext,
    @Arg('filter', () => DropoutCaseFilter, { nullable: true }) filter?: DropoutCaseFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<DropoutCaseConnection> {
    const limit = pageSize(first);
    const where: FilterQuery<DropoutCase>[] = [caseRowFilter(ctx)];
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.schoolCode) where.push({ school: filter.schoolCode });
    if (filter?.discoveredIn != null) where.push({ discoveredOn: { $gte: `${filter.discoveredIn}-01-01`, $lte: `${filter.discoveredIn}-12-31` } });
    const cursor = decodeCursor(after);
    const rows = await ctx.em.find(DropoutCase, { $and: [...where, ...(cursor ? [{ id: { $gt: cursor } }] : [])] }, { orderBy: { id: 'asc' }, limit: limit + 1 });
    return pageWithLazyCount(() => ctx.em.count(DropoutCase, { $and: where }), toPage(rows, limit, (c) => c.id));
  }

  @FieldResolver(() => Student)
  async student(@Root() c: DropoutCase, @Ctx() ctx: EducationContext): Promise<Student> {
    return (await ctx.loaders.student.load(c.student.id))!;
  }

  @FieldResolver(() => School)
  async school(@Root() c: DropoutCase, @Ctx() ctx: EducationContext): Promise<School> {
    return (await ctx.loaders.school.load(c.school.code))!;
  }

  @FieldResolver(() => Screening, { nullable: true })
  async screening(@Root() c: DropoutCase, @Ctx() ctx: EducationContext): Promise<Screening | null> {
    return c.screening ? ctx.em.findOne(Screening, { id: c.screening.id }) : null;
  }

  @FieldResolver(() => [Letter], { description: '致户籍地教育部门的函' })
  letters(@Root() c: DropoutCase, @Ctx() ctx: EducationContext): Promise<Letter[]> {
    return ctx.loaders.letters.load(c.id);
  }

  @FieldResolver(() => [CaseRecord], { description: '劝返过程（时间线）' })
  records(@Root() c: DropoutCase, @Ctx() ctx: EducationContext): Promise<CaseRecord[]> {
    return ctx.loaders.caseRecords.load(c.id);
  }

  @Mutation(() => DropoutCase, { description: '建立辍学档案' })
  async openDropoutCase(@Arg('input', () => OpenDropoutCaseInput) input: OpenDropoutCaseInput, @Ctx() ctx: EducationContext): Promise<DropoutCase> {
    const student = await ctx.loaders.student.load(input.studentId);
    if (!student) throw notFound('student', input.studentId);
    assertCanRecordFor(ctx.identity, student.school.code, 'input.studentId');
    const discoveredOn = calendarDate(input.discoveredOn, 'input.discoveredOn', { notAfter: ctx.today() });
    if (!input.reasons.length) throw badInput('input.reasons', 'input.reasons: name at least one reason');
    if ([EnrollmentStatus.GRADUATED, EnrollmentStatus.DECEASED, EnrollmentStatus.TRANSFERRED_OUT].includes(student.status)) {
      throw badInput('input.studentId', `input.studentId: a child whose status is ${student.status} has no dropout case here`);
    }
    const chain = chainOf(input.responsibilityChain, 'input.responsibilityChain');
    let screening: Screening | null = null;
    if (input.screeningId) {
      screening = await ctx.em.findOne(Screening, { id: input.screeningId });
      if (!screening) throw badInput('input.screeningId', `input.screeningId: no screening ${input.screeningId}`);
    }
    if (await ctx.em.count(DropoutCase, { student, status: CaseStatus.OPEN })) {
      throw conflict('input.studentId', 'input.studentId: this child already has an open case');
    }
    return writeTransaction(ctx.em, async (em) => {
      const c = em.create(DropoutCase, {
        id: randomUUID(), student, school: em.getReference(School, student.school.code), grade: student.grade, discoveredOn,
        source: input.source, screening, reasons: [...new Set(input.reasons)], responsibilityChain: chain,
      });
      em.create(CaseRecord, { dropoutCase: c, date: discoveredOn, kind: CaseRecordKind.DISCOVERED, summary: `发现辍学（${input.source}）`, recordedBy: ctx.identity.user });
      return c;
    }, { dropout_case_one_open_per_student: 'input.studentId', 'dropout_case.student_id': 'input.studentId' }); // another office opened one at the same moment
  }

  @Mutation(() => CaseRecord, { description: '追加劝返过程记录（只增不改）' })
  async addCaseRecord(@Arg('input', () => AddCaseRecordInput) input: AddCaseRecordInput, @Ctx() ctx: EducationContext): Promise<CaseRecord> {
    const c = await loadCase(ctx, input.caseId);
    assertCanRecordFor(ctx.identity, c.school.code, 'input.caseId');
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today() });
    if (date < c.discoveredOn) throw badInput('input.date', 'input.date is before the case was opened');
    const summary = input.summary.trim();
    if (!summary || summary.length > 2000) throw badInput('input.summary', 'input.summary must be 1–2000 characters');
    if ([CaseRecordKind.RETURNED, CaseRecordKind.CLOSED, CaseRecordKind.DISCOVERED].includes(input.kind)) {
      throw badInput('input.kind', `input.kind: ${input.kind} entries are written by the system (status change or closing)`);
    }
    return writeTransaction(ctx.em, async (em) =>
      em.create(CaseRecord, { dropoutCase: c, date, kind: input.kind, summary, recordedBy: ctx.identity.user }),
    );
  }

  @Mutation(() => DropoutCase, { description: '更新四包责任链' })
  async assignResponsibility(@Arg('input', () => AssignResponsibilityInput) input: AssignResponsibilityInput, @Ctx() ctx: EducationContext): Promise<DropoutCase> {
    const c = await loadCase(ctx, input.caseId);
    assertCanRecordFor(ctx.identity, c.school.code, 'input.caseId');
    assertVersion(c.version, input.expectedVersion);
    const chain = chainOf(input.responsibilityChain, 'input.responsibilityChain');
    return writeTransaction(ctx.em, async (em) => {
      em.persist(c);
      c.responsibilityChain = chain;
      return c;
    });
  }

  @Mutation(() => DropoutCase, { description: '销号：转学就读 (TRANSFERRED) 或移交户籍地 (REFERRED_OUT)' })
  async closeDropoutCase(@Arg('input', () => CloseDropoutCaseInput) input: CloseDropoutCaseInput, @Ctx() ctx: EducationContext): Promise<DropoutCase> {
    const c = await loadCase(ctx, input.caseId);
    assertCanRecordFor(ctx.identity, c.school.code, 'input.caseId');
    if (input.outcome === CaseOutcome.RETURNED) {
      throw badInput('input.outcome', 'input.outcome: a return is recorded as status change 12 复学, which closes the case itself');
    }
    if (c.status === CaseStatus.CLOSED) throw conflict('input.caseId', 'input.caseId: the case is already closed');
    assertVersion(c.version, input.expectedVersion);
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today() });
    if (date < c.discoveredOn) throw badInput('input.date', 'input.date is before the case was opened');
    const summary = input.summary.trim();
    if (!summary) throw badInput('input.summary', 'input.summary must not be empty');
    return writeTransaction(ctx.em, async (em) => {
      em.persist(c);
      Object.assign(c, { status: CaseStatus.CLOSED, outcome: input.outcome, closedOn: date });
      em.create(CaseRecord, { dropoutCase: c, date, kind: CaseRecordKind.CLOSED, summary, recordedBy: ctx.identity.user });
      return c;
    });
  }
}


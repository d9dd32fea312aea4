import { badInput, conflict, notFound } from '@kongchuo/shared/core';
import { calendarDate, linkageKeyOfValid, mobilePhone, regionCode, requiredText, residentId } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PublicSecurityContext } from '../context';
import { EmployerViolation, Household, JuvenileCaseMark, LegalNotice, LocateReport, LocateRequest, LocateStatus, Person, ResidencePermit } from '../entities';
import { EndJuvenileCaseInput, IssueResidencePermitInput, MarkJuvenileCaseInput, RecordEmployerViolationInput, RegisterHouseholdInput, RegisterPersonInput, ReportLocateInput, RequestLocateInput, ServeLegalNoticeInput } from './registry.inputs';
import { Student } from './student.resolver';

@Resolver(() => LocateRequest)
export class RegistryResolver {
  @Query(() => [LocateRequest], { description: '协查工作单（公安）' })
  locateRequests(@Ctx() ctx: PublicSecurityContext, @Arg('status', () => LocateStatus, { nullable: true }) status?: LocateStatus): Promise<LocateRequest[]> {
    return ctx.em.find(LocateRequest, status ? { status } : {}, { orderBy: { requestedOn: 'asc' }, populate: ['reports'] });
  }

  @Query(() => LocateRequest, { nullable: true, description: '一条协查' })
  locateRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: PublicSecurityContext): Promise<LocateRequest | null> {
    return ctx.loaders.locateRequest.load(id);
  }

  @Query(() => LegalNotice, { nullable: true, description: '一份法律告知书送达记录' })
  legalNotice(@Arg('id', () => ID) id: string, @Ctx() ctx: PublicSecurityContext): Promise<LegalNotice | null> {
    return ctx.loaders.legalNotice.load(id);
  }

  @FieldResolver(() => [LocateReport])
  reports(@Root() r: LocateRequest): LocateReport[] {
    return r.reports.isInitialized() ? r.reports.getItems() : [];
  }

  @FieldResolver(() => Student, { description: '被查找的学生' })
  student(@Root() r: LocateRequest): Student {
    return { id: r.studentId };
  }

  @Mutation(() => Boolean, { description: '登记户（公安）' })
  async registerHousehold(@Arg('input', () => RegisterHouseholdInput) input: RegisterHouseholdInput, @Ctx() ctx: PublicSecurityContext): Promise<boolean> {
    const number = requiredText(input.number, 'input.number', 20);
    if (!/^\d{6,20}$/.test(number)) throw badInput('input.number', 'input.number: a household number is 6–20 digits');
    const region = regionCode(input.regionCode, 'input.regionCode');
    if (await ctx.em.count(Household, { number })) throw conflict('input.number', `input.number: household ${number} exists`);
    await writeTransaction(ctx.em, async (em) =>
      em.create(Household, { number, regionCode: region, registeredAddress: requiredText(input.registeredAddress, 'input.registeredAddress', 200), headName: requiredText(input.headName, 'input.headName', 50) }),
    );
    return true;
  }

  @Mutation(() => Student, { description: '登记人口（公安）；返回其人员关联键' })
  async registerPerson(@Arg('input', () => RegisterPersonInput) input: RegisterPersonInput, @Ctx() ctx: PublicSecurityContext): Promise<Student> {
    const facts = residentId(input.idNumber, 'input.idNumber');
    const name = requiredText(input.name, 'input.name', 50);
    const relation = requiredText(input.relation, 'input.relation', 20);
    const phone = mobilePhone(input.phone, 'input.phone');
    const household = await ctx.em.findOne(Household, { number: input.householdNumber });
    if (!household) throw badInput('input.householdNumber', `input.householdNumber: no household ${input.householdNumber}`);
    const id = linkageKeyOfValid(facts.idNumber, ctx.linkageSecret);
    if (await ctx.em.count(Person, { id })) throw conflict('input.idNumber', 'input.idNumber: this person is registered');
    await writeTransaction(ctx.em, async (em) =>
      em.create(Person, { id, residentId: facts.idNumber, name, gender: facts.gender, birthDate: facts.birthDate, household, relation, phone }),
    );
    return { id };
  }

  @Mutation(() => ResidencePermit, { description: '办理居住证（公安）' })
  async issueResidencePermit(@Arg('input', () => IssueResidencePermitInput) input: IssueResidencePermitInput, @Ctx() ctx: PublicSecurityContext): Promise<ResidencePermit> {
    const household = await ctx.em.findOne(Household, { number: input.householdNumber });
    if (!household) throw badInput('input.householdNumber', `input.householdNumber: no household ${input.householdNumber}`);
    const issuedOn = calendarDate(input.issuedOn, 'input.issuedOn', { notAfter: ctx.today() });
    const validUntil = calendarDate(input.validUntil, 'input.validUntil', { notBefore: issuedOn });
    if (input.communityCode != null && !/^\d{12}$/.test(input.communityCode)) throw badInput('input.communityCode', 'input.communityCode: 12 digits');
    return writeTransaction(ctx.em, async (em) =>
      em.create(ResidencePermit, {
        id: randomUUID(), household, holderName: requiredText(input.holderName, 'input.holderName', 50), address: requiredText(input.address, 'input.address', 200),
        communityCode: input.communityCode ?? null, issuedOn, validUntil,
      }),
    );
  }

  @Mutation(() => LocateRequest, { description: '发起协查：请公安查找学生及家庭下落' })
  async requestLocate(@Arg('input', () => RequestLocateInput) input: RequestLocateInput, @Ctx() ctx: PublicSecurityContext): Promise<LocateRequest> {
    const reason = requiredText(input.reason, 'input.reason', 2000);
    if (!(await ctx.loaders.person.load(input.studentId))) throw badInput('input.studentId', 'input.studentId: public security has no record of this child');
    return writeTransaction(ctx.em, async (em) =>
      em.create(LocateRequest, { id: randomUUID(), studentId: input.studentId, requestedOn: ctx.today(), requestedBy: ctx.identity.department, reason }),
    );
  }

  @Mutation(() => LocateRequest, { description: '协查反馈（公安）' })
  async reportLocate(@Arg('input', () => ReportLocateInput) input: ReportLocateInput, @Ctx() ctx: PublicSecurityContext): Promise<LocateRequest> {
    const request = await ctx.em.findOne(LocateRequest, { id: input.requestId }, { populate: ['reports'] });
    if (!request) throw notFound('locateRequest', input.requestId);
    assertVersion(request.version, input.expectedVersion);
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today(), notBefore: request.requestedOn });
    const region = regionCode(input.regionCode, 'input.regionCode');
    const summary = requiredText(input.summary, 'input.summary', 2000);
    return writeTransaction(ctx.em, async (em) => {
      em.persist(request);
      request.status = LocateStatus.REPORTED;
      request.reports.add(em.create(LocateReport, { request, date, regionCode: region, summary, officer: ctx.identity.user }));
      return request;
    });
  }

  @Mutation(() => LegalNotice, { description: '送达法律告知书（公安）' })
  async serveLegalNotice(@Arg('input', () => ServeLegalNoticeInput) input: ServeLegalNoticeInput, @Ctx() ctx: PublicSecurityContext): Promise<LegalNotice> {
    const servedOn = calendarDate(input.servedOn, 'input.servedOn', { notAfter: ctx.today() });
    if (!(await ctx.loaders.person.load(input.studentId))) throw badInput('input.studentId', 'input.studentId: public security has no record of this child');
    return writeTransaction(ctx.em, async (em) =>
      em.create(LegalNotice, {
        id: randomUUID(), studentId: input.studentId, recipientKind: input.recipientKind, recipient: requiredText(input.recipient, 'input.recipient', 200),
        servedOn, content: requiredText(input.content, 'input.content', 5000), officer: ctx.identity.user,
      }),
    );
  }

  @Mutation(() => EmployerViolation, { description: '登记非法使用童工义务教育阶段学生（公安）' })
  async recordEmployerViolation(@Arg('input', () => RecordEmployerViolationInput) input: RecordEmployerViolationInput, @Ctx() ctx: PublicSecurityContext): Promise<EmployerViolation> {
    const foundOn = calendarDate(input.foundOn, 'input.foundOn', { notAfter: ctx.today() });
    if (!(await ctx.loaders.person.load(input.studentId))) throw badInput('input.studentId', 'input.studentId: public security has no record of this child');
    return writeTransaction(ctx.em, async (em) =>
      em.create(EmployerViolation, {
        id: randomUUID(), studentId: input.studentId, employerName: requiredText(input.employerName, 'input.employerName', 200), foundOn,
        action: requiredText(input.action, 'input.action', 200), recordedBy: ctx.identity.user,
      }),
    );
  }

  @Mutation(() => Boolean, { description: '登记涉案未成年人（公安）：只记起始日期；统一视图只显示“是否涉案”' })
  async markJuvenileCase(@Arg('input', () => MarkJuvenileCaseInput) input: MarkJuvenileCaseInput, @Ctx() ctx: PublicSecurityContext): Promise<boolean> {
    const since = calendarDate(input.since, 'input.since', { notAfter: ctx.today() });
    if (!(await ctx.loaders.person.load(input.studentId))) throw badInput('input.studentId', 'input.studentId: public security has no record of this child');
    if (await ctx.em.count(JuvenileCaseMark, { studentId: input.studentId, endedOn: null })) throw conflict('input.studentId', 'input.studentId: already marked as involved in an open case');
    await writeTransaction(ctx.em, async (em) => em.create(JuvenileCaseMark, { id: randomUUID(), studentId: input.studentId, since, recordedBy: ctx.identity.user }));
    return true;
  }

  @Mutation(() => Boolean, { description: '涉案未成年人结案（公安）' })
  async endJuvenileCase(@Arg('input', () => EndJuvenileCaseInput) input: EndJuvenileCaseInput, @Ctx() ctx: PublicSecurityContext): Promise<boolean> {
    const endedOn = calendarDate(input.endedOn, 'input.endedOn', { notAfter: ctx.today() });
    const open = await ctx.em.findOne(JuvenileCaseMark, { studentId: input.studentId, endedOn: null });
    if (!open) throw notFound('input.studentId', input.studentId);
    if (endedOn < open.since) throw badInput('input.endedOn', `input.endedOn: before the mark's start (${open.since})`);
    await writeTransaction(ctx.em, async (em) => {
      em.persist(open);
      open.endedOn = endedOn;
    });
    return true;
  }
}

import { badInput, conflict } from '@kongchuo/shared/core';
import { calendarDate, linkageKeyOfValid, optionalText, regionCode, requiredText, residentId } from '@kongchuo/shared/domain';
import { writeTransaction } from '@kongchuo/shared/server';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CivilAffairsContext } from '../context';
import { AidGrant, ChildWelfareRecord, DisabilityRecord, LeftBehindChild, PoorHousehold, PoorHouseholdMember } from '../entities';
import { AddPoorHouseholdMemberInput, GrantAidInput, RecognizeChildWelfareInput, RecordDisabilityInput, RegisterLeftBehindChildInput, RegisterPoorHouseholdInput } from './registry.inputs';

const MAX_AID_YUAN = 100_000;

@Resolver()
export class RegistryResolver {
  @Query(() => AidGrant, { nullable: true, description: '一条资助发放记录' })
  aidGrant(@Arg('id', () => ID) id: string, @Ctx() ctx: CivilAffairsContext): Promise<AidGrant | null> {
    return ctx.loaders.aid.load(id);
  }

  @Mutation(() => PoorHousehold, { description: '登记建档立卡户（民政/扶贫）' })
  async registerPoorHousehold(@Arg('input', () => RegisterPoorHouseholdInput) input: RegisterPoorHouseholdInput, @Ctx() ctx: CivilAffairsContext): Promise<PoorHousehold> {
    const region = regionCode(input.regionCode, 'input.regionCode');
    const thisYear = Number(ctx.today().slice(0, 4));
    if (!Number.isInteger(input.registeredYear) || input.registeredYear < 2014 || input.registeredYear > thisYear) {
      throw badInput('input.registeredYear', `input.registeredYear: 建档立卡 began in 2014; must be 2014–${thisYear}`);
    }
    return writeTransaction(ctx.em, async (em) =>
      em.create(PoorHousehold, { id: randomUUID(), regionCode: region, headName: requiredText(input.headName, 'input.headName', 50), registeredYear: input.registeredYear, status: input.status }),
    );
  }

  @Mutation(() => Boolean, { description: '登记贫困户成员（民政/扶贫）' })
  async addPoorHouseholdMember(@Arg('input', () => AddPoorHouseholdMemberInput) input: AddPoorHouseholdMemberInput, @Ctx() ctx: CivilAffairsContext): Promise<boolean> {
    const facts = residentId(input.idNumber, 'input.idNumber');
    const household = await ctx.em.findOne(PoorHousehold, { id: input.householdId });
    if (!household) throw badInput('input.householdId', `input.householdId: no poor household ${input.householdId}`);
    const id = linkageKeyOfValid(facts.idNumber, ctx.linkageSecret);
    if (await ctx.em.count(PoorHouseholdMember, { id })) throw conflict('input.idNumber', 'input.idNumber: already a member of a registered household');
    await writeTransaction(ctx.em, async (em) =>
      em.create(PoorHouseholdMember, { id, residentId: facts.idNumber, name: requiredText(input.name, 'input.name', 50), household, relation: requiredText(input.relation, 'input.relation', 20) }),
    );
    return true;
  }

  @Mutation(() => AidGrant, { description: '登记资助发放（民政/扶贫）' })
  async grantAid(@Arg('input', () => GrantAidInput) input: GrantAidInput, @Ctx() ctx: CivilAffairsContext): Promise<AidGrant> {
    const fen = Math.round(input.amount * 100);
    if (!Number.isFinite(input.amount) || input.amount <= 0 || Math.abs(input.amount * 100 - fen) > 1e-6 || input.amount > MAX_AID_YUAN) {
      throw badInput('input.amount', `input.amount: must be more than 0 and at most ${MAX_AID_YUAN} yuan, in whole fen`);
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(input.studentId)) throw badInput('input.studentId', 'input.studentId: not a linkage key');
    const periodStart = calendarDate(input.periodStart, 'input.periodStart');
    const periodEnd = calendarDate(input.periodEnd, 'input.periodEnd', { notBefore: periodStart });
    const grantedOn = calendarDate(input.grantedOn, 'input.grantedOn', { notAfter: ctx.today() });
    return writeTransaction(ctx.em, async (em) =>
      em.create(AidGrant, { id: randomUUID(), studentId: input.studentId, programme: input.programme, amountFen: fen, periodStart, periodEnd, grantedOn, recordedBy: ctx.identity.user }),
    );
  }

  @Mutation(() => LeftBehindChild, { description: '留守儿童登记（民政）' })
  async registerLeftBehindChild(@Arg('input', () => RegisterLeftBehindChildInput) input: RegisterLeftBehindChildInput, @Ctx() ctx: CivilAffairsContext): Promise<LeftBehindChild> {
    const facts = residentId(input.idNumber, 'input.idNumber');
    const registeredOn = calendarDate(input.registeredOn, 'input.registeredOn', { notAfter: ctx.today(), notBefore: facts.birthDate });
    const id = linkageKeyOfValid(facts.idNumber, ctx.linkageSecret);
    if (input.studentId != null && input.studentId !== id) throw badInput('input.idNumber', 'input.idNumber: not the ID number of this child');
    if (await ctx.em.count(LeftBehindChild, { id })) throw conflict('input.idNumber', 'input.idNumber: already registered as left behind');
    return writeTransaction(ctx.em, async (em) =>
      em.create(LeftBehindChild, {
        id, residentId: facts.idNumber, name: requiredText(input.name, 'input.name', 50), carerName: requiredText(input.carerName, 'input.carerName', 50),
        carerRelation: requiredText(input.carerRelation, 'input.carerRelation', 20), parentsWorkplace: optionalText(input.parentsWorkplace, 'input.parentsWorkplace', 100), registeredOn,
      }),
    );
  }

  @Mutation(() => DisabilityRecord, { description: '残疾信息登记（民政/残联）' })
  async recordDisability(@Arg('input', () => RecordDisabilityInput) input: RecordDisabilityInput, @Ctx() ctx: CivilAffairsContext): Promise<DisabilityRecord> {
    const facts = residentId(input.idNumber, 'input.idNumber');
    if (!Number.isInteger(input.grade) || input.grade < 1 || input.grade > 4) throw badInput('input.grade', 'input.grade: 残疾等级 is 1–4');
    const recordedOn = calendarDate(input.recordedOn, 'input.recordedOn', { notAfter: ctx.today() });
    const id = linkageKeyOfValid(facts.idNumber, ctx.linkageSecret);
    if (await ctx.em.count(DisabilityRecord, { id })) throw conflict('input.idNumber', 'input.idNumber: a disability record exists');
    return writeTransaction(ctx.em, async (em) =>
      em.create(DisabilityRecord, {
        id, residentId: facts.idNumber, name: requiredText(input.name, 'input.name', 50), category: input.category, grade: input.grade,
        certificateNumber: optionalText(input.certificateNumber, 'input.certificateNumber', 30), recordedOn,
      }),
    );
  }

  @Mutation(() => ChildWelfareRecord, { description: '儿童福利认定登记（民政）：孤儿、事实无人抚养儿童、困境儿童；同一儿童已有认定时拒绝（CONFLICT）' })
  async recognizeChildWelfare(@Arg('input', () => RecognizeChildWelfareInput) input: RecognizeChildWelfareInput, @Ctx() ctx: CivilAffairsContext): Promise<ChildWelfareRecord> {
    const facts = residentId(input.idNumber, 'input.idNumber');
    const recognisedOn = calendarDate(input.recognisedOn, 'input.recognisedOn', { notAfter: ctx.today(), notBefore: facts.birthDate });
    const id = linkageKeyOfValid(facts.idNumber, ctx.linkageSecret);
    if (input.studentId != null && input.studentId !== id) throw badInput('input.idNumber', 'input.idNumber: not the ID number of this child');
    if (await ctx.em.count(ChildWelfareRecord, { id })) throw conflict('input.idNumber', 'input.idNumber: this child is already recognised');
    return writeTransaction(ctx.em, async (em) =>
      em.create(ChildWelfareRecord, {
        id, residentId: facts.idNumber, name: requiredText(input.name, 'input.name', 50), category: input.category, recognisedOn,
        basis: requiredText(input.basis, 'input.basis', 200),
      }),
    );
  }
}

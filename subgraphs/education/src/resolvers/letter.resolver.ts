import { badInput, conflict, notFound } from '@kongchuo/shared/core';
import { calendarDate, optionalText, regionCode, regionShortName, requiredText } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EducationContext } from '../context';
import { CaseRecordKind, CaseStatus } from '../domain/enums';
import { CaseRecord, DropoutCase, Letter, LetterStatus } from '../entities';
import { IssueLetterInput, LetterProgressInput } from './letter.inputs';

const standardBody = (recipient: string) =>
  `${recipient}：经我区大排查，贵地户籍的一名义务教育阶段适龄儿童已辍学。根据《义务教育法》及控辍保学工作要求，特此函告，请协助核实学生现状，落实劝返复学，并及时报告当地政府扶贫部门。`;

@Resolver(() => Letter)
export class LetterResolver {
  @Query(() => [Letter], { description: '发函（区教育局）' })
  letters(@Ctx() ctx: EducationContext, @Arg('status', () => LetterStatus, { nullable: true }) status?: LetterStatus): Promise<Letter[]> {
    return ctx.em.find(Letter, status ? { status } : {}, { orderBy: { sentOn: 'desc' } });
  }

  @Query(() => Letter, { nullable: true, description: '一份函件（区教育局、联席会议）' })
  letter(@Arg('id', () => ID) id: string, @Ctx() ctx: EducationContext): Promise<Letter | null> {
    return ctx.loaders.letter.load(id);
  }

  @FieldResolver(() => DropoutCase, { description: '所涉辍学档案' })
  async dropoutCase(@Root() l: Letter, @Ctx() ctx: EducationContext): Promise<DropoutCase> {
    return ctx.em.findOneOrFail(DropoutCase, { id: l.dropoutCase.id });
  }

  @Mutation(() => Letter, { description: '发函至户籍地教育部门（区教育局）' })
  async issueLetter(@Arg('input', () => IssueLetterInput) input: IssueLetterInput, @Ctx() ctx: EducationContext): Promise<Letter> {
    const c = await ctx.em.findOne(DropoutCase, { id: input.caseId });
    if (!c) throw notFound('dropoutCase', input.caseId);
    if (c.status !== CaseStatus.OPEN) throw badInput('input.caseId', 'input.caseId: the case is closed; letters are for children still out');
    const origin = regionCode(input.originRegionCode, 'input.originRegionCode');
    if (origin === ctx.districtCode) throw badInput('input.originRegionCode', 'input.originRegionCode: the child is registered in this district; no letter goes out');
    const sentOn = calendarDate(input.sentOn, 'input.sentOn', { notAfter: ctx.today(), notBefore: c.discoveredOn });
    const recipient = optionalText(input.recipient, 'input.recipient', 100) ?? `${regionShortName(origin)}教育局`;
    if (await ctx.em.count(Letter, { dropoutCase: c, originRegionCode: origin, status: { $ne: LetterStatus.REPLIED } })) {
      throw conflict('input.caseId', 'input.caseId: a letter to this region is already awaiting its reply');
    }
    return writeTransaction(ctx.em, async (em) => {
      const letter = em.create(Letter, {
        id: randomUUID(), dropoutCase: c, originRegionCode: origin, recipient, sentOn,
        body: optionalText(input.body, 'input.body', 5000) ?? standardBody(recipient), recordedBy: ctx.identity.user,
      });
      em.create(CaseRecord, { dropoutCase: c, date: sentOn, kind: CaseRecordKind.LETTER, summary: `发函至${recipient}`, recordedBy: ctx.identity.user });
      return letter;
    });
  }

  @Mutation(() => Letter, { description: '登记对方签收' })
  acknowledgeLetter(@Arg('input', () => LetterProgressInput) input: LetterProgressInput, @Ctx() ctx: EducationContext): Promise<Letter> {
    return this.progress(ctx, input, LetterStatus.ACKNOWLEDGED);
  }

  @Mutation(() => Letter, { description: '登记回函' })
  recordLetterReply(@Arg('input', () => LetterProgressInput) input: LetterProgressInput, @Ctx() ctx: EducationContext): Promise<Letter> {
    return this.progress(ctx, input, LetterStatus.REPLIED);
  }

  private async progress(ctx: EducationContext, input: LetterProgressInput, to: LetterStatus): Promise<Letter> {
    const letter = await ctx.em.findOne(Letter, { id: input.letterId });
    if (!letter) throw notFound('letter', input.letterId);
    assertVersion(letter.version, input.expectedVersion);
    const order = [LetterStatus.SENT, LetterStatus.ACKNOWLEDGED, LetterStatus.REPLIED];
    if (order.indexOf(to) <= order.indexOf(letter.status)) throw badInput('input.letterId', `input.letterId: the letter is already ${letter.status}`);
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today(), notBefore: letter.acknowledgedOn ?? letter.sentOn });
    const reply = to === LetterStatus.REPLIED ? requiredText(input.reply ?? '', 'input.reply', 5000) : null;
    return writeTransaction(ctx.em, async (em) => {
      em.persist(letter);
      letter.status = to;
      if (to === LetterStatus.ACKNOWLEDGED) letter.acknowledgedOn = date;
      else Object.assign(letter, { repliedOn: date, reply, acknowledgedOn: letter.acknowledgedOn ?? date });
      em.create(CaseRecord, { dropoutCase: letter.dropoutCase, date, kind: CaseRecordKind.LETTER, summary: to === LetterStatus.REPLIED ? `${letter.recipient}回函：${reply}` : `${letter.recipient}已签收`, recordedBy: ctx.identity.user });
      return letter;
    });
  }
}

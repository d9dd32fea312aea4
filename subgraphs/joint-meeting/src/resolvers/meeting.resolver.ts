import { badInput, forbidden, notFound } from '@kongchuo/shared/core';
import { calendarDate, optionalText, requiredText } from '@kongchuo/shared/domain';
import { DEPARTMENTS, type Department } from '@kongchuo/shared/identity';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decideFollowUp, isResolutionOverdue } from '../domain/supervision';
import type { JointMeetingContext } from '../context';
import { Meeting, PersuasionTask, Resolution, ResolutionFollowUp, ResolutionStatus } from '../entities';
import { RecordMeetingInput, ReportOnResolutionInput } from './meeting.inputs';

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => [Meeting], { description: '联席会议（新近在前）' })
  meetings(@Ctx() ctx: JointMeetingContext): Promise<Meeting[]> {
    return ctx.em.find(Meeting, {}, { orderBy: { date: 'desc' } });
  }

  @Query(() => Meeting, { nullable: true })
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: JointMeetingContext): Promise<Meeting | null> {
    return ctx.em.findOne(Meeting, { id });
  }

  @FieldResolver(() => [Resolution], { description: '决议' })
  resolutions(@Root() m: Meeting, @Ctx() ctx: JointMeetingContext): Promise<Resolution[]> {
    return ctx.loaders.resolutions.load(m.id);
  }

  @FieldResolver(() => [PersuasionTask], { description: '会议交办的任务' })
  tasks(@Root() m: Meeting, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask[]> {
    return ctx.loaders.tasksOfMeeting.load(m.id);
  }

  @Mutation(() => Meeting, { description: '登记联席会议及其决议（联席会议办公室）' })
  async recordMeeting(@Arg('input', () => RecordMeetingInput) input: RecordMeetingInput, @Ctx() ctx: JointMeetingContext): Promise<Meeting> {
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today() });
    const present = [...new Set(input.departmentsPresent)];
    const unknown = present.find((d) => !DEPARTMENTS.includes(d as Department));
    if (unknown) throw badInput('input.departmentsPresent', `input.departmentsPresent: unknown department ${unknown}`);
    if (present.length < 2) throw badInput('input.departmentsPresent', 'input.departmentsPresent: a joint meeting has at least two departments');
    const resolutions = input.resolutions.map((r, i) => requiredText(r, `input.resolutions.${i}`, 2000));
    const decisions = input.decisions.map((d, i) => {
      const at = `input.decisions[${i}]`;
      const lead = d.leadDepartment;
      if (!DEPARTMENTS.includes(lead as Department) || lead === 'joint_meeting') throw badInput(`${at}.leadDepartment`, `${at}.leadDepartment: one of education, public_security, civil_affairs, community`);
      const dueDate = calendarDate(d.dueDate, `${at}.dueDate`, { notBefore: date });
      return { text: requiredText(d.text, `${at}.text`, 2000), leadDepartment: lead, dueDate };
    });
    return writeTransaction(ctx.em, async (em) => {
      const meeting = em.create(Meeting, {
        id: randomUUID(), date, title: requiredText(input.title, 'input.title', 200), chair: requiredText(input.chair, 'input.chair', 100),
        departmentsPresent: present, agenda: requiredText(input.agenda, 'input.agenda', 4000), minutes: optionalText(input.minutes, 'input.minutes', 20000),
      });
      resolutions.forEach((text, i) => em.create(Resolution, { id: randomUUID(), meeting, ordinal: i + 1, text }));
      decisions.forEach((d, i) => em.create(Resolution, { id: randomUUID(), meeting, ordinal: resolutions.length + i + 1, ...d, status: ResolutionStatus.SUPERVISED }));
      return meeting;
    });
  }
}

@Resolver(() => Resolution)
export class ResolutionResolver {
  @Query(() => [Resolution], { description: '决议督办台账：列入督办的决议，按完成时限；可按状态、牵头部门筛选' })
  supervisedResolutions(
    @Ctx() ctx: JointMeetingContext,
    @Arg('status', () => ResolutionStatus, { nullable: true, description: '缺省：督办中' }) status?: ResolutionStatus,
    @Arg('leadDepartment', () => String, { nullable: true }) leadDepartment?: string,
  ): Promise<Resolution[]> {
    const wanted = status ?? ResolutionStatus.SUPERVISED;
    if (wanted === ResolutionStatus.RECORDED) throw badInput('status', 'status: RECORDED resolutions are not supervised; read them on their meeting');
    return ctx.em.find(Resolution, { status: wanted, ...(leadDepartment ? { leadDepartment } : {}) }, { orderBy: { dueDate: 'asc', ordinal: 'asc' }, limit: 500 });
  }

  @FieldResolver(() => Boolean, { description: '逾期：已过完成时限仍未落实' })
  overdue(@Root() r: Resolution, @Ctx() ctx: JointMeetingContext): boolean {
    return isResolutionOverdue(r.status, r.dueDate, ctx.today());
  }

  @FieldResolver(() => [ResolutionFollowUp], { description: '督办记录（按日期）' })
  followUps(@Root() r: Resolution, @Ctx() ctx: JointMeetingContext): Promise<ResolutionFollowUp[]> {
    return ctx.loaders.followUps.load(r.id);
  }

  @FieldResolver(() => Meeting, { description: '作出决议的会议' })
  async meeting(@Root() r: Resolution, @Ctx() ctx: JointMeetingContext): Promise<Meeting> {
    // a resolution's meeting is its foreign key: it is there
    return (await ctx.loaders.meeting.load(r.meeting.id))!;
  }

  @Mutation(() => Resolution, { description: '决议督办：牵头部门报告进展（PROGRESS）或落实（CARRIED_OUT），联席会议办公室督促（URGED）' })
  async reportOnResolution(@Arg('input', () => ReportOnResolutionInput) input: ReportOnResolutionInput, @Ctx() ctx: JointMeetingContext): Promise<Resolution> {
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today() });
    const text = requiredText(input.text, 'input.text', 2000);
    return writeTransaction(ctx.em, async (em) => {
      const r = await em.findOne(Resolution, { id: input.resolutionId });
      if (!r) throw notFound('input.resolutionId', input.resolutionId);
      assertVersion(r.version, input.expectedVersion);
      const d = decideFollowUp(input.kind, r.status, r.leadDepartment as Department | null, ctx.identity.department);
      if (!d.ok) throw d.code === 'FORBIDDEN' ? forbidden(`${d.field}: ${d.reason}`, d.field) : badInput(d.field, `${d.field}: ${d.reason}`);
      em.create(ResolutionFollowUp, { id: randomUUID(), resolution: r, date, kind: input.kind, department: ctx.identity.department, text, recordedBy: ctx.identity.user });
      // every follow-up changes the resolution (its count), so its version moves and a report made on a stale view is refused
      Object.assign(r, { lastFollowUpOn: date, followUpCount: r.followUpCount + 1, ...(d.status !== r.status ? { status: d.status, carriedOutOn: date } : {}) });
      em.persist(r);
      return r;
    }, { resolution: 'input.expectedVersion' });
  }
}

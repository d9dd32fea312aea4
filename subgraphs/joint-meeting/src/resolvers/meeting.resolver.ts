import { badInput } from '@kongchuo/shared/core';
import { calendarDate, optionalText, requiredText } from '@kongchuo/shared/domain';
import { DEPARTMENTS, type Department } from '@kongchuo/shared/identity';
import { writeTransaction } from '@kongchuo/shared/server';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { JointMeetingContext } from '../context';
import { Meeting, PersuasionTask, Resolution } from '../entities';
import { RecordMeetingInput } from './meeting.inputs';

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
    return writeTransaction(ctx.em, async (em) => {
      const meeting = em.create(Meeting, {
        id: randomUUID(), date, title: requiredText(input.title, 'input.title', 200), chair: requiredText(input.chair, 'input.chair', 100),
        departmentsPresent: present, agenda: requiredText(input.agenda, 'input.agenda', 4000), minutes: optionalText(input.minutes, 'input.minutes', 20000),
      });
      resolutions.forEach((text, i) => em.create(Resolution, { id: randomUUID(), meeting, ordinal: i + 1, text }));
      return meeting;
    });
  }
}


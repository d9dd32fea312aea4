import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { label } from '@kongchuo/shared/labels';
import { DropoutCaseRef, HomeVisitRef } from './evidence.types';
import { RequiredStatusChange, TimelineEntry } from './timeline.types';
import { TASK_RULES, TaskAction } from '../domain/tasks';
import { StudentKey } from '@kongchuo/shared/server';
import type { JointMeetingContext } from '../context';
import { PersuasionTask } from '../entities';

@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：联席会议部分）' })
export class Student extends StudentKey {
  @Directive('@external')
  @Field(() => [RequiredStatusChange], { nullable: true })
  statusChanges?: RequiredStatusChange[] | null;

  @Directive('@external')
  @Field(() => [HomeVisitRef], { nullable: true })
  homeVisits?: HomeVisitRef[] | null;

  @Directive('@external')
  @Field(() => [DropoutCaseRef], { nullable: true })
  dropoutCases?: DropoutCaseRef[] | null;
}


@Resolver(() => Student)
export class StudentResolver {
  @FieldResolver(() => [TimelineEntry], { nullable: true, description: '一条时间线：学籍异动（教育）、家访（社区或学校）、发函与回函（教育）与劝返任务的办理（联席会议），按日期；调用者无权看的部分不在其中' })
  @Directive('@requires(fields: "statusChanges { code date } homeVisits { date outcome visitorDepartment } dropoutCases { letters { sentOn recipient repliedOn } }")')
  async timeline(@Root() s: Student, @Ctx() ctx: JointMeetingContext): Promise<TimelineEntry[]> {
    const tasks = await ctx.loaders.tasksOfStudent.load(s.id);
    const events = (await Promise.all(tasks.map((t) => ctx.loaders.events.load(t.id)))).flatMap((es, i) => es.map((e) => ({ e, t: tasks[i] })));
    const entries: TimelineEntry[] = [
      ...(s.statusChanges ?? []).map((c) => ({ date: c.date, kind: 'STATUS_CHANGE', department: 'education', summary: `学籍异动 ${label('StatusChangeCode', c.code)}`, statusChange: c.code })),
      ...(s.homeVisits ?? []).filter((v) => v.date).map((v) => ({ date: v.date!, kind: 'HOME_VISIT', department: v.visitorDepartment ?? 'community', summary: `家访：${label('VisitOutcome', v.outcome)}`, visitOutcome: v.outcome ?? null })),
      ...(s.dropoutCases ?? []).flatMap((c) => c.letters ?? []).flatMap((l) => [
        ...(l.sentOn ? [{ date: l.sentOn, kind: 'LETTER', department: 'education', summary: `发函至${l.recipient}`, detail: l.recipient, reply: false }] : []),
        ...(l.repliedOn ? [{ date: l.repliedOn, kind: 'LETTER', department: 'education', summary: `${l.recipient}回函`, detail: l.recipient, reply: true }] : []),
      ]),
      ...events.map(({ e, t }) => {
        const evidence = e.action === TaskAction.COMPLETE ? t.evidenceKind : null;
        return {
          date: e.date, kind: 'TASK', department: e.department,
          summary: `${TASK_RULES[t.type].label}：${label('TaskAction', e.action)}${evidence ? `，佐证材料：${label('EvidenceKind', evidence)}` : ''}${e.note ? `（${e.note}）` : ''}`,
          taskType: t.type, taskAction: e.action, evidenceKind: evidence, detail: e.note,
        };
      }),
    ];
    return entries.sort((a, b) => a.date.localeCompare(b.date));
  }

  @FieldResolver(() => [PersuasionTask], { nullable: true, description: '该生的劝返任务（按期限）' })
  tasks(@Root() s: Student, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask[]> {
    return ctx.loaders.tasksOfStudent.load(s.id);
  }
}

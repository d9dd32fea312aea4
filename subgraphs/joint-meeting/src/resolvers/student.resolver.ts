import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { DropoutCaseRef, HomeVisitRef } from './evidence.types';
import { RequiredStatusChange, TimelineEntry } from './timeline.types';
import { TASK_RULES } from '../domain/tasks';
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

const STATUS_LABEL: Record<string, string> = {
  ADMISSION: '11 招生', RESUMPTION: '12 复学', TRANSFER_IN: '13 转入', GRADUATION: '21 毕业', COMPLETION: '22 结业', SUSPENSION: '23 休学',
  WITHDRAWAL: '24 退学', EXPULSION: '25 开除', DEATH: '26 死亡', TRANSFER_OUT: '27 转出', DROPOUT: '28 辍学', PROMOTION: '31 升级',
  CLASS_CHANGE: '32 调班', REPETITION: '33 留级',
};
const ACTION_LABEL: Record<string, string> = { ASSIGN: '派发', ACCEPT: '接收', START: '开始办理', COMPLETE: '办结', REJECT: '退回', REASSIGN: '改派' };
const VISIT_LABEL: Record<string, string> = { MET_FAMILY: '见到家长', CHILD_PERSUADED: '动员成功', REFUSED: '拒绝', NOT_HOME: '未遇', MOVED_AWAY: '已搬离' };

@Resolver(() => Student)
export class StudentResolver {
  @FieldResolver(() => [TimelineEntry], { nullable: true, description: '一条时间线：学籍异动（教育）、家访（社区）、发函与回函（教育）与劝返任务的办理（联席会议），按日期；调用者无权看的部分不在其中' })
  @Directive('@requires(fields: "statusChanges { code date } homeVisits { date outcome } dropoutCases { letters { sentOn recipient repliedOn } }")')
  async timeline(@Root() s: Student, @Ctx() ctx: JointMeetingContext): Promise<TimelineEntry[]> {
    const tasks = await ctx.loaders.tasksOfStudent.load(s.id);
    const events = (await Promise.all(tasks.map((t) => ctx.loaders.events.load(t.id)))).flatMap((es, i) => es.map((e) => ({ e, t: tasks[i] })));
    const entries: TimelineEntry[] = [
      ...(s.statusChanges ?? []).map((c) => ({ date: c.date, kind: 'STATUS_CHANGE', department: 'education', summary: `学籍异动 ${STATUS_LABEL[c.code] ?? c.code}` })),
      ...(s.homeVisits ?? []).filter((v) => v.date).map((v) => ({ date: v.date!, kind: 'HOME_VISIT', department: 'community', summary: `家访：${VISIT_LABEL[v.outcome ?? ''] ?? v.outcome}` })),
      ...(s.dropoutCases ?? []).flatMap((c) => c.letters ?? []).flatMap((l) => [
        ...(l.sentOn ? [{ date: l.sentOn, kind: 'LETTER', department: 'education', summary: `发函至${l.recipient}` }] : []),
        ...(l.repliedOn ? [{ date: l.repliedOn, kind: 'LETTER', department: 'education', summary: `${l.recipient}回函` }] : []),
      ]),
      ...events.map(({ e, t }) => ({ date: e.date, kind: 'TASK', department: e.department, summary: `${TASK_RULES[t.type].label}：${ACTION_LABEL[e.action] ?? e.action}${e.note ? `（${e.note}）` : ''}` })),
    ];
    return entries.sort((a, b) => a.date.localeCompare(b.date));
  }

  @FieldResolver(() => [PersuasionTask], { nullable: true, description: '该生的劝返任务（按期限）' })
  tasks(@Root() s: Student, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask[]> {
    return ctx.loaders.tasksOfStudent.load(s.id);
  }
}

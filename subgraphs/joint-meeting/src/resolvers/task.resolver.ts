import { randomUUID } from 'node:crypto';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Field, ObjectType, Int } from 'type-graphql';
import { badInput, forbidden, notFound } from '@kongchuo/shared/core';
import { LINKAGE_KEY_PATTERN, calendarDate, optionalText, requiredText, todayInChina } from '@kongchuo/shared/domain';
import { DEPARTMENTS, type Department, type Identity } from '@kongchuo/shared/identity';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import type { JointMeetingContext } from '../context';
import { EvidenceKind, Meeting, PersuasionTask, TaskAction, TaskEvent, TaskStatus, TaskType } from '../entities';
import { TASK_RULES, canDo, decideMove, isOverdue } from '../domain/tasks';
import { EVIDENCE_OWNER, evidenceProblem } from '../domain/evidence-check';
import { Student } from './student.resolver';
import { TaskEvidence, evidenceReference } from './evidence.types';
import { AssignTaskInput, CompleteTaskInput, MoveTaskInput, ReassignTaskInput, RejectTaskInput, TaskFilter } from './task.inputs';

function department(value: string, field: string): Department {
  if (!DEPARTMENTS.includes(value as Department) || value === 'joint_meeting') throw badInput(field, `${field}: not a department that takes tasks (${value})`);
  return value as Department;
}

function event(em: EntityManager, task: PersuasionTask, identity: Identity, action: TaskAction, from: TaskStatus | null, to: TaskStatus, date: string, note?: string | null) {
  return em.create(TaskEvent, { task, at: new Date(), date, user: identity.user, department: identity.department, action, fromStatus: from, toStatus: to, note: note ?? null });
}

/** Writes a new task and its ASSIGN step (inside the caller's transaction); the inputs are already checked. */
export function createTask(
  em: EntityManager, identity: Identity, today: string,
  t: { studentId: string; caseId: string | null; meeting: Meeting | null; type: TaskType; department: Department; assignee: string | null; dueDate: string; note: string | null },
): PersuasionTask {
  const task = em.create(PersuasionTask, {
    id: randomUUID(), studentId: t.studentId, caseId: t.caseId, meeting: t.meeting, type: t.type, assignedDepartment: t.department,
    assignee: t.assignee, dueDate: t.dueDate, note: t.note, createdBy: identity.user,
  });
  // the step's note is what the assigner wrote; to whom is the task's own department
  event(em, task, identity, TaskAction.ASSIGN, null, TaskStatus.ASSIGNED, today, t.note);
  return task;
}

/** Overdue first, then by due date. */
function overdueFirst(tasks: PersuasionTask[], today: string): PersuasionTask[] {
  return [...tasks].sort((a, b) => {
    const oa = isOverdue(a.dueDate, a.status, today) ? 0 : 1;
    const ob = isOverdue(b.dueDate, b.status, today) ? 0 : 1;
    return oa - ob || a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id);
  });
}

@ObjectType({ description: '周报：某部门的任务数' })
export class WeeklyReportRow {
  @Field()
  department: string;

  @Field(() => Int, { description: '已交办' })
  assigned: number;

  @Field(() => Int, { description: '已接收' })
  accepted: number;

  @Field(() => Int, { description: '办理中' })
  inProgress: number;

  @Field(() => Int, { description: '已办结' })
  done: number;

  @Field(() => Int, { description: '已退回' })
  rejected: number;

  @Field(() => Int, { description: '逾期' })
  overdue: number;

  @Field(() => Int, { description: '本周办结' })
  completedThisWeek: number;
}

@ObjectType({ description: '劝返工作周报' })
export class WeeklyReport {
  @Field()
  weekStart: string;

  @Field()
  weekEnd: string;

  @Field(() => [WeeklyReportRow])
  rows: WeeklyReportRow[];
}

@ObjectType({ description: '一个部门一种状态的任务数' })
export class TaskCount {
  @Field({ description: '承办部门' })
  department: string;

  @Field(() => TaskStatus)
  status: TaskStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: '一种任务的规则：由哪个部门办理、以什么佐证材料办结' })
export class TaskRule {
  @Field(() => TaskType)
  type: TaskType;

  @Field(() => [String], { description: '承办部门' })
  departments: string[];

  @Field(() => EvidenceKind, { description: '办结佐证材料（承办部门在本部门记录）' })
  evidence: EvidenceKind;
}

@Resolver(() => PersuasionTask)
export class TaskResolver {
  @Query(() => [TaskRule], { description: '任务类型的规则：交办时据此选承办部门，办结时据此登记佐证材料' })
  taskRules(): TaskRule[] {
    return Object.entries(TASK_RULES).map(([type, r]) => ({ type: type as TaskType, departments: [...r.departments], evidence: r.evidence }));
  }

  @Query(() => [TaskCount], { description: '各部门各状态的任务数（概览的图表）' })
  async taskCounts(@Ctx() ctx: JointMeetingContext): Promise<TaskCount[]> {
    const rows = (await ctx.em.getConnection().execute(
      'select assigned_department as department, status, count(*) as n from persuasion_task group by assigned_department, status')) as { department: string; status: TaskStatus; n: number | string }[];
    return rows.map((r) => ({ department: r.department, status: r.status, count: Number(r.n) }))
      .sort((a, b) => a.department.localeCompare(b.department) || a.status.localeCompare(b.status));
  }

  @Query(() => [PersuasionTask], { description: '本部门的任务（逾期在前）' })
  async myTasks(@Ctx() ctx: JointMeetingContext, @Arg('includeDone', { defaultValue: false }) includeDone: boolean): Promise<PersuasionTask[]> {
    const where: FilterQuery<PersuasionTask> = { assignedDepartment: ctx.identity.department, ...(includeDone ? {} : { status: { $ne: TaskStatus.DONE } }) };
    return overdueFirst(await ctx.em.find(PersuasionTask, where), ctx.today());
  }

  @Query(() => [PersuasionTask], { description: '任务（联席会议、教育局；逾期在前）' })
  async tasks(@Ctx() ctx: JointMeetingContext, @Arg('filter', () => TaskFilter, { nullable: true }) filter?: TaskFilter): Promise<PersuasionTask[]> {
    const where: FilterQuery<PersuasionTask>[] = [];
    if (filter?.department) where.push({ assignedDepartment: filter.department });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.type) where.push({ type: filter.type });
    if (filter?.meetingId) where.push({ meeting: filter.meetingId });
    if (filter?.overdue) where.push({ status: { $ne: TaskStatus.DONE }, dueDate: { $lt: ctx.today() } });
    return overdueFirst(await ctx.em.find(PersuasionTask, where.length ? { $and: where } : {}), ctx.today());
  }

  @Query(() => PersuasionTask, { nullable: true })
  task(@Arg('id') id: string, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask | null> {
    return ctx.em.findOne(PersuasionTask, { id });
  }

  @Query(() => WeeklyReport, { description: '劝返工作周报：各部门任务数（截至周末）与本周办结数' })
  async weeklyReport(@Arg('weekEnding', { description: '周末日期 YYYY-MM-DD' }) weekEnding: string, @Ctx() ctx: JointMeetingContext): Promise<WeeklyReport> {
    const weekEnd = calendarDate(weekEnding, 'weekEnding');
    const weekStart = new Date(Date.parse(weekEnd) - 6 * 86400000).toISOString().slice(0, 10);
    const [tasks, completions] = await Promise.all([
      ctx.em.find(PersuasionTask, { createdAt: { $lte: new Date(`${weekEnd}T23:59:59+08:00`) } }, { fields: ['assignedDepartment', 'status', 'dueDate'] }),
      ctx.em.find(TaskEvent, { action: TaskAction.COMPLETE, date: { $gte: weekStart, $lte: weekEnd } }, { fields: ['department'] }),
    ]);
    const rows = new Map<string, WeeklyReportRow>();
    const row = (d: string) => rows.get(d) ?? rows.set(d, { department: d, assigned: 0, accepted: 0, inProgress: 0, done: 0, rejected: 0, overdue: 0, completedThisWeek: 0 }).get(d)!;
    const key: Record<TaskStatus, keyof WeeklyReportRow> = { ASSIGNED: 'assigned', ACCEPTED: 'accepted', IN_PROGRESS: 'inProgress', DONE: 'done', REJECTED: 'rejected' };
    for (const t of tasks) {
      const r = row(t.assignedDepartment);
      (r[key[t.status]] as number) += 1;
      if (isOverdue(t.dueDate, t.status, weekEnd)) r.overdue += 1;
    }
    for (const e of completions) row(e.department).completedThisWeek += 1;
    return { weekStart, weekEnd, rows: [...rows.values()].sort((a, b) => a.department.localeCompare(b.department)) };
  }

  @FieldResolver(() => Boolean, { description: '是否逾期' })
  overdue(@Root() t: PersuasionTask, @Ctx() ctx: JointMeetingContext): boolean {
    return isOverdue(t.dueDate, t.status, ctx.today());
  }

  @FieldResolver(() => String, { description: '任务类型（中文）' })
  typeLabel(@Root() t: PersuasionTask): string {
    return TASK_RULES[t.type].label;
  }

  @FieldResolver(() => TaskEvidence, { nullable: true, description: '办结佐证材料（由承办部门的服务返回其记录）' })
  evidence(@Root() t: PersuasionTask): ReturnType<typeof evidenceReference> {
    return evidenceReference(t.evidenceKind, t.evidenceId);
  }

  @FieldResolver(() => Student, { description: '学生' })
  student(@Root() t: PersuasionTask): Student {
    return { id: t.studentId };
  }

  @FieldResolver(() => Meeting, { nullable: true, description: '依据的联席会议' })
  meeting(@Root() t: PersuasionTask, @Ctx() ctx: JointMeetingContext): Promise<Meeting | null> | null {
    return t.meeting ? ctx.em.findOne(Meeting, { id: t.meeting.id }) : null;
  }

  @FieldResolver(() => [TaskEvent], { description: '办理记录（谁、何时、做了什么）' })
  history(@Root() t: PersuasionTask, @Ctx() ctx: JointMeetingContext): Promise<TaskEvent[]> {
    return ctx.loaders.events.load(t.id);
  }

  @Mutation(() => PersuasionTask, { description: '交办劝返任务（联席会议、教育局）' })
  async assignTask(@Arg('input', () => AssignTaskInput) input: AssignTaskInput, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask> {
    if (!LINKAGE_KEY_PATTERN.test(input.studentId)) throw badInput('input.studentId', 'input.studentId: not a linkage key');
    const to = department(input.department, 'input.department');
    if (!canDo(input.type, to)) throw badInput('input.department', `input.department: ${TASK_RULES[input.type].label} is done by ${TASK_RULES[input.type].departments.join('/')}, not ${to}`);
    const dueDate = calendarDate(input.dueDate, 'input.dueDate', { notBefore: ctx.today() });
    let meeting: Meeting | null = null;
    if (input.meetingId) {
      meeting = await ctx.em.findOne(Meeting, { id: input.meetingId });
      if (!meeting) throw badInput('input.meetingId', `input.meetingId: no meeting ${input.meetingId}`);
    }
    const assignee = optionalText(input.assignee, 'input.assignee', 64);
    const note = optionalText(input.note, 'input.note', 2000);
    return writeTransaction(ctx.em, async (em) =>
      createTask(em, ctx.identity, ctx.today(), { studentId: input.studentId, caseId: input.caseId ?? null, meeting, type: input.type, department: to, assignee, dueDate, note }));
  }

  @Mutation(() => PersuasionTask, { description: '接收任务（承办部门）' })
  acceptTask(@Arg('input', () => MoveTaskInput) input: MoveTaskInput, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask> {
    return this.move(ctx, input.taskId, input.expectedVersion, TaskAction.ACCEPT, () => optionalText(input.note, 'input.note', 2000));
  }

  @Mutation(() => PersuasionTask, { description: '开始办理（承办部门）' })
  startTask(@Arg('input', () => MoveTaskInput) input: MoveTaskInput, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask> {
    return this.move(ctx, input.taskId, input.expectedVersion, TaskAction.START, () => optionalText(input.note, 'input.note', 2000));
  }

  @Mutation(() => PersuasionTask, { description: '办结（承办部门，须附本部门记录的佐证材料及其签名证明 attestation，由联席会议以该部门公钥核验）' })
  async completeTask(@Arg('input', () => CompleteTaskInput) input: CompleteTaskInput, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask> {
    const task = await ctx.em.findOne(PersuasionTask, { id: input.taskId });
    const expected = task ? TASK_RULES[task.type].evidence : undefined;
    const evidenceId = input.evidenceId?.trim();
    if (task && expected) {
      if (!evidenceId) throw badInput('input.evidenceId', `input.evidenceId: completing a ${TASK_RULES[task.type].label} task needs its evidence (${expected})`);
      if (input.evidenceKind !== expected) throw badInput('input.evidenceKind', `input.evidenceKind: a ${TASK_RULES[task.type].label} task is evidenced by ${expected}`);
      if (task.assignedDepartment === ctx.identity.department) {
        await ctx.scope.assert(task.studentId, 'input.taskId');
        const id = requiredText(evidenceId, 'input.evidenceId', 64);
        // the record's own department vouches for it (its attestation); the joint meeting asks no one
        const attestation = requiredText(input.evidenceAttestation ?? '', 'input.evidenceAttestation', 4096);
        const vouched = await ctx.attestations.verify(attestation, EVIDENCE_OWNER[expected], 'input.evidenceAttestation');
        const problem = evidenceProblem(expected, id, task.studentId, todayInChina(task.createdAt), vouched);
        if (problem) throw badInput('input.evidenceId', `input.evidenceId: ${problem}`);
        // one record is the evidence of one task: the same visit does not complete two
        const other = await ctx.em.count(PersuasionTask, { evidenceKind: expected, evidenceId: id, id: { $ne: task.id } });
        if (other) throw badInput('input.evidenceId', 'input.evidenceId: that record is already the evidence of another task');
      }
    }
    return this.move(ctx, input.taskId, input.expectedVersion, TaskAction.COMPLETE, (t) => {
      Object.assign(t, { evidenceKind: expected, evidenceId, completedOn: ctx.today() });
      return optionalText(input.note, 'input.note', 2000);
    });
  }

  @Mutation(() => PersuasionTask, { description: '退回任务（承办部门，须说明理由）' })
  rejectTask(@Arg('input', () => RejectTaskInput) input: RejectTaskInput, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask> {
    return this.move(ctx, input.taskId, input.expectedVersion, TaskAction.REJECT, (task) => {
      task.rejectionReason = requiredText(input.reason, 'input.reason', 2000);
      return task.rejectionReason;
    });
  }

  @Mutation(() => PersuasionTask, { description: '重新交办任务（联席会议、教育局）' })
  reassignTask(@Arg('input', () => ReassignTaskInput) input: ReassignTaskInput, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask> {
    return this.move(ctx, input.taskId, input.expectedVersion, TaskAction.REASSIGN, (task) => {
      const to = department(input.department, 'input.department');
      if (!canDo(task.type, to)) throw badInput('input.department', `input.department: ${TASK_RULES[task.type].label} is done by ${TASK_RULES[task.type].departments.join('/')}, not ${to}`);
      Object.assign(task, {
        assignedDepartment: to, assignee: optionalText(input.assignee, 'input.assignee', 64),
        dueDate: calendarDate(input.dueDate, 'input.dueDate', { notBefore: ctx.today() }), rejectionReason: null,
      });
      return optionalText(input.note, 'input.note', 2000);
    });
  }

  /**
   * One move of the state machine: the rules decide, `apply` validates and changes the task's
   * own fields (throwing leaves nothing written), the version guards against a concurrent move,
   * and the history records who did it.
   */
  private async move(ctx: JointMeetingContext, taskId: string, expectedVersion: number, action: Exclude<TaskAction, 'ASSIGN'>, apply: (task: PersuasionTask) => string | null): Promise<PersuasionTask> {
    const task = await ctx.em.findOne(PersuasionTask, { id: taskId });
    if (!task) throw notFound('task', taskId);
    // staff of one school or area act only on their own children's tasks; nothing is written otherwise
    await ctx.scope.assert(task.studentId, 'input.taskId');
    const decision = decideMove(action, task.status, task.assignedDepartment as Department, ctx.identity.department);
    // who may act first, then staleness (a move from an old version is a CONFLICT even if the
    // task has since moved on), then whether the move fits the task's status
    if (!decision.ok && decision.code === 'FORBIDDEN') throw forbidden(decision.reason, decision.field);
    assertVersion(task.version, expectedVersion);
    if (!decision.ok) throw badInput(decision.field, `${decision.field}: ${decision.reason}`);
    const from = task.status;
    return writeTransaction(ctx.em, async (em) => {
      em.persist(task);
      const note = apply(task);
      task.status = decision.to;
      event(em, task, ctx.identity, action, from, decision.to, ctx.today(), note);
      return task;
    });
  }
}

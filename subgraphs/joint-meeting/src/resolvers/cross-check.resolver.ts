import { badInput, conflict, ConnectionType, decodeCursor, notFound, pageSize, pageWithLazyCount, sqlOf, toPage } from '@kongchuo/shared/core';
import { calendarDate, optionalText, requiredText } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import type { FilterQuery } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { JointMeetingContext } from '../context';
import { CrossCheckStatus, FindingKind, FindingStatus, LedgerKind } from '../domain/cross-check';
import { TASK_RULES } from '../domain/tasks';
import { CrossCheckRun, LedgerEntry, Meeting, PersuasionTask, TaskStatus } from '../entities';
import { ACTIVE, failAbandoned, workerHoldsLease } from '../workers/cross-check.worker';
import { ActOnFindingInput, DismissFindingInput } from './cross-check.inputs';
import { Student } from './student.resolver';
import { createTask } from './task.resolver';

@ObjectType()
export class LedgerEntryConnection extends ConnectionType(LedgerEntry) {}

@ObjectType({ description: '一类发现的处理情况' })
export class FindingCount {
  @Field(() => FindingKind)
  finding: FindingKind;

  @Field(() => Int, { description: '待处理' })
  open: number;

  @Field(() => Int, { description: '已交办任务' })
  acted: number;

  @Field(() => Int, { description: '核实排除' })
  dismissed: number;
}

@ObjectType({ description: '比对各步骤耗时（毫秒）' })
export class CrossCheckTiming {
  @Field()
  step: string;

  @Field(() => Int)
  ms: number;
}

/** The run a ledger shows: the one asked for, or the latest finished one. */
async function latestRun(ctx: JointMeetingContext, runId?: string): Promise<CrossCheckRun | null> {
  if (runId) return ctx.em.findOne(CrossCheckRun, { id: runId });
  const [latest] = await ctx.em.find(CrossCheckRun, { status: CrossCheckStatus.DONE }, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: 1 });
  return latest ?? null;
}

/** the field writeTransaction names when the district's one queued or running slot is taken */
const SLOT_TAKEN = 'runCrossCheck';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Resolver(() => CrossCheckRun)
export class CrossCheckResolver {
  @Mutation(() => CrossCheckRun, {
    description: '运行四查三比对（由比对作业执行，通常等其完成后返回；未完成时返回进度，可用 crossCheck(id) 再查）：查户籍（公安）、查居住（社区）与学籍比对，查在校（考勤），辍学与贫困库比对；生成三本台账与待处理的发现',
  })
  async runCrossCheck(
    @Ctx() ctx: JointMeetingContext,
    @Arg('asOf', () => String, { nullable: true, description: '比对日期，默认今天' }) asOf?: string,
  ): Promise<CrossCheckRun> {
    const on = asOf ? calendarDate(asOf, 'asOf', { notAfter: ctx.today() }) : ctx.today();
    const { minIntervalSeconds, waitSeconds } = ctx.config.crossCheck;
    const last = await latestRun(ctx);
    if (last && minIntervalSeconds > 0) {
      const next = new Date(last.startedAt.getTime() + minIntervalSeconds * 1000);
      if (next.getTime() > Date.now()) {
        throw conflict('runCrossCheck', `runCrossCheck: the last check ran at ${last.startedAt.toISOString()}; the next may run from ${next.toISOString()} (CROSS_CHECK_MIN_INTERVAL_SECONDS=${minIntervalSeconds})`);
      }
    }
    // queued for the cross-check worker (workers/cross-check.worker.ts), which reads the registers through the
    // gateway; one run at a time in the district: the `active` slot is unique, on every instance of the joint meeting
    const queue = () => writeTransaction(ctx.em.fork(), async (em) => em.create(CrossCheckRun, {
      id: randomUUID(), asOf: on, startedBy: ctx.identity.user, status: CrossCheckStatus.QUEUED, active: ACTIVE,
      registeredByPolice: 0, livingInCommunities: 0, schoolAge: 0, withEnrollment: 0, suspectedDropouts: 0, dropouts: 0, findings: 0, timings: {},
    }), { active: SLOT_TAKEN });
    let queued: CrossCheckRun;
    try {
      queued = await queue();
    } catch (e) {
      // the slot is taken (writeTransaction names the duplicate key's field): say by whom, or free it if its worker stopped
      if (!(e instanceof GraphQLError && e.extensions.code === 'CONFLICT' && e.extensions.field === SLOT_TAKEN)) throw e;
      const held = await ctx.em.fork().findOne(CrossCheckRun, { active: ACTIVE });
      // a run left RUNNING by a worker that stopped (its lease gone) is failed, and this one takes its place
      if (held?.status === CrossCheckStatus.RUNNING && !(await workerHoldsLease(ctx.em.fork()))) {
        await failAbandoned(ctx.em.fork());
        queued = await queue();
      } else {
        throw conflict('runCrossCheck', `runCrossCheck: a check is already running (started by ${held?.startedBy ?? 'someone'} at ${held?.startedAt.toISOString() ?? 'just now'}, ${held?.status === CrossCheckStatus.QUEUED ? 'waiting for the cross-check worker' : 'being checked'}); its result will be the latest run (crossCheck)`);
      }
    }
    // the caller usually gets the finished run; a long one comes back still RUNNING, to be read again (crossCheck(id))
    const until = Date.now() + waitSeconds * 1000;
    let run = queued;
    while (Date.now() < until) {
      await sleep(Math.min(250, ctx.config.crossCheck.pollMs));
      run = (await ctx.em.fork().findOne(CrossCheckRun, { id: queued.id })) ?? run;
      if (run.status === CrossCheckStatus.DONE) return run;
      if (run.status === CrossCheckStatus.FAILED) {
        throw new GraphQLError(`runCrossCheck: ${run.failure ?? 'the check failed'}`, { extensions: { code: 'SERVICE_UNAVAILABLE', field: 'runCrossCheck', runId: run.id } });
      }
    }
    return run;
  }

  @Query(() => [CrossCheckRun], { description: '历次四查三比对（最近的在前）' })
  crossChecks(@Ctx() ctx: JointMeetingContext, @Arg('first', () => Int, { nullable: true }) first?: number): Promise<CrossCheckRun[]> {
    return ctx.em.find(CrossCheckRun, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: pageSize(first, 10) });
  }

  @Query(() => CrossCheckRun, { nullable: true, description: '一次比对（不给 id 则为最近一次）' })
  crossCheck(@Ctx() ctx: JointMeetingContext, @Arg('id', () => ID, { nullable: true }) id?: string): Promise<CrossCheckRun | null> {
    return latestRun(ctx, id);
  }

  @Query(() => LedgerEntryConnection, { description: '台账（适龄儿童 / 疑似辍学 / 辍学），默认为最近一次比对；可只看某类发现或某种处理状态' })
  async ledger(
    @Ctx() ctx: JointMeetingContext,
    @Arg('kind', () => LedgerKind) kind: LedgerKind,
    @Arg('runId', () => ID, { nullable: true }) runId?: string,
    @Arg('finding', () => FindingKind, { nullable: true }) finding?: FindingKind,
    @Arg('status', () => FindingStatus, { nullable: true }) status?: FindingStatus,
    @Arg('onlyFindings', () => Boolean, { nullable: true, description: '只列有发现的条目' }) onlyFindings?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<LedgerEntryConnection> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const run = await latestRun(ctx, runId);
    if (!run) {
      if (runId) throw notFound('runId', runId);
      return { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    }
    const where: FilterQuery<LedgerEntry> = { run: run.id, ledger: kind };
    if (finding) where.finding = finding;
    else if (onlyFindings) where.finding = { $ne: null };
    if (status) where.status = status;
    const rows = await ctx.em.find(LedgerEntry, { ...where, ...(cursor ? { id: { $gt: Number(cursor) } } : {}) }, { orderBy: { id: 'asc' }, limit: limit + 1 });
    return pageWithLazyCount(() => ctx.em.count(LedgerEntry, where), toPage(rows, limit, (e) => String(e.id)));
  }

  @FieldResolver(() => [FindingCount], { description: '各类发现的处理情况' })
  async findingCounts(@Root() run: CrossCheckRun, @Ctx() ctx: JointMeetingContext): Promise<FindingCount[]> {
    const rows = await sqlOf(ctx.em).getConnection().execute<{ finding: FindingKind; status: FindingStatus; n: number | string }[]>(
      'select finding, status, count(*) as n from ledger_entry where run_id = ? and finding is not null group by finding, status', [run.id],
    );
    return Object.values(FindingKind).map((f) => {
      const n = (s: FindingStatus) => Number(rows.find((r) => r.finding === f && r.status === s)?.n ?? 0);
      return { finding: f, open: n(FindingStatus.OPEN), acted: n(FindingStatus.ACTED), dismissed: n(FindingStatus.DISMISSED) };
    });
  }

  @FieldResolver(() => [CrossCheckTiming], { description: '各步骤耗时' })
  timing(@Root() run: CrossCheckRun): CrossCheckTiming[] {
    return Object.entries(run.timings).map(([step, ms]) => ({ step, ms }));
  }
}

@Resolver(() => LedgerEntry)
export class LedgerEntryResolver {
  @FieldResolver(() => Student, { description: '该儿童（统一视图，按调用者权限）' })
  student(@Root() e: LedgerEntry): Student {
    return { id: e.studentId };
  }

  @FieldResolver(() => PersuasionTask, { nullable: true, description: '交办的任务' })
  task(@Root() e: LedgerEntry, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask | null> | null {
    return e.taskId ? ctx.loaders.task.load(e.taskId) : null;
  }

  @Mutation(() => LedgerEntry, { description: '处理一条发现：交办一项劝返任务（联席会议、教育局）；该生已有同类未办结任务时直接关联，不重复交办' })
  async actOnFinding(@Arg('input', () => ActOnFindingInput) input: ActOnFindingInput, @Ctx() ctx: JointMeetingContext): Promise<LedgerEntry> {
    const dueDate = calendarDate(input.dueDate, 'input.dueDate', { notBefore: ctx.today() });
    const note = optionalText(input.note, 'input.note', 2000);
    const entry = await findingOf(ctx, input.entryId);
    assertVersion(entry.version, input.expectedVersion);
    const type = input.type ?? entry.suggestedTask;
    if (!type) throw badInput('input.type', 'input.type: this finding has no suggested task; name one');
    let meeting: Meeting | null = null;
    if (input.meetingId) {
      meeting = await ctx.em.findOne(Meeting, { id: input.meetingId });
      if (!meeting) throw badInput('input.meetingId', `input.meetingId: no meeting ${input.meetingId}`);
    }
    return writeTransaction(ctx.em, async (em) => {
      const open = await em.findOne(PersuasionTask, { studentId: entry.studentId, type, status: { $nin: [TaskStatus.DONE, TaskStatus.REJECTED] } });
      const task = open ?? createTask(em, ctx.identity, ctx.today(), {
        studentId: entry.studentId, caseId: null, meeting, type, department: TASK_RULES[type].departments[0], assignee: null, dueDate,
        note: note ?? `四查三比对发现：${entry.reasons.join('；')}`,
      });
      em.persist(entry);
      Object.assign(entry, { status: FindingStatus.ACTED, taskId: task.id, handledBy: ctx.identity.user });
      return entry;
    });
  }

  @Mutation(() => LedgerEntry, { description: '核实后排除一条发现（联席会议、教育局），须写明理由' })
  async dismissFinding(@Arg('input', () => DismissFindingInput) input: DismissFindingInput, @Ctx() ctx: JointMeetingContext): Promise<LedgerEntry> {
    const reason = requiredText(input.reason, 'input.reason', 500);
    const entry = await findingOf(ctx, input.entryId);
    assertVersion(entry.version, input.expectedVersion);
    return writeTransaction(ctx.em, async (em) => {
      em.persist(entry);
      Object.assign(entry, { status: FindingStatus.DISMISSED, dismissedReason: reason, handledBy: ctx.identity.user });
      return entry;
    });
  }
}

async function findingOf(ctx: JointMeetingContext, entryId: string): Promise<LedgerEntry> {
  const id = Number(entryId);
  const entry = Number.isInteger(id) ? await ctx.em.findOne(LedgerEntry, { id }) : null;
  if (!entry) throw notFound('input.entryId', entryId);
  if (!entry.finding) throw badInput('input.entryId', 'input.entryId: this ledger line has no finding to act on');
  if (entry.status !== FindingStatus.OPEN) throw badInput('input.entryId', `input.entryId: this finding is already ${entry.status}`);
  return entry;
}

import { badInput, conflict, ConnectionType, decodeCursor, insertInChunks, notFound, pageSize, pageWithLazyCount, sqlOf, toPage } from '@kongchuo/shared/core';
import { calendarDate, optionalText, requiredText } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction, type SupergraphReader } from '@kongchuo/shared/server';
import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { JointMeetingContext } from '../context';
import { crossCheck, FindingKind, FindingStatus, LedgerKind, type DropoutChild, type SuspectedChild } from '../domain/cross-check';
import { TASK_RULES } from '../domain/tasks';
import { CrossCheckLease, CrossCheckRun, LedgerEntry, Meeting, PersuasionTask, TaskStatus } from '../entities';
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

  @Field(() => Int, { description: '已派发任务' })
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

const PAGE = 5000;
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const ENROLLMENT_STATUSES = ['ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED'] as const;
/**
 * Each page is one request through the gateway to one department. The registries and 学籍 answer
 * with keys only; the attendance and poverty checks read the few children they flag.
 */
const QUERIES = {
  police: `query CrossCheckPolice($asOf: String!, $after: String) { page: registeredChildren(asOf: $asOf, first: ${PAGE}, after: $after) { ${PAGE_INFO} nodes { id } } }`,
  community: `query CrossCheckCommunity($asOf: String!, $after: String) { page: residents(compulsoryAgeOn: $asOf, first: ${PAGE}, after: $after) { ${PAGE_INFO} nodes { id } } }`,
  enrollment: `query CrossCheckEnrollment($status: EnrollmentStatus!, $after: String) { page: students(filter: { enrollmentStatus: $status }, first: ${PAGE}, after: $after) { ${PAGE_INFO} nodes { id } } }`,
  suspected: `query CrossCheckAttendance($asOf: String!, $after: String) { page: suspectedDropouts(asOf: $asOf, first: ${PAGE}, after: $after) { ${PAGE_INFO} nodes { student { id } attendance { treatAsDropout } reasons } } }`,
  dropouts: `query CrossCheckPoverty($after: String) { page: students(filter: { enrollmentStatus: DROPPED_OUT }, first: ${PAGE}, after: $after) { ${PAGE_INFO} nodes { id poverty { registered } } } }`,
};

async function allPages<N>(read: SupergraphReader, query: string, variables: Record<string, unknown>): Promise<N[]> {
  const out: N[] = [];
  let after: string | null = null;
  do {
    const { page }: { page: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: N[] } } = await read(query, { ...variables, after });
    out.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return out;
}

const keys = (nodes: { id: string }[]) => nodes.map((n) => n.id);

async function latestRun(ctx: JointMeetingContext, runId?: string): Promise<CrossCheckRun | null> {
  if (runId) return ctx.em.findOne(CrossCheckRun, { id: runId });
  const [latest] = await ctx.em.find(CrossCheckRun, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: 1 });
  return latest ?? null;
}

/** The longest a run may hold the district's lease; one whose process died blocks the next no longer than this. */
export const CROSS_CHECK_LEASE_MS = 30 * 60 * 1000;
const LEASE_ID = 'district';

/**
 * Takes the district's lease for a run (one at a time across every instance of the joint meeting
 * on this database: each run reads every department's registers), or answers who holds it.
 * An expired lease (its process died mid-run) is cleared first.
 */
async function takeLease(em: EntityManager, by: string): Promise<{ token: string } | { heldBy: string; since: Date }> {
  const now = new Date();
  await em.nativeDelete(CrossCheckLease, { id: LEASE_ID, until: { $lt: now } });
  const token = randomUUID();
  try {
    await em.insert(CrossCheckLease, { id: LEASE_ID, token, startedBy: by, since: now, until: new Date(now.getTime() + CROSS_CHECK_LEASE_MS) });
    return { token };
  } catch (e) {
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    const held = await em.findOne(CrossCheckLease, { id: LEASE_ID });
    // released between the insert and the read: report it as just taken, the caller may ask again
    return { heldBy: held?.startedBy ?? 'another run', since: held?.since ?? now };
  }
}

const releaseLease = (em: EntityManager, token: string) => em.nativeDelete(CrossCheckLease, { id: LEASE_ID, token });

/**
 * Removes the runs no one needs any more, with their ledger lines: kept are the latest `keep`, the
 * latest of each month (by 比对日期), and every run with a finding someone acted on (who dismissed
 * what, or which task it became, stays on record). Returns how many runs went.
 */
export async function pruneCrossChecks(em: JointMeetingContext['em'], keep: number): Promise<number> {
  const runs = await em.find(CrossCheckRun, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, fields: ['id', 'asOf', 'startedAt'] });
  const kept = new Set(runs.slice(0, keep).map((r) => r.id));
  const months = new Set<string>();
  for (const r of runs) {
    if (months.has(r.asOf.slice(0, 7))) continue;
    months.add(r.asOf.slice(0, 7));
    kept.add(r.id);
  }
  const candidates = runs.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (!candidates.length) return 0;
  const acted = new Set((await em.find(LedgerEntry, { run: { $in: candidates }, handledBy: { $ne: null } }, { fields: ['run'] })).map((e) => e.run.id));
  const drop = candidates.filter((id) => !acted.has(id));
  for (let i = 0; i < drop.length; i += 100) {
    const part = drop.slice(i, i + 100);
    await writeTransaction(em, async (tx) => {
      await tx.nativeDelete(LedgerEntry, { run: { $in: part } });
      await tx.nativeDelete(CrossCheckRun, { id: { $in: part } });
    });
  }
  return drop.length;
}

@Resolver(() => CrossCheckRun)
export class CrossCheckResolver {
  @Mutation(() => CrossCheckRun, {
    description: '运行四查三比对：查户籍（公安）、查居住（社区）与学籍比对，查在校（考勤），辍学与贫困库比对；生成三本台账与待处理的发现',
  })
  async runCrossCheck(
    @Ctx() ctx: JointMeetingContext,
    @Arg('asOf', () => String, { nullable: true, description: '比对日期，默认今天' }) asOf?: string,
  ): Promise<CrossCheckRun> {
    const on = asOf ? calendarDate(asOf, 'asOf', { notAfter: ctx.today() }) : ctx.today();
    const lease = await takeLease(ctx.em.fork(), ctx.identity.user);
    if ('heldBy' in lease) {
      throw conflict('runCrossCheck', `runCrossCheck: a check is already running (started by ${lease.heldBy} at ${lease.since.toISOString()}); its result will be the latest run (crossCheck)`);
    }
    try {
      const { minIntervalSeconds, keepRuns } = ctx.config.crossCheck;
      const last = await latestRun(ctx);
      if (last && minIntervalSeconds > 0) {
        const next = new Date(last.startedAt.getTime() + minIntervalSeconds * 1000);
        if (next.getTime() > Date.now()) {
          throw conflict('runCrossCheck', `runCrossCheck: the last check ran at ${last.startedAt.toISOString()}; the next may run from ${next.toISOString()} (CROSS_CHECK_MIN_INTERVAL_SECONDS=${minIntervalSeconds})`);
        }
      }
      const run = await this.check(ctx, on);
      // the run is saved: removing old ones is housekeeping, and its failure is only logged
      await pruneCrossChecks(ctx.em.fork(), keepRuns).then(
        (pruned) => pruned && ctx.logger.info({ runs: pruned }, 'old cross-check runs removed with their ledger lines'),
        (e: unknown) => ctx.logger.warn({ err: e }, 'removing old cross-check runs failed'),
      );
      return run;
    } finally {
      await releaseLease(ctx.em.fork(), lease.token).catch((e: unknown) => ctx.logger.warn({ err: e }, `releasing the cross-check lease failed; it expires by itself within ${CROSS_CHECK_LEASE_MS / 60000} minutes`));
    }
  }

  private async check(ctx: JointMeetingContext, on: string): Promise<CrossCheckRun> {
    const timings: Record<string, number> = {};
    const started = Date.now();
    const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      const result = await work();
      timings[step] = Date.now() - t;
      return result;
    };
    // the four checks read as the joint meeting's service account, so each department answers under the matrix
    const read = ctx.supergraph;
    const [police, community, enrollment, suspected, dropouts] = await Promise.all([
      timed('police', () => allPages<{ id: string }>(read, QUERIES.police, { asOf: on })),
      timed('community', () => allPages<{ id: string }>(read, QUERIES.community, { asOf: on })),
      timed('enrollment', async () => {
        const byStatus = await Promise.all(ENROLLMENT_STATUSES.map((status) => allPages<{ id: string }>(read, QUERIES.enrollment, { status })));
        return new Map(byStatus.flatMap((nodes, i) => nodes.map((n) => [n.id, ENROLLMENT_STATUSES[i]] as const)));
      }),
      timed('attendance', () => allPages<{ student: { id: string }; attendance: { treatAsDropout: boolean }; reasons: string[] }>(read, QUERIES.suspected, { asOf: on })),
      timed('poverty', () => allPages<{ id: string; poverty: { registered: boolean } | null }>(read, QUERIES.dropouts, {})),
    ]);
    const rows = await timed('match', async () => crossCheck({
      public_security: keys(police),
      community: keys(community),
      enrollment,
      suspected: suspected.map((s): SuspectedChild => ({ id: s.student.id, treatAsDropout: s.attendance.treatAsDropout, reasons: s.reasons })),
      dropouts: dropouts.map((d): DropoutChild => ({ id: d.id, registeredPoor: d.poverty ? d.poverty.registered : false })),
    }));
    const schoolAge = rows.filter((r) => r.ledger === LedgerKind.SCHOOL_AGE);
    const run = await timed('write', () => writeTransaction(ctx.em, async (em) => {
      const r = em.create(CrossCheckRun, {
        id: randomUUID(), asOf: on, startedBy: ctx.identity.user,
        registeredByPolice: police.length, livingInCommunities: community.length, schoolAge: schoolAge.length,
        withEnrollment: schoolAge.filter((x) => x.enrollmentStatus !== null).length,
        suspectedDropouts: rows.filter((x) => x.ledger === LedgerKind.SUSPECTED_DROPOUT).length,
        dropouts: rows.filter((x) => x.ledger === LedgerKind.DROPOUT).length,
        findings: rows.filter((x) => x.finding).length, timings,
      });
      await em.flush();
      await insertInChunks(em, LedgerEntry, rows.map((x) => ({
        run: r.id as never, ledger: x.ledger, studentId: x.studentId, knownTo: x.knownTo, enrollmentStatus: x.enrollmentStatus, finding: x.finding,
        reasons: x.reasons, suggestedTask: x.suggestedTask, status: x.finding ? FindingStatus.OPEN : null, taskId: null, dismissedReason: null, handledBy: null, version: 1,
      })));
      return r;
    }));
    timings.total = Date.now() - started;
    run.timings = { ...timings };
    await ctx.em.flush();
    ctx.logger.info({ runId: run.id, asOf: on, schoolAge: run.schoolAge, findings: run.findings, timings }, 'cross-check finished');
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

  @FieldResolver(() => PersuasionTask, { nullable: true, description: '派发的任务' })
  task(@Root() e: LedgerEntry, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask | null> | null {
    return e.taskId ? ctx.loaders.task.load(e.taskId) : null;
  }

  @Mutation(() => LedgerEntry, { description: '处理一条发现：派发一项劝返任务（联席会议、教育局）；该生已有同类未办结任务时直接关联，不重复派发' })
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

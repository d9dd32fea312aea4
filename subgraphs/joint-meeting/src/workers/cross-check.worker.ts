/**
 * The cross-check worker (四查三比对): takes the runs `runCrossCheck` queued, one at a time across
 * the district (a lease in the joint meeting's database), reads every department's register
 * through the gateway as the joint meeting's service account — so each department answers under
 * the one policy and audits the reads — matches them with the pure rules of domain/cross-check.ts,
 * and writes the three ledgers into the joint meeting's own database. It runs in its own process
 * (`node scripts/dist/serve.js cross-check`); no resolver reads the supergraph.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { insertInChunks } from '@kongchuo/shared/core';
import { writeTransaction, type SupergraphReader, type WorkerContext, type WorkerDefinition } from '@kongchuo/shared/server';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { crossCheck, CrossCheckStatus, FindingStatus, LedgerKind, type DropoutChild, type SuspectedChild } from '../domain/cross-check';
import { CrossCheckLease, CrossCheckRun, LedgerEntry } from '../entities';

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

/** The longest a run may hold the district's lease; one whose worker died blocks the next no longer than this. */
export const CROSS_CHECK_LEASE_MS = 30 * 60 * 1000;
const LEASE_ID = 'district';

/**
 * Takes the district's lease for a run (one at a time across every cross-check worker on this
 * database: each run reads every department's registers): its token, or null while another worker
 * holds it. An expired lease (its worker died mid-run) is cleared first.
 */
async function takeLease(em: EntityManager, by: string): Promise<string | null> {
  const now = new Date();
  await em.nativeDelete(CrossCheckLease, { id: LEASE_ID, until: { $lt: now } });
  const token = randomUUID();
  try {
    await em.insert(CrossCheckLease, { id: LEASE_ID, token, startedBy: by, since: now, until: new Date(now.getTime() + CROSS_CHECK_LEASE_MS) });
    return token;
  } catch (e) {
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    return null;
  }
}

const releaseLease = (em: EntityManager, token: string) => em.nativeDelete(CrossCheckLease, { id: LEASE_ID, token });

/** The value of `CrossCheckRun.active` while a run is queued or running: its unique index allows one. */
export const ACTIVE = 'district';

/** Whether a worker is checking a run now (holds the district's live lease). */
export async function workerHoldsLease(em: EntityManager): Promise<boolean> {
  return (await em.count(CrossCheckLease, { id: LEASE_ID, until: { $gte: new Date() } })) > 0;
}

/** A run left RUNNING by a worker that stopped: failed, its slot freed. */
export async function failAbandoned(em: EntityManager): Promise<number> {
  return em.nativeUpdate(CrossCheckRun, { status: CrossCheckStatus.RUNNING }, {
    status: CrossCheckStatus.FAILED, active: null, failure: 'the cross-check worker stopped during the run; nothing was written: run it again', finishedAt: new Date(),
  });
}

/**
 * Removes the runs no one needs any more, with their ledger lines: kept are the latest `keep`, the
 * latest of each month (by 比对日期), every run with a finding someone acted on (who dismissed
 * what, or which task it became, stays on record) and every run not finished. Returns how many runs went.
 */
export async function pruneCrossChecks(em: EntityManager, keep: number): Promise<number> {
  const runs = await em.find(CrossCheckRun, { status: { $in: [CrossCheckStatus.DONE, CrossCheckStatus.FAILED] } }, { orderBy: { startedAt: 'desc', id: 'desc' }, fields: ['id', 'asOf', 'startedAt'] });
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

/** Reads the registers, matches them and writes the run's ledgers and figures, DONE, in one transaction. */
async function check(ctx: WorkerContext, run: CrossCheckRun): Promise<void> {
  const timings: Record<string, number> = {};
  const started = Date.now();
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await work();
    timings[step] = Date.now() - t;
    return result;
  };
  const read = ctx.gateway;
  const on = run.asOf;
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
  const findings = rows.filter((x) => x.finding).length;
  const t = Date.now();
  await writeTransaction(ctx.em, async (em) => {
    await insertInChunks(em, LedgerEntry, rows.map((x) => ({
      run: run.id as never, ledger: x.ledger, studentId: x.studentId, knownTo: x.knownTo, enrollmentStatus: x.enrollmentStatus, finding: x.finding,
      reasons: x.reasons, suggestedTask: x.suggestedTask, status: x.finding ? FindingStatus.OPEN : null, taskId: null, dismissedReason: null, handledBy: null, version: 1,
    })));
    timings.write = Date.now() - t;
    timings.total = Date.now() - started;
    await em.nativeUpdate(CrossCheckRun, { id: run.id }, {
      status: CrossCheckStatus.DONE, active: null, finishedAt: new Date(),
      registeredByPolice: police.length, livingInCommunities: community.length, schoolAge: schoolAge.length,
      withEnrollment: schoolAge.filter((x) => x.enrollmentStatus !== null).length,
      suspectedDropouts: rows.filter((x) => x.ledger === LedgerKind.SUSPECTED_DROPOUT).length,
      dropouts: rows.filter((x) => x.ledger === LedgerKind.DROPOUT).length,
      findings, timings,
    });
  });
  await ctx.audited('cross-check worker', [{ studentId: null, fields: `crossCheck ${run.id}: ${rows.length} ledger lines` }]);
  ctx.logger.info({ runId: run.id, asOf: on, schoolAge: schoolAge.length, findings, timings }, 'cross-check finished');
}

const failed = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

export const crossCheckWorker: WorkerDefinition = {
  name: 'cross-check',
  idleMs: (config) => config.crossCheck.pollMs,

  /** a run left RUNNING without a live lease was being checked by a worker that stopped: it failed */
  async recover(ctx) {
    if (await workerHoldsLease(ctx.em)) return;
    const n = await failAbandoned(ctx.em);
    if (n) ctx.logger.warn({ runs: n }, 'cross-check runs left running by a stopped worker marked failed');
  },

  async pass(ctx) {
    const [queued] = await ctx.em.find(CrossCheckRun, { status: CrossCheckStatus.QUEUED }, { orderBy: { startedAt: 'asc', id: 'asc' }, limit: 1 });
    if (!queued) return false;
    const lease = await takeLease(ctx.em.fork(), `${os.hostname()}:${process.pid}`);
    if (!lease) return false; // another worker is checking; this one looks again later
    try {
      // claimed only if still queued: two workers never check the same run
      const claimed = await ctx.em.nativeUpdate(CrossCheckRun, { id: queued.id, status: CrossCheckStatus.QUEUED }, { status: CrossCheckStatus.RUNNING });
      if (!claimed) return true;
      try {
        await check({ ...ctx, em: ctx.em.fork() }, queued);
      } catch (e) {
        ctx.logger.warn({ runId: queued.id, reason: failed(e) }, 'cross-check failed');
        await ctx.em.fork().nativeUpdate(CrossCheckRun, { id: queued.id }, { status: CrossCheckStatus.FAILED, active: null, failure: failed(e), finishedAt: new Date() });
        return true;
      }
      // the run is saved: removing old ones is housekeeping, and its failure is only logged
      await pruneCrossChecks(ctx.em.fork(), ctx.config.crossCheck.keepRuns).then(
        (pruned) => pruned && ctx.logger.info({ runs: pruned }, 'old cross-check runs removed with their ledger lines'),
        (e: unknown) => ctx.logger.warn({ err: e }, 'removing old cross-check runs failed'),
      );
      return true;
    } finally {
      await releaseLease(ctx.em.fork(), lease).catch((e: unknown) => ctx.logger.warn({ err: e }, `releasing the cross-check lease failed; it expires by itself within ${CROSS_CHECK_LEASE_MS / 60000} minutes`));
    }
  },
};

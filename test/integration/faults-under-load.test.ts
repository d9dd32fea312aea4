/**
 * Faults under load (the fault suite; `FAULT_SECONDS` makes it longer):
 *
 * - a department's process is killed while readers and writers are busy, then started again:
 *   the other departments keep answering every request, the dead department's fields are null
 *   with SERVICE_UNAVAILABLE naming it, no request fails with a 5xx, the gateway finds the
 *   department again by itself, and every write that was acknowledged is there afterwards;
 * - PostgreSQL restarts under load (the PostgreSQL pass only): requests during the restart get
 *   coded errors, the services reconnect by themselves — none is restarted — and every
 *   acknowledged write is there afterwards.
 *
 * For the first, civil affairs runs a second time in a process of its own
 * (`scripts/dist/serve.js civil-affairs`) on the shared system's civil-affairs database, behind a
 * gateway of this file's own.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import type { RunningService } from '@kongchuo/shared/server';
import { gatewayUrl, post, tokenFor, type GraphQLResponse } from '../support/client';
import { freePort, gatewayWith, spawnDepartment } from '../support/instances';
import { usingPostgres } from '../support/system';

const SECONDS = Number(process.env.FAULT_SECONDS ?? 8);

const UNIFIED = `query Unified($first: Int!) { students(filter: { enrollmentStatus: DROPPED_OUT }, first: $first) { nodes {
  id enrollment { status } hukou { regionCode } poverty { registered } community { name } } } }`;
interface Unified { students: { nodes: { id: string; enrollment: unknown; hukou: unknown; poverty: unknown; community: unknown }[] } }
const GRANT = `mutation Grant($input: GrantAidInput!) { grantAid(input: $input) { id } }`;
const VISIT = `mutation Visit($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id } }`;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

interface Outcome<T> { at: number; status: number; r: GraphQLResponse<T> }

/** Children the load writes for: dropouts (civil affairs grants to any) and residents of the community account's subdistrict. */
async function children(url: string) {
  const token = await tokenFor('edu-admin');
  const ask = (query: string) => post<{ students: { nodes: { id: string; community: { subdistrict: { code: string } } | null }[] } }>(url, { query }, { authorization: `Bearer ${token}` })
    .then((r) => r.data!.students.nodes);
  const forAid = (await ask('{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 20) { nodes { id } } }')).map((n) => n.id);
  const forVisit = (await ask('{ students(first: 300) { nodes { id community { subdistrict { code } } } } }')).filter((n) => n.community?.subdistrict.code === '450204002').map((n) => n.id);
  expect(forAid.length).toBeGreaterThan(0);
  expect(forVisit.length).toBeGreaterThan(0);
  return { forAid, forVisit };
}

/**
 * Steady load for `seconds` against `url`: readers of the unified view and writers to civil
 * affairs and the community, each in a loop. `during(t0)` runs alongside (the fault).
 */
async function load(url: string, seconds: number, during: (t0: number) => Promise<void>) {
  const kids = await children(url);
  const tokens = { jm: await tokenFor('joint-meeting'), civil: await tokenFor('civil-affairs'), community: await tokenFor('community') };
  const reads: Outcome<Unified>[] = [];
  const grants: (Outcome<{ grantAid: { id: string } }> & { amount: number })[] = [];
  const visits: (Outcome<{ recordHomeVisit: { id: string } }> & { notes: string })[] = [];
  const t0 = Date.now();
  // at least `seconds`, and on for 2 s after the fault has ended (a slow machine takes longer to restart a service)
  let until = t0 + seconds * 1000;
  let faultOver = false;
  const loop = async (step: (i: number) => Promise<void>) => {
    for (let i = 0; !faultOver || Date.now() < until; i += 1) {
      await step(i);
      await sleep(20);
    }
  };
  const send = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<Outcome<T>> => {
    const r = await post<T>(url, { query, variables }, { authorization: `Bearer ${token}` });
    return { at: Date.now() - t0, status: r.status, r };
  };
  let serial = 0;
  await Promise.all([
    ...[1, 2, 3].map((w) => loop(async (i) => {
      reads.push(await send<Unified>(UNIFIED, { first: 2 + ((w + i) % 4) }, tokens.jm));
    })),
    ...[1, 2].map(() => loop(async () => {
      serial += 1;
      const amount = 1000 + serial; // unique per write, to find it again
      const input = { studentId: kids.forAid[serial % kids.forAid.length], programme: 'STUDENT_GRANT', amount, periodStart: '2024-09-01', periodEnd: '2025-01-31', grantedOn: '2024-09-20' };
      grants.push({ ...(await send<{ grantAid: { id: string } }>(GRANT, { input }, tokens.civil)), amount });
    })),
    ...[1, 2].map(() => loop(async () => {
      serial += 1;
      const notes = `fault-suite visit ${t0}-${serial}`;
      const input = { studentId: kids.forVisit[serial % kids.forVisit.length], date: today(), visitorName: '网格员甲', visitorRole: '网格员', outcome: 'NOT_HOME', notes };
      visits.push({ ...(await send<{ recordHomeVisit: { id: string } }>(VISIT, { input }, tokens.community)), notes });
    })),
    during(t0).finally(() => {
      faultOver = true;
      until = Math.max(until, Date.now() + 2000);
    }),
  ]);
  return { reads, grants, visits };
}

/** Every write the load saw acknowledged can be read back through the shared gateway. */
async function expectAcknowledgedWritesKept(run: Awaited<ReturnType<typeof load>>) {
  const ackedGrants = run.grants.filter((g) => g.r.data?.grantAid?.id);
  const ackedVisits = run.visits.filter((v) => v.r.data?.recordHomeVisit?.id);
  for (const g of ackedGrants) {
    const r = await post<{ aidGrant: { amount: number } | null }>(gatewayUrl(), { query: 'query($id: ID!) { aidGrant(id: $id) { amount } }', variables: { id: g.r.data!.grantAid.id } },
      { authorization: `Bearer ${await tokenFor('civil-affairs')}` });
    expect(r.data?.aidGrant?.amount).toBe(g.amount);
  }
  for (const v of ackedVisits) {
    const r = await post<{ homeVisit: { notes: string } | null }>(gatewayUrl(), { query: 'query($id: ID!) { homeVisit(id: $id) { notes } }', variables: { id: v.r.data!.recordHomeVisit.id } },
      { authorization: `Bearer ${await tokenFor('community')}` });
    expect(r.data?.homeVisit?.notes).toBe(v.notes);
  }
  return { grants: ackedGrants.length, visits: ackedVisits.length };
}

/** Every error anyone got is coded; none is an internal error; no response is a 5xx. */
function expectEveryErrorCoded(outcomes: Outcome<unknown>[], allowed: string[]) {
  expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  const stray = outcomes.flatMap((o) => (o.r.errors ?? []).filter((e) => !allowed.includes(e.extensions?.code as string)));
  expect(stray).toEqual([]);
}

describe('a department killed under load, then started again', () => {
  let port: number;
  let civil: ChildProcess | undefined;
  let gateway: RunningService;

  beforeAll(async () => {
    port = await freePort();
    civil = await spawnDepartment('civil-affairs', port);
    gateway = await gatewayWith({ 'civil-affairs': `http://127.0.0.1:${port}/graphql` }, { SUBGRAPH_TIMEOUT_MS: '2000', BREAKER_FAILURES: '3', BREAKER_RESET_MS: '1000' });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    civil?.kill('SIGKILL');
  });

  it('the others answer throughout, its fields are null while it is down, it is found again, and no acknowledged write is lost', async () => {
    let killedAt = 0;
    let respawnAt = 0;
    const run = await load(gateway.url, SECONDS, async (t0) => {
      await sleep(SECONDS * 1000 * 0.2);
      civil!.kill('SIGKILL'); // a crash, not a drain
      killedAt = Date.now() - t0;
      await sleep(SECONDS * 1000 * 0.2);
      // dead until it is started again: the window for "down" ends here, not when this process
      // notices it is ready (on a loaded machine it may answer a while before that)
      respawnAt = Date.now() - t0;
      civil = await spawnDepartment('civil-affairs', port);
    });

    expectEveryErrorCoded([...run.reads, ...run.grants, ...run.visits], ['SERVICE_UNAVAILABLE']);
    // the other departments answered every read
    for (const o of run.reads) {
      expect(o.r.data?.students.nodes.length).toBeGreaterThan(0);
      for (const n of o.r.data!.students.nodes) {
        expect(n.enrollment).not.toBeNull();
        expect(n.hukou).not.toBeNull();
        expect(n.community).not.toBeNull();
      }
      for (const e of o.r.errors ?? []) expect(e.extensions?.serviceName).toBe('civil-affairs');
    }
    // while it was down: its fields null, the error naming it
    const down = run.reads.filter((o) => o.at > killedAt + 100 && o.at < respawnAt);
    expect(down.length).toBeGreaterThan(0);
    for (const o of down) expect(o.r.data!.students.nodes.every((n) => n.poverty === null)).toBe(true);
    // the community's writes all landed; civil affairs' writes landed or were refused, coded
    expect(run.visits.every((v) => v.r.data?.recordHomeVisit?.id)).toBe(true);
    expect(run.grants.filter((g) => g.at > killedAt + 100 && g.at < respawnAt).every((g) => g.r.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // found again by itself: the last reads have civil affairs' fields
    const last = run.reads.slice(-3);
    for (const o of last) {
      expect(o.r.errors).toBeUndefined();
      expect(o.r.data!.students.nodes.every((n) => n.poverty !== null)).toBe(true);
    }
    expect(run.grants.slice(-2).every((g) => g.r.data?.grantAid?.id)).toBe(true);

    const kept = await expectAcknowledgedWritesKept(run);
    expect(kept.grants).toBeGreaterThan(0);
    expect(kept.visits).toBeGreaterThan(0);
  }, 120_000);
});

const pgCluster = () => {
  if (!usingPostgres()) return undefined;
  try {
    const versions = fs.readdirSync('/etc/postgresql');
    return versions.length === 1 && fs.existsSync('/usr/bin/pg_ctlcluster') ? versions[0] : undefined;
  } catch {
    return undefined;
  }
};

// Restarting the server needs the PostgreSQL pass and a local cluster this run may restart (as CI's is).
(pgCluster() ? describe : describe.skip)('PostgreSQL restarted under load', () => {
  it('requests during the restart get coded errors, the services reconnect by themselves, no acknowledged write is lost', async () => {
    let restartedAt = 0;
    const run = await load(gatewayUrl(), SECONDS, async (t0) => {
      await sleep(SECONDS * 1000 * 0.2);
      await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', pgCluster()!, 'main', 'restart']);
      restartedAt = Date.now() - t0;
    });
    expectEveryErrorCoded([...run.reads, ...run.grants, ...run.visits], ['SERVICE_UNAVAILABLE']);
    const failed = [...run.reads, ...run.grants, ...run.visits].filter((o) => o.r.errors?.length);
    expect(failed.length).toBeGreaterThan(0); // the restart was felt
    // a second after the server is back, every department answers every request again
    const after = [...run.reads, ...run.grants, ...run.visits].filter((o) => o.at > restartedAt + 1000);
    expect(after.length).toBeGreaterThan(0);
    for (const o of after) expect(o.r.errors).toBeUndefined();
    const kept = await expectAcknowledgedWritesKept(run);
    expect(kept.grants + kept.visits).toBeGreaterThan(0);
  }, 120_000);
});


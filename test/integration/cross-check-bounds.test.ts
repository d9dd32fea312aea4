/**
 * 四查三比对 runs are bounded: one at a time in the district (a second caller, on any instance of
 * the joint meeting, is told one is running: the one queued or running run's unique slot in the
 * joint meeting's database; the workers take runs under a lease there), at least
 * CROSS_CHECK_MIN_INTERVAL_SECONDS apart, and old runs are removed with their ledger lines — kept
 * are the latest CROSS_CHECK_KEEP_RUNS, the latest of each month, and any run whose findings
 * someone acted on. Each block runs a joint meeting of its own and its cross-check worker, on a
 * database of its own, behind a gateway of its own, reading the other departments of the shared system.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningService } from '@kongchuo/shared/server';
import { createPostgresDatabases, postgresUrl, scratchName } from '../../scripts/databases';
import { freePort, gatewayWith, spawnDepartment, spawnWorker } from '../support/instances';
import { stopSpawned } from '../support/spawn-system';
import { post, tokenFor, type GraphQLResponse } from '../support/client';

interface Own { gateway: RunningService; child: ChildProcess; worker: ChildProcess; database: string; settings: Record<string, string>; cleanup: () => Promise<void> }

async function ownJointMeeting(settings: Record<string, string>): Promise<Own> {
  let database: string;
  let drop = async () => {};
  if (process.env.TEST_DATABASE === 'postgres') {
    const name = scratchName('kc_test_jm');
    drop = await createPostgresDatabases([name]);
    database = postgresUrl(name);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-jm-'));
    database = path.join(dir, 'joint-meeting.sqlite');
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const port = await freePort();
  const child = await spawnDepartment('joint-meeting', port, { JOINT_MEETING_DATABASE_URL: database, ...settings });
  const gateway = await gatewayWith({ 'joint-meeting': `http://127.0.0.1:${port}/graphql` });
  const worker = await spawnWorker('cross-check', gateway.url, { JOINT_MEETING_DATABASE_URL: database, ...settings });
  return {
    gateway, child, worker, database, settings,
    cleanup: async () => {
      await stopSpawned(worker);
      await gateway.stop();
      await stopSpawned(child);
      await drop();
    },
  };
}

async function as<T>(own: Own, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  return post<T>(own.gateway.url, { query, variables }, { authorization: `Bearer ${await tokenFor('joint-meeting')}` });
}

const RUN = 'mutation { runCrossCheck { id } }';

/** Two runs asked at once (of `first` and `second`): the one that ran, and the one refused. */
async function race(first: Own, second: Own) {
  const answers = await Promise.all([as<{ runCrossCheck: { id: string } }>(first, RUN), as<{ runCrossCheck: { id: string } }>(second, RUN)]);
  const done = answers.filter((r) => r.data?.runCrossCheck?.id);
  const refused = answers.filter((r) => r.errors?.length);
  expect(done).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'runCrossCheck' });
  return { ran: done[0].data!.runCrossCheck.id, refused: refused[0] === answers[0] ? first : second, message: refused[0].errors![0].message };
}

describe('one run at a time, and a minimum interval', () => {
  let own: Own;
  beforeAll(async () => (own = await ownJointMeeting({ CROSS_CHECK_MIN_INTERVAL_SECONDS: '3600' })), 60_000);
  afterAll(() => own?.cleanup());

  it('a second call while a check runs is CONFLICT naming the one running; nothing else is written', async () => {
    const { ran, message } = await race(own, own);
    expect(message).toMatch(/already running \(started by .+ at \d{4}-/);
    const runs = await as<{ crossChecks: { id: string }[] }>(own, '{ crossChecks(first: 50) { id } }');
    expect(runs.data!.crossChecks.map((r) => r.id)).toEqual([ran]);
  }, 120_000);

  it('another run within the interval is CONFLICT saying when the next may run', async () => {
    const r = await as(own, RUN);
    expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'runCrossCheck' });
    expect(r.errors![0].message).toMatch(/the next may run from \d{4}-\d\d-\d\dT.*CROSS_CHECK_MIN_INTERVAL_SECONDS=3600/);
    const runs = await as<{ crossChecks: { id: string }[] }>(own, '{ crossChecks(first: 50) { id } }');
    expect(runs.data!.crossChecks).toHaveLength(1);
  }, 60_000);
});

/** A second instance of `own`'s joint meeting and a second cross-check worker, on the same database, behind a gateway of its own. */
async function secondInstance(own: Own): Promise<Own> {
  const port = await freePort();
  const child = await spawnDepartment('joint-meeting', port, { JOINT_MEETING_DATABASE_URL: own.database, ...own.settings });
  const gateway = await gatewayWith({ 'joint-meeting': `http://127.0.0.1:${port}/graphql` });
  const worker = await spawnWorker('cross-check', gateway.url, { JOINT_MEETING_DATABASE_URL: own.database, ...own.settings });
  return { gateway, child, worker, database: own.database, settings: own.settings, cleanup: async () => {
    await stopSpawned(worker);
    await gateway.stop();
    await stopSpawned(child);
  } };
}

describe('one run at a time across instances of the joint meeting', () => {
  let own: Own;
  let other: Own;
  beforeAll(async () => {
    own = await ownJointMeeting({ CROSS_CHECK_MIN_INTERVAL_SECONDS: '0' });
    other = await secondInstance(own);
  }, 90_000);
  afterAll(async () => {
    await other?.cleanup();
    await own?.cleanup();
  });

  it('two instances on one database asked at once: one runs, the other is CONFLICT naming it; afterwards either may run', async () => {
    const { refused, message } = await race(own, other);
    expect(message).toMatch(/already running \(started by joint-meeting at \d{4}-/);
    // the lease went with the run: the instance refused may run now
    expect((await as<{ runCrossCheck: { id: string } }>(refused, RUN)).errors).toBeUndefined();
    const runs = await as<{ crossChecks: { id: string }[] }>(other, '{ crossChecks(first: 50) { id } }');
    expect(runs.data!.crossChecks).toHaveLength(2);
  }, 180_000);
});

describe('old runs are removed with their ledger lines', () => {
  let own: Own;
  beforeAll(async () => (own = await ownJointMeeting({ CROSS_CHECK_MIN_INTERVAL_SECONDS: '0', CROSS_CHECK_KEEP_RUNS: '2' })), 60_000);
  afterAll(() => own?.cleanup());

  it('keeps the latest two, and a run whose findings someone acted on', async () => {
    const ids: string[] = [];
    const run = async () => {
      const r = await as<{ runCrossCheck: { id: string } }>(own, RUN);
      expect(r.errors ?? []).toEqual([]);
      ids.push(r.data!.runCrossCheck.id);
    };
    await run();
    // a finding of the first run dismissed: who did it, and why, stays on record
    let entry: { id: string; version: number } | undefined;
    for (const kind of ['SCHOOL_AGE', 'SUSPECTED_DROPOUT', 'DROPOUT']) {
      const findings = await as<{ ledger: { nodes: { id: string; version: number }[] } }>(own, `query($run: ID) { ledger(kind: ${kind}, runId: $run, onlyFindings: true, first: 1) { nodes { id version } } }`, { run: ids[0] });
      entry ??= findings.data!.ledger.nodes[0];
    }
    expect(entry).toBeDefined();
    const dismissed = await as(own, 'mutation($input: DismissFindingInput!) { dismissFinding(input: $input) { id } }', { input: { entryId: entry!.id, expectedVersion: entry!.version, reason: '已核实：该生在外地就读（测试）' } });
    expect(dismissed.errors ?? []).toEqual([]);
    for (let i = 0; i < 3; i += 1) await run();

    const left = await as<{ crossChecks: { id: string }[] }>(own, '{ crossChecks(first: 50) { id } }');
    // the latest two, and the first (acted on); the second went, and its ledger lines with it
    expect(left.data!.crossChecks.map((r) => r.id).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    const gone = await as(own, 'query($run: ID) { ledger(kind: SCHOOL_AGE, runId: $run, first: 1) { nodes { id } } }', { run: ids[1] });
    expect(gone.errors![0].extensions!.code).toBe('NOT_FOUND');
    const kept = await as<{ ledger: { nodes: { id: string }[] } }>(own, 'query($run: ID) { ledger(kind: SCHOOL_AGE, runId: $run, first: 1) { nodes { id } } }', { run: ids[0] });
    expect(kept.data!.ledger.nodes).toHaveLength(1);
  }, 180_000);
});

/**
 * `npm run bench -- [--students 600000] [--schools N] [--seconds 10] [--rounds 3] [--connections 16] [--fresh] [--drop]`
 *
 * City-scale performance of the federated graph, against a peer gateway and against the subgraphs
 * themselves. A benchmark prints figures; it asserts nothing.
 *
 * 1. A city of `--students` children (the Liunan demo world scaled, `--schools` schools, default
 *    one per 2,000 children; consistent records in every department) is generated and seeded into
 *    PostgreSQL, one database per department (`kc_bench_<students>_<department>`). The databases
 *    and the keys (data/bench-<students>/) are kept and reused by the next run of the same size
 *    (`--fresh` regenerates, `--drop` removes them at the end).
 * 2. Every subgraph, our gateway and the peer (Hive Gateway on the committed supergraph file, with
 *    the same token check and signed identities: scripts/peer-gateway.ts) run in their own
 *    processes; autocannon drives them from this one.
 * 3. Scenarios: (1) one child's unified view across all departments (a different child each
 *    request), (2) a school's list of 100 children with every department's fields, (3) the
 *    district overview, (4) a community office's task list. (1) and (2) alternate rounds ours /
 *    peer; each also calls every subgraph it touches directly, with the same fields, and the
 *    slowest one is the floor.
 * 4. Printed and saved under bench/results/: requests/s, p50/p99, gateway CPU per request, peak
 *    RSS, SQL statements per request, ours/peer and ours/floor; SQL statements per request for 10,
 *    100 and 1,000 children; the overview against the SQL it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { parse } from 'graphql';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { readSupergraph } from '@kongchuo/gateway';
import { loadConfig, openDatabase, type Config, type SubgraphName } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, IDENTITY_HEADER, issueUserToken, loadKeys, signSubgraphIdentity, type Identity, type KeyMaterial } from '@kongchuo/shared/identity';
import { serviceIdentity } from '@kongchuo/shared/server';
import { generateLiunan2018 } from '@kongchuo/demo';
import { DISTRICT_OVERVIEW_SQL, districtOverviewParams } from '@kongchuo/education';
import { flag } from './cli';
import { PG_ADMIN_URL, postgresUrl } from './databases';
import { SUBGRAPH_MODULES } from './subgraphs';

const STUDENTS = Number(flag('students', '600000'));
const SCHOOLS = Number(flag('schools', String(Math.max(30, Math.round(STUDENTS / 2000)))));
const SECONDS = Number(flag('seconds', '10'));
const ROUNDS = Number(flag('rounds', '3'));
const CONNECTIONS = Number(flag('connections', '16'));
const FRESH = flag('fresh', 'false') === 'true';
const DROP = flag('drop', 'false') === 'true';
const SAVE = flag('save', 'true') !== 'false';
/** `--profile gateway,education,peer`: those processes write V8 CPU profiles to bench/tmp/ (open in Chrome DevTools) */
const PROFILE = new Set(flag('profile', '').split(',').filter(Boolean));
/** `--only child,list`: run only these scenarios (child, list, sizes, overview, tasks, search) */
const SCENARIOS = ['child', 'list', 'sizes', 'overview', 'tasks', 'search'];
const ONLY = new Set(flag('only', SCENARIOS.join(',')).split(','));
const ROOT = path.resolve(__dirname, '../..');
const DATA_DIR = path.join(ROOT, 'data', `bench-${STUDENTS}`);
const envName = (n: string) => n.toUpperCase().replace(/-/g, '_');
const dbName = (n: SubgraphName) => `kc_bench_${STUDENTS}_${n.replace(/-/g, '_')}`;
const SEEDED_MARK = `kongchuo bench city of ${STUDENTS} students, ${SCHOOLS} schools`;
const AT_SCHOOL_AT_SCALE_1 = 16_500;
const log = (s = '') => process.stdout.write(`${s}\n`);

// ---------------------------------------------------------------- the city's databases
async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function ensureCity(): Promise<string> {
  const marks = await admin((c) => c.query<{ datname: string; mark: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as mark from pg_database where datname = any($1)`, [SUBGRAPH_MODULES.map((m) => dbName(m.name))],
  ));
  const ready = marks.rows.length === SUBGRAPH_MODULES.length && marks.rows.every((r) => r.mark === SEEDED_MARK) && fs.existsSync(DATA_DIR);
  if (ready && !FRESH) return 'reused the seeded databases';
  const t0 = Date.now();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  await admin(async (c) => {
    for (const m of SUBGRAPH_MODULES) {
      await c.query(`drop database if exists ${dbName(m.name)} with (force)`);
      await c.query(`create database ${dbName(m.name)}`);
    }
  });
  const world = generateLiunan2018(2018, { scale: Math.max(0.05, (STUDENTS - 2_365) / AT_SCHOOL_AT_SCALE_1), schools: SCHOOLS });
  const generated = Date.now() - t0;
  const keys = await loadKeys(loadConfig({ ...process.env, DATA_DIR, NODE_ENV: 'test' }), { DATA_DIR });
  const times: string[] = [];
  for (const m of SUBGRAPH_MODULES) {
    const t = Date.now();
    const orm = await openDatabase(m.database(postgresUrl(dbName(m.name))));
    try {
      await m.seed(orm.em, keys.linkageSecret, world);
      await orm.em.getConnection().execute('analyze');
    } finally {
      await orm.close();
    }
    times.push(`${m.name} ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  await admin(async (c) => {
    for (const m of SUBGRAPH_MODULES) await c.query(`comment on database ${dbName(m.name)} is '${SEEDED_MARK}'`);
  });
  return `generated ${world.children.length.toLocaleString()} children in ${(generated / 1000).toFixed(0)} s; seeded ${times.join(', ')}`;
}

// ---------------------------------------------------------------- processes
const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});

interface Proc { name: string; child: ChildProcess; url: string }

function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 1/100 s
}
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function waitFor(url: string, proc: ChildProcess, seconds = 120): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (proc.exitCode !== null) throw new Error(`${url}: the process exited (${proc.exitCode})`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function startProcesses(redisUp: boolean) {
  const ports = Object.fromEntries(await Promise.all(SUBGRAPH_MODULES.map(async (m) => [m.name, await freePort()]))) as Record<SubgraphName, number>;
  const gatewayPort = await freePort();
  const peerPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATA_DIR, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(gatewayPort), PEER_PORT: String(peerPort),
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
    // as production runs it: limits counted in Redis, set far above what the load asks
    ...(redisUp ? { REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PREFIX: `kc-bench-${process.pid}` } : {}),
    RATE_LIMIT_USER_PER_MINUTE: '10000000', RATE_LIMIT_DEPARTMENT_PER_MINUTE: '100000000',
  };
  for (const m of SUBGRAPH_MODULES) {
    env[`${envName(m.name)}_PORT`] = String(ports[m.name]);
    env[`${envName(m.name)}_URL`] = `http://127.0.0.1:${ports[m.name]}/graphql`;
    env[`${envName(m.name)}_DATABASE_URL`] = postgresUrl(dbName(m.name));
  }
  const profileDir = path.join(ROOT, 'bench', 'tmp');
  if (PROFILE.size) fs.mkdirSync(profileDir, { recursive: true });
  const spawnNode = (name: string, script: string, args: string[] = []) => spawn(
    process.execPath,
    [...(PROFILE.has(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : []), path.join(__dirname, script), ...args],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const subgraphs: Record<string, Proc> = {};
  for (const m of SUBGRAPH_MODULES) subgraphs[m.name] = { name: m.name, child: spawnNode(m.name, 'serve.js', [m.name]), url: env[`${envName(m.name)}_URL`]! };
  await Promise.all(Object.values(subgraphs).map((p) => waitFor(p.url.replace(/graphql$/, 'ready'), p.child)));
  const ours: Proc = { name: 'ours', child: spawnNode('gateway', 'serve.js', ['gateway']), url: env.GATEWAY_URL! };
  const peer: Proc = { name: 'peer', child: spawnNode('peer', 'peer-gateway.js'), url: `http://127.0.0.1:${peerPort}/graphql` };
  await waitFor(ours.url.replace(/graphql$/, 'ready'), ours.child);
  await waitFor(peer.url.replace(/graphql$/, 'healthcheck'), peer.child);
  const all = [...Object.values(subgraphs), ours, peer];
  return {
    subgraphs, ours, peer,
    async stop() {
      for (const p of all) p.child.kill('SIGTERM');
      await Promise.all(all.map((p) => (p.child.exitCode !== null ? undefined : new Promise((r) => p.child.once('exit', r)))));
    },
  };
}

// ---------------------------------------------------------------- measuring
interface Req { body: string; headers: Record<string, string> }
interface Ratios {
  oursPerPeer: number; peerCpuPerOurs: number; oursPerFloorP50: number;
  /** the query plan's stages, and the sum along its critical path of each fetch's department alone (p50) */
  plan: string; criticalPathP50: number; oursPerCriticalPathP50: number;
  /** the plan run against the departments directly by the benchmark itself (a gateway with no work of its own), one at a time */
  planDirectP50: number; oursPerPlanDirectP50: number;
}

/**
 * The query plan the gateway makes for a query (the same planner, on the committed supergraph),
 * as text, and the time along its critical path when each fetch takes `p50(department)`: fetches
 * in sequence add up, fetches in parallel take the slowest. A lower bound for any gateway that
 * runs this plan, before the gateway's own work.
 */
function planNode(query: string): PlanNode | undefined {
  const supergraph = Supergraph.build(readSupergraph());
  const node = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))).node;
  return node && node.kind !== 'Subscription' ? node : undefined;
}

/** Runs a plan's shape against the departments directly: a sequence one after another, parallel fetches at once. */
async function runPlan(n: PlanNode, fetch: (department: string) => Promise<void>): Promise<void> {
  switch (n.kind) {
    case 'Fetch': return fetch(n.serviceName);
    case 'Flatten': return runPlan(n.node, fetch);
    case 'Sequence': for (const x of n.nodes) await runPlan(x, fetch); return;
    case 'Parallel': await Promise.all(n.nodes.map((x) => runPlan(x, fetch))); return;
    default: throw new Error(`plan node ${n.kind} is not expected in these queries`);
  }
}

function planOf(node: PlanNode | undefined, p50: (department: string) => number): { plan: string; criticalPath: number } {
  const walk = (n: PlanNode): { text: string; ms: number } => {
    switch (n.kind) {
      case 'Fetch': return { text: n.serviceName, ms: p50(n.serviceName) };
      case 'Flatten': return walk(n.node);
      case 'Sequence': {
        const parts = n.nodes.map(walk);
        return { text: parts.map((x) => x.text).join(' → '), ms: parts.reduce((sum, x) => sum + x.ms, 0) };
      }
      case 'Parallel': {
        const parts = n.nodes.map(walk);
        return { text: `(${parts.map((x) => x.text).join(' ‖ ')})`, ms: Math.max(...parts.map((x) => x.ms)) };
      }
      default: throw new Error(`plan node ${n.kind} is not expected in these queries`);
    }
  };
  const { text, ms } = node ? walk(node) : { text: '(none)', ms: 0 };
  return { plan: text, criticalPath: ms };
}
interface Measured {
  rps: number; p50: number; p99: number; requests: number; errors: number;
  cpuMsPerRequest?: number; statementsPerRequest?: number;
}

async function statements(subgraphUrls: string[]): Promise<number> {
  const texts = await Promise.all(subgraphUrls.map((u) => fetch(u.replace(/graphql$/, 'metrics')).then((r) => r.text())));
  return texts.reduce((sum, t) => sum + Number(/^kc_subgraph_db_statements_total\{[^}]*\} (\d+)/m.exec(t)?.[1] ?? 0), 0);
}

/**
 * Requests straight to one department, signed as the gateway signs them. A signature is good for
 * one request, so each request autocannon sends takes a fresh one from a stock signed ahead
 * (before the round starts) and topped up while it runs. Should the stock run out, the last
 * request goes again and is refused: it counts as an error, so a short stock shows.
 */
async function freshlySigned(service: SubgraphName, bodies: string[], identity: Identity, config: Config, keys: KeyMaterial, stock = 20_000) {
  const ready: Req[] = [];
  let k = 0;
  let last: Req | undefined;
  let stopped = false;
  const signOne = async () => {
    const body = bodies[k++ % bodies.length];
    ready.push({ body, headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signSubgraphIdentity(identity, body, service, config, keys) } });
  };
  while (ready.length < stock) await signOne();
  const topUp = (async () => {
    while (!stopped) {
      // topped up only once half the stock is gone: a short round signs nothing while it is timed
      if (ready.length < stock / 2) for (let n = 0; n < 200; n += 1) await signOne();
      await new Promise((ok) => setTimeout(ok, ready.length < stock / 2 ? 0 : 20));
    }
  })();
  return {
    next: (): Req => (last = ready.shift() ?? last!),
    stop: async () => {
      stopped = true;
      await topUp;
    },
  };
}

/** autocannon against `url`, cycling through `requests` (or taking each from `requests()`); GraphQL errors in a 200 count as errors. */
async function load(url: string, requests: Req[] | (() => Req), opts: { seconds?: number; connections?: number; pid?: number; subgraphUrls?: string[] } = {}): Promise<Measured> {
  let errors = 0;
  let i = 0;
  const cpu0 = opts.pid ? cpuMs(opts.pid) : 0;
  const st0 = opts.subgraphUrls ? await statements(opts.subgraphUrls) : 0;
  const r = await autocannon({
    url, connections: opts.connections ?? CONNECTIONS, duration: opts.seconds ?? SECONDS,
    requests: [{
      method: 'POST',
      setupRequest: (req) => {
        const next = typeof requests === 'function' ? requests() : requests[i++ % requests.length];
        return { ...req, method: 'POST', body: next.body, headers: next.headers };
      },
      onResponse: (status, body) => {
        if (status !== 200 || body.includes('"errors"')) errors += 1;
      },
    }],
  });
  const total = r.requests.total;
  const st1 = opts.subgraphUrls ? await statements(opts.subgraphUrls) : 0;
  return {
    rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: total, errors: errors + r.errors + r.timeouts,
    cpuMsPerRequest: opts.pid ? (cpuMs(opts.pid) - cpu0) / Math.max(1, total) : undefined,
    statementsPerRequest: opts.subgraphUrls ? (st1 - st0) / Math.max(1, total) : undefined,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function medianOf(rounds: Measured[]): Measured {
  const pick = (k: keyof Measured) => (rounds.every((r) => r[k] !== undefined) ? median(rounds.map((r) => r[k] as number)) : undefined);
  return {
    rps: pick('rps')!, p50: pick('p50')!, p99: pick('p99')!, requests: rounds.reduce((s, r) => s + r.requests, 0), errors: rounds.reduce((s, r) => s + r.errors, 0),
    cpuMsPerRequest: pick('cpuMsPerRequest'), statementsPerRequest: pick('statementsPerRequest'),
  };
}

// ---------------------------------------------------------------- scenarios
/** The unified view's fields, by the department that owns them (so each can be asked directly). */
const PARTS: Record<SubgraphName, string> = {
  education: 'name gender birthDate idNumber enrollment { status grade className school { name } } dropoutCase { status }',
  'public-security': 'isMigrant hukou { regionName isLocal registeredAddress } guardians { name relation phone }',
  'civil-affairs': 'poverty { registered status } isLeftBehind',
  community: 'community { name gridName gridWorkerName } family { parentsWorkingAway carer } homeVisits { date outcome }',
  'joint-meeting': 'tasks { type status dueDate overdue }',
};
const UNIFIED = `id ${Object.values(PARTS).join(' ')}`;
const CHILD_QUERY = `query ChildView($id: ID!) { student(id: $id) { ${UNIFIED} } }`;
const LIST_QUERY = `query SchoolList($school: String, $first: Int) { students(first: $first, filter: { schoolCode: $school }) { nodes { ${UNIFIED} } } }`;
const OVERVIEW_QUERY = 'query Overview { districtOverview(year: 2018) { dropoutsFound returned stillOut closedOtherwise consolidationRate consolidationTarget schoolsInterviewed consolidation { cohortEnrolment transfersIn transfersOut graduates } } }';
const TASKS_QUERY = 'query MyWork { myTasks(includeDone: true) { id type status dueDate overdue student { name enrollment { school { name } } community { name } } } }';
/** a workspace's page of work, each task naming its child (the dashboard's WorkQueue, with fewer fields); every status, as the city has the demo's tasks only */
const QUEUE_QUERY = 'query Queue { workQueue(filter: { status: [ASSIGNED, ACCEPTED, IN_PROGRESS, DONE, REJECTED] }, first: 20) { totalCount nodes { id type status dueDate overdue student { name enrollment { school { name } grade className } community { name } } } pageInfo { hasNextPage endCursor } } }';
/** the workspace's search (FindStudents): a page of 20 with each child's school, class and community */
const SEARCH_QUERY = 'query Find($filter: StudentFilter) { students(filter: $filter, first: 20) { totalCount nodes { id name enrollment { status grade className school { code name } } community { code name } } pageInfo { hasNextPage endCursor } } }';
const ENTITIES = (fields: string) => `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Student { ${fields} } } }`;

async function main() {
  if (SAVE) fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const redisUp = await new Promise<boolean>((resolve) => {
    const s = net.connect(6379, '127.0.0.1', () => { s.end(); resolve(true); });
    s.once('error', () => resolve(false));
  });
  log(`\n控辍保学 city-scale benchmark — ${STUDENTS.toLocaleString()} students, ${SCHOOLS} schools; PostgreSQL; Node ${process.version}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()})`);
  const t0 = Date.now();
  const seeded = await ensureCity();
  log(`city: ${seeded}`);
  const config = loadConfig({ ...process.env, DATA_DIR, NODE_ENV: 'test' });
  const keys = await loadKeys(config, { DATA_DIR });
  const procs = await startProcesses(redisUp);
  const subgraphUrls = SUBGRAPH_MODULES.map((m) => procs.subgraphs[m.name].url);
  log(`processes: 5 subgraphs, our gateway, the peer (Hive Gateway) — each its own Node process; rate limits ${redisUp ? 'in Redis' : 'in memory (Redis is down)'}; ready after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const results: Record<string, unknown> = { students: STUDENTS, schools: SCHOOLS, seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, node: process.version, cpus: os.cpus().length, date: new Date().toISOString() };
  try {
    const tokenOf = async (account: string) => issueUserToken(DEMO_ACCOUNTS[account], config, keys, 4 * 3600);
    const headers = async (account: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(account)}` });
    const jm = await headers('joint-meeting');
    // the joint meeting's service account reads pages of up to 5,000 (people, 500): the pools and the 1,000-child list
    const service = { 'content-type': 'application/json', authorization: `Bearer ${await issueUserToken(serviceIdentity('joint-meeting', 'joint_meeting'), config, keys, 4 * 3600)}` };
    const gql = async <T>(url: string, query: string, variables: Record<string, unknown> = {}, h = jm): Promise<T> => {
      const res = await fetch(url, { method: 'POST', headers: h, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      let body: { data?: T; errors?: unknown[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
      }
      if (!body.data || body.errors?.length) throw new Error(`${url}: ${JSON.stringify(body.errors).slice(0, 500)}`);
      return body.data;
    };

    // the children and schools the load picks from
    const { students } = await gql<{ students: { nodes: { id: string; enrollment: { school: { code: string } } | null }[] } }>(
      procs.ours.url, '{ students(first: 1000, filter: { enrollmentStatus: ENROLLED }) { nodes { id enrollment { school { code } } } } }', {}, service);
    const childIds = students.nodes.map((n) => n.id);
    const { schools } = await gql<{ schools: { code: string }[] }>(procs.ours.url, '{ schools { code } }');
    const schoolCodes = schools.map((s) => s.code);
    const listIds = new Map<string, string[]>();
    for (const code of schoolCodes.slice(0, 50)) {
      const r = await gql<{ students: { nodes: { id: string }[] } }>(procs.ours.url, LIST_QUERY.replace(UNIFIED, 'id'), { school: code, first: 100 });
      listIds.set(code, r.students.nodes.map((n) => n.id));
    }
    const listSchools = [...listIds.keys()];

    const same = (a: string, b: string) => JSON.stringify(a) === JSON.stringify(b);
    // both gateways must give the same answer before they are timed
    for (const [q, v] of [[CHILD_QUERY, { id: childIds[0] }], [LIST_QUERY, { school: listSchools[0], first: 100 }]] as const) {
      const a = JSON.stringify(await gql(procs.ours.url, q, v));
      const b = JSON.stringify(await gql(procs.peer.url, q, v));
      if (!same(a, b)) throw new Error(`ours and the peer answer differently:\n${a.slice(0, 300)}\n${b.slice(0, 300)}`);
    }

    // and neither may give one caller another's answer: police see ID numbers, the joint meeting their mask
    const police = await headers('police');
    for (const url of [procs.ours.url, procs.peer.url]) {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => gql<{ student: { idNumber: string } }>(url, 'query($id: ID!) { student(id: $id) { idNumber } }', { id: childIds[0] }, i % 2 ? police : jm)));
      const wrong = answers.filter((a, i) => a.student.idNumber.includes('*') === (i % 2 === 1)).length;
      if (wrong) throw new Error(`${url === procs.ours.url ? 'ours' : 'the peer'} gave ${wrong} of 40 callers another department's answer`);
    }

    const childReqs: Req[] = childIds.map((id) => ({ body: JSON.stringify({ query: CHILD_QUERY, variables: { id } }), headers: jm }));
    const listReqs: Req[] = listSchools.map((school) => ({ body: JSON.stringify({ query: LIST_QUERY, variables: { school, first: 100 } }), headers: jm }));

    // direct calls to each subgraph with the same fields, signed as the gateway signs them
    const jmIdentity: Identity = DEMO_ACCOUNTS['joint-meeting'];
    const signedLoad = async (name: SubgraphName, bodies: string[], opts: Parameters<typeof load>[2]) => {
      const signed = await freshlySigned(name, bodies, jmIdentity, config, keys);
      try {
        return await load(procs.subgraphs[name].url, signed.next, opts);
      } finally {
        await signed.stop();
      }
    };
    const directBodies = (scenario: 'child' | 'list', name: SubgraphName): string[] => {
      if (scenario === 'child') {
        return childIds.map((id) => JSON.stringify(name === 'education'
          ? { query: CHILD_QUERY.replace(UNIFIED, `id ${PARTS.education}`), variables: { id } }
          : { query: ENTITIES(PARTS[name]), variables: { representations: [{ __typename: 'Student', id }] } }));
      }
      return listSchools.map((school) => JSON.stringify(name === 'education'
        ? { query: LIST_QUERY.replace(UNIFIED, `id ${PARTS.education}`), variables: { school, first: 100 } }
        : { query: ENTITIES(PARTS[name]), variables: { representations: listIds.get(school)!.map((id) => ({ __typename: 'Student', id })) } }));
    };
    /**
     * Each subgraph the scenario touches, asked directly for its part: loaded (the same connections)
     * for throughput, and one request at a time for latency. The slowest one alone is the floor.
     */
    const floorOf = async (scenario: 'child' | 'list') => {
      const loaded: Record<string, Measured> = {};
      const alone: Record<string, Measured> = {};
      const seconds = Math.max(3, Math.round(SECONDS / 2));
      for (const m of SUBGRAPH_MODULES) {
        loaded[m.name] = await signedLoad(m.name, directBodies(scenario, m.name), { seconds, pid: procs.subgraphs[m.name].child.pid });
        alone[m.name] = await signedLoad(m.name, directBodies(scenario, m.name), { seconds, connections: 1 });
      }
      const slowest = Object.entries(alone).sort((a, b) => b[1].p50 - a[1].p50 || a[1].rps - b[1].rps)[0];
      return { loaded, alone, slowest: slowest[0], floor: slowest[1] };
    };

    /**
     * The plan's shape run straight against the departments by this process, one request at a
     * time (each body signed as the gateway signs it): what a gateway that did nothing itself
     * would take on this machine, parallel fetches sharing its cores as they do under any gateway.
     */
    const planDirect = async (scenario: 'child' | 'list', node: PlanNode): Promise<number> => {
      const bodies = Object.fromEntries(SUBGRAPH_MODULES.map((m) => [m.name, directBodies(scenario, m.name)])) as Record<string, string[]>;
      const count = bodies.education.length;
      const times: number[] = [];
      const until = Date.now() + Math.max(3, Math.round(SECONDS / 2)) * 1000;
      for (let i = 0; Date.now() < until; i++) {
        const k = i % count;
        const started = performance.now();
        await runPlan(node, async (department) => {
          const body = bodies[department][k];
          const headers = { 'content-type': 'application/json', [IDENTITY_HEADER]: await signSubgraphIdentity(jmIdentity, body, department as SubgraphName, config, keys) };
          const r = await postOnce(procs.subgraphs[department as SubgraphName].url, headers, body);
          if (r.status !== 200 || r.text.includes('"errors"')) throw new Error(`${department} answered ${r.status}: ${r.text.slice(0, 200)}`);
        });
        times.push(performance.now() - started);
      }
      return Math.round(median(times) * 10) / 10;
    };

    const ratios: Record<string, Ratios> = {};
    for (const [scenario, reqs, label] of [['child', childReqs, "(1) one child's unified view, a different child each request"], ['list', listReqs, '(2) a school\'s list of 100 children, every department\'s fields']] as const) {
      if (!ONLY.has(scenario)) continue;
      log(`\n${label}`);
      await load(procs.ours.url, reqs, { seconds: 2 });
      await load(procs.peer.url, reqs, { seconds: 2 });
      const ours: Measured[] = [];
      const peer: Measured[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        ours.push(await load(procs.ours.url, reqs, { pid: procs.ours.child.pid, subgraphUrls }));
        peer.push(await load(procs.peer.url, reqs, { pid: procs.peer.child.pid, subgraphUrls }));
        log(`  round ${r + 1}: ours ${ours[r].rps.toFixed(0)}/s p50 ${ours[r].p50} ms · peer ${peer[r].rps.toFixed(0)}/s p50 ${peer[r].p50} ms`);
      }
      const o = medianOf(ours);
      const p = medianOf(peer);
      const oursAlone = await load(procs.ours.url, reqs, { seconds: Math.max(3, Math.round(SECONDS / 2)), connections: 1, pid: procs.ours.child.pid, subgraphUrls });
      const floor = await floorOf(scenario);
      const node = planNode(scenario === 'child' ? CHILD_QUERY : LIST_QUERY)!;
      const planned = planOf(node, (d) => floor.alone[d]?.p50 ?? 0);
      const direct = await planDirect(scenario, node);
      ratios[scenario] = {
        oursPerPeer: o.rps / p.rps, peerCpuPerOurs: p.cpuMsPerRequest! / o.cpuMsPerRequest!, oursPerFloorP50: oursAlone.p50 / floor.floor.p50,
        plan: planned.plan, criticalPathP50: planned.criticalPath, oursPerCriticalPathP50: oursAlone.p50 / planned.criticalPath,
        planDirectP50: direct, oursPerPlanDirectP50: oursAlone.p50 / direct,
      };
      results[scenario] = { ours: o, peer: p, oursOneClient: oursAlone, direct: floor.loaded, directOneClient: floor.alone, slowestSubgraph: floor.slowest, ...ratios[scenario] };
      log(table([
        ['ours', o], ['peer (Hive Gateway)', p], ...Object.entries(floor.loaded).map(([n, m]) => [`direct: ${n}`, m] as [string, Measured]),
        ['ours, one client at a time', oursAlone],
        ...Object.entries(floor.alone).map(([n, m]) => [`direct: ${n}, one at a time${n === floor.slowest ? ' (floor)' : ''}`, m] as [string, Measured]),
      ]));
      log(`  ours/peer ${ratios[scenario].oursPerPeer.toFixed(2)}× requests/s, gateway CPU per request peer/ours ${ratios[scenario].peerCpuPerOurs.toFixed(2)}×; ours p50 / floor p50, one client: ${ratios[scenario].oursPerFloorP50.toFixed(2)}`);
      log(`  plan ${ratios[scenario].plan}: its departments alone along the critical path ${ratios[scenario].criticalPathP50} ms p50; ours / that, one client: ${ratios[scenario].oursPerCriticalPathP50.toFixed(2)}`);
      log(`  the plan run straight against the departments, one at a time: ${ratios[scenario].planDirectP50} ms p50; ours / that: ${ratios[scenario].oursPerPlanDirectP50.toFixed(2)}`);
    }

    // SQL statements per request: the same for 10, 100 and 1,000 children
    const perSize: Record<string, number> = {};
    if (ONLY.has('sizes')) log('\nSQL statements per request (all departments), the unified list of N children');
    for (const n of ONLY.has('sizes') ? [10, 100, 1000] : []) {
      await gql(procs.ours.url, LIST_QUERY, { first: n }, service);
      const before = await statements(subgraphUrls);
      for (let i = 0; i < 5; i++) await gql(procs.ours.url, LIST_QUERY, { first: n }, service);
      perSize[n] = (await statements(subgraphUrls) - before) / 5;
    }
    results.statementsPerListSize = perSize;
    if (ONLY.has('sizes')) log(`  ${Object.entries(perSize).map(([n, s]) => `${n} children: ${s}`).join(' · ')}`);

    if (ONLY.has('overview')) {
      // (3) the district overview
      log('\n(3) districtOverview(year: 2018), the joint meeting');
      const overviewReqs: Req[] = [{ body: JSON.stringify({ query: OVERVIEW_QUERY }), headers: jm }];
      const one = await load(procs.ours.url, overviewReqs, { connections: 1, seconds: Math.max(3, Math.round(SECONDS / 2)), pid: procs.ours.child.pid, subgraphUrls });
      const many = await load(procs.ours.url, overviewReqs, { pid: procs.ours.child.pid, subgraphUrls });
      // not from the cache: each read follows a write through education (a refused stale policy
      // update is still a mutation, and every mutation moves education's cache on)
      const edu = await headers('edu-admin');
      const uncached: number[] = [];
    const until = Date.now() + Math.max(3, SECONDS / 2) * 1000;
    while (Date.now() < until) {
      const write = await postOnce(procs.ours.url, edu, JSON.stringify({ query: 'mutation { updateEarlyWarningPolicy(input: { expectedVersion: -1 }) { version } }' }));
      if (!write.text.includes('CONFLICT')) throw new Error(`the stale write was not refused as CONFLICT: HTTP ${write.status} ${write.text.slice(0, 200)}`);
      const t = process.hrtime.bigint();
      const read = await postOnce(procs.ours.url, jm, JSON.stringify({ query: OVERVIEW_QUERY }));
      uncached.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (read.status !== 200 || read.text.includes('"errors"')) throw new Error(`overview: HTTP ${read.status} ${read.text.slice(0, 200)}`);
    }
    const raw = await rawOverviewSql();
      const coldP50 = median(uncached);
      results.overview = { oneClient: one, loaded: many, uncachedP50: coldP50, uncachedRuns: uncached.length, rawSql: raw, oursPerRawP50: coldP50 / raw.p50, cachedPerRawP50: one.p50 / raw.p50 };
      log(table([['through the gateway, 1 client (cached)', one], [`through the gateway, ${CONNECTIONS} clients (cached)`, many]]));
      log(`  through the gateway after a write (computed afresh), 1 client: p50 ${coldP50.toFixed(2)} ms over ${uncached.length} reads`);
      log(`  the SQL it runs, straight to PostgreSQL (1 client): p50 ${raw.p50.toFixed(2)} ms over ${raw.runs} runs`);
      log(`  gateway / SQL, p50: ${(coldP50 / raw.p50).toFixed(2)} computed afresh, ${(one.p50 / raw.p50).toFixed(2)} from the cache`);
    }
    if (ONLY.has('tasks')) {
      // (4) a department's task list
      log("\n(4) a community office's task list (myTasks with each child's school and community)");
      const tasks = await load(procs.ours.url, [{ body: JSON.stringify({ query: TASKS_QUERY }), headers: await headers('community') }], { pid: procs.ours.child.pid, subgraphUrls });
      results.tasks = tasks;
      // the workspace's first page: the subdistrict's children only, asked of the community service in batches
      const queueReqs = [{ body: JSON.stringify({ query: QUEUE_QUERY }), headers: await headers('community') }];
      const queue = await load(procs.ours.url, queueReqs, { connections: 1, seconds: Math.max(3, Math.round(SECONDS / 2)), pid: procs.ours.child.pid, subgraphUrls });
      results.workQueue = queue;
      log(table([['ours, myTasks', tasks], ['ours, workQueue (first page), 1 client', queue]]));
    }
    if (ONLY.has('search')) {
      // (5) finding a child: by the start of a name (one character, two), by ID number; the district's education staff, one client
      log('\n(5) search for a child across the city (students(filter: { name | idNumber }), first 20), one client');
      const { students: sample } = await gql<{ students: { nodes: { name: string; idNumber: string }[] } }>(procs.ours.url,
        'query Sample($first: Int) { students(first: $first) { nodes { name idNumber } } }', { first: 400 }, await headers('edu-admin'));
      const edu = await headers('edu-admin');
      const req = (filter: Record<string, string>) => ({ body: JSON.stringify({ query: SEARCH_QUERY, variables: { filter } }), headers: edu });
      const kinds = {
        'surname (1 character)': sample.nodes.map((n) => req({ name: [...n.name][0] })),
        'name (2 characters)': sample.nodes.map((n) => req({ name: [...n.name].slice(0, 2).join('') })),
        'ID number': sample.nodes.map((n) => req({ idNumber: n.idNumber })),
      };
      const search: Record<string, Measured> = {};
      for (const [kind, reqs] of Object.entries(kinds)) {
        await load(procs.ours.url, reqs, { seconds: 1, connections: 1 });
        search[kind] = await load(procs.ours.url, reqs, { connections: 1, seconds: Math.max(3, Math.round(SECONDS / 2)), pid: procs.ours.child.pid, subgraphUrls });
      }
      results.search = search;
      log(table(Object.entries(search).map(([k, m]) => [k, m] as [string, Measured])));
      log('  target: p50 ≤ 50 ms through the gateway, one client');
    }
    const rss = { ours: peakRssMb(procs.ours.child.pid!), peer: peakRssMb(procs.peer.child.pid!) };
    results.peakRssMb = rss;
    log(`\npeak RSS: our gateway ${rss.ours.toFixed(0)} MB, the peer ${rss.peer.toFixed(0)} MB`);
    if (SAVE && SCENARIOS.every((x) => ONLY.has(x))) { // a partial run (profiling) saves nothing
      const stamp = new Date().toISOString().slice(0, 10);
      const base = path.join(ROOT, 'bench', 'results', `${stamp}-${STUDENTS}`);
      fs.writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
      fs.writeFileSync(`${base}.md`, summary(results, ratios, perSize, rss));
      log(`saved ${path.relative(ROOT, base)}.json and .md\n`);
    }
  } finally {
    await procs.stop();
    if (DROP) {
      await admin(async (c) => {
        for (const m of SUBGRAPH_MODULES) await c.query(`drop database if exists ${dbName(m.name)} with (force)`);
      });
      fs.rmSync(DATA_DIR, { recursive: true, force: true });
    }
  }
}

/**
 * One request on a connection of its own. (Node's fetch in this process, right after autocannon
 * ran here, sometimes reuses a pooled connection the gateway is closing; the bench must not
 * time that.)
 */
function postOnce(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The overview's one SQL statement (education), straight to PostgreSQL, one client. */
async function rawOverviewSql(): Promise<{ p50: number; runs: number }> {
  const c = new Client({ connectionString: postgresUrl(dbName('education')) });
  await c.connect();
  try {
    let n = 0;
    const sql = DISTRICT_OVERVIEW_SQL.replace(/\?/g, () => `$${++n}`);
    const params = districtOverviewParams(2018);
    const times: number[] = [];
    const until = Date.now() + Math.max(3, SECONDS / 2) * 1000;
    await c.query(sql, params);
    while (Date.now() < until) {
      const t = process.hrtime.bigint();
      await c.query(sql, params);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return { p50: median(times), runs: times.length };
  } finally {
    await c.end();
  }
}

function table(rows: [string, Measured][]): string {
  const head = ['', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/req', 'SQL/req', 'errors'];
  const body = rows.map(([label, m]) => [label, m.rps.toFixed(0), String(m.p50), String(m.p99), m.cpuMsPerRequest?.toFixed(2) ?? '', m.statementsPerRequest?.toFixed(1) ?? '', String(m.errors)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  return [head, ...body].map((r) => `  ${r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`).join('\n');
}

function summary(results: Record<string, unknown>, ratios: Record<string, Ratios>, perSize: Record<string, number>, rss: { ours: number; peer: number }): string {
  const r = results as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const row = (label: string, m: Measured) => `| ${label} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.cpuMsPerRequest?.toFixed(2) ?? ''} | ${m.statementsPerRequest?.toFixed(1) ?? ''} | ${m.errors} |`;
  const head = '| | req/s | p50 ms | p99 ms | CPU ms/req | SQL/req | errors |\n|---|---:|---:|---:|---:|---:|---:|';
  const scenario = (key: string, title: string) => [
    `## ${title}`, '', head,
    row('ours', r[key].ours), row('peer: Hive Gateway', r[key].peer),
    ...Object.entries(r[key].direct as Record<string, Measured>).map(([n, m]) => row(`direct: ${n}`, m)),
    row('ours, one client at a time', r[key].oursOneClient),
    ...Object.entries(r[key].directOneClient as Record<string, Measured>).map(([n, m]) => row(`direct: ${n}, one at a time${n === r[key].slowestSubgraph ? ' (floor)' : ''}`, m)),
    '', `ours/peer **${ratios[key].oursPerPeer.toFixed(2)}×** requests/s (target ≥ 1.2); gateway CPU per request, peer/ours **${ratios[key].peerCpuPerOurs.toFixed(2)}×**; ` +
      `ours p50 / slowest subgraph p50, one client at a time: **${ratios[key].oursPerFloorP50.toFixed(2)}** (target ≤ 1.3)`, '',
      `The gateway's query plan: ${ratios[key].plan}. Its departments alone, one at a time, along the critical path (a sequence adds up, parallel fetches take the slowest): ` +
      `${ratios[key].criticalPathP50} ms p50; ours / that: **${ratios[key].oursPerCriticalPathP50.toFixed(2)}**. ` +
      `The same plan run straight against the departments by the benchmark (no gateway work; parallel fetches sharing the machine's cores): ` +
      `${ratios[key].planDirectP50} ms p50; ours / that: **${ratios[key].oursPerPlanDirectP50.toFixed(2)}**.`, '',
  ].join('\n');
  return [
    `# Benchmark ${String(r.date).slice(0, 10)}: ${STUDENTS.toLocaleString()} students, ${SCHOOLS} schools`, '',
    `PostgreSQL, Node ${r.node}, ${r.cpus} CPUs; every service its own process; ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s (medians). CPU ms/req is the gateway process's (for direct rows, the subgraph's).`,
    `Reproduce: \`npm run bench -- --students ${STUDENTS}\``, '',
    scenario('child', "(1) One child's unified view"),
    scenario('list', "(2) A school's 100 children, unified"),
    '## SQL statements per request, unified list', '', Object.entries(perSize).map(([n, s]) => `${n} children: ${s}`).join(' · '), '',
    '## (3) districtOverview', '', head, row('gateway, 1 client, cached', r.overview.oneClient), row(`gateway, ${CONNECTIONS} clients, cached`, r.overview.loaded), '',
    `After a write (computed afresh), through the gateway: p50 ${r.overview.uncachedP50.toFixed(2)} ms. The SQL it runs, straight to PostgreSQL: p50 ${r.overview.rawSql.p50.toFixed(2)} ms. ` +
      `Gateway / SQL **${r.overview.oursPerRawP50.toFixed(2)}** afresh, **${r.overview.cachedPerRawP50.toFixed(2)}** cached (target ≤ 2).`, '',
    "## (4) A community office's task list", '', head, row('ours, myTasks', r.tasks), row('ours, workQueue (first page of 20), 1 client', r.workQueue), '',
    '## (5) Search for a child (the workspace), one client', '', head, ...Object.entries(r.search as Record<string, Measured>).map(([k, m]) => row(k, m)), '', 'Target: p50 ≤ 50 ms through the gateway.', '',
    `Peak RSS: our gateway ${rss.ours.toFixed(0)} MB, Hive Gateway ${rss.peer.toFixed(0)} MB.`, '',
  ].join('\n');
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});

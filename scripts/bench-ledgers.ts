/**
 * `npm run bench:ledgers -- [--children 100000] [--postgres] [--runs 3]`
 *
 * Generates a district of about N children (the Liunan demo world, scaled: consistent records in
 * every department), with attendance noise (2% of pupils absent now and then in the four weeks
 * read) and 0.3% of children of compulsory age that no school has enrolled, seeds it into fresh
 * databases (SQLite files, or throwaway PostgreSQL databases with --postgres), starts the real
 * gateway and subgraphs, and times the joint meeting's 四查三比对 run through the gateway.
 * A benchmark prints figures; it asserts nothing.
 */
import { composeResidentId } from '@kongchuo/shared/domain';
import { issueUserToken, DEMO_ACCOUNTS } from '@kongchuo/shared/identity';
import { serviceIdentity } from '@kongchuo/shared/server';
import { generateLiunan2018, DEMO_LEDGER_DATE, type DemoAbsence } from '@kongchuo/demo';
import { flag } from './cli';


const CHILDREN = Number(flag('children', '100000'));
const RUNS = Number(flag('runs', '3'));
if (flag('postgres', 'false') === 'true') process.env.TEST_DATABASE = 'postgres';
process.env.LOG_LEVEL ??= 'warn';

const AT_SCHOOL_AT_SCALE_1 = 16_500; // pupils of 2018–19 at scale 1 (the 2009 cohort and the 75 come on top)
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A small deterministic generator (the bench must not depend on Math.random). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function main() {
  const { startSystem } = await import('./system');
  const { SUBGRAPH_MODULES } = await import('./subgraphs');
  const t0 = Date.now();
  const world = generateLiunan2018(2018, { scale: Math.max(0.05, (CHILDREN - 2_365) / AT_SCHOOL_AT_SCALE_1) });
  const rand = lcg(7);

  // attendance noise: 2% of the pupils miss 1–12 days (some half days) in the four weeks to the date read
  const days: string[] = [];
  for (let t = Date.parse('2018-11-26T00:00:00Z'); t <= Date.parse(`${DEMO_LEDGER_DATE}T00:00:00Z`); t += 86400e3) {
    if (new Date(t).getUTCDay() % 6 !== 0) days.push(new Date(t).toISOString().slice(0, 10));
  }
  let noisy = 0;
  for (const c of world.children) {
    if (c.status !== 'ENROLLED' || c.absences.length || rand() > 0.02) continue;
    const n = 1 + Math.floor(rand() * 12);
    const start = Math.floor(rand() * (days.length - n + 1));
    c.absences = days.slice(start, start + n).map((date): DemoAbsence => ({ date, portion: rand() < 0.2 ? 'MORNING' : 'FULL_DAY', excused: rand() < 0.4, reason: '' }));
    noisy += 1;
  }
  // children of compulsory age with no 学籍: like the demo's three, with their own IDs and households
  const used = new Set([...world.children, ...world.unenrolled].flatMap((c) => [c.idNumber, ...c.household.guardians.map((g) => g.idNumber)]));
  const freshId = (region: string, birth: string) => {
    for (let seq = 0; seq < 1000; seq++) {
      const id = composeResidentId(region, birth, seq);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    throw new Error(`no free ID number for ${region} ${birth}`);
  };
  const base = [...world.unenrolled];
  const extra = Math.round(world.children.length * 0.003);
  for (let i = 0; i < extra; i++) {
    const t = base[i % base.length];
    const birth = `20${String(4 + (i % 8)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
    world.unenrolled.push({
      ...t,
      idNumber: freshId(t.hukouRegion, birth),
      birthDate: birth,
      household: {
        ...t.household,
        number: `${t.hukouRegion.slice(0, 4)}8${String(i).padStart(7, '0')}`,
        guardians: t.household.guardians.map((g, k) => ({ ...g, idNumber: freshId(t.hukouRegion, `19${70 + (i % 20)}-0${1 + (i % 9)}-2${k}`) })),
      },
    });
  }
  const generated = Date.now() - t0;

  const system = await startSystem({ demo: false });
  try {
    const seedTimes: string[] = [];
    for (const m of SUBGRAPH_MODULES) {
      const t = Date.now();
      await m.seed(system.subgraphs[m.name].orm.em, system.keys.linkageSecret, world);
      seedTimes.push(`${m.name} ${seconds(Date.now() - t)}`);
    }
    const token = await issueUserToken(DEMO_ACCOUNTS['joint-meeting'], system.config, system.keys, 3600);
    // the run's own pages are read by the joint meeting's service account; so are the single pages timed below
    const serviceToken = await issueUserToken(serviceIdentity('joint-meeting', 'joint_meeting'), system.config, system.keys, 3600);
    const call = async <T>(query: string, variables: Record<string, unknown> = {}, bearer = token): Promise<T> => {
      const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (!body.data || body.errors?.length) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    console.log(`\n四查三比对 benchmark — ${system.env.TEST_DATABASE === 'postgres' ? 'PostgreSQL' : 'SQLite'}, Node ${process.version}`);
    console.log(`district: ${world.children.length.toLocaleString()} children with 学籍 records, ${world.unenrolled.length} of compulsory age without,`);
    console.log(`          ${noisy.toLocaleString()} pupils with absences in the four weeks read (generated in ${seconds(generated)})`);
    console.log(`seeded:   ${seedTimes.join(', ')}`);
    console.log(`read on:  ${DEMO_LEDGER_DATE}; each run pages 5,000 keys per request from each department through the gateway\n`);

    // one page of each list on its own (nothing else running): where the time of a run goes
    const pages: [string, string][] = [
      ['police: registered children', `{ registeredChildren(asOf: "${DEMO_LEDGER_DATE}", first: 5000) { nodes { id } } }`],
      ['community: residents of compulsory age', `{ residents(compulsoryAgeOn: "${DEMO_LEDGER_DATE}", first: 5000) { nodes { id } } }`],
      ['education: pupils (keys)', '{ students(filter: { enrollmentStatus: ENROLLED }, first: 5000) { nodes { id } } }'],
    ];
    const perPage: string[] = [];
    for (const [label, query] of pages) {
      await call(query, {}, serviceToken);
      const t = Date.now();
      for (let i = 0; i < 3; i++) await call(query, {}, serviceToken);
      perPage.push(`${label} ${Math.round((Date.now() - t) / 3)} ms`);
    }
    console.log(`one page of up to 5,000 keys, alone: ${perPage.join('; ')}\n`);

    type Run = { id: string; status: string; failure: string | null; schoolAge: number; withEnrollment: number; suspectedDropouts: number; dropouts: number; findings: number; timing: { step: string; ms: number }[] };
    const RUN_FIELDS = 'id status failure schoolAge withEnrollment suspectedDropouts dropouts findings timing { step ms }';
    const results: { wall: number; run: Run }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = Date.now();
      let { runCrossCheck } = await call<{ runCrossCheck: Run }>(`mutation($asOf: String) { runCrossCheck(asOf: $asOf) { ${RUN_FIELDS} } }`, { asOf: DEMO_LEDGER_DATE });
      // a run longer than CROSS_CHECK_WAIT_SECONDS comes back unfinished: the worker is still on it
      while (runCrossCheck.status === 'QUEUED' || runCrossCheck.status === 'RUNNING') {
        await new Promise((ok) => setTimeout(ok, 1000));
        runCrossCheck = (await call<{ crossCheck: Run }>(`query($id: ID) { crossCheck(id: $id) { ${RUN_FIELDS} } }`, { id: runCrossCheck.id })).crossCheck;
      }
      if (runCrossCheck.status !== 'DONE') throw new Error(`cross-check ${runCrossCheck.status}: ${runCrossCheck.failure}`);
      results.push({ wall: Date.now() - t, run: runCrossCheck });
      const steps = runCrossCheck.timing.filter((s) => s.step !== 'total').map((s) => `${s.step} ${s.ms}`).join(' · ');
      console.log(`run ${i + 1}: ${seconds(Date.now() - t)} wall   (ms: ${steps})`);
    }
    const r = results[results.length - 1].run;
    const walls = results.map((x) => x.wall).sort((a, b) => a - b);
    console.log(`\nschool-age ledger ${r.schoolAge.toLocaleString()} (with 学籍 ${r.withEnrollment.toLocaleString()}), suspected dropouts ${r.suspectedDropouts}, dropouts ${r.dropouts}, findings ${r.findings}`);
    console.log(`cross-match time: median ${seconds(walls[Math.floor(walls.length / 2)])}, best ${seconds(walls[0])} over ${RUNS} runs; ` +
      `${Math.round(r.schoolAge / (walls[0] / 1000)).toLocaleString()} children/s; peak RSS of the whole system (one process) ${mb(process.resourceUsage().maxRSS * 1024)}`);

    const t = Date.now();
    const { suspectedDropouts } = await call<{ suspectedDropouts: { totalCount: number } }>(`{ suspectedDropouts(asOf: "${DEMO_LEDGER_DATE}", first: 50) { totalCount nodes { student { id } } } }`);
    console.log(`suspected-dropout ledger alone (education, set-wise over every pupil's absences): ${Date.now() - t} ms for ${suspectedDropouts.totalCount} children\n`);
  } finally {
    await system.stop();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});

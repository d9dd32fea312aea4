/**
 * `npm run soak -- [--minutes 10] [--connections 8] [--postgres]`
 *
 * Starts the system with the demo in its own process (as `npm test` does), drives a steady mix of
 * what offices do — the overview, a page of the unified view, one child, a community's work list —
 * with autocannon from this process, samples the system process's memory every 5 seconds, and
 * prints the request and error counts and the memory slope over the second half of the run
 * (after warm-up). It asserts nothing; it prints figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, issueUserToken, loadKeys } from '@kongchuo/shared/identity';
import { flag } from './cli';

const MINUTES = Number(flag('minutes', '10'));
const CONNECTIONS = Number(flag('connections', '8'));

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Least-squares slope of (minutes, MB). */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}

async function main() {
  const env = { ...process.env, ...(flag('postgres', 'false') === 'true' ? { TEST_DATABASE: 'postgres' } : {}), LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, [path.join(__dirname, 'system.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<{ gatewayUrl: string; dataDir: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /KC_SYSTEM_READY (\{.*\})/.exec(out);
      if (m) resolve(JSON.parse(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the system exited (${code})`)));
  });
  try {
    const config = loadConfig({ ...process.env, DATA_DIR: ready.dataDir });
    const keys = await loadKeys(config, { ...process.env, DATA_DIR: ready.dataDir });
    const bearer = async (account: string) => `Bearer ${await issueUserToken(DEMO_ACCOUNTS[account], config, keys, 24 * 3600)}`;
    const headersFor = async (account: string) => ({ 'content-type': 'application/json', authorization: await bearer(account) });
    const first = (await (await fetch(ready.gatewayUrl, {
      method: 'POST', headers: await headersFor('edu-admin'), body: JSON.stringify({ query: '{ students(filter: { enrollmentStatus: DROPPED_OUT }, first: 1) { nodes { id } } }' }),
    })).json()) as { data: { students: { nodes: { id: string }[] } } };
    const childId = first.data.students.nodes[0].id;
    const mix: { account: string; query: string; variables?: Record<string, unknown> }[] = [
      { account: 'joint-meeting', query: 'query Overview { districtOverview(year: 2018) { dropoutsFound returned stillOut consolidationRate } }' },
      { account: 'edu-admin', query: 'query Unified { students(first: 20) { nodes { id name enrollment { status school { name } } hukou { regionName } isMigrant poverty { registered } community { name } } } }' },
      { account: 'joint-meeting', query: 'query Child($id: ID!) { student(id: $id) { name idNumber enrollment { status } hukou { regionName } guardians { name phone } poverty { registered } homeVisits { date outcome } tasks { status } timeline { date summary } } }', variables: { id: childId } },
      { account: 'community', query: 'query Work { myTasks { id status dueDate overdue } }' },
    ];
    let graphqlErrors = 0;
    const requests = await Promise.all(mix.map(async (m) => ({
      method: 'POST' as const, path: new URL(ready.gatewayUrl).pathname, headers: await headersFor(m.account),
      body: JSON.stringify({ query: m.query, variables: m.variables ?? {} }),
      onResponse: (_status: number, body: string) => {
        if (body.includes('"errors"')) graphqlErrors += 1;
      },
    })));
    const samples: [number, number][] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push([(Date.now() - started) / 60000, rssMb(child.pid!)]), 5000);
    console.log(`\nsoak — ${env.TEST_DATABASE === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${MINUTES} min, ${CONNECTIONS} connections, system RSS at start ${rssMb(child.pid!).toFixed(0)} MB`);
    const result = await autocannon({ url: new URL(ready.gatewayUrl).origin, connections: CONNECTIONS, duration: Math.max(5, Math.round(MINUTES * 60)), requests });
    clearInterval(sampler);
    const late = samples.filter(([t]) => t >= (MINUTES / 2));
    const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
    console.log(`requests: ${result.requests.total.toLocaleString()} (${Math.round(result.requests.average)}/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    console.log(`errors: ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${graphqlErrors})`);
    console.log(`memory: system RSS ${samples[0]?.[1].toFixed(0)} → ${samples[samples.length - 1]?.[1].toFixed(0)} MB; slope over the second half ${slope(late).toFixed(2)} MB/min (${late.length} samples)\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});

/**
 * Stopping a process of the system: `npm start` (all six services in one process, what a user
 * runs) and `serve.js <service>` (one service, as docker-compose.yml deploys it) exit on SIGTERM
 * and on Ctrl-C (SIGINT) within 10 s, with exit code 0, their ports freed — as a user's shell,
 * a service manager or `docker compose stop` sends them, with no NODE_ENV set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig } from '@kongchuo/shared/core';
import { DEMO_PASSWORD } from '@kongchuo/identity';
import { verifyAll } from '../../scripts/audit-verify';
import { passwordSignIn } from '../../scripts/sign-in';
import { stopWith, untilAnswers, userEnvironment } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');

async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

const started: { child: ChildProcess; dataDir: string }[] = [];
afterEach(() => {
  for (const { child, dataDir } of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 within 10 s of %s, every port freed, after answering a request', async (signal) => {
    const { env, ports, dataDir } = await userEnvironment();
    // what `npm start` runs once it has built
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    started.push({ child, dataDir });
    await untilAnswers(`http://127.0.0.1:${ports.GATEWAY}/health`, child);
    // a request that went through every layer: pools, signatures and audit writers are in use
    // signed in at the system's own identity provider, as `npm run token` does
    const { accessToken: token } = await passwordSignIn(loadConfig(env), 'joint-meeting', DEMO_PASSWORD);
    const answer = await fetch(`http://127.0.0.1:${ports.GATEWAY}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ students(first: 3) { nodes { name poverty { registered } community { name } tasks { status } } } }' }),
    });
    expect(answer.status).toBe(200);

    const stopped = await stopWith(child, signal, 15_000);
    expect({ stopped: stopped !== null, stderr: stopped ? '' : stderr.slice(-1500) }).toEqual({ stopped: true, stderr: '' });
    expect(stopped!.code).toBe(0);
    expect(stopped!.took).toBeLessThan(10_000);
    for (const [service, port] of Object.entries(ports)) expect({ service, free: await portIsFree(port) }).toEqual({ service, free: true });
    // every department that wrote to its audit log handed its last head over before stopping (while the holders were up)
    const chains = await verifyAll(loadConfig({ DATA_DIR: dataDir }), { DATA_DIR: dataDir });
    expect(chains.filter((c) => c.subgraph !== 'identity' && c.ok && c.checked > 0 && !/reaching checkpoint/.test(c.line)).map((c) => c.line)).toEqual([]);
    expect(chains.filter((c) => c.checked > 0).length).toBeGreaterThan(0);
  }, 240_000);
});

describe('npm start through its shell', () => {
  it('a SIGTERM to the shell npm runs the start script in stops the system too', async () => {
    // npm runs `scripts.start` with `sh -c` and forwards its signals to that shell, which does not
    // pass them on: after the build the script must `exec` node, replacing the shell, or the signal
    // stops at the shell and node runs on with every port
    const script = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const run = script.split('&&').at(-1)!.trim();
    const { env, ports, dataDir } = await userEnvironment();
    const child = spawn('sh', ['-c', run], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore'] });
    started.push({ child, dataDir });
    await untilAnswers(`http://127.0.0.1:${ports.GATEWAY}/health`, child);
    const stopped = await stopWith(child, 'SIGTERM', 15_000);
    expect(stopped).not.toBeNull();
    expect(stopped!.code).toBe(0);
    for (const [service, port] of Object.entries(ports)) expect({ service, free: await portIsFree(port) }).toEqual({ service, free: true });
  }, 240_000);
});

describe('serve.js <service>', () => {
  it.each([['gateway', 'SIGTERM'], ['education', 'SIGINT']] as const)('%s exits 0 within 10 s of %s', async (service, signal) => {
    const { env, ports, dataDir } = await userEnvironment();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'serve.js'), service], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    started.push({ child, dataDir });
    const port = service === 'gateway' ? ports.GATEWAY : ports.EDUCATION;
    await untilAnswers(`http://127.0.0.1:${port}/health`, child);
    const stopped = await stopWith(child, signal, 15_000);
    expect(stopped).not.toBeNull();
    expect(stopped!.code).toBe(0);
    expect(stopped!.took).toBeLessThan(10_000);
    expect(await portIsFree(port)).toBe(true);
  }, 240_000);
});

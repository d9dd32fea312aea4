/**
 * Production services never load the demo world: `npm start` with DEMO_SEED=off (every service in
 * one process) loads nothing from the @kongchuo/demo workspace, any department's seed or faker.
 * A department that does seed the demo loads them, which shows the check sees what it looks for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { stopWith, untilAnswers, userEnvironment } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_CODE = /[\\/](demo[\\/]dist|seed[\\/]liunan-2018|@faker-js)[\\/.]/;

/** The modules a script of the system loaded from start to a clean stop. */
async function modulesLoadedBy(script: string, args: string[], extra: NodeJS.ProcessEnv): Promise<string[]> {
  const { env, ports, dataDir } = await userEnvironment();
  const file = path.join(dataDir, 'loaded-modules.txt');
  const child = spawn(process.execPath, ['--require', path.join(ROOT, 'test', 'support', 'loaded-modules.js'), path.join(ROOT, 'scripts', 'dist', script), ...args], {
    cwd: ROOT, env: { ...env, ...extra, KC_LOADED_MODULES_FILE: file }, stdio: 'ignore',
  });
  try {
    await untilAnswers(args[0] ? `http://127.0.0.1:${ports[args[0].toUpperCase().replace(/-/g, '_')]}/ready` : `http://127.0.0.1:${ports.GATEWAY}/health`, child);
    expect((await stopWith(child, 'SIGTERM', 15_000))?.code).toBe(0);
    return fs.readFileSync(file, 'utf8').split('\n');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

it('npm start without the demo loads no demo code, in any service', async () => {
  const loaded = await modulesLoadedBy('start.js', [], { DEMO_SEED: 'off' });
  expect(loaded.some((f) => f.includes(`${path.sep}subgraphs${path.sep}education${path.sep}`))).toBe(true);
  expect(loaded.filter((f) => DEMO_CODE.test(f))).toEqual([]);
}, 240_000);

it('a department seeding the demo loads it (the check above sees what it looks for)', async () => {
  const loaded = await modulesLoadedBy('serve.js', ['civil-affairs'], { DEMO_SEED: 'on' });
  expect(loaded.filter((f) => DEMO_CODE.test(f)).length).toBeGreaterThan(0);
}, 240_000);

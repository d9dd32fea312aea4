/**
 * How a process of this system stops (`npm start`, `serve.js`, the test system): on SIGTERM or
 * SIGINT every service stops taking work, finishes what it is answering (at most
 * `DRAIN_GRACE_MS`, then its connections are closed), closes its pools, timers and connections,
 * and the process exits 0 — the gateway first, so the requests it is finishing still reach the
 * departments. If a service has not stopped by the deadline (`STOP_DEADLINE_MS`) the process
 * says which and exits 1: a service manager or `docker compose stop` never has to kill it.
 *
 * Apollo Server's own signal handlers are off in every server (`stopOnTerminationSignals: false`):
 * each would stop its server on the signal and send it again, racing this, and with six servers in
 * one process that left `npm start` waiting for ever after its ports were freed.
 */
import type { Logger } from '../observability';

/** what a server still answering is given to finish, once stopping begins */
export const DRAIN_GRACE_MS = 5_000;
/** when the process gives up on a service that does not stop, and exits 1 */
export const STOP_DEADLINE_MS = 9_000;

/** What stopServices stops: a service of the system (RunningService has this shape). */
export interface StoppableService {
  name: string;
  stop(): Promise<void>;
}

/** Stops the services in the order given (each after the one before), within the deadline. */
export async function stopServices(services: readonly StoppableService[], logger: Logger, deadlineMs = STOP_DEADLINE_MS): Promise<boolean> {
  const pending = new Set(services.map((s) => s.name));
  let failed = false;
  const all = (async () => {
    for (const s of services) {
      const started = Date.now();
      await s.stop().catch((e: unknown) => {
        failed = true;
        logger.error({ err: e, service: s.name }, 'stop failed');
      });
      pending.delete(s.name);
      logger.debug({ service: s.name, ms: Date.now() - started }, 'stopped');
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineMs)));
  const outcome = await Promise.race([all.then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    logger.error({ services: [...pending], deadlineMs }, 'did not stop in time');
    return false;
  }
  return !failed;
}

/**
 * On the first SIGTERM or SIGINT: the services in the order given, then `after` (if any), then
 * the process exits (0 when all stopped in time). A second signal while stopping is ignored.
 */
export function exitOnSignals(services: () => readonly StoppableService[], logger: Logger, after?: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // the deadline holds for everything, `after` included
    const hard = setTimeout(() => {
      logger.error({ deadlineMs: STOP_DEADLINE_MS + 1_000 }, 'shutdown did not finish: exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS + 1_000);
    hard.unref();
    let ok = true;
    try {
      ok = await stopServices(services(), logger);
      if (ok) await after?.();
    } catch (e) {
      ok = false;
      logger.error({ err: e }, 'shutdown failed');
    }
    logger.info({ signal, clean: ok }, 'stopped');
    process.exit(ok ? 0 : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Faults between the gateway and a department (cockatiel): timeouts, one retry of a read, a circuit breaker per department. */
import {
  ConsecutiveBreaker, ConstantBackoff, TaskCancelledError, TimeoutStrategy, circuitBreaker, handleWhen, retry, timeout, wrap,
} from 'cockatiel';
import type { Config } from '@kongchuo/shared/core';

/** A department that answered 503: reachable and quick, but unable to serve the request just now (its database is restarting). */
export class DepartmentBusy extends Error {
  constructor(serviceName: string) {
    super(`${serviceName} answered 503`);
  }
}

/**
 * Per department: a timeout on every request (reads `subgraphTimeoutMs`, writes `subgraphMutationTimeoutMs`), one quick retry of a read that could not connect
 * (not of one that timed out), and a circuit breaker that, after `breakerFailures` failures in a
 * row, answers at once (that department's fields null, SERVICE_UNAVAILABLE) until a probe after
 * `breakerResetMs` finds it back.
 */
export function subgraphResilience(r: Config['resilience']) {
  // the breaker is for departments that do not answer or answer slowly; a quick 503 is tried again but does not open it
  const breaker = circuitBreaker(handleWhen((e) => !(e instanceof DepartmentBusy)), { halfOpenAfter: r.breakerResetMs, breaker: new ConsecutiveBreaker(Math.max(1, r.breakerFailures)) });
  const retryConnect = retry(handleWhen((e) => !(e instanceof TaskCancelledError)), { maxAttempts: 1, backoff: new ConstantBackoff(50) });
  // abortOnReturn off: the body is read whole before the work returns, so nothing is left to cancel; aborting
  // each finished request's signal made a DOMException (with its stack) per department call
  const timeoutOf = (ms: number) => timeout(ms, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
  const reads = wrap(breaker, retryConnect, timeoutOf(r.subgraphTimeoutMs));
  const writes = wrap(breaker, timeoutOf(r.subgraphMutationTimeoutMs));
  return {
    breaker,
    run<T>(read: boolean, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
      // a signal of this request's own: cockatiel's default parent signal is shared by every execution
      return (read ? reads : writes).execute(({ signal }) => work(signal), new AbortController().signal);
    },
  };
}

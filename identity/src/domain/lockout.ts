/**
 * Lock-out after repeated failed sign-ins: after MAX_FAILURES wrong passwords in a row an account
 * is locked for LOCK_MINUTES (a right password then is refused too); the count starts again after
 * a good sign-in or when the lock ends. An administrator's password reset also lifts the lock.
 */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface SignInState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export const isLocked = (s: SignInState, now: Date) => !!s.lockedUntil && s.lockedUntil > now;

/** The state after a wrong password. */
export function afterFailure(s: SignInState, now: Date): SignInState {
  const failed = (s.lockedUntil && s.lockedUntil <= now ? 0 : s.failedSignIns) + 1;
  return { failedSignIns: failed, lockedUntil: failed >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null };
}

export const afterSuccess = (): SignInState => ({ failedSignIns: 0, lockedUntil: null });

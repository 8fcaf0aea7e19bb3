import type { AuthenticationMethod, UserEvent } from '../userEvents';

/** Failures that lock the second step, and for how long once they have (issue 15: 5 failures, 5 minutes). */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;
/** Failures count toward a lock only this long: a wrong code now and then, weeks apart, never locks anyone out. */
export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Second-factor failures of the last FAILURE_WINDOW_MS since the last TOTP or recovery-code success, oldest
 * first; every method counts toward one lockout.
 */
export interface SecondFactorLockout {
  failures: readonly Date[];
}

export const noFailures: SecondFactorLockout = { failures: [] };

/** When the current lock ends, or null while the user may try a code. */
export function lockedUntil(lockout: SecondFactorLockout): Date | null {
  if (lockout.failures.length < LOCKOUT_FAILURES) return null;
  return new Date(lockout.failures[lockout.failures.length - 1]!.getTime() + LOCKOUT_MS);
}

export function isLocked(lockout: SecondFactorLockout, now: Date): boolean {
  const until = lockedUntil(lockout);
  return until !== null && now < until;
}

/**
 * A lock that has run out starts a new count (one more failure after it does not lock again at once), and
 * failures older than the window stop counting.
 */
function recordFailure(lockout: SecondFactorLockout, at: Date): SecondFactorLockout {
  const until = lockedUntil(lockout);
  const counted =
    until !== null && at >= until ? [] : lockout.failures.filter((failure) => at.getTime() - failure.getTime() < FAILURE_WINDOW_MS);
  return { failures: [...counted, at].slice(-LOCKOUT_FAILURES) };
}

/**
 * Only a factor the user holds clears the count. A code by email or SMS goes wherever the caller says
 * (a number of their choosing), so a stolen session could reset the count between TOTP guesses with it.
 */
const CLEARING_METHODS: ReadonlySet<AuthenticationMethod> = new Set(['totp', 'recovery_code']);

/**
 * Folds one event of a user's stream into the lockout: MfaFailed counts, whatever the method; a TOTP code
 * or recovery code accepted (UserAuthenticated by `totp` or `recovery_code`) clears it, while a password
 * or an emailed or texted code leaves it as it was. Second-factor deciders call this from their evolve so
 * that TOTP, recovery codes and emailed or texted codes share one count.
 */
export function evolveLockout(lockout: SecondFactorLockout, event: UserEvent): SecondFactorLockout {
  if (event.type === 'MfaFailed') return recordFailure(lockout, new Date(event.data.failedAt));
  if (event.type === 'UserAuthenticated' && CLEARING_METHODS.has(event.data.method)) return noFailures;
  return lockout;
}

// Failed sign-ins are throttled with growing delays: the first two are free, then 5 s, 10 s, 20 s …
// up to 15 minutes. The count is kept outside the database (in its own file) so it survives a restart.

export interface FailedSignIns {
  failures: number;
  lastFailureAt: string;
}

const FREE_ATTEMPTS = 2;
const FIRST_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 15 * 60;

export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS - 1), MAX_DELAY_SECONDS);
}

/** Seconds the person must still wait before another attempt is even checked (0 = go ahead). */
export function secondsUntilNextAttempt(state: FailedSignIns | undefined, now: Date): number {
  if (!state) return 0;
  // A failure recorded "in the future" (the clock was ahead, or the file was edited) counts as now, so
  // no one waits longer than the longest delay.
  const recorded = Date.parse(state.lastFailureAt);
  const last = Number.isFinite(recorded) ? Math.min(recorded, now.getTime()) : now.getTime();
  const allowedAt = last + delayAfterFailures(state.failures) * 1000;
  return Math.max(0, Math.ceil((allowedAt - now.getTime()) / 1000));
}

export function recordFailure(state: FailedSignIns | undefined, now: Date): FailedSignIns {
  return { failures: (state?.failures ?? 0) + 1, lastFailureAt: now.toISOString() };
}

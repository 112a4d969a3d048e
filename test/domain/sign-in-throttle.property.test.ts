import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FailedSignIns } from '#domain/sign-in-throttle.ts';
import { delayAfterFailures, recordFailure, secondsUntilNextAttempt } from '#domain/sign-in-throttle.ts';

// The sign-in throttle's cap as properties: however many failures, and whatever the recorded time of the
// last one says (past, future, or not a date at all), nobody waits more than 15 minutes (900 s).

const CAP = 900;
const NOW = new Date('2026-11-26T10:00:00Z');

/** Failure counts from none to far beyond anything typed by hand, with the edges weighted in. */
const failures = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.constantFrom(1023, 1024, 1025, 1100, 2 ** 31, Number.MAX_SAFE_INTEGER),
);

/** The time of the last failure as kept in the file: any instant within ±10 years, or text that is not a date. */
const lastFailureAt = fc.oneof(
  fc
    .integer({ min: -10 * 365 * 86_400_000, max: 10 * 365 * 86_400_000 })
    .map((offset) => new Date(NOW.getTime() + offset).toISOString()),
  fc.constantFrom('', 'not a date', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z'),
);

describe('the sign-in throttle (properties)', () => {
  it('never asks for more than 900 s after any number of failures, and never for less than nothing', () => {
    fc.assert(
      fc.property(failures, (n) => {
        const delay = delayAfterFailures(n);
        expect(Number.isInteger(delay), `${n} failures`).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(CAP);
      }),
      { numRuns: 2000 },
    );
  });

  it('reaches the cap after the eleventh failure and stays there (5, 10, 20 … 640, then 900)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(delayAfterFailures(n)).toBe(CAP);
      }),
    );
    expect(Array.from({ length: 12 }, (_, n) => delayAfterFailures(n))).toEqual([
      0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900,
    ]);
  });

  it('never waits less after one more failure', () => {
    fc.assert(
      fc.property(failures, (n) => {
        expect(delayAfterFailures(n + 1)).toBeGreaterThanOrEqual(delayAfterFailures(n));
      }),
      { numRuns: 2000 },
    );
  });

  it('the wait still to go is between 0 and 900 s whatever the file says, even a failure dated in the future', () => {
    fc.assert(
      fc.property(failures, lastFailureAt, (n, at) => {
        const state: FailedSignIns = { failures: n, lastFailureAt: at };
        const wait = secondsUntilNextAttempt(state, NOW);
        expect(Number.isInteger(wait), `${n} failures, last at ${at}`).toBe(true);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait, `${n} failures, last at ${at}`).toBeLessThanOrEqual(CAP);
      }),
      { numRuns: 3000 },
    );
  });

  it('after many failures in a row the wait is the full 900 s, then runs down to nothing in exactly 900 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 500 }), fc.integer({ min: 0, max: 899_999 }), (n, elapsedMs) => {
        let state: FailedSignIns | undefined;
        for (let i = 0; i < n; i++) state = recordFailure(state, NOW);
        expect(state?.failures).toBe(n);
        expect(secondsUntilNextAttempt(state, NOW)).toBe(CAP);
        const later = new Date(NOW.getTime() + elapsedMs);
        expect(secondsUntilNextAttempt(state, later)).toBe(Math.ceil((CAP * 1000 - elapsedMs) / 1000));
        expect(secondsUntilNextAttempt(state, new Date(NOW.getTime() + CAP * 1000))).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

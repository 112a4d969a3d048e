import { describe, expect, it } from 'vitest';
import { computeDue, workingDayProgress } from '#domain/clock/index.ts';

const calendar = { nation: 'england-wales' as const, closureDays: [] };
const rule = { kind: 'working-days' as const, days: 3 };
// Islington §5.3 as the browser test has it: category agreed Thursday 27/08/2026; the August bank holiday
// is Monday 31/08; due Wednesday 02/09.
const trigger = '2026-08-27T14:00:00Z';
const due = computeDue(rule, trigger, calendar);
const at = (now: string) => workingDayProgress({ rule, trigger, due, now, calendar });

describe('where a running working-day clock stands', () => {
  it('counts day 0 on the day it started, skips the weekend and the bank holiday, and runs to the due day', () => {
    expect(due.dueDay).toBe('2026-09-02');
    expect(at('2026-08-27T15:00:00Z')).toBe('day 0 of 3, 3 working days left');
    expect(at('2026-08-28T09:00:00Z')).toBe('day 1 of 3, 2 working days left');
    expect(at('2026-08-31T09:00:00Z')).toBe('day 1 of 3, 2 working days left'); // bank holiday
    expect(at('2026-09-01T09:00:00Z')).toBe('day 2 of 3, 1 working day left');
    expect(at('2026-09-02T09:00:00Z')).toBe('day 3 of 3, 0 working days left');
  });

  it('says nothing once overdue, or for a rule that is not in working days', () => {
    expect(at('2026-09-03T09:00:00Z')).toBeNull();
    const hours = { kind: 'hours' as const, hours: 24 };
    expect(
      workingDayProgress({ rule: hours as never, trigger, due, now: '2026-08-27T15:00:00Z', calendar }),
    ).toBeNull();
  });
});

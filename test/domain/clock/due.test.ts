import { describe, expect, it } from 'vitest';
import { computeDue } from '#domain/clock/due.ts';
import { DeadlineRuleSchema, describeRule } from '#domain/clock/rules.ts';
import type { WorkingCalendar } from '#domain/clock/working-days.ts';
import { londonTime, millisecondsBetween } from '#domain/dates.ts';

const england: WorkingCalendar = { nation: 'england-wales', closureDays: [] };

describe('computeDue', () => {
  it('working days: due at the end of the London day (GMT in winter)', () => {
    expect(computeDue({ kind: 'working-days', days: 3 }, '2026-11-26T15:20:00Z', england)).toEqual({
      precision: 'day',
      dueDay: '2026-12-01',
      dueInstant: '2026-12-01T23:59:59.999Z',
    });
  });

  it('working days: the trigger day is read in London time (00:30 BST is the next day)', () => {
    // 23:30 UTC on Wed 01/07/2026 is 00:30 BST on Thu 02/07: Fri 3 = 1, Mon 6 = 2.
    const due = computeDue({ kind: 'working-days', days: 2 }, '2026-07-01T23:30:00Z', england);
    expect(due.dueDay).toBe('2026-07-06');
    expect(due.dueInstant).toBe('2026-07-06T22:59:59.999Z');
  });

  it('calendar days are literal, even onto a weekend', () => {
    // Fri 18/12/2026 + 15 calendar days = Sat 02/01/2027.
    expect(computeDue({ kind: 'calendar-days', days: 15 }, '2026-12-18', england).dueDay).toBe('2027-01-02');
  });

  it('24 hours across the October clock change is 24 real hours', () => {
    // 11:00 BST Sat 24/10/2026; the clocks go back at 02:00 BST on Sun 25/10, so the due reads 10:00 GMT.
    const due = computeDue({ kind: 'hours', hours: 24 }, '2026-10-24T10:00:00Z', england);
    expect(due).toEqual({
      precision: 'instant',
      dueDay: '2026-10-25',
      dueInstant: '2026-10-25T10:00:00.000Z',
    });
    expect(londonTime(due.dueInstant)).toBe('10:00');
    expect(millisecondsBetween('2026-10-24T10:00:00Z', due.dueInstant)).toBe(24 * 3_600_000);
  });

  it('24 hours across the March clock change reads an hour later on the London clock', () => {
    // 10:00 GMT Sat 28/03/2026 → 10:00 UTC Sun 29/03 = 11:00 BST.
    const due = computeDue({ kind: 'hours', hours: 24 }, '2026-03-28T10:00:00Z', england);
    expect(londonTime(due.dueInstant)).toBe('11:00');
  });

  it('hours from a bare day start at the beginning of that London day', () => {
    expect(computeDue({ kind: 'hours', hours: 24 }, '2026-07-02', england).dueInstant).toBe(
      '2026-07-02T23:00:00.000Z',
    );
  });

  it('immediate: due at the trigger instant', () => {
    expect(computeDue({ kind: 'immediate' }, '2027-03-25T16:00:00+00:00', england)).toEqual({
      precision: 'instant',
      dueDay: '2027-03-25',
      dueInstant: '2027-03-25T16:00:00.000Z',
    });
  });

  it('weeks window: target and latest calendar dates', () => {
    // Wed 23/12/2026 + 42 days = Wed 03/02/2027; + 56 days = Wed 17/02/2027.
    const due = computeDue({ kind: 'weeks-window', targetWeeks: 6, latestWeeks: 8 }, '2026-12-23', england);
    expect(due).toMatchObject({ dueDay: '2027-02-03', latestDay: '2027-02-17' });
    expect(due.latestInstant).toBe('2027-02-17T23:59:59.999Z');
  });

  it('rejects a trigger that is neither a day nor an instant', () => {
    expect(() => computeDue({ kind: 'working-days', days: 1 }, '01/12/2026', england)).toThrow(RangeError);
  });
});

describe('rule schema', () => {
  it('rejects negative days and a window whose latest is before its target', () => {
    expect(DeadlineRuleSchema.safeParse({ kind: 'working-days', days: -1 }).success).toBe(false);
    expect(
      DeadlineRuleSchema.safeParse({ kind: 'weeks-window', targetWeeks: 8, latestWeeks: 6 }).success,
    ).toBe(false);
    expect(DeadlineRuleSchema.safeParse({ kind: 'fortnights', n: 1 }).success).toBe(false);
  });

  it('describes rules in plain English', () => {
    expect(describeRule({ kind: 'working-days', days: 3 })).toBe('within 3 working days');
    expect(describeRule({ kind: 'hours', hours: 24 })).toBe('within 24 hours');
    expect(describeRule({ kind: 'weeks-window', targetWeeks: 6, latestWeeks: 8 })).toBe(
      'ideally within 6–8 weeks',
    );
    expect(describeRule({ kind: 'immediate' })).toBe('immediately');
  });
});

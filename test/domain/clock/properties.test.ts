import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveDeadline } from '#domain/clock/adjustments.ts';
import { isBankHoliday, NATIONS } from '#domain/clock/bank-holidays.ts';
import { computeDue } from '#domain/clock/due.ts';
import type { WorkingCalendar } from '#domain/clock/working-days.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '#domain/clock/working-days.ts';
import type { IsoDay } from '#domain/dates.ts';
import {
  addCalendarDays,
  dayFromNumber,
  dayNumber,
  dayOfWeek,
  londonDay,
  millisecondsBetween,
  startOfLondonDay,
} from '#domain/dates.ts';

const FIRST = dayNumber('2020-01-01');
const LAST = dayNumber('2035-12-31');

const anyDay = fc.integer({ min: FIRST, max: LAST }).map(dayFromNumber);
const calendarAround = (start: IsoDay) =>
  fc.record({
    nation: fc.constantFrom(...NATIONS),
    closureDays: fc
      .uniqueArray(fc.integer({ min: -5, max: 120 }), { maxLength: 12 })
      .map((offsets) => offsets.map((o) => addCalendarDays(start, o))),
  });
const dayAndCalendar = anyDay.chain((start) => fc.tuple(fc.constant(start), calendarAround(start)));
const workingDayAndCalendar = dayAndCalendar.map(([start, calendar]) => {
  // Move to the first working day on or after the random day.
  let day = start;
  while (!isWorkingDay(calendar, day)) day = addCalendarDays(day, 1);
  return [day, calendar] as [IsoDay, WorkingCalendar];
});
const n = fc.integer({ min: 0, max: 60 });

describe('working-day clock properties (2020–2035)', () => {
  it('a working-day deadline (N >= 1) never falls on a weekend, bank holiday or closure day', () => {
    fc.assert(
      fc.property(dayAndCalendar, fc.integer({ min: 1, max: 60 }), ([start, calendar], days) => {
        const { dueDay } = computeDue({ kind: 'working-days', days }, start, calendar);
        expect([0, 6]).not.toContain(dayOfWeek(dueDay));
        expect(isBankHoliday(calendar.nation, dueDay)).toBe(false);
        expect(calendar.closureDays).not.toContain(dueDay);
      }),
    );
  });

  it('workingDaysBetween(start, addWorkingDays(start, n)) === n', () => {
    fc.assert(
      fc.property(dayAndCalendar, n, ([start, calendar], days) => {
        expect(workingDaysBetween(calendar, start, addWorkingDays(calendar, start, days))).toBe(days);
      }),
    );
  });

  it('counting back n working days returns to a working start day', () => {
    fc.assert(
      fc.property(workingDayAndCalendar, n, ([start, calendar], days) => {
        const forward = addWorkingDays(calendar, start, days);
        expect(addWorkingDays(calendar, forward, -days)).toBe(start);
      }),
    );
  });

  it('a 24-hour rule is exactly 24 hours after the trigger, around the clock changes', () => {
    const lastSunday = (year: number, month: '03' | '10') => {
      const last = `${year}-${month}-31`;
      return addCalendarDays(last, -dayOfWeek(last));
    };
    const trigger = fc
      .record({
        year: fc.integer({ min: 2020, max: 2035 }),
        month: fc.constantFrom('03' as const, '10' as const),
        minutes: fc.integer({ min: -48 * 60, max: 48 * 60 }),
      })
      .map(({ year, month, minutes }) => {
        const base = Date.parse(startOfLondonDay(lastSunday(year, month)));
        return new Date(base + minutes * 60_000).toISOString();
      });
    const england: WorkingCalendar = { nation: 'england-wales', closureDays: [] };
    fc.assert(
      fc.property(trigger, (at) => {
        const due = computeDue({ kind: 'hours', hours: 24 }, at, england);
        expect(millisecondsBetween(at, due.dueInstant)).toBe(24 * 3600 * 1000);
        expect(due.dueDay).toBe(londonDay(due.dueInstant));
      }),
    );
  });

  it('a pause then resume of k working days moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(
        workingDayAndCalendar,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 20 }),
        ([start, calendar], days, pauseAfter, k) => {
          const rule = { kind: 'working-days' as const, days };
          const pauseDay = addWorkingDays(calendar, start, Math.min(pauseAfter, days));
          const resumeDay = addWorkingDays(calendar, pauseDay, k);
          // Pause and resume at 10:00 London time.
          const at = (day: IsoDay) => new Date(Date.parse(startOfLondonDay(day)) + 36_000_000).toISOString();
          const result = effectiveDeadline({
            rule,
            trigger: start,
            calendar,
            adjustments: [
              { type: 'pause', at: at(pauseDay), reason: 'Court directions', by: 'tester' },
              { type: 'resume', at: at(resumeDay), by: 'tester' },
            ],
          });
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          const { original, current } = result.deadline;
          expect(workingDaysBetween(calendar, original.dueDay, current.dueDay)).toBe(k);
          expect(isWorkingDay(calendar, current.dueDay)).toBe(true);
        },
      ),
    );
  });
});

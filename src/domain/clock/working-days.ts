/**
 * Working days for deadlines.
 *
 * Counting convention, used everywhere in the workbench: the trigger day is day 0 and the first
 * working day after it is day 1. So "within 3 working days" of a concern received on Thursday
 * 26/11/2026 (no bank holidays nearby) means by the end of Tuesday 01/12/2026: Friday is day 1,
 * Monday day 2, Tuesday day 3. The trigger day may itself be a weekend, bank holiday or closure day;
 * it is still day 0.
 *
 * A working day is a Monday to Friday that is neither a bank holiday of the calendar's nation nor one of
 * the local authority's closure days.
 */
import { z } from 'zod';
import type { IsoDay } from '../dates.ts';
import { addCalendarDays, dayNumber, dayOfWeek, isIsoDay } from '../dates.ts';
import type { Nation } from './bank-holidays.ts';
import { isBankHoliday, NATIONS } from './bank-holidays.ts';

export interface WorkingCalendar {
  nation: Nation;
  /** Local-authority shutdown days added by an administrator, `YYYY-MM-DD`. */
  closureDays: readonly IsoDay[];
}

export const WorkingCalendarSchema = z.strictObject({
  nation: z.enum(NATIONS),
  closureDays: z.array(z.string().refine(isIsoDay, 'must be a date written YYYY-MM-DD')),
});

/** Builds a fast test for one calendar, for loops that look at many days. */
export function workingDayTest(calendar: WorkingCalendar): (day: IsoDay) => boolean {
  const closures = new Set(calendar.closureDays);
  return (day) => {
    const weekday = dayOfWeek(day);
    if (weekday === 0 || weekday === 6) return false;
    return !closures.has(day) && !isBankHoliday(calendar.nation, day);
  };
}

export function isWorkingDay(calendar: WorkingCalendar, day: IsoDay): boolean {
  return workingDayTest(calendar)(day);
}

/**
 * The day that is `n` working days after `day` (day 0). With n = 0 the answer is `day` itself, working
 * or not. With a negative n it counts back: the n-th working day before `day`.
 */
export function addWorkingDays(calendar: WorkingCalendar, day: IsoDay, n: number): IsoDay {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  const isWorking = workingDayTest(calendar);
  const step = n < 0 ? -1 : 1;
  let current = day;
  let remaining = Math.abs(n);
  dayNumber(day); // validates the day even when n is 0
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (isWorking(current)) remaining -= 1;
  }
  return current;
}

/**
 * How many working days from `from` (day 0) to `to`: the working days after `from`, up to and
 * including `to`. Negative when `to` is before `from`. So
 * `workingDaysBetween(c, d, addWorkingDays(c, d, n)) === n` for any n >= 0.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDay, to: IsoDay): number {
  const span = dayNumber(to) - dayNumber(from);
  if (span < 0) return -workingDaysBetween(calendar, to, from);
  const isWorking = workingDayTest(calendar);
  let count = 0;
  let current = from;
  for (let i = 0; i < span; i += 1) {
    current = addCalendarDays(current, 1);
    if (isWorking(current)) count += 1;
  }
  return count;
}

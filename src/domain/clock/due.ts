import type { IsoDay, IsoInstant } from '../dates.ts';
import {
  addCalendarDays,
  addMilliseconds,
  endOfLondonDay,
  isIsoDay,
  isIsoInstant,
  londonDay,
  startOfLondonDay,
  toUtcInstant,
} from '../dates.ts';
import type { DeadlineRule } from './rules.ts';
import type { WorkingCalendar } from './working-days.ts';
import { addWorkingDays } from './working-days.ts';

const HOUR_MS = 3_600_000;

/**
 * When something is due.
 * - `precision: 'day'`: due by the end of `dueDay` (London time); `dueInstant` is that moment.
 * - `precision: 'instant'`: due at `dueInstant` exactly (hours and immediate rules); `dueDay` is the
 *   London day it falls on, for display.
 * - Weeks windows also carry `latestDay`/`latestInstant`: `dueDay` is the target, `latestDay` the limit.
 */
export interface DueDate {
  precision: 'day' | 'instant';
  dueDay: IsoDay;
  dueInstant: IsoInstant;
  latestDay?: IsoDay;
  latestInstant?: IsoInstant;
}

/** The moment after which the deadline is missed: the latest day for a window, else the due. */
export function deadlineInstant(due: DueDate): IsoInstant {
  return due.latestInstant ?? due.dueInstant;
}

export function dueByEndOfDay(dueDay: IsoDay, latestDay?: IsoDay): DueDate {
  const due: DueDate = { precision: 'day', dueDay, dueInstant: endOfLondonDay(dueDay) };
  if (latestDay !== undefined) {
    due.latestDay = latestDay;
    due.latestInstant = endOfLondonDay(latestDay);
  }
  return due;
}

export function dueAtInstant(instant: IsoInstant): DueDate {
  const dueInstant = toUtcInstant(instant);
  return { precision: 'instant', dueDay: londonDay(dueInstant), dueInstant };
}

/**
 * A trigger is either an instant (when the concern arrived, the meeting ended …) or, when only the day
 * is known, a calendar day. For hour-based rules a bare day starts the clock at the beginning of that
 * London day, so the computed deadline is never later than the true one.
 */
export type Trigger = IsoInstant | IsoDay;

export function triggerDay(trigger: Trigger): IsoDay {
  if (isIsoDay(trigger)) return trigger;
  if (isIsoInstant(trigger)) return londonDay(trigger);
  throw new RangeError(`Not a day or an instant: ${trigger}`);
}

export function triggerInstant(trigger: Trigger): IsoInstant {
  return isIsoDay(trigger) ? startOfLondonDay(trigger) : toUtcInstant(trigger);
}

/**
 * Computes a deadline from its rule and trigger. Day 0 is the trigger day (see working-days.ts).
 * Hours are real elapsed hours: 24 hours across a clock change is exactly 24 × 3,600,000 ms, so the
 * London clock may read 23:00 or 01:00 rather than the trigger's time. Calendar-day and week rules
 * are literal and are not moved off weekends or bank holidays.
 */
export function computeDue(rule: DeadlineRule, trigger: Trigger, calendar: WorkingCalendar): DueDate {
  switch (rule.kind) {
    case 'immediate':
      return dueAtInstant(triggerInstant(trigger));
    case 'hours':
      return dueAtInstant(addMilliseconds(triggerInstant(trigger), rule.hours * HOUR_MS));
    case 'working-days':
      return dueByEndOfDay(addWorkingDays(calendar, triggerDay(trigger), rule.days));
    case 'calendar-days':
      return dueByEndOfDay(addCalendarDays(triggerDay(trigger), rule.days));
    case 'weeks-window': {
      const day0 = triggerDay(trigger);
      return dueByEndOfDay(
        addCalendarDays(day0, rule.targetWeeks * 7),
        addCalendarDays(day0, rule.latestWeeks * 7),
      );
    }
  }
}

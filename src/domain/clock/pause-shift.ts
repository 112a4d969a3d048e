import type { IsoInstant } from '../dates.ts';
import {
  addCalendarDays,
  addMilliseconds,
  calendarDaysBetween,
  londonDay,
  millisecondsBetween,
} from '../dates.ts';
import type { DueDate } from './due.ts';
import { dueAtInstant, dueByEndOfDay } from './due.ts';
import type { DeadlineRule } from './rules.ts';
import type { WorkingCalendar } from './working-days.ts';
import { addWorkingDays, workingDaysBetween } from './working-days.ts';

export interface PauseShift {
  due: DueDate;
  /** e.g. "3 working days", "2 hours 30 minutes" */
  description: string;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export function describeDuration(ms: number): string {
  const totalMinutes = Math.round(ms / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return plural(minutes, 'minute');
  return minutes === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes, 'minute')}`;
}

function shiftDays(due: DueDate, move: (day: string) => string): DueDate {
  return dueByEndOfDay(move(due.dueDay), due.latestDay === undefined ? undefined : move(due.latestDay));
}

/**
 * Moves a due date later by the time the clock was stopped, in the rule's own unit: working days for
 * working-day rules (working days after the pause day up to and including the resume day), calendar
 * days for calendar-day and week rules, and elapsed time for hour and immediate rules.
 */
export function shiftForPause(
  rule: DeadlineRule,
  due: DueDate,
  pausedAt: IsoInstant,
  resumedAt: IsoInstant,
  calendar: WorkingCalendar,
): PauseShift {
  const pauseDay = londonDay(pausedAt);
  const resumeDay = londonDay(resumedAt);
  if (rule.kind === 'working-days') {
    const k = workingDaysBetween(calendar, pauseDay, resumeDay);
    return {
      due: shiftDays(due, (d) => addWorkingDays(calendar, d, k)),
      description: plural(k, 'working day'),
    };
  }
  if ((rule.kind === 'hours' || rule.kind === 'immediate') && due.precision === 'instant') {
    const ms = millisecondsBetween(pausedAt, resumedAt);
    return { due: dueAtInstant(addMilliseconds(due.dueInstant, ms)), description: describeDuration(ms) };
  }
  const k = calendarDaysBetween(pauseDay, resumeDay);
  return { due: shiftDays(due, (d) => addCalendarDays(d, k)), description: plural(k, 'calendar day') };
}

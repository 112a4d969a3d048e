/**
 * Where a deadline stands at a moment, for lists and case pages.
 *
 * Buckets (checked in this order):
 * - 'met': completed. On time (green) when completed by the deadline; late (amber) otherwise.
 * - 'paused': the clock is stopped (amber, so someone keeps an eye on restarting it).
 * - 'overdue': the deadline has passed (red).
 * - 'due-today': due on today's London date (red).
 * - 'past-target': weeks windows only, the target date has passed but the latest date has not (amber).
 * - 'due-this-week': due within the next working week, i.e. 1 to 5 working days away (amber).
 * - 'later': anything further off (green).
 * For a weeks window the buckets use the target date until it passes, then the latest date.
 */
import type { IsoDay, IsoInstant } from '../dates.ts';
import { formatDay, formatDayWithWeekday, londonDay, londonTime, millisecondsBetween } from '../dates.ts';
import type { DueDate } from './due.ts';
import { deadlineInstant } from './due.ts';
import type { WorkingCalendar } from './working-days.ts';
import { workingDaysBetween } from './working-days.ts';

export type DeadlineStatusKind =
  | 'met'
  | 'paused'
  | 'overdue'
  | 'due-today'
  | 'past-target'
  | 'due-this-week'
  | 'later';
export type Rag = 'red' | 'amber' | 'green';

export interface DeadlineStatus {
  status: DeadlineStatusKind;
  rag: Rag;
  /** Plain English, British dates: "Overdue by 2 working days", "Due today", "Due within 5 working days". */
  label: string;
  /** Only for 'met'. */
  onTime?: boolean;
  /** Only for 'overdue': whole working days since the due day. */
  workingDaysOverdue?: number;
}

export interface DeadlineStatusOptions {
  completedAt?: IsoInstant;
  pausedSince?: IsoInstant;
}

/** How far into the future still counts as "this week". */
export const WORKING_WEEK = 5;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

function lastDay(due: DueDate): IsoDay {
  return due.latestDay ?? due.dueDay;
}

function metStatus(due: DueDate, completedAt: IsoInstant, calendar: WorkingCalendar): DeadlineStatus {
  const completedDay = londonDay(completedAt);
  const shown = formatDayWithWeekday(completedDay);
  if (millisecondsBetween(completedAt, deadlineInstant(due)) >= 0) {
    return { status: 'met', rag: 'green', onTime: true, label: `Met on time (${shown})` };
  }
  const late = workingDaysBetween(calendar, lastDay(due), completedDay);
  const label =
    late >= 1
      ? `Met late: completed ${shown}, ${plural(late, 'working day')} after the due date`
      : `Met late: completed ${shown} at ${londonTime(completedAt)}, after the deadline`;
  return { status: 'met', rag: 'amber', onTime: false, label };
}

function overdueStatus(due: DueDate, today: IsoDay, calendar: WorkingCalendar): DeadlineStatus {
  const last = lastDay(due);
  const late = workingDaysBetween(calendar, last, today);
  let label: string;
  if (late >= 1) label = `Overdue by ${plural(late, 'working day')}`;
  else if (last === today) label = `Overdue since ${londonTime(deadlineInstant(due))} today`;
  else label = `Overdue: was due ${formatDayWithWeekday(last)}`;
  return { status: 'overdue', rag: 'red', label, workingDaysOverdue: Math.max(late, 0) };
}

export function deadlineStatus(
  due: DueDate,
  now: IsoInstant,
  calendar: WorkingCalendar,
  options: DeadlineStatusOptions = {},
): DeadlineStatus {
  if (options.completedAt !== undefined) return metStatus(due, options.completedAt, calendar);
  if (options.pausedSince !== undefined) {
    const since = formatDayWithWeekday(londonDay(options.pausedSince));
    return { status: 'paused', rag: 'amber', label: `Paused since ${since}` };
  }
  const today = londonDay(now);
  if (millisecondsBetween(deadlineInstant(due), now) > 0) return overdueStatus(due, today, calendar);

  const window = due.latestDay !== undefined ? ` (latest ${formatDay(due.latestDay)})` : '';
  const targetPassed = millisecondsBetween(due.dueInstant, now) > 0;
  if (targetPassed && due.latestDay !== undefined) {
    if (due.latestDay === today) return { status: 'due-today', rag: 'red', label: 'Due today (latest date)' };
    return {
      status: 'past-target',
      rag: 'amber',
      label: `Past target date ${formatDay(due.dueDay)}; latest ${formatDayWithWeekday(due.latestDay)}`,
    };
  }
  if (due.dueDay === today) {
    const by = due.precision === 'instant' ? ` by ${londonTime(due.dueInstant)}` : '';
    return { status: 'due-today', rag: 'red', label: `Due today${by}${window}` };
  }
  // The date itself is always shown beside the status (a Due column, a due date fact): not repeated here.
  if (workingDaysBetween(calendar, today, due.dueDay) <= WORKING_WEEK) {
    const what = due.latestDay !== undefined ? 'Target date' : 'Due';
    return { status: 'due-this-week', rag: 'amber', label: `${what} within ${WORKING_WEEK} working days` };
  }
  return { status: 'later', rag: 'green', label: 'On track' };
}

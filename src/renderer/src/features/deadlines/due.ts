import type { DeadlineView, DueDateView } from '#contract/timescale-schemas.ts';
import { formatDayWithWeekday, londonInstant, londonTime } from '#domain/dates.ts';

// How due dates read on screen. The backend computes every date (working days, bank holidays,
// closure days); the screens only format them.

/** 'Wed 02/09/2026', 'Sun 25/10/2026 at 09:30', or 'target …; latest …' for a window of weeks. */
export function dueText(due: DueDateView): string {
  const day = (d: string, instant: string) =>
    due.precision === 'instant'
      ? `${formatDayWithWeekday(d)} at ${londonTime(instant)}`
      : formatDayWithWeekday(d);
  const target = day(due.dueDay, due.dueInstant);
  if (due.latestDay === undefined) return target;
  return `target ${target}; latest ${day(due.latestDay, due.latestInstant ?? due.dueInstant)}`;
}

/** Whether the deadline now falls due on another day than the rule first gave. */
export function dueMoved(d: Pick<DeadlineView, 'originalDue' | 'currentDue'>): boolean {
  return d.currentDue.dueDay !== d.originalDue.dueDay || d.currentDue.latestDay !== d.originalDue.latestDay;
}

export type Group = 'overdue' | 'due-today' | 'due-this-week' | 'later';

export const GROUPS: readonly { id: Group; title: string; none: string }[] = [
  { id: 'overdue', title: 'Overdue', none: 'Nothing is overdue.' },
  { id: 'due-today', title: 'Due today', none: 'Nothing is due today.' },
  { id: 'due-this-week', title: 'Due this week', none: 'Nothing else is due in the next 5 working days.' },
  { id: 'later', title: 'Later', none: 'Nothing is due later.' },
];

/** The My work group a running deadline belongs in; null for those no longer running. */
export function groupOf(d: Pick<DeadlineView, 'status'>): Group | null {
  switch (d.status) {
    case 'overdue':
      return 'overdue';
    case 'due-today':
      return 'due-today';
    case 'due-this-week':
    case 'past-target':
    case 'paused':
      return 'due-this-week';
    case 'later':
      return 'later';
    default:
      return null;
  }
}

/** What the deadline is doing, in a word or two. */
export function stateText(d: Pick<DeadlineView, 'state' | 'paused'>): string {
  if (d.state === 'met') return 'Met';
  if (d.state === 'superseded') return 'Replaced';
  return d.paused ? 'Paused' : 'Running';
}

/**
 * A date field and a time field combined into an ISO instant, read on a London wall clock whatever this
 * computer's time zone; null while either is incomplete or not real.
 */
export function instantFrom(day: string, time: string): string | null {
  return londonInstant(day, time);
}

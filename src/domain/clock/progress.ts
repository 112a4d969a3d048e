import { type IsoDay, londonDay } from '../dates.ts';
import { type DueDate, type Trigger, triggerDay } from './due.ts';
import type { DeadlineRule } from './rules.ts';
import { type WorkingCalendar, workingDaysBetween } from './working-days.ts';

/**
 * Where a running working-day clock stands, as practitioners count it: "day 3 of 45, 42 working days
 * left". Day 0 is the day of the event that started it; the days left run to the current due date (an
 * extension moves it). Only for a running clock on a working-day rule that is not yet overdue: a paused,
 * met or overdue one says so in its status instead.
 */
export function workingDayProgress(args: {
  rule: DeadlineRule;
  trigger: Trigger;
  due: DueDate;
  now: string;
  calendar: WorkingCalendar;
}): string | null {
  if (args.rule.kind !== 'working-days') return null;
  const today: IsoDay = londonDay(args.now);
  const left = workingDaysBetween(args.calendar, today, args.due.dueDay);
  if (left < 0) return null;
  const day = Math.max(0, workingDaysBetween(args.calendar, triggerDay(args.trigger), today));
  return `day ${day} of ${args.rule.days}, ${left} working ${left === 1 ? 'day' : 'days'} left`;
}

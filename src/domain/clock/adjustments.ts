/**
 * Pauses and extensions of a deadline. Pure: the caller keeps the ordered list of adjustments and this
 * module works out the effective due date from the rule, the trigger and that list.
 *
 * Semantics (the same for every deadline in the workbench):
 * - The original due date is always kept and shown alongside the effective one.
 * - A pause stops the clock. On resume the due date moves later by the time that was paused, measured
 *   in the rule's own unit: working days for working-day rules (the working days after the pause day,
 *   up to and including the resume day, i.e. the day-0 convention again), calendar days for
 *   calendar-day and week rules, and real elapsed time for hour and immediate rules.
 * - While paused, the effective due date is the one in force when the clock stopped; `paused` and
 *   `pausedSince` say it is stopped.
 * - A pause must start before the deadline runs out: a missed deadline cannot be rescued by pausing it
 *   afterwards (record an extension instead, with its reason).
 * - An extension sets a later due day (a new day, or a number of extra working days added to the
 *   current one); the deadline then runs to the end of that day. For a weeks window it moves the
 *   latest day and leaves the target alone.
 * - Pauses and extensions need a non-empty reason (e.g. court directions), and every adjustment says
 *   who made it. Adjustments are applied in order and their times may not go backwards.
 * User errors come back as values with a plain-English message; nothing here throws for them.
 */
import { z } from 'zod';
import type { IsoDay, IsoInstant } from '../dates.ts';
import {
  calendarDaysBetween,
  formatDay,
  formatDayWithWeekday,
  isIsoDay,
  isIsoInstant,
  londonDay,
  millisecondsBetween,
} from '../dates.ts';
import type { DueDate, Trigger } from './due.ts';
import { computeDue, deadlineInstant, dueByEndOfDay, triggerInstant } from './due.ts';
import { shiftForPause } from './pause-shift.ts';
import type { DeadlineRule } from './rules.ts';
import type { WorkingCalendar } from './working-days.ts';
import { addWorkingDays } from './working-days.ts';

const instant = z.string().refine(isIsoInstant, 'must be a date and time with a time zone');
const day = z.string().refine(isIsoDay, 'must be a date written YYYY-MM-DD');
const reason = z.string().trim().min(1, 'a reason is required');
const by = z.string().trim().min(1, 'must say who made the change');

export const DeadlineAdjustmentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pause'), at: instant, reason, by }),
  z.strictObject({ type: z.literal('resume'), at: instant, reason: reason.optional(), by }),
  z.strictObject({
    type: z.literal('extend'),
    at: instant,
    reason,
    by,
    newDueDay: day.optional(),
    extraWorkingDays: z.number().int('must be a whole number').min(1, 'must be 1 or more').optional(),
  }),
]);

export type DeadlineAdjustment = z.infer<typeof DeadlineAdjustmentSchema>;

export interface DeadlineInput {
  rule: DeadlineRule;
  trigger: Trigger;
  calendar: WorkingCalendar;
  adjustments: readonly DeadlineAdjustment[];
}

export interface DeadlineHistoryEntry {
  index: number;
  adjustment: DeadlineAdjustment;
  dueBefore: DueDate;
  dueAfter: DueDate;
  /** e.g. "Resumed on Tue 08/12/2026 after 3 working days; due date moved from 31/12/2026 to 06/01/2027." */
  summary: string;
}

export interface DeadlineState {
  original: DueDate;
  current: DueDate;
  paused: boolean;
  pausedSince?: IsoInstant;
  history: DeadlineHistoryEntry[];
}

export type AdjustmentErrorCode =
  | 'reason-required'
  | 'author-required'
  | 'invalid-time'
  | 'invalid-extension'
  | 'out-of-order'
  | 'before-trigger'
  | 'already-paused'
  | 'not-paused'
  | 'pause-after-due'
  | 'extension-not-later';

export interface AdjustmentError {
  index: number;
  code: AdjustmentErrorCode;
  message: string;
}

export type DeadlineResult = { ok: true; deadline: DeadlineState } | { ok: false; errors: AdjustmentError[] };

function checkFields(a: DeadlineAdjustment, index: number): AdjustmentError[] {
  const errors: AdjustmentError[] = [];
  const n = `Change ${index + 1}`;
  const fail = (code: AdjustmentErrorCode, message: string) => errors.push({ index, code, message });
  if (typeof a.at !== 'string' || !isIsoInstant(a.at))
    fail('invalid-time', `${n} has no valid date and time.`);
  if (typeof a.by !== 'string' || a.by.trim() === '') fail('author-required', `${n} must say who made it.`);
  const needsReason = a.type !== 'resume' || a.reason !== undefined;
  if (needsReason && (typeof a.reason !== 'string' || a.reason.trim() === '')) {
    fail('reason-required', `${n} (${a.type}) needs a reason, for example court directions.`);
  }
  if (a.type === 'extend') {
    const hasDay = a.newDueDay !== undefined;
    const hasDays = a.extraWorkingDays !== undefined;
    if (hasDay === hasDays) {
      fail('invalid-extension', `${n} must give either a new due date or a number of extra working days.`);
    } else if (hasDay && !isIsoDay(a.newDueDay ?? '')) {
      fail('invalid-extension', `${n} has a new due date that is not a real date.`);
    } else if (hasDays && !(Number.isInteger(a.extraWorkingDays) && (a.extraWorkingDays ?? 0) >= 1)) {
      fail('invalid-extension', `${n} must add at least 1 whole working day.`);
    }
  }
  return errors;
}

function extend(due: DueDate, newDay: IsoDay): DueDate {
  return due.latestDay === undefined ? dueByEndOfDay(newDay) : dueByEndOfDay(due.dueDay, newDay);
}

function lastDay(due: DueDate): IsoDay {
  return due.latestDay ?? due.dueDay;
}

/** Works out the effective deadline; see the module comment for the rules. */
export function effectiveDeadline(input: DeadlineInput): DeadlineResult {
  const { rule, trigger, calendar, adjustments } = input;
  const fieldErrors = adjustments.flatMap(checkFields);
  if (fieldErrors.length > 0) return { ok: false, errors: fieldErrors };

  const original = computeDue(rule, trigger, calendar);
  const state: DeadlineState = { original, current: original, paused: false, history: [] };
  let previousAt = triggerInstant(trigger);
  let pausedAt: IsoInstant | undefined;

  for (const [index, a] of adjustments.entries()) {
    const fail = (code: AdjustmentErrorCode, message: string): DeadlineResult => ({
      ok: false,
      errors: [{ index, code, message: `Change ${index + 1}: ${message}` }],
    });
    const when = formatDayWithWeekday(londonDay(a.at));
    if (millisecondsBetween(previousAt, a.at) < 0) {
      return index === 0
        ? fail('before-trigger', 'it is dated before the event that started the clock.')
        : fail('out-of-order', 'it is dated before the change recorded ahead of it.');
    }
    previousAt = a.at;
    const dueBefore = state.current;
    let summary: string;

    if (a.type === 'pause') {
      if (pausedAt) return fail('already-paused', 'the clock is already paused.');
      if (millisecondsBetween(deadlineInstant(state.current), a.at) > 0) {
        return fail(
          'pause-after-due',
          'the deadline had already passed, so it cannot be paused; record an extension.',
        );
      }
      pausedAt = a.at;
      state.paused = true;
      state.pausedSince = a.at;
      summary = `Paused on ${when}: ${a.reason.trim()}.`;
    } else if (a.type === 'resume') {
      if (!pausedAt) return fail('not-paused', 'the clock is not paused, so it cannot be resumed.');
      const shift = shiftForPause(rule, state.current, pausedAt, a.at, calendar);
      state.current = shift.due;
      state.paused = false;
      delete state.pausedSince;
      pausedAt = undefined;
      summary = `Resumed on ${when} after ${shift.description}; due date ${moved(dueBefore, state.current)}.`;
    } else {
      const target =
        a.newDueDay !== undefined
          ? a.newDueDay
          : addWorkingDays(calendar, lastDay(state.current), a.extraWorkingDays ?? 0);
      if (calendarDaysBetween(lastDay(state.current), target) <= 0) {
        return fail(
          'extension-not-later',
          `the new due date ${formatDay(target)} is not after the current one.`,
        );
      }
      state.current = extend(state.current, target);
      summary = `Extended on ${when}: ${a.reason.trim()}; due date ${moved(dueBefore, state.current)}.`;
    }
    state.history.push({ index, adjustment: a, dueBefore, dueAfter: state.current, summary });
  }
  return { ok: true, deadline: state };
}

function moved(before: DueDate, after: DueDate): string {
  const from = lastDay(before);
  const to = lastDay(after);
  return from === to ? `unchanged (${formatDay(to)})` : `moved from ${formatDay(from)} to ${formatDay(to)}`;
}

/** For the UI: the London day a paused deadline would fall on if the clock were restarted at `at`. */
export function dueIfResumedAt(input: DeadlineInput, at: IsoInstant): DueDate | undefined {
  const result = effectiveDeadline(input);
  if (!result.ok || !result.deadline.paused || result.deadline.pausedSince === undefined) return undefined;
  return shiftForPause(input.rule, result.deadline.current, result.deadline.pausedSince, at, input.calendar)
    .due;
}

export type {
  AdjustmentError,
  AdjustmentErrorCode,
  DeadlineAdjustment,
  DeadlineHistoryEntry,
  DeadlineInput,
  DeadlineResult,
  DeadlineState,
} from './adjustments.ts';
export { DeadlineAdjustmentSchema, dueIfResumedAt, effectiveDeadline } from './adjustments.ts';
export type { BankHoliday, Nation } from './bank-holidays.ts';
export { bankHolidaysIn, isBankHoliday, NATION_LABELS, NATIONS } from './bank-holidays.ts';
export type { DueDate, Trigger } from './due.ts';
export { computeDue, deadlineInstant, triggerDay, triggerInstant } from './due.ts';
export { workingDayProgress } from './progress.ts';
export type { DeadlineRule, DeadlineRuleKind } from './rules.ts';
export { DeadlineRuleSchema, describeRule } from './rules.ts';
export type { DeadlineStatus, DeadlineStatusKind, DeadlineStatusOptions, Rag } from './status.ts';
export { deadlineStatus, WORKING_WEEK } from './status.ts';
export type { WorkingCalendar } from './working-days.ts';
export {
  addWorkingDays,
  isWorkingDay,
  WorkingCalendarSchema,
  workingDaysBetween,
  workingDayTest,
} from './working-days.ts';

import { z } from 'zod';

const atLeastZero = 'must be 0 or more';
const wholeNumber = 'must be a whole number';

/** N real hours from the trigger instant (Blackpool: strategy meeting/discussion within 24 hours). */
export const HoursRuleSchema = z.strictObject({
  kind: z.literal('hours'),
  hours: z.number().min(0, atLeastZero),
});

/** N working days after the trigger day (day 0); due by the end of that London day. */
export const WorkingDaysRuleSchema = z.strictObject({
  kind: z.literal('working-days'),
  days: z.number().int(wholeNumber).min(0, atLeastZero),
});

/** N calendar days after the trigger day, weekends and bank holidays included. */
export const CalendarDaysRuleSchema = z.strictObject({
  kind: z.literal('calendar-days'),
  days: z.number().int(wholeNumber).min(0, atLeastZero),
});

/** A target and a latest date, in weeks after the trigger day (Blackpool: AIM interviews in 6–8 weeks). */
export const WeeksWindowRuleSchema = z
  .strictObject({
    kind: z.literal('weeks-window'),
    targetWeeks: z.number().int(wholeNumber).min(0, atLeastZero),
    latestWeeks: z.number().int(wholeNumber).min(0, atLeastZero),
  })
  .refine((rule) => rule.latestWeeks >= rule.targetWeeks, {
    message: 'must be the same as or more than targetWeeks',
    path: ['latestWeeks'],
  });

/** Due at the trigger instant itself (Islington §5.4: immediate protection). */
export const ImmediateRuleSchema = z.strictObject({
  kind: z.literal('immediate'),
});

export const DeadlineRuleSchema = z.discriminatedUnion('kind', [
  HoursRuleSchema,
  WorkingDaysRuleSchema,
  CalendarDaysRuleSchema,
  WeeksWindowRuleSchema,
  ImmediateRuleSchema,
]);

export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;
export type DeadlineRuleKind = DeadlineRule['kind'];

/** A short plain-English description of a rule, e.g. "within 3 working days". */
export function describeRule(rule: DeadlineRule): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  switch (rule.kind) {
    case 'hours':
      return `within ${plural(rule.hours, 'hour')}`;
    case 'working-days':
      return rule.days === 0 ? 'the same day' : `within ${plural(rule.days, 'working day')}`;
    case 'calendar-days':
      return rule.days === 0 ? 'the same day' : `within ${plural(rule.days, 'calendar day')}`;
    case 'weeks-window':
      return rule.targetWeeks === rule.latestWeeks
        ? `within ${plural(rule.latestWeeks, 'week')}`
        : `ideally within ${rule.targetWeeks}–${rule.latestWeeks} weeks`;
    case 'immediate':
      return 'immediately';
  }
}

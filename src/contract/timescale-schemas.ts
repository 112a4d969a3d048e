import { z } from 'zod';
import { NATIONS } from '../domain/clock/nations.ts';
import { ProfileSchema } from '../domain/profiles/schema.ts';
import { CATEGORY_IDS } from '../domain/profiles/schema-parts.ts';
import { isoDay, isoInstant, recordId, recordVersion } from './primitives.ts';

// Shapes for protocol profiles, closure days, pathway events and deadlines.

export const profileSource = z.enum(['built-in', 'imported', 'cloned']);

export const profileListItem = z.strictObject({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  authority: z.string(),
  nation: z.enum(NATIONS),
  source: profileSource,
  versions: z.array(z.number().int()),
});
export type ProfileListItem = z.infer<typeof profileListItem>;

/** One version of a protocol profile, checked against the profile schema on its way to the screen. */
export const profileVersion = z.strictObject({ source: profileSource, document: ProfileSchema });
export type ProfileVersionView = z.infer<typeof profileVersion>;

export const closureDay = z.strictObject({ day: isoDay, label: z.string() });
export type ClosureDayView = z.infer<typeof closureDay>;

const dueDate = z.strictObject({
  precision: z.enum(['day', 'instant']),
  dueDay: isoDay,
  dueInstant: isoInstant,
  latestDay: isoDay.optional(),
  latestInstant: isoInstant.optional(),
});
export type DueDateView = z.infer<typeof dueDate>;

export const deadlineView = z.strictObject({
  id: recordId,
  version: recordVersion,
  caseId: recordId,
  caseReference: z.string(),
  childName: z.string(),
  ruleId: z.string(),
  step: z.string(),
  ruleText: z.string(),
  citation: z.strictObject({ source: z.string(), section: z.string() }),
  startedBy: z.string(),
  triggerAt: isoInstant,
  profileId: z.string(),
  profileVersion: z.number().int(),
  originalDue: dueDate,
  currentDue: dueDate,
  paused: z.boolean(),
  state: z.enum(['open', 'met', 'superseded']),
  metAt: isoInstant.nullable(),
  status: z.enum([
    'met',
    'paused',
    'overdue',
    'due-today',
    'past-target',
    'due-this-week',
    'later',
    'superseded',
  ]),
  rag: z.enum(['red', 'amber', 'green', 'grey']),
  statusLabel: z.string(),
  /** A running working-day clock: "day 3 of 45, 42 working days left"; otherwise null. */
  progress: z.string().nullable(),
  history: z.array(
    z.strictObject({
      at: isoInstant,
      byName: z.string(),
      kind: z.enum(['pause', 'resume', 'extend', 'met']),
      reason: z.string(),
      summary: z.string(),
    }),
  ),
});
export type DeadlineView = z.infer<typeof deadlineView>;

export const categoryId = z.enum(CATEGORY_IDS, { message: 'is not a known category' });

export const categoryRecord = z.strictObject({
  id: recordId,
  category: categoryId,
  label: z.string(),
  brookColour: z.string(),
  childProtectionTier: z.string(),
  serviceResponse: z.string(),
  complex: z.boolean(),
  agreedAt: isoInstant,
  agreedBy: z.string(),
  rationale: z.string(),
  recordedByName: z.string(),
});
export type CategoryRecordView = z.infer<typeof categoryRecord>;

export const caseEventView = z.strictObject({
  id: recordId,
  event: z.string(),
  label: z.string(),
  occurredAt: isoInstant,
  summary: z.string(),
  recordedByName: z.string(),
});

export const caseTimeline = z.strictObject({
  caseId: recordId,
  profile: z.strictObject({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    latestVersion: z.number().int(),
  }),
  triggerEvents: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  categories: z.array(z.strictObject({ id: categoryId, label: z.string(), brookColour: z.string() })),
  events: z.array(caseEventView),
  categoryHistory: z.array(categoryRecord),
  deadlines: z.array(deadlineView),
});
export type CaseTimeline = z.infer<typeof caseTimeline>;

export const teamDeadlines = z.strictObject({
  deadlines: z.array(deadlineView),
  summary: z.strictObject({
    met: z.number().int(),
    metOnTime: z.number().int(),
    metLate: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
  }),
});

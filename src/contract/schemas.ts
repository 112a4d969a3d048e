import { z } from 'zod';
import {
  agency,
  gender,
  isoDay,
  isoInstant,
  longText,
  optionalText,
  recordId,
  recordVersion,
  requiredText,
  role,
  shortText,
  username,
} from './primitives.ts';
import { INTERPRETER_LABELS, type InterpreterNeeded, SEND_LABELS, type SendStatus } from './vocabulary.ts';

const interpreterNeeded = z.enum(['', ...(Object.keys(INTERPRETER_LABELS) as InterpreterNeeded[])], {
  message: 'is not a known option',
});
const sendStatus = z.enum(['', ...(Object.keys(SEND_LABELS) as SendStatus[])], {
  message: 'is not a known option',
});
/** An address, a GP's address and phone, a note. */
const optionalLongText = longText.optional().default('');

// Shapes returned by the workbench. Requests are defined beside each call in calls.ts.

/**
 * People in the team roster with no account on this computer are kept as users named `team:<their id>`
 * (they cannot sign in), so that allocations, records and ratings show their names.
 */
const teamUsername = z.string().regex(/^team:[A-Za-z0-9-]{1,64}$/);

export const userSummary = z.strictObject({
  id: recordId,
  username: z.union([username, teamUsername]),
  name: z.string(),
  agency,
  roles: z.array(role),
  aimTrained: z.boolean(),
  active: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const sessionStatus = z.strictObject({
  setUp: z.boolean(),
  state: z.enum(['signed-out', 'signed-in', 'locked']),
  user: userSummary.nullable(),
  autoLockMinutes: z.number().int(),
  mustChangePassword: z.boolean(),
  /**
   * Set when the database has lost changes recorded outside it (workbench.head), or was found damaged at
   * sign-in; writes are refused until an administrator restores a backup or accepts the loss.
   */
  lostChanges: z
    .strictObject({
      kind: z.enum(['lost', 'damaged']),
      fromSeq: z.number().int(),
      toSeq: z.number().int(),
      message: z.string(),
    })
    .nullable(),
});
export type SessionStatus = z.infer<typeof sessionStatus>;

export const childFields = {
  name: requiredText,
  preferredName: optionalText,
  dateOfBirth: isoDay,
  gender,
  socialCareNumber: optionalText,
  youthJusticeNumber: optionalText,
  areaOfResidence: optionalText,
  school: optionalText,
  // Issue 14: optional, so children recorded before keep working ('' is "Not recorded").
  ethnicity: optionalText,
  firstLanguage: optionalText,
  interpreterNeeded: interpreterNeeded.optional().default(''),
  send: sendStatus.optional().default(''),
  sendNote: optionalLongText,
  homeAddress: optionalLongText,
  gpPractice: optionalText,
  gpContact: optionalLongText,
};

export const child = z.strictObject({
  id: recordId,
  version: recordVersion,
  name: z.string(),
  preferredName: z.string(),
  dateOfBirth: isoDay,
  gender,
  socialCareNumber: z.string(),
  youthJusticeNumber: z.string(),
  areaOfResidence: z.string(),
  school: z.string(),
  ethnicity: z.string(),
  firstLanguage: z.string(),
  interpreterNeeded,
  send: sendStatus,
  sendNote: z.string(),
  homeAddress: z.string(),
  gpPractice: z.string(),
  gpContact: z.string(),
  createdAt: isoInstant,
  createdBy: recordId,
  updatedAt: isoInstant,
});
export type Child = z.infer<typeof child>;

/** A case note (issue 14): dated by the event, attributed, add-only. */
export const caseNote = z.strictObject({
  id: recordId,
  eventDay: isoDay,
  text: z.string(),
  recordedAt: isoInstant,
  recordedByName: z.string(),
});
export type CaseNote = z.infer<typeof caseNote>;

export const caseAllocation = {
  socialWorkerId: recordId,
  yosPractitionerId: recordId,
  managerIds: z.array(recordId).max(10),
};

export const hsbCase = z.strictObject({
  id: recordId,
  version: recordVersion,
  reference: z.string(),
  childId: recordId,
  profileId: z.string(),
  profileVersion: z.number().int(),
  status: z.enum(['open', 'closed']),
  socialWorkerId: recordId,
  yosPractitionerId: recordId,
  managerIds: z.array(recordId),
  openedAt: isoInstant,
  openedBy: recordId,
});
export type HsbCase = z.infer<typeof hsbCase>;

export const caseListItem = z.strictObject({
  accessible: z.literal(true),
  caseId: recordId,
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  profileName: z.string(),
  childId: recordId,
  childName: z.string(),
  preferredName: z.string(),
  dateOfBirth: isoDay,
  socialCareNumber: z.string(),
  youthJusticeNumber: z.string(),
  openedAt: isoInstant,
});
export type CaseListItem = z.infer<typeof caseListItem>;

/** A case the person may not open: only that it exists, whose it is to ask, and nothing more. */
export const restrictedCaseListItem = z.strictObject({
  accessible: z.literal(false),
  caseId: recordId,
  reference: z.string(),
  childInitials: z.string(),
  socialWorkerName: z.string(),
});
export type RestrictedCaseListItem = z.infer<typeof restrictedCaseListItem>;
export const caseSearchResult = z.discriminatedUnion('accessible', [caseListItem, restrictedCaseListItem]);
export type CaseSearchResult = z.infer<typeof caseSearchResult>;

/** Break-glass grants and requests for access on a case, shown to its managers and social worker. */
export const caseAccessRecords = z.strictObject({
  grants: z.array(
    z.strictObject({
      id: z.string(),
      userName: z.string(),
      reason: z.string(),
      grantedAt: isoInstant,
      expiresAt: isoInstant,
      current: z.boolean(),
    }),
  ),
  requests: z.array(
    z.strictObject({
      id: z.string(),
      userName: z.string(),
      reason: z.string(),
      requestedAt: isoInstant,
    }),
  ),
});
export type CaseAccessRecords = z.infer<typeof caseAccessRecords>;

export const profileSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
});
export type ProfileSummary = z.infer<typeof profileSummary>;

export const auditEntry = z.strictObject({
  seq: z.number().int(),
  at: isoInstant,
  userId: z.string(),
  userName: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditCheck = z.strictObject({
  intact: z.boolean(),
  entriesChecked: z.number().int(),
  firstProblem: z
    .strictObject({
      seq: z.number().int(),
      problem: z.enum([
        'altered',
        'removed',
        'reordered',
        'inserted',
        'tail-removed',
        'changes-lost',
        'damaged',
      ]),
      message: z.string(),
    })
    .nullable(),
});
export type AuditCheck = z.infer<typeof auditCheck>;

export const backupResult = z.strictObject({
  folder: z.string(),
  createdAt: isoInstant,
  bytes: z.number().int(),
});

export const settings = z.strictObject({
  autoLockMinutes: z.number().int().min(1).max(240),
});
export type Settings = z.infer<typeof settings>;

export { shortText };

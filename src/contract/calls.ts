import { z } from 'zod';
import { assessmentCalls } from './assessment-calls.ts';
import { ADMIN, CASEWORK, call, caseworkRead, empty, nothing } from './call-spec.ts';
import { pathwayCalls } from './pathway-calls.ts';
import { patternMapCalls } from './pattern-map-calls.ts';
import {
  agency,
  isoDay,
  isoInstant,
  longText,
  password,
  passwordAttempt,
  recordId,
  recordVersion,
  requiredText,
  role,
  shortText,
  username,
} from './primitives.ts';
import {
  auditCheck,
  auditEntry,
  backupResult,
  caseAccessRecords,
  caseAllocation,
  caseNote,
  caseSearchResult,
  child,
  childFields,
  hsbCase,
  sessionStatus,
  settings,
  userSummary,
} from './schemas.ts';
import { signOffCalls } from './sign-off-calls.ts';
import { serverCalls, syncCalls } from './sync-calls.ts';
import {
  closureDay,
  deadlineView,
  profileListItem,
  profileVersion,
  teamDeadlines,
} from './timescale-schemas.ts';

const newUser = z.strictObject({
  username,
  name: requiredText,
  agency,
  roles: z.array(role).min(1, 'choose at least one role').max(3),
  aimTrained: z.boolean(),
});

/** Every call the renderer may make, each with its request and response schema. */
/** Closing a case and reopening it ask the same: a manager of the case, and a reason. */
const closeOrReopen = () =>
  call({
    access: ['manager'],
    writes: true,
    request: z.strictObject({
      id: recordId,
      expectedVersion: recordVersion,
      reason: longText.min(1, 'is required'),
    }),
    response: hsbCase,
  });

export const calls = {
  ...patternMapCalls,
  ...assessmentCalls,
  ...signOffCalls,
  ...pathwayCalls,
  ...syncCalls,
  ...serverCalls,
  'session.status': call({ access: 'public', writes: false, request: empty, response: sessionStatus }),
  'session.setUp': call({
    access: 'public',
    writes: true,
    request: z.strictObject({ administrator: newUser, password }),
    response: z.strictObject({ recoveryKey: z.string(), status: sessionStatus }),
  }),
  'session.signIn': call({
    access: 'public',
    writes: true,
    request: z.strictObject({ username, password: passwordAttempt }),
    response: sessionStatus,
  }),
  'session.unlock': call({
    access: 'public',
    writes: true,
    request: z.strictObject({ password: passwordAttempt }),
    response: sessionStatus,
  }),
  'session.recover': call({
    access: 'public',
    writes: true,
    request: z.strictObject({ username, recoveryKey: z.string().min(1).max(200), newPassword: password }),
    response: sessionStatus,
  }),
  // Locking writes its audit entry (still allowed while a loss of changes stands: see store-checks.ts).
  'session.lock': call({ access: 'signed-in', writes: true, request: empty, response: sessionStatus }),
  'session.signOut': call({ access: 'signed-in', writes: true, request: empty, response: sessionStatus }),
  'session.touch': call({ access: 'signed-in', writes: false, request: empty, response: nothing }),
  'account.changePassword': call({
    access: 'signed-in',
    writes: true,
    request: z.strictObject({ currentPassword: passwordAttempt, newPassword: password }),
    response: sessionStatus,
  }),

  'users.list': call({
    access: 'signed-in',
    writes: false,
    request: empty,
    response: z.array(userSummary),
  }),
  'users.create': call({
    access: ADMIN,
    writes: true,
    request: newUser.extend({ initialPassword: password }),
    response: userSummary,
  }),
  'users.update': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({
      id: recordId,
      name: requiredText,
      agency,
      roles: z.array(role).min(1, 'choose at least one role').max(3),
      aimTrained: z.boolean(),
      active: z.boolean(),
    }),
    response: userSummary,
  }),
  'users.resetPassword': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({ id: recordId, newPassword: password }),
    response: nothing,
  }),

  'settings.get': call({ access: 'signed-in', writes: false, request: empty, response: settings }),
  'settings.update': call({ access: ADMIN, writes: true, request: settings, response: settings }),

  'audit.recent': call({
    access: ADMIN,
    writes: false,
    request: z.strictObject({ limit: z.number().int().min(1).max(500) }),
    response: z.array(auditEntry),
  }),
  'audit.check': call({ access: ADMIN, writes: false, request: empty, response: auditCheck }),
  'audit.acceptLoss': call({ access: ADMIN, writes: true, request: empty, response: sessionStatus }),

  'backup.create': call({ access: ADMIN, writes: true, request: empty, response: backupResult.nullable() }),
  'backup.restore': call({
    access: ADMIN,
    writes: true,
    request: empty,
    response: z.strictObject({ restoredFrom: z.string() }).nullable(),
  }),

  'keys.rotate': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({ password: passwordAttempt, confirm: z.literal(true) }),
    response: z.strictObject({
      /** Usernames whose keyring entries could not be re-wrapped: they need a new password. */
      accountsNeedingNewPassword: z.array(z.string()),
      /** A new recovery key, when the old one could not be re-wrapped; shown once. */
      recoveryKey: z.string().nullable(),
    }),
  }),

  'keys.newRecoveryKey': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({ password: passwordAttempt }),
    response: z.strictObject({ recoveryKey: z.string() }),
  }),

  'profiles.list': call({
    access: 'signed-in',
    writes: false,
    request: empty,
    response: z.array(profileListItem),
  }),
  'profiles.get': call({
    access: 'signed-in',
    writes: false,
    request: z.strictObject({ id: shortText.min(1), version: z.number().int().min(1) }),
    response: profileVersion,
  }),
  'profiles.import': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({
      text: z.string().min(1, 'is empty').max(200_000, 'is too large for a profile'),
    }),
    response: profileListItem,
  }),
  'profiles.clone': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({
      id: shortText.min(1),
      version: z.number().int().min(1),
      newId: z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens'),
      newName: requiredText,
    }),
    response: profileListItem,
  }),
  'profiles.export': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({ id: shortText.min(1), version: z.number().int().min(1) }),
    response: z.strictObject({ savedTo: z.string() }).nullable(),
  }),

  'calendar.closures': call({
    access: 'signed-in',
    writes: false,
    request: empty,
    response: z.array(closureDay),
  }),
  'calendar.addClosure': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({ day: isoDay, label: requiredText }),
    response: z.array(closureDay),
  }),
  'calendar.removeClosure': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({ day: isoDay }),
    response: z.array(closureDay),
  }),

  'deadlines.adjust': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      deadlineId: recordId,
      expectedVersion: recordVersion,
      type: z.enum(['pause', 'resume', 'extend']),
      reason: longText,
      newDueDay: isoDay.optional(),
      extraWorkingDays: z.number().int().min(1).max(365).optional(),
    }),
    response: deadlineView,
  }),
  'deadlines.markMet': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      deadlineId: recordId,
      expectedVersion: recordVersion,
      metAt: isoInstant,
      note: longText,
    }),
    response: deadlineView,
  }),
  'deadlines.mine': caseworkRead(z.array(deadlineView)),
  'deadlines.team': call({ access: ['manager'], writes: false, request: empty, response: teamDeadlines }),
  // Issue 12: the actions the procedures ask for on the person's open cases and not yet recorded.
  'deadlines.myActions': caseworkRead(
    z.array(
      z.strictObject({
        caseId: recordId,
        caseReference: z.string(),
        childName: z.string(),
        id: z.string(),
        label: z.string(),
        citation: z.string(),
      }),
    ),
  ),
  // Issue 14: My work as an inbox — what is waiting for this person, each item with where it is done.
  'work.inbox': caseworkRead(
    z.array(
      z.strictObject({
        kind: z.enum([
          'screen-consultation',
          'quality-assure',
          'returned',
          'sign',
          'finish-ratings',
          'confirm-agreement',
          'meeting-action',
        ]),
        caseId: recordId,
        caseReference: z.string(),
        childName: z.string(),
        title: z.string(),
        detail: z.string(),
        /** When it started waiting (ISO), or empty when it has no one moment. */
        since: z.string(),
        due: isoDay.nullable(),
        place: z.strictObject({
          screen: z.enum(['hsb-consultation', 'sign-off', 'assessment', 'hsb-meetings']),
          id: recordId,
        }),
      }),
    ),
  ),
  'work.team': call({
    access: ['manager'],
    writes: false,
    request: empty,
    response: z.strictObject({
      cases: z.array(
        z.strictObject({
          caseId: recordId,
          caseReference: z.string(),
          childName: z.string(),
          stage: z.string(),
          heldBy: z.string(),
          overdue: z.array(z.string()),
        }),
      ),
      timeliness: z.array(
        z.strictObject({
          month: z.string(),
          within: z.number().int(),
          late: z.number().int(),
          percentWithin: z.number().int(),
        }),
      ),
    }),
  }),
  'work.exportTeamCsv': call({
    access: ['manager'],
    writes: true,
    request: empty,
    response: z.strictObject({ savedTo: z.string().nullable() }),
  }),

  'children.create': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject(childFields),
    response: child,
  }),
  'children.update': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ id: recordId, expectedVersion: recordVersion, ...childFields }),
    response: child,
  }),
  'children.get': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ id: recordId }),
    response: child,
  }),

  'cases.open': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ childId: recordId, profileId: shortText.min(1), ...caseAllocation }),
    response: hsbCase,
  }),
  'cases.allocate': call({
    access: ['manager'],
    writes: true,
    request: z.strictObject({ id: recordId, expectedVersion: recordVersion, ...caseAllocation }),
    response: hsbCase,
  }),
  // Issue 12: a manager of the case closes it with a reason, or reopens it; a closed case is read-only.
  'cases.close': closeOrReopen(),
  'cases.reopen': closeOrReopen(),
  'cases.get': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ id: recordId }),
    response: z.strictObject({ case: hsbCase, child }),
  }),
  'cases.search': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ query: shortText }),
    response: z.array(caseSearchResult),
  }),
  // Need-to-know access (see src/domain/case-access.ts).
  'cases.requestAccess': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({ caseId: recordId, reason: longText.min(1, 'is required') }),
    response: nothing,
  }),
  'cases.breakGlass': call({
    access: ['manager', 'administrator'],
    writes: true,
    request: z.strictObject({ caseId: recordId, reason: longText.min(1, 'is required') }),
    response: z.strictObject({ expiresAt: isoInstant }),
  }),
  'cases.accessRecords': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId }),
    response: caseAccessRecords,
  }),
  // Issue 14: case notes, add-only (a correction is a new note); only people with access to the case.
  'caseNotes.add': call({
    access: CASEWORK,
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      eventDay: isoDay,
      text: longText.min(1, 'is required'),
    }),
    response: caseNote,
  }),
  'caseNotes.list': call({
    access: CASEWORK,
    writes: false,
    request: z.strictObject({ caseId: recordId }),
    response: z.array(caseNote),
  }),
} as const;

export type { Access } from './call-spec.ts';
export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallRequest<K extends CallName> = z.input<Calls[K]['request']>;
export type ParsedRequest<K extends CallName> = z.output<Calls[K]['request']>;
export type CallResponse<K extends CallName> = z.output<Calls[K]['response']>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.hasOwn(calls, name);

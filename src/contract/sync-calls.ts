import { z } from 'zod';
import { ADMIN, call, empty, nothing } from './call-spec.ts';
import { recordId } from './primitives.ts';

// Two agencies, two laptops, one case: the team roster, case bundles and the sync panel.

const memberId = recordId;

const teamMember = z.strictObject({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  agency: z.string(),
  administrator: z.boolean(),
  /** The first 16 hex characters of the SHA-256 of their device keys, to compare by telephone. */
  fingerprint: z.string(),
  onThisComputer: z.boolean(),
});

const teamView = z.strictObject({
  joined: z.boolean(),
  teamId: z.string().nullable(),
  rosterVersion: z.number().int().nullable(),
  /** Fingerprint of the administrator key this computer pinned when it joined. */
  pinnedFingerprint: z.string().nullable(),
  /** This person's device fingerprint on this computer (null until they sign in with a password). */
  myFingerprint: z.string().nullable(),
  members: z.array(teamMember),
});

const conflict = z.strictObject({
  table: z.string(),
  rowId: z.string(),
  field: z.string(),
  /** What the record is, in words ("Map item", "Rating"). */
  what: z.string(),
  versions: z.array(
    z.strictObject({
      at: z.string(),
      by: z.string(),
      byName: z.string(),
      value: z.string(),
      shown: z.boolean(),
    }),
  ),
});

const caseSyncStatus = z.strictObject({
  caseId: z.string(),
  reference: z.string(),
  broughtUpToDateAt: z.string().nullable(),
  lastSentAt: z.string().nullable(),
  members: z.array(z.strictObject({ id: z.string(), name: z.string(), waitingToGo: z.number().int() })),
  conflicts: z.array(conflict),
  keptForLater: z.number().int(),
  recordsWaiting: z.number().int(),
  /** Change sets of someone's this computer knows exist (a later one arrived) but has not received. */
  missing: z.array(z.strictObject({ name: z.string(), count: z.number().int() })),
  history: z.array(
    z.strictObject({
      at: z.string(),
      byName: z.string(),
      action: z.string(),
      summary: z.string(),
      fromThisComputer: z.boolean(),
      verified: z.boolean(),
    }),
  ),
});

const bundleOutcome = z.strictObject({
  applied: z.number().int(),
  alreadyHad: z.number().int(),
  keptForLater: z.number().int(),
  refused: z.array(z.strictObject({ id: z.string(), reason: z.string() })),
  message: z.string(),
  caseId: z.string().nullable(),
});

/** An administrator saves a file for another machine: where it was saved, or null if they cancelled. */
const saveToFile = () =>
  call({
    access: ADMIN,
    writes: false,
    request: empty,
    response: z.strictObject({ savedTo: z.string().nullable() }),
  });

export const syncCalls = {
  'sync.team': call({ access: 'signed-in', writes: false, request: empty, response: teamView }),
  'sync.createTeam': call({ access: ADMIN, writes: true, request: empty, response: teamView }),
  'sync.exportJoinRequest': saveToFile(),
  'sync.importJoinRequest': call({ access: ADMIN, writes: true, request: empty, response: teamView }),
  'sync.exportRoster': saveToFile(),
  'sync.importRoster': call({ access: ADMIN, writes: true, request: empty, response: teamView }),
  'sync.caseStatus': call({
    access: 'signed-in',
    writes: false,
    request: z.strictObject({ caseId: recordId }),
    response: caseSyncStatus,
  }),
  'sync.sendCase': call({
    access: 'signed-in',
    writes: true,
    request: z.strictObject({ caseId: recordId, recipientIds: z.array(memberId).min(1).max(20) }),
    response: z.strictObject({ savedTo: z.string().nullable(), changeSets: z.number().int() }),
  }),
  'sync.openBundle': call({ access: 'signed-in', writes: true, request: empty, response: bundleOutcome }),
  'sync.resolveConflict': call({
    access: 'signed-in',
    writes: true,
    request: z.strictObject({
      caseId: recordId,
      table: z.string().max(64),
      rowId: z.string().max(400),
      field: z.string().max(64),
      keep: z.string().max(120),
    }),
    response: nothing,
  }),
} as const;

export const serverCalls = {
  'sync.setServer': call({
    access: ADMIN,
    writes: true,
    request: z.strictObject({
      address: z.string().max(300).nullable(),
      /** The team server's set-up code: given when this computer's team is to be created there. */
      setupCode: z.string().max(100).optional(),
    }),
    response: nothing,
  }),
  'sync.serverStatus': call({
    access: 'signed-in',
    writes: false,
    request: empty,
    response: z.strictObject({
      address: z.string().nullable(),
      state: z.enum(['not-configured', 'connecting', 'connected', 'disconnected', 'closed']),
      lastSyncedAt: z.string().nullable(),
      problem: z.string().nullable(),
      /** Change sets taken from the team server this session: the screens reload when it moves. */
      received: z.number().int(),
    }),
  }),
  'sync.syncNow': call({
    access: 'signed-in',
    writes: true,
    request: empty,
    response: z.strictObject({ received: z.number().int(), sent: z.number().int() }),
  }),
} as const;

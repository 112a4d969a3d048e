import { parseHlc } from '#domain/sync/hlc.ts';
import { type ChangeSet, DELETED_FIELD } from '#domain/sync/replica.ts';
import { reindexCase } from '#store/cases.ts';
import type { Db } from '#store/database.ts';
import { type LocalColumns, materialise } from '#store/sync/materialise.ts';
import { ANOTHER_CASE, placeRecord } from '#store/sync/placement.ts';
import {
  caseKeyById,
  forgetHeld,
  hasChangeSet,
  heldChangeSets,
  holdChangeSet,
  isHeld,
  keepChangeSet,
  markApplied,
  mergeField,
  observeTime,
  releaseHeld,
  waitingChangeSets,
} from '#store/sync/state.ts';
import { prepared } from '#store/sync/statements.ts';
import { syncedColumns, syncedTable, withoutCapture } from '#store/sync/tables.ts';
import { type Envelope, EnvelopeRefused, openChangeSet } from '#sync/envelope.ts';
import { deviceKeyOf, type Roster } from '#sync/roster.ts';
import { keyMac } from '../report/sign-off.ts';
import type { Workbench } from '../workbench.ts';
import { SYNC_SCHEMA } from './capture.ts';
import { membershipOfKey, rosterOfStore } from './trust.ts';
import { writeRefusal } from './write-check.ts';

export interface ApplyReport {
  applied: number;
  alreadyHad: number;
  /** Written by a newer version of the workbench: kept, passed on, applied after an update. */
  keptForLater: number;
  /** Edit records that have not reached this computer yet: held apart, used (or refused) when they arrive. */
  held: number;
  refused: { id: string; reason: string }[];
  casesTouched: string[];
}

export const emptyReport = (): ApplyReport => ({
  applied: 0,
  alreadyHad: 0,
  keptForLater: 0,
  held: 0,
  refused: [],
  casesTouched: [],
});

class ChangeSetRefused extends Error {}

/** Every op must name a synced table, a well-formed record id and a field that table has. */
function checkShape(db: Db, cs: ChangeSet): void {
  for (const op of cs.ops) {
    const t = syncedTable(op.table);
    let keys: unknown;
    try {
      keys = JSON.parse(op.id);
    } catch {
      keys = null;
    }
    if (!t || !Array.isArray(keys) || keys.length !== t.key.length) {
      throw new ChangeSetRefused('It names a record this workbench does not keep.');
    }
    if (op.field !== DELETED_FIELD && !syncedColumns(db, t).includes(op.field)) {
      throw new ChangeSetRefused('It names a field this workbench does not keep.');
    }
    if (!parseHlc(op.edit.at) || op.edit.by !== cs.author) {
      throw new ChangeSetRefused('One of its changes is not dated or signed by its author.');
    }
  }
}

/** A change set that edits a record this machine cannot yet place in a case: held apart, not refused. */
class ChangeSetHeld extends Error {
  readonly record: { tbl: string; rowId: string };
  constructor(record: { tbl: string; rowId: string }) {
    super('It edits a record that has not reached this computer yet.');
    this.record = record;
  }
}

const ANOTHER_CASE_REASON = 'It changes a record that belongs to another case.';

/** The records a change set touches, each once. */
const recordsOf = (cs: ChangeSet) => [
  ...new Map(cs.ops.map((op) => [`${op.table}\u0000${op.id}`, { tbl: op.table, rowId: op.id }])).values(),
];

/**
 * Every record a change set touches must lie in the case it was sealed for: before it is merged (as
 * this machine holds the record) and after (so it cannot move a record between cases). A record that
 * cannot be placed yet after the merge holds the whole change set apart (ChangeSetHeld).
 */
function checkCase(db: Db, cs: ChangeSet, when: 'before' | 'after'): void {
  for (const record of recordsOf(cs)) {
    const placed = placeRecord(db, record.tbl, record.rowId, cs.caseId);
    if (placed === ANOTHER_CASE) throw new ChangeSetRefused(ANOTHER_CASE_REASON);
    if (placed === null && when === 'after') throw new ChangeSetHeld(record);
  }
}

/**
 * A signature's binding to its key is made here, under this machine's audit key, only for a key the
 * roster gave to that signer; any other key shows as changed when the signatures are checked.
 */
const localColumns =
  (db: Db, auditKey: Buffer): LocalColumns =>
  (table, values) => {
    if (table !== 'report_signatures') return {};
    const key = prepared(
      db,
      'SELECT id, user_id AS userId, public_key AS publicKey FROM signing_keys WHERE id = ?',
    ).get(values.signing_key_id) as { id: string; userId: string; publicKey: string } | undefined;
    if (!key || key.userId !== values.signer_id) return { key_mac: '' };
    return { key_mac: keyMac(auditKey, key.id, key.userId, key.publicKey) };
  };

function applyOne(db: Db, cs: ChangeSet, context: ApplyContext): string[] {
  const { now, auditKey } = context;
  checkShape(db, cs);
  // What its author could not have done on their own computer (their roles as the roster signs them).
  const refusal = writeRefusal(db, cs, context.roster);
  if (refusal) throw new ChangeSetRefused(refusal);
  checkCase(db, cs, 'before');
  const touched = new Map<string, { tbl: string; rowId: string }>();
  for (const op of cs.ops) {
    observeTime(db, op.edit.at, now.getTime());
    if (mergeField(db, op)) touched.set(`${op.table}\u0000${op.id}`, { tbl: op.table, rowId: op.id });
  }
  // Records waiting for a parent are tried again once, after the whole batch (applyEnvelopes).
  materialise(db, [...touched.values()], localColumns(db, auditKey), { retryPending: false });
  checkCase(db, cs, 'after');
  return [cs.caseId];
}

const kept = (cs: ChangeSet, envelope: Envelope, now: Date) => ({
  id: cs.id,
  caseId: cs.caseId,
  author: cs.author,
  device: cs.device,
  seq: cs.seq,
  schema: cs.schema,
  madeAt: cs.ops[0]?.edit.at ?? '',
  envelope,
  origin: 'received' as const,
  receivedAt: now.toISOString(),
});

/**
 * Tries again the change sets held apart because they edit a record that had not reached this
 * machine: once the record lies in the change set's case it is applied; once it lies in another case
 * the change set is refused (reported here, in the report of the change sets that placed the record)
 * and removed. Repeats while any is applied, since one may place a record another waits for.
 */
function retryHeld(db: Db, context: ApplyContext, report: ApplyReport, cases: Set<string>): void {
  let progress = true;
  while (progress) {
    progress = false;
    for (const stored of heldChangeSets(db)) {
      db.exec('SAVEPOINT sync_held');
      try {
        const cs = openChangeSet(stored.envelope, openers(db, context.roster));
        for (const c of applyOne(db, cs, context)) cases.add(c);
        markApplied(db, stored.id);
        releaseHeld(db, stored.id);
        db.exec('RELEASE sync_held');
        report.applied++;
        progress = true;
      } catch (error) {
        db.exec('ROLLBACK TO sync_held');
        db.exec('RELEASE sync_held');
        if (error instanceof ChangeSetHeld) continue;
        if (!(error instanceof EnvelopeRefused || error instanceof ChangeSetRefused)) throw error;
        forgetHeld(db, stored.id);
        report.refused.push({ id: stored.id, reason: error.message });
      }
    }
  }
}

interface ApplyContext {
  roster: Roster | null;
  knownSchema: number;
  now: Date;
  auditKey: Buffer;
}

const openers = (db: Db, roster: Roster | null) => ({
  devicePublicKey: (author: string, device: string) =>
    roster ? deviceKeyOf(roster, author, device) : undefined,
  caseKey: (caseId: string, keyId: string) => caseKeyById(db, caseId, keyId),
});

/**
 * Verifies, decrypts and applies change sets from other machines. Each is all or nothing: a bad
 * signature, an author who may not write the case, a key this person does not hold, or contents that
 * reach outside the case refuse that change set whole, and nothing of it is applied. One already held
 * changes nothing. Must run inside the caller's transaction.
 */
export function applyEnvelopes(db: Db, envelopes: Envelope[], context: ApplyContext): ApplyReport {
  const report = emptyReport();
  const cases = new Set<string>();
  withoutCapture(db, () => {
    // Verified and opened first, then applied in the order they were made (their clock times), so a
    // record's parents are written before it and nothing waits in sync_pending_rows for long.
    const opened: { envelope: Envelope; cs: ChangeSet }[] = [];
    const seen = new Set<string>();
    const heldNow: string[] = [];
    for (const envelope of envelopes) {
      const id = envelope?.header?.id;
      if (typeof id !== 'string') {
        report.refused.push({ id: '?', reason: 'It is not a change set.' });
        continue;
      }
      if (seen.has(id) || hasChangeSet(db, id)) {
        report.alreadyHad++;
        continue;
      }
      seen.add(id);
      try {
        const cs = openChangeSet(envelope, openers(db, context.roster));
        const membership = membershipOfKey(db, cs.caseId, envelope.header.caseKeyId);
        if (!membership?.members.includes(cs.author)) {
          throw new ChangeSetRefused('Its author was not allocated to the case when it was written.');
        }
        opened.push({ envelope, cs });
      } catch (error) {
        if (!(error instanceof EnvelopeRefused || error instanceof ChangeSetRefused)) throw error;
        report.refused.push({ id, reason: error.message });
      }
    }
    // Clock times sort as strings: the earliest of a change set's edits is when it was made.
    const madeAt = (cs: ChangeSet) => cs.ops.map((op) => op.edit.at).sort()[0] ?? '';
    opened.sort((x, y) => (madeAt(x.cs) < madeAt(y.cs) ? -1 : madeAt(x.cs) > madeAt(y.cs) ? 1 : 0));
    for (const { envelope, cs } of opened) {
      db.exec('SAVEPOINT sync_change_set');
      try {
        const waits = cs.schema > context.knownSchema;
        keepChangeSet(db, { ...kept(cs, envelope, context.now), state: waits ? 'waiting' : 'applied' });
        if (waits) report.keptForLater++;
        else {
          for (const c of applyOne(db, cs, context)) cases.add(c);
          report.applied++;
        }
        db.exec('RELEASE sync_change_set');
      } catch (error) {
        db.exec('ROLLBACK TO sync_change_set');
        db.exec('RELEASE sync_change_set');
        if (error instanceof ChangeSetHeld) {
          keepChangeSet(db, { ...kept(cs, envelope, context.now), state: 'waiting' });
          holdChangeSet(db, cs.id, error.record);
          heldNow.push(cs.id);
          continue;
        }
        if (!(error instanceof EnvelopeRefused || error instanceof ChangeSetRefused)) throw error;
        report.refused.push({ id: cs.id, reason: error.message });
      }
    }
    if (report.applied > 0) retryHeld(db, context, report, cases);
    report.held = heldNow.filter((id) => isHeld(db, id)).length;
  });
  if (report.applied > 0) withoutCapture(db, () => materialise(db, [], localColumns(db, context.auditKey)));
  for (const caseId of cases) reindexCase(db, caseId);
  report.casesTouched = [...cases];
  return report;
}

/**
 * After an update: applies the change sets an older version kept for later, each all or nothing; one
 * that still cannot be applied stays kept (and is passed on) rather than stopping the sign-in.
 */
export function applyWaiting(db: Db, context: ApplyContext): number {
  let applied = 0;
  withoutCapture(db, () => {
    const held = new Set(heldChangeSets(db).map((s) => s.id));
    for (const stored of waitingChangeSets(db)) {
      // Held apart for a record not yet here: tried again when change sets arrive (retryHeld).
      if (stored.schema > context.knownSchema || held.has(stored.id)) continue;
      db.exec('SAVEPOINT sync_waiting');
      try {
        const cs = openChangeSet(stored.envelope, openers(db, context.roster));
        applyOne(db, cs, context);
        markApplied(db, stored.id);
        reindexCase(db, cs.caseId);
        db.exec('RELEASE sync_waiting');
        applied++;
      } catch (error) {
        db.exec('ROLLBACK TO sync_waiting');
        db.exec('RELEASE sync_waiting');
        // Now understood, but it edits a record not yet here: held apart like one just received.
        if (error instanceof ChangeSetHeld) holdChangeSet(db, stored.id, error.record);
        else if (!(error instanceof EnvelopeRefused || error instanceof ChangeSetRefused)) throw error;
      }
    }
    if (applied > 0) {
      const retried = emptyReport();
      const cases = new Set<string>();
      retryHeld(db, context, retried, cases);
      for (const caseId of cases) reindexCase(db, caseId);
      applied += retried.applied;
    }
  });
  return applied;
}

/** Applies what waits, with this workbench's roster and schema (at sign-in). */
export function applyWaitingChangeSets(wb: Workbench, db: Db): number {
  if (!hasWaiting(db)) return 0;
  return applyWaiting(db, {
    roster: rosterOfStore(db),
    knownSchema: wb.syncSchema ?? SYNC_SCHEMA,
    now: wb.now(),
    auditKey: wb.signedIn().keys.auditKey,
  });
}

const hasWaiting = (db: Db) =>
  prepared(db, "SELECT 1 FROM sync_change_sets WHERE state = 'waiting' LIMIT 1").get() !== undefined;

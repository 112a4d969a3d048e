import type { CallName } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import { appendAudit, checkAuditTrail } from '../store/audit-trail.ts';
import { stamp } from '../store/backup.ts';
import { type Db, isDamagedStoreError } from '../store/database.ts';
import {
  clearRecordedLoss,
  compareWithHeadFile,
  type LossFinding,
  markHeadFileKept,
  recordedLoss,
  recordLoss,
  writeHeadFile,
} from '../store/head-file.ts';
import type { StoreKeys } from '../store/keyring.ts';
import {
  auditedAlready,
  clearJournal,
  finishInterruptedBackup,
  restoreAwaitingAudit,
  setJournalAside,
  untrustedJournal,
} from '../store/restore-journal.ts';
import { findUser } from '../store/users.ts';
import { sessionStatus } from './session.ts';
import type { Workbench } from './workbench.ts';

/**
 * Runs once the database is open at sign-in, unlock or recovery, before the session starts: finishes a
 * restore or backup that a crash interrupted (their audit entries need the keys), then compares the
 * database with the head file and records any loss in `wb.loss`.
 */
export function checkStoreAtSignIn(wb: Workbench, db: Db, keys: StoreKeys, userId: string): void {
  const databaseId = wb.keyring().databaseId;
  const restore = restoreAwaitingAudit(wb.dataDir);
  if (restore) {
    if (!auditedAlready(db, 'backup.restore', restore.from, restore.at)) {
      // Credited to the person who restored, if the restored store knows them.
      const restoredBy = findUser(db, restore.userId) ? restore.userId : userId;
      db.transaction(() => {
        // Checked at staging, so the head file is kept for it from here (see administration.ts).
        markHeadFileKept(db, restore.at);
        appendAudit(db, keys.auditKey, {
          at: restore.at,
          userId: restoredBy,
          action: 'backup.restore',
          recordType: 'backup',
          recordId: restore.from,
          summary: `restored from ${restore.from} (finished after an interruption); the replaced files are kept in ${restore.aside}`,
        });
      })();
    }
    writeHeadFile(wb.headPath, db, databaseId, keys.auditKey);
    clearJournal(wb.dataDir);
  }
  setAsideUntrustedJournal(wb, db, keys, userId);
  try {
    finishInterruptedBackup(wb.dataDir, db);
  } catch {
    // Never a reason to refuse a sign-in: the journal stays and the next sign-in tries again.
  }

  const damage = damageFound(db);
  if (damage) {
    wb.loss = damage;
    return;
  }
  const recorded = recordedLoss(db);
  if (recorded) {
    wb.loss = recorded;
    return;
  }
  const finding = compareWithHeadFile(wb.headPath, db, databaseId, keys.auditKey);
  if (finding === 'not-kept-yet') {
    // The first sign-in after the upgrade that brought the head file: start it only from a trail that
    // checks out, and record in the database that it is kept from now on.
    const check = checkAuditTrail(db, keys.auditKey);
    if (!check.intact) {
      // Not kept yet and the trail does not check out: a finding, not a silent start (the head file is
      // not written until an administrator resolves it, so deleting it later cannot pass unnoticed).
      const seq = check.firstProblem?.seq ?? 0;
      const untrusted: LossFinding = {
        kind: 'lost',
        fromSeq: seq,
        toSeq: seq,
        message: `The audit trail does not check out (from entry ${seq}), so the workbench cannot start keeping the record of its latest change. Restore from your last backup (Administration → Restore from backup); if there is none, an administrator can record that the problem is accepted. Until then the workbench will not save changes.`,
      };
      recordFinding(wb, db, keys, userId, untrusted);
      wb.loss = untrusted;
      return;
    }
    wb.loss = null;
    writeHeadFile(wb.headPath, db, databaseId, keys.auditKey);
    const at = wb.now().toISOString();
    db.transaction(() => {
      markHeadFileKept(db, at);
      appendAudit(db, keys.auditKey, {
        at,
        userId,
        action: 'audit.head-file-started',
        recordType: 'audit',
        recordId: 'workbench.head',
        summary: 'started keeping the record of the latest change outside the database',
      });
    })();
    writeHeadFile(wb.headPath, db, databaseId, keys.auditKey);
    return;
  }
  if (finding) recordFinding(wb, db, keys, userId, finding);
  wb.loss = finding;
}

/** Recorded with its own audit entry; the head file stays where it was until this is resolved. */
function recordFinding(wb: Workbench, db: Db, keys: StoreKeys, userId: string, finding: LossFinding): void {
  db.transaction(() => {
    recordLoss(db, finding);
    appendAudit(db, keys.auditKey, {
      at: wb.now().toISOString(),
      userId,
      action: 'audit.loss-found',
      recordType: 'audit',
      recordId: `${finding.fromSeq}-${finding.toSeq}`,
      summary: `found that the database is missing changes recorded outside it (audit entries ${finding.fromSeq} to ${finding.toSeq})`,
    });
  })();
}

/**
 * A restore journal naming folders outside the data folder's own restore folders was ignored at start
 * (nothing removed or installed). It is recorded in the trail and moved aside, so it blocks no backup.
 */
function setAsideUntrustedJournal(wb: Workbench, db: Db, keys: StoreKeys, userId: string): void {
  try {
    if (!untrustedJournal(wb.dataDir)) return;
    const at = wb.now();
    const name = setJournalAside(wb.dataDir, stamp(at));
    db.transaction(() =>
      appendAudit(db, keys.auditKey, {
        at: at.toISOString(),
        userId,
        action: 'backup.journal-ignored',
        recordType: 'backup',
        recordId: name,
        summary: `ignored an interrupted-step journal that named folders outside the data folder's own restore folders; nothing was removed or installed, and the journal was kept as ${name}`,
      }),
    )();
  } catch {
    // Never a reason to refuse a sign-in; the journal stays ignored and the next sign-in tries again.
  }
}

/**
 * SQLite's quick_check reads every page, so a damaged one (say the last page of the file) is found at
 * sign-in rather than by whichever later call first meets it. Nothing is written to a damaged store.
 */
function damageFound(db: Db): LossFinding | null {
  let ok: boolean;
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    ok = rows.length === 1 && rows[0]?.quick_check === 'ok';
  } catch (error) {
    if (!isDamagedStoreError(error)) throw error;
    ok = false;
  }
  if (ok) return null;
  return {
    kind: 'damaged',
    fromSeq: 0,
    toSeq: 0,
    message:
      'The database is damaged: part of the file cannot be read. Restore from your last backup (Administration → Restore from backup). Until then the workbench will not save changes.',
  };
}

/**
 * Calls that still work while a loss stands: signing in and out, and the two ways to resolve it. A new
 * backup is refused too: it would hold the damaged store.
 */
const ALLOWED_WHILE_LOST = new Set<string>([
  'session.setUp',
  'session.signIn',
  'session.unlock',
  'session.recover',
  'session.lock',
  'session.signOut',
  'account.changePassword',
  'backup.restore',
  'audit.acceptLoss',
]);

export function refuseWritesWhileLost(wb: Workbench, name: CallName, writes: boolean): void {
  if (!wb.loss || !writes || ALLOWED_WHILE_LOST.has(name)) return;
  throw new WorkbenchError('store-refused', `Nothing has been saved. ${wb.loss.message}`);
}

/** An administrator records that the loss is accepted: audited, and the head file starts again from here. */
export function acceptLoss(wb: Workbench) {
  wb.signedIn();
  const loss = wb.loss;
  if (!loss)
    throw new WorkbenchError(
      'invalid-request',
      'No loss of changes has been found, so there is nothing to accept.',
    );
  if (loss.kind === 'damaged')
    throw new WorkbenchError(
      'rule-broken',
      'A damaged database cannot be accepted: part of the file cannot be read, and it would be found again at every sign-in. Restore from your last backup (Administration → Restore from backup). Nothing was saved.',
    );
  wb.loss = null;
  try {
    wb.write((db, audit) => {
      markHeadFileKept(db, wb.now().toISOString());
      clearRecordedLoss(db);
      audit({
        action: 'audit.accept-loss',
        recordType: 'audit',
        recordId: `${loss.fromSeq}-${loss.toSeq}`,
        summary: `accepted that the database lost changes (audit entries ${loss.fromSeq} to ${loss.toSeq}) and carried on without restoring`,
      });
    });
  } catch (error) {
    wb.loss = loss;
    throw error;
  }
  return sessionStatus(wb);
}

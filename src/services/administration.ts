import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { AuditCheck, AuditEntry, Settings } from '../contract/schemas.ts';
import { appendAudit, checkAuditTrail, recentAudit } from '../store/audit-trail.ts';
import {
  backupFolderName,
  installStaged,
  stageBackup,
  stamp,
  undoInstall,
  writeBackupFiles,
} from '../store/backup.ts';
import type { Db } from '../store/database.ts';
import { markHeadFileKept } from '../store/head-file.ts';
import { wipeKeys } from '../store/keyring.ts';
import { addClosureDay, closureDays, removeClosureDay } from '../store/profiles.ts';
import {
  clearJournal,
  JOURNAL_FILE,
  type RestoreJournal,
  readJournal,
  writeJournal,
} from '../store/restore-journal.ts';
import { readSettings, writeSettings } from '../store/settings.ts';
import { reached } from '../store/steps.ts';
import { findUser } from '../store/users.ts';
import { sameSessionAfterDialog } from './after-dialog.ts';
import type { AuditNote, Workbench } from './workbench.ts';

export const getSettings = (wb: Workbench): Settings => readSettings(wb.db());

export function updateSettings(wb: Workbench, req: ParsedRequest<'settings.update'>): Settings {
  return wb.write((db, audit) => {
    const before = readSettings(db);
    writeSettings(db, req);
    audit({
      action: 'settings.update',
      recordType: 'settings',
      recordId: 'workbench',
      summary: `auto-lock ${before.autoLockMinutes} → ${req.autoLockMinutes} minutes`,
    });
    return readSettings(db);
  });
}

export const auditRecent = (wb: Workbench, limit: number): AuditEntry[] => recentAudit(wb.db(), limit);

export function auditCheck(wb: Workbench): AuditCheck {
  const session = wb.signedIn();
  const check = checkAuditTrail(wb.db(), session.keys.auditKey);
  // Lost changes are the bigger news: the chain of what is left can still verify.
  if (wb.loss) {
    return {
      intact: false,
      entriesChecked: check.entriesChecked,
      firstProblem: {
        seq: wb.loss.fromSeq,
        problem: wb.loss.kind === 'damaged' ? 'damaged' : 'changes-lost',
        message: wb.loss.message,
      },
    };
  }
  return check;
}

/**
 * A backup or restore interrupted earlier is finished at the next sign-in from its journal; a new one
 * would overwrite that journal (and lose, say, a restore's audit entry), so none starts meanwhile.
 */
function refuseWhileJournalled(wb: Workbench): void {
  if (!existsSync(join(wb.dataDir, JOURNAL_FILE))) return;
  const journal = readJournal(wb.dataDir);
  throw new WorkbenchError(
    'conflict',
    journal?.operation === 'backup'
      ? `An earlier backup to ${journal.folder} was interrupted and has not been finished yet, because its folder could not be reached. Connect the drive it was written to, then sign out and sign in again so that the workbench can finish it. Nothing was saved.`
      : 'An earlier backup or restore was interrupted and has not been finished yet. Sign out and sign in again so that the workbench can finish it, then try again. Nothing was saved.',
  );
}

/**
 * Backup, in an order a crash cannot spoil: a journal naming the `.partial` folder; the files written
 * there; the audit entry committed; only then the rename to the final name. So a backup folder with
 * its final name never exists without its audit entry. After a crash the next sign-in renames the
 * partial folder (entry committed) or removes it (not committed).
 */
export async function createBackup(wb: Workbench) {
  const before = wb.signedIn();
  refuseWhileJournalled(wb);
  const parent = await wb.host.chooseBackupFolder();
  if (!parent) return null;
  const { keys, user } = sameSessionAfterDialog(wb, before);
  refuseWhileJournalled(wb);
  const now = wb.now();
  const folder = join(parent, backupFolderName(now));
  const partial = `${folder}.partial`;
  if (existsSync(folder) || existsSync(partial))
    throw new WorkbenchError(
      'conflict',
      'A backup with this time already exists there. Try again in a moment.',
    );
  writeJournal(wb.dataDir, { operation: 'backup', folder, partial, at: now.toISOString(), userId: user.id });
  let bytes: number;
  try {
    ({ bytes } = writeBackupFiles(wb.db(), wb.keyring().snapshot(), partial, keys.auditKey, now));
  } catch (error) {
    clearJournal(wb.dataDir);
    throw error;
  }
  reached('backup-files-written');
  try {
    wb.write((_db, audit) =>
      audit({
        action: 'backup.create',
        recordType: 'backup',
        recordId: folder,
        summary: `wrote an encrypted backup to ${folder}`,
      }),
    );
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    clearJournal(wb.dataDir);
    throw error;
  }
  reached('backup-audited');
  renameSync(partial, folder);
  reached('backup-renamed');
  clearJournal(wb.dataDir);
  return { folder, createdAt: now.toISOString(), bytes };
}

/**
 * Restore, journalled so that a crash at any step leaves the workbench as it was (still staging) or
 * finishes on the next start (installing): stage and check a copy; close the store; move the current
 * files aside and the staged ones in; write the audit entry and the head file. Once the files are
 * swapped the restore has happened: what follows is best effort, and anything left (the audit entry,
 * the head file) is finished at the next sign-in from the journal, which stays until then.
 */
export async function restoreBackup(wb: Workbench) {
  const before = wb.signedIn();
  refuseWhileJournalled(wb);
  const folder = await wb.host.chooseRestoreFolder();
  if (!folder) return null;
  const session = sameSessionAfterDialog(wb, before);
  refuseWhileJournalled(wb);
  const now = wb.now();
  const { keys, user } = session;
  const journal: RestoreJournal = {
    operation: 'restore',
    phase: 'staging',
    from: folder,
    staging: join(wb.dataDir, `restore-staging-${stamp(now)}`),
    aside: join(wb.dataDir, `before-restore-${stamp(now)}`),
    at: now.toISOString(),
    userId: user.id,
  };
  writeJournal(wb.dataDir, journal);
  try {
    stageBackup(folder, journal.staging, wb.keyring().databaseId, keys);
  } catch (error) {
    rmSync(journal.staging, { recursive: true, force: true });
    clearJournal(wb.dataDir);
    throw error;
  }
  reached('restore-staged');
  wb.closeStore();
  writeJournal(wb.dataDir, { ...journal, phase: 'installing' });
  try {
    installStaged(journal.staging, journal.aside, wb.dataDir);
  } catch (error) {
    undoInstall(journal.staging, journal.aside, wb.dataDir);
    clearJournal(wb.dataDir);
    throw error;
  } finally {
    wb.forgetKeyring();
  }
  wb.loss = null;
  let restoredUser: ReturnType<typeof findUser>;
  try {
    writeJournal(wb.dataDir, { ...journal, phase: 'installed' });
    const db = wb.openStore(keys);
    db.transaction(() => {
      // Its trail was checked at staging: the head file is kept for it from here (a backup made before
      // the head file was introduced has no such record, and a head file must never exist without it).
      markHeadFileKept(db, journal.at);
      appendAudit(db, keys.auditKey, {
        at: journal.at,
        userId: user.id,
        action: 'backup.restore',
        recordType: 'backup',
        recordId: folder,
        summary: `restored from ${folder}; the replaced files are kept in ${journal.aside}`,
      });
    })();
    reached('restore-audited');
    wb.recordHead(db, keys.auditKey);
    reached('restore-head-written');
    clearJournal(wb.dataDir);
    restoredUser = findUser(db, user.id);
  } catch {
    // The files are swapped: the restore has happened. The journal stays (at `installed`, or still at
    // `installing`, which the next start finishes), the next sign-in writes the audit entry and the head
    // file, and until then nobody stays signed in to a store this session could not finish opening.
    try {
      wb.closeStore();
    } catch {
      // Closing a store that could not be finished may fail too; the keys leave memory regardless.
    }
    wipeKeys(keys);
    wb.session = { state: 'signed-out' };
    return { restoredFrom: folder };
  }
  if (!restoredUser?.active || !wb.keyring().entryById(user.id)) {
    // The restored store does not know this person (or not as active): they must sign in again.
    wb.signOut();
    throw new WorkbenchError(
      'not-signed-in',
      'The backup was restored. Your account is not in it as an active user, so please sign in with an account from the backup.',
    );
  }
  session.user = restoredUser;
  return { restoredFrom: folder };
}

export const listClosures = (wb: Workbench) => closureDays(wb.db());

/** Audits adding or removing a closure day and returns the closure days as they now stand. */
function closureAudited(db: Db, audit: (note: AuditNote) => void, change: 'add' | 'remove', day: string) {
  audit({
    action: `calendar.${change}-closure`,
    recordType: 'closure-day',
    recordId: day,
    summary: `${change === 'add' ? 'added' : 'removed'} closure day ${day}`,
  });
  return closureDays(db);
}

/** Closure days (e.g. a Christmas shutdown) are skipped by the working-day clock for deadlines computed afterwards. */
export function addClosure(wb: Workbench, req: ParsedRequest<'calendar.addClosure'>) {
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    if (!addClosureDay(db, req, userId, wb.now().toISOString())) {
      throw new WorkbenchError('conflict', 'That day is already a closure day.', {
        problems: [{ path: 'day', message: 'is already listed' }],
      });
    }
    return closureAudited(db, audit, 'add', req.day);
  });
}

export function removeClosure(wb: Workbench, req: ParsedRequest<'calendar.removeClosure'>) {
  return wb.write((db, audit) => {
    if (!removeClosureDay(db, req.day))
      throw new WorkbenchError('not-found', 'That day is not a closure day.');
    return closureAudited(db, audit, 'remove', req.day);
  });
}

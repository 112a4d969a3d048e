import { rmSync } from 'node:fs';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { AuditCheck, AuditEntry, Settings } from '../contract/schemas.ts';
import { appendAudit, checkAuditTrail, recentAudit } from '../store/audit-trail.ts';
import { installBackup, stageBackup, writeBackup } from '../store/backup.ts';
import { addClosureDay, closureDays, removeClosureDay } from '../store/profiles.ts';
import { readSettings, writeSettings } from '../store/settings.ts';
import { findUser } from '../store/users.ts';
import type { Workbench } from './workbench.ts';

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
  return checkAuditTrail(wb.db(), session.keys.auditKey);
}

export async function createBackup(wb: Workbench) {
  wb.signedIn();
  const parent = await wb.host.chooseBackupFolder();
  if (!parent) return null;
  const now = wb.now();
  const { folder, bytes } = writeBackup(wb.db(), wb.keyring().snapshot(), parent, now);
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
    // A backup the trail does not record is not kept.
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return { folder, createdAt: now.toISOString(), bytes };
}

export async function restoreBackup(wb: Workbench) {
  const session = wb.signedIn();
  const folder = await wb.host.chooseRestoreFolder();
  if (!folder) return null;
  const now = wb.now();
  const staging = stageBackup(folder, wb.dataDir, wb.keyring().databaseId, session.keys, now);
  const { keys, user } = session;
  wb.closeStore();
  let aside: string;
  try {
    aside = installBackup(staging, wb.databasePath, wb.keyringPath, wb.dataDir, now);
  } finally {
    wb.forgetKeyring();
  }
  const db = wb.openStore(keys);
  db.transaction(() =>
    appendAudit(db, keys.auditKey, {
      at: now.toISOString(),
      userId: user.id,
      action: 'backup.restore',
      recordType: 'backup',
      recordId: folder,
      summary: `restored from ${folder}; the replaced files are kept in ${aside}`,
    }),
  )();
  const restoredUser = findUser(db, user.id);
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

/** Closure days (e.g. a Christmas shutdown) are skipped by the working-day clock for deadlines computed afterwards. */
export function addClosure(wb: Workbench, req: ParsedRequest<'calendar.addClosure'>) {
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    if (!addClosureDay(db, req, userId, wb.now().toISOString())) {
      throw new WorkbenchError('conflict', 'That day is already a closure day.', {
        problems: [{ path: 'day', message: 'is already listed' }],
      });
    }
    audit({
      action: 'calendar.add-closure',
      recordType: 'closure-day',
      recordId: req.day,
      summary: `added closure day ${req.day}`,
    });
    return closureDays(db);
  });
}

export function removeClosure(wb: Workbench, req: ParsedRequest<'calendar.removeClosure'>) {
  return wb.write((db, audit) => {
    if (!removeClosureDay(db, req.day))
      throw new WorkbenchError('not-found', 'That day is not a closure day.');
    audit({
      action: 'calendar.remove-closure',
      recordType: 'closure-day',
      recordId: req.day,
      summary: `removed closure day ${req.day}`,
    });
    return closureDays(db);
  });
}

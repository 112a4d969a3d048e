import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import { appendAudit } from '../store/audit-trail.ts';
import { crashPoint } from '../store/crash-points.ts';
import { newRecoveryKey, randomKey } from '../store/crypto.ts';
import { writeRekeyedCopy } from '../store/database.ts';
import { Keyring, type StoreKeys, wipeKeys } from '../store/keyring.ts';
import { keyringPublicKeys, setKeyringGeneration, setKeyringPublicKeys } from '../store/settings.ts';
import { findUser } from '../store/users.ts';
import { confirmPassword } from './session.ts';
import type { Workbench } from './workbench.ts';

/**
 * Re-keying the store: a copy of the database encrypted with AEGIS (under a new random key when
 * rotating) is made and checked beside the live file, a pending keyring seals the keys for everyone
 * who keeps access, then the copy replaces the live file — the one step that commits — and the
 * pending keyring replaces the keyring. A crash before the swap leaves the old store and keyring in
 * force (the copy is removed at the next start); a crash after it is finished at the next sign-in,
 * because the copy carries the new keyring generation.
 */
export function reencryptStore(
  wb: Workbench,
  options: { rotate: boolean },
): { removedUserIds: string[]; recoveryKey: string | null } {
  const session = wb.signedIn();
  const oldKeys = session.keys;
  const newKeys: StoreKeys = options.rotate
    ? { databaseKey: randomKey(), auditKey: Buffer.from(oldKeys.auditKey) }
    : { databaseKey: Buffer.from(oldKeys.databaseKey), auditKey: Buffer.from(oldKeys.auditKey) };
  const next = wb.settledKeyring(wb.db()).next();
  let removedUserIds: string[] = [];
  let recoveryKey: string | null = null;
  if (options.rotate) {
    refuseUnrecordedPublicKeys(wb);
    removedUserIds = next.rewrapAll(newKeys).removedUserIds;
    if (!next.recoveryCanBeRewrapped) {
      // A first-format recovery entry can only be opened by the recovery key itself: issue a new one.
      recoveryKey = newRecoveryKey();
      next.setRecoveryKey(recoveryKey, newKeys);
    }
  }
  const removedNames = removedUserIds.map((id) => findUser(wb.db(), id)?.username ?? id);
  try {
    writeRekeyedCopy(
      wb.db(),
      wb.rekeyingPath,
      { oldKey: oldKeys.databaseKey, newKey: newKeys.databaseKey },
      (copy) => {
        setKeyringGeneration(copy, next.generation);
        setKeyringPublicKeys(copy, next.publicKeys());
        appendAudit(copy, oldKeys.auditKey, {
          at: wb.now().toISOString(),
          userId: session.user.id,
          action: options.rotate ? 'keys.rotate' : 'keys.aegis',
          recordType: 'workbench',
          recordId: next.databaseId,
          summary: options.rotate
            ? `rotated the database key${removedUserIds.length ? `; ${removedUserIds.length} account(s) need a new password from an administrator` : ''}${recoveryKey ? '; a new recovery key was issued' : ''}`
            : 're-encrypted the database with AEGIS-256',
        });
      },
    );
    crashPoint('rekey-copy-written');
    next.savePending();
    crashPoint('rekey-keyring-pending');
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(wb.rekeyingPath + suffix, { force: true });
    rmSync(next.path.replace(/\.json$/, '.next.json'), { force: true });
    wipeKeys(newKeys);
    throw error;
  }
  // The swap: the live database (checkpointed and closed, so no write-ahead log is left) is replaced.
  wb.closeStore();
  for (const suffix of ['-wal', '-shm']) rmSync(wb.databasePath + suffix, { force: true });
  try {
    renameSync(wb.rekeyingPath, wb.databasePath);
  } catch (error) {
    // Not swapped: the live database and keyring are as they were.
    rmSync(wb.rekeyingPath, { force: true });
    Keyring.discardPending(wb.keyringPath);
    wipeKeys(newKeys);
    throw error;
  }
  // Committed. Whatever fails from here is finished at the next sign-in; the answer is success.
  session.keys = newKeys;
  wipeKeys(oldKeys);
  wb.adoptKeyring(next);
  syncFolder(wb.dataDir);
  crashPoint('rekey-swapped');
  try {
    next.promote();
    crashPoint('rekey-keyring-promoted');
    wb.recordHead(wb.openStore(newKeys), newKeys.auditKey);
    if (options.rotate) removeOldKeyCopies(wb);
  } catch {
    // finished at the next sign-in (pending keyring) and the next write (head file)
  }
  return { removedUserIds: removedNames, recoveryKey };
}

/**
 * The new key is sealed only to public keys the database recorded when each entry was made: one
 * swapped in the keyring file (by someone who can write the data folder) would receive the new key.
 */
function refuseUnrecordedPublicKeys(wb: Workbench): void {
  const recorded = keyringPublicKeys(wb.db()) ?? {};
  const unrecorded = Object.entries(wb.keyring().publicKeys()).filter(([id, key]) => recorded[id] !== key);
  if (unrecorded.length > 0) {
    throw new WorkbenchError(
      'store-refused',
      'The keyring holds keys the database did not record, so the database key was not changed: the keyring file may have been altered. Restore the keyring from your last backup, or ask the people concerned to sign in, then try again. Nothing has been changed.',
    );
  }
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a folder; the rename is atomic all the same.
  }
}

/**
 * After a rotation nothing in the data folder may still be opened by an old password: the copies a
 * restore moved aside, restore staging folders and temporary files of interrupted writes are removed.
 */
function removeOldKeyCopies(wb: Workbench): void {
  for (const name of readdirSync(wb.dataDir)) {
    if (/^(before-restore-|restore-staging-)/.test(name) || /\.tmp$/.test(name)) {
      rmSync(join(wb.dataDir, name), { recursive: true, force: true });
    }
  }
}

/** Administration → Rotate the database key: after a deactivation or a suspected compromise. */
export function rotateKeys(wb: Workbench, req: ParsedRequest<'keys.rotate'>) {
  const signingKey = confirmPassword(
    wb,
    req.password,
    'That password is not right. The database key has not been changed.',
  );
  signingKey.fill(0);
  const { removedUserIds, recoveryKey } = reencryptStore(wb, { rotate: true });
  return { accountsNeedingNewPassword: removedUserIds, recoveryKey };
}

/**
 * Administration → Issue a new recovery key: the old one stops working. Also the way back if a key
 * issued by a rotation was never seen (the computer stopped before it was shown).
 */
export function issueRecoveryKey(wb: Workbench, req: ParsedRequest<'keys.newRecoveryKey'>) {
  const signingKey = confirmPassword(
    wb,
    req.password,
    'That password is not right. The recovery key has not been changed.',
  );
  signingKey.fill(0);
  const session = wb.signedIn();
  const recoveryKey = newRecoveryKey();
  wb.changeKeyring((_db, audit, next) => {
    next.setRecoveryKey(recoveryKey, session.keys);
    audit({
      action: 'keys.recovery-key',
      recordType: 'workbench',
      recordId: next.databaseId,
      summary: 'issued a new recovery key; the previous one no longer works',
    });
  });
  return { recoveryKey };
}

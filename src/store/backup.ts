import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../contract/errors.ts';
import { checkAuditTrail } from './audit-trail.ts';
import { copyEncrypted, type Db, integrityOk, isPlaintextSqlite, openDatabase } from './database.ts';
import { type KeyringFile, parseKeyringText, type StoreKeys } from './keyring.ts';
import { LATEST_VERSION, schemaVersion } from './migrations/index.ts';

/**
 * A backup is a folder: the encrypted database copied with VACUUM INTO (never db.backup(), which would
 * write it unencrypted), the keyring as it was, and a manifest with their SHA-256 digests.
 */

const manifestSchema = z.strictObject({
  format: z.literal('hsb-workbench-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  databaseId: z.string(),
  schemaVersion: z.number().int(),
  files: z.strictObject({ database: z.string(), keyring: z.string() }),
});

const DB_FILE = 'workbench.db';
const KEYRING_FILE = 'keyring.json';
const MANIFEST_FILE = 'manifest.json';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export function writeBackup(
  db: Db,
  keyring: KeyringFile,
  parentFolder: string,
  now: Date,
): { folder: string; bytes: number } {
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const folder = join(parentFolder, `hsb-workbench-backup-${stamp}`);
  if (existsSync(folder))
    throw new WorkbenchError(
      'conflict',
      'A backup with this time already exists there. Try again in a moment.',
    );
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    copyEncrypted(db, join(partial, DB_FILE));
    writeFileSync(join(partial, KEYRING_FILE), `${JSON.stringify(keyring, null, 2)}\n`, { mode: 0o600 });
    const manifest: z.infer<typeof manifestSchema> = {
      format: 'hsb-workbench-backup',
      version: 1,
      createdAt: now.toISOString(),
      databaseId: keyring.databaseId,
      schemaVersion: schemaVersion(db),
      files: { database: sha256(join(partial, DB_FILE)), keyring: sha256(join(partial, KEYRING_FILE)) },
    };
    writeFileSync(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, folder);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return { folder, bytes: statSync(join(folder, DB_FILE)).size };
}

const refuse = (reason: string): never => {
  throw new WorkbenchError(
    'store-refused',
    `This backup cannot be restored: ${reason} Nothing has been changed.`,
  );
};

/**
 * Checks a backup folder completely before anything is replaced: manifest, digests, ciphertext,
 * the current keys open it, integrity_check, schema not newer than the app, audit trail intact.
 */
export function verifyBackup(
  folder: string,
  currentDatabaseId: string,
  keys: StoreKeys,
): { keyring: KeyringFile } {
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')));
  } catch {
    return refuse('the folder has no readable workbench backup manifest.');
  }
  const dbPath = join(folder, DB_FILE);
  const keyringPath = join(folder, KEYRING_FILE);
  if (!existsSync(dbPath) || !existsSync(keyringPath))
    return refuse('a file is missing from the backup folder.');
  if (sha256(dbPath) !== manifest.files.database || sha256(keyringPath) !== manifest.files.keyring) {
    return refuse('its files do not match the digests recorded when it was made (damaged or altered).');
  }
  if (manifest.databaseId !== currentDatabaseId)
    return refuse('it was made by a different workbench installation.');
  if (isPlaintextSqlite(dbPath)) return refuse('its database is not encrypted.');
  const keyring = parseKeyringText(readFileSync(keyringPath, 'utf8'));
  if (!keyring || keyring.databaseId !== currentDatabaseId) return refuse('its keyring is damaged.');
  let copy: Db | undefined;
  try {
    copy = openDatabase(dbPath, keys.databaseKey, { migrate: false });
    if (schemaVersion(copy) > LATEST_VERSION) refuse('it was written by a newer version of the workbench.');
    if (!integrityOk(copy)) refuse('its database failed the integrity check.');
    if (schemaVersion(copy) >= 1 && !checkAuditTrail(copy, keys.auditKey).intact) {
      refuse('its audit trail has been altered.');
    }
  } catch (error) {
    if (error instanceof WorkbenchError && error.message.startsWith('This backup')) throw error;
    return refuse('its database could not be opened with this workbench’s key.');
  } finally {
    copy?.close();
    // Opening the copy may leave -wal/-shm files beside it; they belong to the check, not the backup.
    for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  }
  return { keyring };
}

/** Swaps the verified backup in, keeping the files it replaces in a `before-restore-…` folder. */
export function installBackup(
  folder: string,
  databasePath: string,
  keyringPath: string,
  dataDir: string,
  now: Date,
): string {
  const aside = join(dataDir, `before-restore-${now.toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  for (const path of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, keyringPath]) {
    if (existsSync(path)) renameSync(path, join(aside, path.split(/[\\/]/).pop() ?? 'file'));
  }
  const tempDb = `${databasePath}.restoring`;
  copyFileSync(join(folder, DB_FILE), tempDb);
  renameSync(tempDb, databasePath);
  const tempKeyring = `${keyringPath}.restoring`;
  copyFileSync(join(folder, KEYRING_FILE), tempKeyring);
  renameSync(tempKeyring, keyringPath);
  return aside;
}

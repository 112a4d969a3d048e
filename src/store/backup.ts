import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../contract/errors.ts';
import { checkAuditTrail } from './audit-trail.ts';
import { copyEncrypted, type Db, integrityOk, isPlaintextSqlite, openDatabase } from './database.ts';
import { writeNewFile } from './files.ts';
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
  const folder = join(parentFolder, `hsb-workbench-backup-${stamp(now)}`);
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
    writeNewFile(join(partial, KEYRING_FILE), `${JSON.stringify(keyring, null, 2)}\n`);
    const manifest: z.infer<typeof manifestSchema> = {
      format: 'hsb-workbench-backup',
      version: 1,
      createdAt: now.toISOString(),
      databaseId: keyring.databaseId,
      schemaVersion: schemaVersion(db),
      files: { database: sha256(join(partial, DB_FILE)), keyring: sha256(join(partial, KEYRING_FILE)) },
    };
    writeNewFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
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
 * Checks a backup folder completely before anything is replaced, without changing it: manifest and
 * digests on the files as they are, then a copy is staged in the data folder and that copy is opened
 * with the current keys for integrity_check, schema version and audit trail. Returns the staging folder.
 */
export function stageBackup(
  folder: string,
  dataDir: string,
  currentDatabaseId: string,
  keys: StoreKeys,
  now: Date,
): string {
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

  const staging = join(dataDir, `restore-staging-${stamp(now)}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  let copy: Db | undefined;
  try {
    copyFileSync(dbPath, join(staging, DB_FILE));
    copyFileSync(keyringPath, join(staging, KEYRING_FILE));
    try {
      copy = openDatabase(join(staging, DB_FILE), keys.databaseKey, { migrate: false });
    } catch {
      return refuse('its database could not be opened with this workbench’s key.');
    }
    if (schemaVersion(copy) > LATEST_VERSION) refuse('it was written by a newer version of the workbench.');
    if (!integrityOk(copy)) refuse('its database failed the integrity check.');
    if (schemaVersion(copy) >= 1 && !checkAuditTrail(copy, keys.auditKey).intact)
      refuse('its audit trail has been altered.');
    copy.pragma('wal_checkpoint(TRUNCATE)');
    copy.close();
    copy = undefined;
    return staging;
  } catch (error) {
    copy?.close();
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-').slice(0, 19);

/**
 * Swaps a staged, verified backup in. The current files are moved aside into `before-restore-…` in the
 * same folder (renames, so nothing is half-copied); if putting the backup in place fails, they go back.
 */
export function installBackup(
  staging: string,
  databasePath: string,
  keyringPath: string,
  dataDir: string,
  now: Date,
): string {
  const aside = join(dataDir, `before-restore-${stamp(now)}`);
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  const moved: [string, string][] = [];
  for (const path of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, keyringPath]) {
    if (!existsSync(path)) continue;
    const target = join(aside, basename(path));
    renameSync(path, target);
    moved.push([target, path]);
  }
  try {
    renameSync(join(staging, DB_FILE), databasePath);
    renameSync(join(staging, KEYRING_FILE), keyringPath);
  } catch (error) {
    for (const [from, to] of moved) renameSync(from, to);
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return aside;
}

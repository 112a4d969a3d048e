import { createHash, createHmac } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../contract/errors.ts';
import { checkAuditTrail } from './audit-trail.ts';
import { hmac, sameHex } from './crypto.ts';
import { copyEncrypted, type Db, integrityOk, isPlaintextSqlite, openDatabase } from './database.ts';
import { writeFileAtomic, writeNewFile } from './files.ts';
import { HEAD_FILE, writeHeadFile } from './head-file.ts';
import { type KeyringFile, parseKeyringText, type StoreKeys } from './keyring.ts';
import { LATEST_VERSION, schemaVersion } from './migrations/index.ts';
import { reached } from './steps.ts';

/**
 * A backup is a folder: the encrypted database copied with VACUUM INTO (never db.backup(), which would
 * write it unencrypted), the keyring as it was, and a manifest with their SHA-256 digests, sealed with
 * a MAC keyed from the audit key so that an altered keyring or manifest is refused on restore.
 */

const manifestSchema = z.strictObject({
  format: z.literal('hsb-workbench-backup'),
  version: z.literal(2),
  createdAt: z.string(),
  databaseId: z.string(),
  schemaVersion: z.number().int(),
  files: z.strictObject({ database: z.string(), keyring: z.string() }),
  mac: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const DB_FILE = 'workbench.db';
export const KEYRING_FILE = 'keyring.json';
const MANIFEST_FILE = 'manifest.json';

/** SHA-256 of a file of any size, read in 1 MiB pieces. */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** The MAC over everything in the manifest but itself, keyed by HMAC(auditKey, 'backup-manifest'). */
export function manifestMac(auditKey: Buffer, m: Omit<Manifest, 'mac'>): string {
  const key = createHmac('sha256', auditKey).update('backup-manifest').digest();
  try {
    return hmac(
      key,
      JSON.stringify([
        'backup-manifest',
        m.format,
        m.version,
        m.createdAt,
        m.databaseId,
        m.schemaVersion,
        m.files.database,
        m.files.keyring,
      ]),
    );
  } finally {
    key.fill(0);
  }
}

/** Writes the backup's files into `partial` (a folder that is renamed into place only once audited). */
export function writeBackupFiles(
  db: Db,
  keyring: KeyringFile,
  partial: string,
  auditKey: Buffer,
  now: Date,
): { bytes: number } {
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    copyEncrypted(db, join(partial, DB_FILE));
    writeNewFile(join(partial, KEYRING_FILE), `${JSON.stringify(keyring, null, 2)}\n`);
    const body: Omit<Manifest, 'mac'> = {
      format: 'hsb-workbench-backup',
      version: 2,
      createdAt: now.toISOString(),
      databaseId: keyring.databaseId,
      schemaVersion: schemaVersion(db),
      files: {
        database: sha256File(join(partial, DB_FILE)),
        keyring: sha256File(join(partial, KEYRING_FILE)),
      },
    };
    const manifest: Manifest = { ...body, mac: manifestMac(auditKey, body) };
    writeNewFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return { bytes: statSync(join(partial, DB_FILE)).size };
}

export const backupFolderName = (now: Date) => `hsb-workbench-backup-${stamp(now)}`;

function refuse(reason: string): never {
  throw new WorkbenchError(
    'store-refused',
    `This backup cannot be restored: ${reason} Nothing has been changed.`,
  );
}

function readManifest(folder: string, currentDatabaseId: string, auditKey: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8'));
  } catch {
    return refuse('the folder has no readable workbench backup manifest.');
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version === 1) {
    return refuse(
      'it was made by an earlier version of the workbench that did not seal its backups, so it cannot be checked for tampering. Make a new backup with this version.',
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return refuse('the folder has no readable workbench backup manifest.');
  const manifest = parsed.data;
  if (manifest.databaseId !== currentDatabaseId)
    return refuse('it was made by a different workbench installation.');
  if (!sameHex(manifestMac(auditKey, manifest), manifest.mac)) {
    return refuse(
      'its manifest or keyring has been altered since it was made (its seal does not match this workbench’s key).',
    );
  }
  return manifest;
}

/**
 * Checks a backup folder completely before anything is replaced, without changing it: the manifest's
 * seal first, then the digests on the files as they are; then a copy is staged in `staging` and opened
 * with the current keys for integrity_check, schema version and audit trail. The staged keyring keeps
 * the CURRENT failed-sign-in counts (`throttle`), never the backup's, and a head file for the staged
 * database is staged beside it.
 */
export function stageBackup(
  folder: string,
  staging: string,
  currentDatabaseId: string,
  keys: StoreKeys,
): void {
  const manifest = readManifest(folder, currentDatabaseId, keys.auditKey);
  const dbPath = join(folder, DB_FILE);
  const keyringPath = join(folder, KEYRING_FILE);
  if (!existsSync(dbPath) || !existsSync(keyringPath)) refuse('a file is missing from the backup folder.');
  if (sha256File(dbPath) !== manifest.files.database || sha256File(keyringPath) !== manifest.files.keyring) {
    refuse('its files do not match the digests recorded when it was made (damaged or altered).');
  }
  if (isPlaintextSqlite(dbPath)) refuse('its database is not encrypted.');
  const keyring = parseKeyringText(readFileSync(keyringPath, 'utf8'));
  if (!keyring || keyring.databaseId !== currentDatabaseId) refuse('its keyring is damaged.');

  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  let copy: Db | undefined;
  try {
    copyFileSync(dbPath, join(staging, DB_FILE));
    chmodSync(join(staging, DB_FILE), 0o600);
    // Failed sign-ins live in throttle.json, which a restore leaves as it is: a count in the backup's
    // keyring (first format) is dropped, so a planted entry cannot lock anyone out.
    const { throttle: _dropped, ...installed } = keyring;
    writeFileAtomic(join(staging, KEYRING_FILE), `${JSON.stringify(installed, null, 2)}\n`);
    try {
      copy = openDatabase(join(staging, DB_FILE), keys.databaseKey, { migrate: false });
    } catch {
      refuse('its database could not be opened with this workbench’s key.');
    }
    if (schemaVersion(copy) > LATEST_VERSION) refuse('it was written by a newer version of the workbench.');
    if (!integrityOk(copy)) refuse('its database failed the integrity check.');
    if (schemaVersion(copy) >= 1 && !checkAuditTrail(copy, keys.auditKey).intact)
      refuse('its audit trail has been altered.');
    writeHeadFile(join(staging, HEAD_FILE), copy, currentDatabaseId, keys.auditKey);
    copy.pragma('wal_checkpoint(TRUNCATE)');
    copy.close();
    copy = undefined;
    for (const sidecar of ['-wal', '-shm']) rmSync(join(staging, DB_FILE + sidecar), { force: true });
  } catch (error) {
    copy?.close();
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** The files a restore replaces, in the order they are moved aside; the first three are staged. */
export const RESTORED_FILES = [DB_FILE, KEYRING_FILE, HEAD_FILE] as const;
const MOVED_ASIDE = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, KEYRING_FILE, HEAD_FILE] as const;

/**
 * Swaps a staged, verified backup in: the current files are moved aside into `aside` (renames, so
 * nothing is half-copied), then the staged ones are moved into place. Safe to run again after an
 * interruption at any point: a current file is moved aside only while its staged replacement has not
 * yet been moved in, so running it again finishes the job (roll forward).
 */
export function installStaged(staging: string, aside: string, dataDir: string): void {
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  const stagedDbWaiting = existsSync(join(staging, DB_FILE));
  for (const name of MOVED_ASIDE) {
    const current = join(dataDir, name);
    const staged = join(staging, name);
    // Once the staged database is in, any sidecar in the data folder belongs to it, not the old one.
    const waiting = name.startsWith(`${DB_FILE}-`) ? stagedDbWaiting : existsSync(staged);
    if (waiting && existsSync(current) && !existsSync(join(aside, name))) {
      renameSync(current, join(aside, name));
      reached(`restore-moved-aside:${name}`);
    }
  }
  for (const name of RESTORED_FILES) {
    const staged = join(staging, name);
    if (existsSync(staged)) {
      renameSync(staged, join(dataDir, name));
      reached(`restore-installed:${name}`);
    }
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Undoes a part-done install after an error (not a crash): a staged file no longer in `staging` has been
 * moved in, so it is removed (the backup folder still holds the original); the current files come back.
 */
export function undoInstall(staging: string, aside: string, dataDir: string): void {
  for (const name of RESTORED_FILES) {
    if (!existsSync(join(staging, name))) rmSync(join(dataDir, name), { force: true });
  }
  for (const name of MOVED_ASIDE) {
    const back = join(aside, name);
    if (existsSync(back)) renameSync(back, join(dataDir, name));
  }
  rmSync(staging, { recursive: true, force: true });
  rmSync(aside, { recursive: true, force: true });
}

import { chmodSync, closeSync, existsSync, openSync, readSync, rmSync, statSync, unlinkSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../contract/errors.ts';
import { secureSearchIndex } from './cases.ts';
import { migrate } from './migrations/index.ts';

export type Db = Database.Database;

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's plaintext header, i.e. it is not encrypted. */
export function isPlaintextSqlite(path: string): boolean {
  if (!existsSync(path) || statSync(path).size < 16) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.equals(PLAINTEXT_HEADER);
  } finally {
    closeSync(fd);
  }
}

function refusePlaintext(path: string): void {
  if (isPlaintextSqlite(path)) {
    throw new WorkbenchError(
      'store-refused',
      'The workbench database file is not encrypted, so the workbench will not use it. Restore an encrypted backup; nothing has been changed.',
    );
  }
}

/**
 * New stores use AEGIS-256 (authenticated, accelerated by the processor's AES instructions: about as
 * fast as an unencrypted file); stores made before it use ChaCha20-Poly1305 until they are re-keyed.
 */
export type StoreCipher = 'aegis' | 'chacha20';
const CIPHERS: readonly StoreCipher[] = ['aegis', 'chacha20'];
const cipherOf = new WeakMap<Db, StoreCipher>();

/** The cipher the open database's pages are encrypted with. */
export const storeCipher = (db: Db): StoreCipher => cipherOf.get(db) ?? 'chacha20';

function keyPragma(key: Buffer): string {
  if (key.length !== 32) throw new Error('A database key must be 32 bytes.');
  return `key = "x'${key.toString('hex')}'"`;
}

/**
 * Opens (or creates) the encrypted database with a raw 256-bit key, proves it is ciphertext, sets the
 * pragmas the store relies on and brings the schema up to date. Throws a WorkbenchError with a plain
 * message, leaving the file as it was, when the key is wrong, the file is damaged or newer than the app.
 */
export function openDatabase(path: string, key: Buffer, options: { migrate?: boolean } = {}): Db {
  refusePlaintext(path);
  ownerOnly(path);
  const isNew = !existsSync(path) || statSync(path).size === 0;
  let db: Db | undefined;
  let lastError: unknown;
  for (const cipher of isNew ? CIPHERS.slice(0, 1) : CIPHERS) {
    const candidate = new Database(path);
    try {
      candidate.pragma(`cipher = '${cipher}'`);
      candidate.pragma(keyPragma(key));
      // The first real read is where a wrong key or a damaged file shows (SQLITE_NOTADB).
      candidate.prepare('SELECT count(*) FROM sqlite_master').get();
      cipherOf.set(candidate, cipher);
      db = candidate;
      break;
    } catch (error) {
      candidate.close();
      lastError = error;
    }
  }
  if (!db) {
    throw new WorkbenchError(
      'store-refused',
      'The database could not be opened with this key: it is damaged or belongs to another workbench. Nothing has been changed; restore your last backup if this continues.',
      { problems: [{ path: 'database', message: String((lastError as Error)?.message) }] },
    );
  }
  try {
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    // 32 MiB of page cache: every cache miss costs a page decryption.
    db.pragma('cache_size = -32768');
    if (options.migrate !== false) {
      migrate(db);
      secureSearchIndex(db);
    }
    refusePlaintext(path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Writes an encrypted, consistent copy of the open database (VACUUM INTO keeps the key; db.backup() would not). */
export function copyEncrypted(db: Db, destination: string): void {
  db.prepare('VACUUM INTO ?').run(destination);
  chmodSync(destination, 0o600);
  if (isPlaintextSqlite(destination)) {
    unlinkSync(destination);
    throw new WorkbenchError('store-refused', 'The backup copy came out unencrypted, so it was not kept.');
  }
}

/**
 * Writes a copy of the open database encrypted with AEGIS under `newKey`: a consistent copy under the
 * old key (VACUUM INTO), re-keyed while it is not in WAL mode (PRAGMA rekey in WAL mode has corrupted
 * databases), then reopened with the new key and checked. The live database is not touched.
 */
export function writeRekeyedCopy(
  db: Db,
  destination: string,
  keys: { oldKey: Buffer; newKey: Buffer },
  prepare: (copy: Db) => void,
): void {
  rmSync(destination, { force: true });
  copyEncrypted(db, destination);
  const copy = new Database(destination);
  try {
    copy.pragma(`cipher = '${storeCipher(db)}'`);
    copy.pragma(keyPragma(keys.oldKey));
    copy.pragma('journal_mode = DELETE');
    copy.pragma('foreign_keys = ON');
    // The copy records the change (keyring generation, audit entry) before it replaces the live file.
    copy.transaction(() => prepare(copy))();
    copy.pragma("cipher = 'aegis'");
    copy.pragma(`re${keyPragma(keys.newKey)}`);
  } finally {
    copy.close();
  }
  const check = openDatabase(destination, keys.newKey, { migrate: false });
  try {
    if (storeCipher(check) !== 'aegis' || !integrityOk(check)) {
      throw new WorkbenchError(
        'store-refused',
        'The re-keyed copy of the database did not check out, so it was not used. Nothing has been changed.',
      );
    }
  } finally {
    check.close();
  }
}

/**
 * The database and its -wal/-shm sidecars are readable by their owner only, like the keyring. SQLite
 * gives the sidecars the main file's mode, so a new database is created empty with 0600 first.
 */
function ownerOnly(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/** True for SQLite's "damaged file" errors (SQLITE_CORRUPT…, SQLITE_NOTADB), whatever statement met them. */
export function isDamagedStoreError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export const damagedStoreError = (): WorkbenchError =>
  new WorkbenchError(
    'store-refused',
    'The database is damaged, so this could not be done and nothing was saved. Restore from your last backup (Administration → Restore from backup), or ask your administrator to.',
  );

export function integrityOk(db: Db): boolean {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.length === 1 && rows[0]?.integrity_check === 'ok';
}

import Database from 'better-sqlite3-multiple-ciphers';

/**
 * Turns a store into one made before AEGIS: the same key, pages encrypted with ChaCha20-Poly1305
 * (re-keyed out of WAL mode, as SQLite3MultipleCiphers requires). For tests of the upgrade only.
 */
export function encryptWithChaCha20(path: string, key: Buffer): void {
  const hex = key.toString('hex');
  const db = new Database(path);
  try {
    db.pragma("cipher = 'aegis'");
    db.pragma(`key = "x'${hex}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma("cipher = 'chacha20'");
    db.pragma(`rekey = "x'${hex}'"`);
  } finally {
    db.close();
  }
}

/** Which cipher opens the file with this key, or null if neither does. */
export function cipherOfFile(path: string, key: Buffer): 'aegis' | 'chacha20' | null {
  for (const cipher of ['aegis', 'chacha20'] as const) {
    const db = new Database(path, { readonly: true });
    try {
      db.pragma(`cipher = '${cipher}'`);
      db.pragma(`key = "x'${key.toString('hex')}'"`);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return cipher;
    } catch {
      // try the next
    } finally {
      db.close();
    }
  }
  return null;
}

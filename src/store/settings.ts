import type { Settings } from '../contract/schemas.ts';
import type { Db } from './database.ts';

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 10 };

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const minutes = stored.autoLockMinutes;
  return { autoLockMinutes: typeof minutes === 'number' ? minutes : DEFAULT_SETTINGS.autoLockMinutes };
}

export function writeSettings(db: Db, settings: Settings): void {
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(settings)) put.run(key, JSON.stringify(value));
}

const GENERATION_KEY = 'keyringGeneration';

/** The keyring generation this database committed with (0 before the keyring had generations). */
export function keyringGeneration(db: Db): number {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(GENERATION_KEY) as
    | { value: string }
    | undefined;
  const value = row ? (JSON.parse(row.value) as unknown) : 0;
  return typeof value === 'number' ? value : 0;
}

export function setKeyringGeneration(db: Db, generation: number): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(GENERATION_KEY, JSON.stringify(generation));
}

const PUBLIC_KEYS_KEY = 'keyringPublicKeys';

/**
 * The X25519 public key of each keyring entry, as committed with the change that made it. A rotation
 * seals the new database key only to keys that match this record, so a public key swapped in the
 * keyring file by someone who can write the data folder is refused, not trusted.
 */
export function keyringPublicKeys(db: Db): Record<string, string> | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(PUBLIC_KEYS_KEY) as
    | { value: string }
    | undefined;
  return row ? (JSON.parse(row.value) as Record<string, string>) : null;
}

export function setKeyringPublicKeys(db: Db, keys: Record<string, string>): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(PUBLIC_KEYS_KEY, JSON.stringify(keys));
}

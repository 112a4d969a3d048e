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

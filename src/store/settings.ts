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

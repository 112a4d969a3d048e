import type { Profile } from '../domain/profiles/index.ts';
import type { Db } from './database.ts';

export type ProfileSource = 'built-in' | 'imported' | 'cloned';

export interface StoredProfile {
  profile: Profile;
  source: ProfileSource;
  addedAt: string;
}

interface Row {
  document: string;
  source: ProfileSource;
  added_at: string;
}

const toStored = (row: Row): StoredProfile => ({
  profile: JSON.parse(row.document) as Profile,
  source: row.source,
  addedAt: row.added_at,
});

export function findStoredProfile(db: Db, id: string, version: number): StoredProfile | undefined {
  const row = db
    .prepare('SELECT document, source, added_at FROM profile_versions WHERE profile_id = ? AND version = ?')
    .get(id, version) as Row | undefined;
  return row ? toStored(row) : undefined;
}

export function storedProfiles(db: Db): StoredProfile[] {
  return (
    db
      .prepare('SELECT document, source, added_at FROM profile_versions ORDER BY profile_id, version')
      .all() as Row[]
  ).map(toStored);
}

export function insertProfileVersion(
  db: Db,
  profile: Profile,
  source: ProfileSource,
  addedBy: string | null,
  now: string,
): void {
  db.prepare(
    `INSERT INTO profile_versions (profile_id, version, name, source, document, added_at, added_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(profile.id, profile.version, profile.name, source, JSON.stringify(profile), now, addedBy);
}

export interface ClosureDay {
  day: string;
  label: string;
}

export function closureDays(db: Db): ClosureDay[] {
  return db.prepare('SELECT day, label FROM closure_days ORDER BY day').all() as ClosureDay[];
}

export function addClosureDay(db: Db, closure: ClosureDay, by: string, now: string): boolean {
  const result = db
    .prepare('INSERT OR IGNORE INTO closure_days (day, label, added_at, added_by) VALUES (?, ?, ?, ?)')
    .run(closure.day, closure.label, now, by);
  return result.changes === 1;
}

export function removeClosureDay(db: Db, day: string): boolean {
  return db.prepare('DELETE FROM closure_days WHERE day = ?').run(day).changes === 1;
}

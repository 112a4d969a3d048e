import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#store/database.ts';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from '#store/migrations/index.ts';
import { keyedDatabase } from '../support/raw-store.ts';
import { tempFolder } from '../support/temp.ts';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

const schemaOf = (db: ReturnType<typeof keyedDatabase>['db']) =>
  db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all();

describe('migrations', () => {
  it('build the whole schema on an empty keyed file', () => {
    const { db } = keyedDatabase(join(folder.path, 'fresh.db'));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const tables = schemaOf(db).map((r) => (r as { name: string }).name);
    for (const table of [
      'users',
      'children',
      'cases',
      'audit_log',
      'audit_head',
      'case_search',
      'settings',
    ]) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it.each(MIGRATIONS.map((_m, i) => MIGRATIONS[i - 1]?.version ?? 0))(
    'bring a database at version %i up to the same schema as a fresh one',
    (from) => {
      const { db: fresh } = keyedDatabase(join(folder.path, 'fresh.db'));
      const { db: old } = keyedDatabase(join(folder.path, `v${from}.db`), { migrate: false });
      migrate(old, from);
      expect(schemaVersion(old)).toBe(from);
      migrate(old);
      expect(schemaVersion(old)).toBe(LATEST_VERSION);
      expect(schemaOf(old)).toEqual(schemaOf(fresh));
      fresh.close();
      old.close();
    },
  );

  it('roll back a migration that fails, leaving the previous version', () => {
    const { db } = keyedDatabase(join(folder.path, 'broken.db'), { migrate: false });
    db.exec('CREATE TABLE users (id TEXT)'); // clashes with migration 1
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    expect(schemaOf(db)).toHaveLength(1);
    db.close();
  });

  it('refuse a database newer than the app, with a clear message, without touching it', () => {
    const path = join(folder.path, 'newer.db');
    const { db, key } = keyedDatabase(path);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(() => openDatabase(path, key)).toThrow(/newer version of the workbench/);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });
});

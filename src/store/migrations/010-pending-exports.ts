import type { Migration } from './migration.ts';

/**
 * Exports under way: a row is written, with the export's audit entry, before the file is written
 * beside its target, and removed once the file is in place. A row left by a crash is finished at the
 * next sign-in (the temporary file removed, and whether the file exists recorded in the trail).
 */
export const pendingExports: Migration = {
  version: 10,
  name: 'pending-exports',
  up(db) {
    db.exec(`
      CREATE TABLE pending_exports (
        id TEXT PRIMARY KEY,
        target TEXT NOT NULL,
        temp TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL REFERENCES users(id),
        what TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        export_table TEXT CHECK (export_table IN ('report_exports', 'map_exports')),
        export_id TEXT,
        CHECK ((export_table IS NULL) = (export_id IS NULL))
      ) STRICT;
    `);
  },
};

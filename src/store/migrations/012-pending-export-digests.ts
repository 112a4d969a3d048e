import type { Migration } from './migration.ts';

/**
 * The SHA-256 of what an export under way is writing, so that a crash before the rename onto a target
 * that already existed (an overwrite) is not taken for a finished export at the next sign-in: the file
 * there counts as the export only if its content has this digest. Rows written before this migration
 * have none and are settled as before (the file's presence).
 */
export const pendingExportDigests: Migration = {
  version: 12,
  name: 'pending-export-digests',
  up(db) {
    db.exec(
      `ALTER TABLE pending_exports ADD COLUMN sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64);`,
    );
  },
};

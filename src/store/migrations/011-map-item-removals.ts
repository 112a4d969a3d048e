import type { Migration } from './migration.ts';

/**
 * The reason given for each item removed from a pattern map (the call requires one and the audit entry
 * says "reason recorded"): who removed which item, of which kind, when and why. The item's own content
 * is not kept.
 */
export const mapItemRemovals: Migration = {
  version: 11,
  name: 'map-item-removals',
  up(db) {
    db.exec(`
      CREATE TABLE map_item_removals (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('life-event', 'incident')),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        removed_at TEXT NOT NULL,
        removed_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX map_item_removals_by_case ON map_item_removals(case_id);
    `);
  },
};

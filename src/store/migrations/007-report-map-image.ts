import type { Migration } from './migration.ts';

/** The picture of the pattern map chosen for the AIM report (the map is drawn by the screen). */
export const reportMapImage: Migration = {
  version: 7,
  name: 'report-map-image',
  up(db) {
    db.exec(`
      CREATE TABLE report_map_images (
        case_id TEXT PRIMARY KEY REFERENCES cases(id),
        png BLOB NOT NULL,
        view TEXT NOT NULL CHECK (view IN ('named', 'anonymised')),
        captured_at TEXT NOT NULL,
        captured_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
    `);
  },
};

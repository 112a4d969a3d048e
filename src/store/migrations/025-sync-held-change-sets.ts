import { sqlMigration } from './migration.ts';

/**
 * A received change set that edits a record this machine cannot yet place in a case (neither the
 * record nor the parent naming its case has arrived) is held apart: kept in `sync_change_sets` as
 * waiting, nothing of it merged, with a row here naming the record it waits for. It is tried again
 * whenever other change sets are applied: applied once the record lies in its case, refused and
 * removed if the record turns out to lie in another case.
 */
export const syncHeldChangeSets = sqlMigration(
  25,
  'sync-held-change-sets',
  `
      CREATE TABLE sync_held_change_sets (
        id TEXT PRIMARY KEY REFERENCES sync_change_sets (id) ON DELETE CASCADE,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL
      ) STRICT;
    `,
);

import type { Migration } from './migration.ts';

/**
 * The sync engine's own tables. Capture triggers (see store/sync/tables.ts) write each changed field
 * of a synced table into `sync_outbox` inside the same transaction; the workbench turns them into
 * change sets before the commit. `sync_fields` holds, per field, the edits no other edit has replaced
 * (more than one is a conflict kept for a person to resolve); `sync_change_sets` every change set this
 * machine made or received, as signed and sealed, so it can pass them on and any machine can verify
 * who did what.
 */
export const sync: Migration = {
  version: 20,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_control (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        capturing INTEGER NOT NULL CHECK (capturing IN (0, 1))
      ) STRICT;
      INSERT INTO sync_control (id, capturing) VALUES (1, 1);

      CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        case_id TEXT,
        field TEXT NOT NULL,
        value ANY,
        kind TEXT NOT NULL CHECK (kind IN ('insert', 'set', 'delete'))
      ) STRICT;

      CREATE TABLE sync_fields (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        state TEXT NOT NULL CHECK (json_valid(state)),
        conflicted INTEGER NOT NULL DEFAULT 0 CHECK (conflicted IN (0, 1)),
        PRIMARY KEY (tbl, row_id, field)
      ) STRICT;
      CREATE INDEX sync_fields_conflicted ON sync_fields (conflicted) WHERE conflicted = 1;

      CREATE TABLE sync_change_sets (
        id TEXT PRIMARY KEY,
        arrival INTEGER NOT NULL UNIQUE,
        case_id TEXT NOT NULL,
        author TEXT NOT NULL,
        device TEXT NOT NULL,
        seq INTEGER NOT NULL,
        schema INTEGER NOT NULL,
        made_at TEXT NOT NULL,
        envelope TEXT NOT NULL CHECK (json_valid(envelope)),
        origin TEXT NOT NULL CHECK (origin IN ('here', 'received')),
        state TEXT NOT NULL CHECK (state IN ('applied', 'waiting')),
        received_at TEXT NOT NULL,
        -- Numbered 1, 2, 3 … per author, device and case, so a missing one is noticed by anyone on the case.
        UNIQUE (author, device, case_id, seq)
      ) STRICT;
      CREATE INDEX sync_change_sets_case ON sync_change_sets (case_id, arrival);

      CREATE TABLE sync_case_keys (
        case_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        generation INTEGER NOT NULL,
        key BLOB NOT NULL CHECK (length(key) = 32),
        PRIMARY KEY (case_id, key_id)
      ) STRICT;

      -- Every generation of who may see a case, as signed: a change set is accepted only from a
      -- member of the generation whose key sealed it.
      CREATE TABLE sync_memberships (
        case_id TEXT NOT NULL,
        generation INTEGER NOT NULL,
        case_key_id TEXT NOT NULL,
        signed TEXT NOT NULL CHECK (json_valid(signed)),
        -- Two managers reallocating at once on two computers make two of one generation: both are kept.
        PRIMARY KEY (case_id, case_key_id)
      ) STRICT;

      CREATE TABLE sync_pending_rows (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        problem TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id)
      ) STRICT;

      -- Per case and recipient: the change sets already sent, so "Send case to…" carries only what is new.
      CREATE TABLE sync_sent (
        case_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        change_set_id TEXT NOT NULL,
        PRIMARY KEY (case_id, member_id, change_set_id)
      ) STRICT;

      CREATE TABLE sync_case_status (
        case_id TEXT PRIMARY KEY,
        brought_up_to_date_at TEXT,
        last_sent_at TEXT
      ) STRICT;
    `);
  },
};

import type { Migration } from './migration.ts';

/** People, settings, children, cases, case search and the audit chain. */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        agency TEXT NOT NULL,
        roles TEXT NOT NULL CHECK (json_valid(roles)),
        aim_trained INTEGER NOT NULL CHECK (aim_trained IN (0, 1)),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Public halves of each person's Ed25519 sign-off keys; old ones stay so old signatures verify.
      CREATE TABLE signing_keys (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;
      CREATE INDEX signing_keys_by_user ON signing_keys(user_id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE children (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        preferred_name TEXT NOT NULL,
        date_of_birth TEXT NOT NULL,
        gender TEXT NOT NULL,
        social_care_number TEXT NOT NULL,
        youth_justice_number TEXT NOT NULL,
        area_of_residence TEXT NOT NULL,
        school TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        reference TEXT NOT NULL UNIQUE,
        child_id TEXT NOT NULL REFERENCES children(id),
        profile_id TEXT NOT NULL,
        profile_version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        social_worker_id TEXT NOT NULL REFERENCES users(id),
        yos_practitioner_id TEXT NOT NULL REFERENCES users(id),
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_by_child ON cases(child_id);

      CREATE TABLE case_managers (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (case_id, user_id)
      ) STRICT;

      CREATE VIRTUAL TABLE case_search USING fts5(
        case_id UNINDEXED,
        content,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Each entry's MAC covers its own fields and the previous entry's MAC (key kept in the keyring).
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        summary TEXT NOT NULL,
        prev_mac TEXT NOT NULL,
        mac TEXT NOT NULL
      ) STRICT;

      -- The latest entry, MAC'd, so that removing entries from the end is noticed too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        mac TEXT NOT NULL,
        head_mac TEXT NOT NULL
      ) STRICT;
    `);
  },
};

import type { Migration } from './migration.ts';

/** Protocol profile versions, closure days, pathway events on a case, and deadlines with their adjustments. */
export const profilesAndDeadlines: Migration = {
  version: 2,
  name: 'profiles-and-deadlines',
  up(db) {
    db.exec(`
      -- Every profile version a case has run under, or that an administrator imported or cloned.
      -- Built-in profiles live in code; the version a case opens under is copied here so it never changes.
      CREATE TABLE profile_versions (
        profile_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('built-in', 'imported', 'cloned')),
        document TEXT NOT NULL CHECK (json_valid(document)),
        added_at TEXT NOT NULL,
        added_by TEXT REFERENCES users(id),
        PRIMARY KEY (profile_id, version)
      ) STRICT;

      -- Local-authority closure days (e.g. a Christmas shutdown) that the working-day clock skips.
      CREATE TABLE closure_days (
        day TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      -- Steps and decisions on a case's pathway, in the profile's terms (e.g. category-agreed).
      CREATE TABLE case_events (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        event TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        details TEXT NOT NULL CHECK (json_valid(details)),
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX case_events_by_case ON case_events(case_id, occurred_at);

      CREATE TABLE deadlines (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        profile_id TEXT NOT NULL,
        profile_version INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        label TEXT NOT NULL,
        rule TEXT NOT NULL CHECK (json_valid(rule)),
        citation TEXT NOT NULL CHECK (json_valid(citation)),
        started_by_event TEXT NOT NULL,
        started_by_label TEXT NOT NULL,
        trigger_at TEXT NOT NULL,
        -- The working calendar when the clock started (nation and closure days), so later edits to
        -- closure days never silently move a running deadline.
        calendar TEXT NOT NULL CHECK (json_valid(calendar)),
        original_due_day TEXT NOT NULL,
        original_due_instant TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'met', 'superseded')),
        met_at TEXT,
        met_note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX deadlines_by_case ON deadlines(case_id);
      CREATE INDEX deadlines_open ON deadlines(state) WHERE state = 'open';

      CREATE TABLE deadline_adjustments (
        deadline_id TEXT NOT NULL REFERENCES deadlines(id),
        seq INTEGER NOT NULL,
        adjustment TEXT NOT NULL CHECK (json_valid(adjustment)),
        recorded_by TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (deadline_id, seq)
      ) STRICT;
    `);
  },
};

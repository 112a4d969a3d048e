import type { Migration } from './migration.ts';

/** AIM assessments: licensed item sets, the decision, co-assessors, items and independent ratings, narrative sections with drafts and holds, sources, sessions and meetings. */
export const assessments: Migration = {
  version: 4,
  name: 'assessments',
  up(db) {
    db.exec(`
      -- An organisation's own licensed item wording for a framework (never shipped with the app).
      CREATE TABLE framework_item_sets (
        framework_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        licence TEXT NOT NULL,
        items TEXT NOT NULL CHECK (json_valid(items)),
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        version_no INTEGER NOT NULL,
        previous_id TEXT REFERENCES assessments(id),
        framework TEXT NOT NULL CHECK (json_valid(framework)),
        route TEXT NOT NULL CHECK (route IN ('welfare', 'criminal')),
        reasons TEXT NOT NULL,
        quality_review_notified TEXT NOT NULL,
        decision_at TEXT NOT NULL,
        eligibility TEXT NOT NULL CHECK (json_valid(eligibility)),
        proceed_reason TEXT NOT NULL,
        lead_assessor_id TEXT NOT NULL REFERENCES users(id),
        co_assessor_id TEXT NOT NULL REFERENCES users(id),
        outcome TEXT,
        state TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1,
        CHECK (lead_assessor_id != co_assessor_id)
      ) STRICT;
      CREATE INDEX assessments_by_case ON assessments(case_id);

      CREATE TABLE assessment_items (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        domain_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('concern', 'strength')),
        label TEXT NOT NULL,
        licensed_item_id TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX assessment_items_by_assessment ON assessment_items(assessment_id, domain_id);

      -- Each co-assessor's own rating of an item, written independently first.
      CREATE TABLE item_ratings (
        item_id TEXT NOT NULL REFERENCES assessment_items(id) ON DELETE CASCADE,
        assessor_id TEXT NOT NULL REFERENCES users(id),
        rating TEXT NOT NULL,
        evidence TEXT NOT NULL,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (item_id, assessor_id)
      ) STRICT;

      -- When each assessor finished their independent ratings of a domain.
      CREATE TABLE domain_progress (
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        domain_id TEXT NOT NULL,
        assessor_id TEXT NOT NULL REFERENCES users(id),
        finished_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, domain_id, assessor_id)
      ) STRICT;

      CREATE TABLE agreed_positions (
        item_id TEXT PRIMARY KEY REFERENCES assessment_items(id) ON DELETE CASCADE,
        rating TEXT NOT NULL,
        rationale TEXT NOT NULL,
        proposed_by TEXT NOT NULL REFERENCES users(id),
        proposed_at TEXT NOT NULL,
        confirmed_by TEXT REFERENCES users(id),
        confirmed_at TEXT
      ) STRICT;

      CREATE TABLE assessment_sections (
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        section_key TEXT NOT NULL,
        content TEXT NOT NULL CHECK (json_valid(content)),
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (assessment_id, section_key)
      ) STRICT;

      -- Autosaved work in progress, per person, so a crash loses at most one autosave interval.
      CREATE TABLE section_drafts (
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        section_key TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id),
        content TEXT NOT NULL CHECK (json_valid(content)),
        base_version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, section_key, user_id)
      ) STRICT;

      -- A section is held by one person while they edit it.
      CREATE TABLE section_holds (
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        section_key TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id),
        held_since TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, section_key)
      ) STRICT;

      CREATE TABLE assessment_sources (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        source TEXT NOT NULL,
        agency TEXT NOT NULL,
        consulted_on TEXT NOT NULL,
        consulted_by TEXT NOT NULL REFERENCES users(id),
        abe_interview_accessed INTEGER NOT NULL CHECK (abe_interview_accessed IN (0, 1)),
        notes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      CREATE TABLE assessment_sessions (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        held_on TEXT NOT NULL,
        participants TEXT NOT NULL CHECK (json_valid(participants)),
        assessor_ids TEXT NOT NULL CHECK (json_valid(assessor_ids)),
        place TEXT NOT NULL,
        notes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      -- The planning meeting and the end meeting (attendees, actions and what was decided).
      CREATE TABLE assessment_meetings (
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        kind TEXT NOT NULL CHECK (kind IN ('planning', 'end')),
        details TEXT NOT NULL CHECK (json_valid(details)),
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (assessment_id, kind)
      ) STRICT;
    `);
  },
};

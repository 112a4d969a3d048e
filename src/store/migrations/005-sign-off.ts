import type { Migration } from './migration.ts';

/** Quality assurance, the signed report content, signatures and the record of every report export. */
export const signOff: Migration = {
  version: 5,
  name: 'sign-off',
  up(db) {
    db.exec(`
      -- Every transition of an assessment report: who, when, and their comments.
      CREATE TABLE report_transitions (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        action TEXT NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        comments TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX report_transitions_by_assessment ON report_transitions(assessment_id, at);

      -- The exact content approved in quality assurance, which the signatures cover.
      CREATE TABLE report_snapshots (
        assessment_id TEXT PRIMARY KEY REFERENCES assessments(id),
        content TEXT NOT NULL CHECK (json_valid(content)),
        content_hash TEXT NOT NULL,
        taken_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE report_signatures (
        id TEXT PRIMARY KEY,
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        signer_id TEXT NOT NULL REFERENCES users(id),
        signing_key_id TEXT NOT NULL REFERENCES signing_keys(id),
        payload TEXT NOT NULL,
        signature TEXT NOT NULL,
        -- HMAC of the public key under the keyring's audit key, so a key swapped in the database is noticed.
        key_mac TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        UNIQUE (assessment_id, signer_id)
      ) STRICT;

      CREATE TABLE report_exports (
        id TEXT PRIMARY KEY,
        assessment_id TEXT REFERENCES assessments(id),
        case_id TEXT NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL,
        version_no INTEGER,
        marking TEXT NOT NULL,
        saved_to TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
    `);
  },
};

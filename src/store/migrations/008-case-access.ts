import type { Migration } from './migration.ts';

/** Need-to-know access: break-glass grants and requests for access, each with its reason. */
export const caseAccess: Migration = {
  version: 8,
  name: 'case-access',
  up(db) {
    db.exec(`
      CREATE TABLE case_access_grants (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        granted_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        CHECK (expires_at > granted_at)
      ) STRICT;
      CREATE INDEX case_access_grants_by_case ON case_access_grants(case_id, user_id);

      CREATE TABLE case_access_requests (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        requested_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_access_requests_by_case ON case_access_requests(case_id, requested_at);
    `);
  },
};

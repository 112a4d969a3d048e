import type { Migration } from './migration.ts';

/**
 * - Words a practitioner marks as identifying on a case (a nickname, a street, a club): the anonymised
 *   view and every anonymised export replace them, as they do every name the case knows.
 * - A parent or carer who cannot be asked for consent (whereabouts unknown, deceased, no parental
 *   responsibility): the social worker records why, and where the profile's consent rule asks for it a
 *   manager approves; the share record (map_exports.consent_basis) and the trail show both.
 */
export const anonymisingAndConsentExceptions: Migration = {
  version: 21,
  name: 'anonymising-and-consent-exceptions',
  up(db) {
    db.exec(`
      CREATE TABLE case_identifying_words (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        word TEXT NOT NULL CHECK (length(trim(word)) > 0),
        shown_as TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX case_identifying_words_by_case ON case_identifying_words(case_id);

      CREATE TABLE consent_exceptions (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        purpose TEXT NOT NULL,
        person_id TEXT NOT NULL REFERENCES case_people(id),
        circumstance TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id),
        approved_at TEXT,
        approved_by TEXT REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX consent_exceptions_by_case ON consent_exceptions(case_id, purpose);

      -- The share record says on what footing it went where a parent or carer could not be asked.
      ALTER TABLE map_exports ADD COLUMN consent_basis TEXT NOT NULL DEFAULT '';
    `);
  },
};

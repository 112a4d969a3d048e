import { sqlMigration } from './migration.ts';

/**
 * Issue 14: the child's record complete enough to use (ethnicity, first language, interpreter, SEND,
 * home address, GP), the referrer's name and contact details on a concern with the eligibility facts it
 * gave (so the AIM start form says them once), and case notes: dated,
 * attributed and add-only (a correction is a new note). Every new column and table travels with the
 * case (src/store/sync/tables.ts); names, addresses and the GP are hidden in the anonymised view.
 */
// The SQL as it shipped, to the letter (SQLite keeps a table's CREATE text as written).
export const childRecordAndCaseNotes = sqlMigration(
  23,
  'child-record-and-case-notes',
  `
      ALTER TABLE children ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN first_language TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN interpreter_needed TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN send_status TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN send_note TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN home_address TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN gp_practice TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN gp_contact TEXT NOT NULL DEFAULT '';

      ALTER TABLE referrals ADD COLUMN referrer_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE referrals ADD COLUMN referrer_phone TEXT NOT NULL DEFAULT '';
      ALTER TABLE referrals ADD COLUMN referrer_email TEXT NOT NULL DEFAULT '';
      -- The eligibility facts as the concern gave them, so the AIM start form can carry them over.
      ALTER TABLE referrals ADD COLUMN facts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(facts));

      CREATE TABLE case_notes (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        event_day TEXT NOT NULL,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX case_notes_by_case ON case_notes(case_id, event_day);
    `,
);

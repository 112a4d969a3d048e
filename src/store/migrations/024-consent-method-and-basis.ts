import { sqlMigration } from './migration.ts';

/**
 * Consent said once (issue 14): a consent record says how it was given and on which day (by phone, in
 * person …), and a consent to share the map may rest on a consent already recorded (at referral), naming
 * it, so a withdrawal of that consent shows on the map sharing. Older records have no method or day.
 */
// The SQL as it shipped, to the letter (SQLite keeps a table's CREATE text as written).
export const consentMethodAndBasis = sqlMigration(
  24,
  'consent-method-and-basis',
  `
      ALTER TABLE case_consents ADD COLUMN method TEXT NOT NULL DEFAULT '';
      ALTER TABLE case_consents ADD COLUMN given_on TEXT;
      -- No REFERENCES: the service checks the consent named is on the same case and person, and a synced
      -- record may arrive before the one it names.
      ALTER TABLE case_consents ADD COLUMN rests_on TEXT;
    `,
);

import type { Migration } from './migration.ts';

/**
 * A manager returning an assessment attaches each comment to the part it is about (a narrative section,
 * a domain, or the whole assessment): a JSON array of { about, comment } on the return's transition.
 * `comments` keeps the same comments as plain text, so the QA history and older readers still show them.
 * report_transitions is synced; its capture triggers are rebuilt from its columns after migrating.
 */
export const returnComments: Migration = {
  version: 22,
  name: 'return-comments',
  up(db) {
    db.exec(`ALTER TABLE report_transitions ADD COLUMN section_comments TEXT NOT NULL DEFAULT '[]';`);
  },
};

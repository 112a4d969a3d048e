import { WorkbenchError } from '#contract/errors.ts';
import type { Db } from '../database.ts';
import { dropCaptureTriggers, installCaptureTriggers, withoutCapture } from '../sync/tables.ts';
import { foundation } from './001-foundation.ts';
import { profilesAndDeadlines } from './002-profiles-and-deadlines.ts';
import { patternMap } from './003-pattern-map.ts';
import { assessments } from './004-assessments.ts';
import { signOff } from './005-sign-off.ts';
import { pathway } from './006-pathway.ts';
import { reportMapImage } from './007-report-map-image.ts';
import { caseAccess } from './008-case-access.ts';
import { pendingExports } from './010-pending-exports.ts';
import { mapItemRemovals } from './011-map-item-removals.ts';
import { pendingExportDigests } from './012-pending-export-digests.ts';
import { meetings } from './013-meetings.ts';
import { sync } from './020-sync.ts';
import { anonymisingAndConsentExceptions } from './021-anonymising-and-consent-exceptions.ts';
import { returnComments } from './022-return-comments.ts';
import { childRecordAndCaseNotes } from './023-child-record-and-case-notes.ts';
import { consentMethodAndBasis } from './024-consent-method-and-basis.ts';
import { syncHeldChangeSets } from './025-sync-held-change-sets.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  profilesAndDeadlines,
  patternMap,
  assessments,
  signOff,
  pathway,
  reportMapImage,
  caseAccess,
  pendingExports,
  mapItemRemovals,
  pendingExportDigests,
  meetings,
  sync,
  // After 020: stores already at 20 must still get it.
  anonymisingAndConsentExceptions,
  returnComments,
  childRecordAndCaseNotes,
  consentMethodAndBasis,
  syncHeldChangeSets,
];

// Versions rise strictly; on a branch that lacks some numbers (taken by other branches) they may skip.
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` (default: the latest), one transaction per migration, so a failure
 * leaves the database at the last version that fully applied. A database newer than this app is
 * refused untouched.
 */
export function migrate(db: Db, target: number = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new WorkbenchError(
      'store-refused',
      `This database was written by a newer version of the workbench (schema ${current}; this app knows up to ${LATEST_VERSION}). Install the newer workbench to open it. Nothing has been changed.`,
    );
  }
  MIGRATIONS.forEach((migration, index) => {
    if (migration.version <= (MIGRATIONS[index - 1]?.version ?? 0))
      throw new Error(`Migration ${migration.name} is out of order.`);
  });
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length > 0) {
    // A schema change rewriting rows is the same on every machine: nobody's change to send.
    // Triggers name every column of the synced tables: a migration that changes one must not trip on them.
    dropCaptureTriggers(db);
    withoutCapture(db, () => {
      for (const migration of pending) {
        db.transaction(() => {
          migration.up(db);
          db.pragma(`user_version = ${migration.version}`);
        })();
      }
    });
  }
  if (schemaVersion(db) >= sync.version) installCaptureTriggers(db);
}

import { WorkbenchError } from '#contract/errors.ts';
import type { HsbCase } from '#contract/schemas.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { findCase } from '#store/cases.ts';
import type { Db } from '#store/database.ts';
import { namesById } from '../deadlines.ts';
import { requireProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';

export interface CaseContext {
  db: Db;
  now: string;
  hsbCase: HsbCase;
  profile: Profile;
  names: Map<string, string>;
}

/** What each view of a case's pathway starts from: the store, the time now, the case, its profile version and people's names. */
export function caseContext(wb: Workbench, caseId: string): CaseContext {
  const db = wb.db();
  const now = wb.now().toISOString();
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
  const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
  return { db, now, hsbCase, profile, names: namesById(db) };
}

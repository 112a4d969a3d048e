import { WorkbenchError } from '#contract/errors.ts';
import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import type { Db } from '#store/database.ts';
import { requireProfile } from '../profiles.ts';

/** An open case on the pathway, its child and the profile version it runs under; refused plainly otherwise. */
export function openCaseParts(db: Db, caseId: string) {
  const hsbCase = findCase(db, caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
  if (hsbCase.status !== 'open') throw new WorkbenchError('rule-broken', 'This case is closed.');
  return { hsbCase, child, profile: requireProfile(db, hsbCase.profileId, hsbCase.profileVersion) };
}

/** Refuses a request with one problem on one field. */
export const refuse = (path: string, message: string, summary: string): never => {
  throw new WorkbenchError('invalid-request', summary, { problems: [{ path, message }] });
};

import type { CallResponse } from '#contract/calls.ts';
import { findCase, openCaseIdsOf } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import { mayAccessCase } from '../case-access.ts';
import { requireProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';
import { trackedActionsOfCase } from './summary.ts';

/**
 * My work: the actions the procedures ask for on the open cases the person is allocated to and not yet
 * recorded (e.g. "Record the intervention plan" once an AIM assessment is final), case by case.
 */
export function myActions(wb: Workbench): CallResponse<'deadlines.myActions'> {
  const { user } = wb.signedIn();
  const db = wb.db();
  return openCaseIdsOf(db, user.id)
    .filter((caseId) => mayAccessCase(wb, db, caseId))
    .flatMap((caseId) => {
      const hsbCase = findCase(db, caseId);
      if (!hsbCase) return [];
      const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
      const childName = findChild(db, hsbCase.childId)?.name ?? '';
      return trackedActionsOfCase(db, caseId, profile)
        .filter((a) => a.doneAt === null)
        .map((a) => ({
          caseId,
          caseReference: hsbCase.reference,
          childName,
          id: a.id,
          label: a.label,
          citation: a.citation,
        }));
    });
}

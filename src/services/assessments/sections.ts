import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { addMilliseconds, londonTime, millisecondsBetween } from '#domain/dates.ts';
import {
  type AssessmentRow,
  deleteDraft,
  draftsOf,
  dropHold,
  holdsOf,
  putHold,
  saveDraft,
  saveSectionRow,
  sectionsOfAssessment,
} from '#store/assessments.ts';
import type { Db } from '#store/database.ts';
import { namesById } from '../deadlines.ts';
import type { Workbench } from '../workbench.ts';
import { requireAssessment } from './view.ts';
import { changeAssessment, requireAssessor } from './work.ts';

// Two assessors working at once never lose each other's work: a narrative section is held by one person
// while they edit it, their typing is autosaved as a draft that survives a crash, and a save made on a
// stale copy is refused so the two texts can be put side by side.

/** A hold lapses this long after the holder's last autosave, so a closed laptop does not lock others out for ever. */
export const HOLD_MINUTES = 10;

function requireSection(a: AssessmentRow, key: string) {
  const section = a.framework.sections.find((s) => s.id === key);
  if (!section)
    throw new WorkbenchError('invalid-request', 'That section is not part of this assessment.', {
      problems: [{ path: 'sectionKey', message: 'is not a section of this framework' }],
    });
  return section;
}

/** Takes (or refreshes) the hold on a section for this person; refuses while someone else holds it. */
function takeHold(db: Db, a: AssessmentRow, key: string, userId: string, now: string): void {
  const current = holdsOf(db, a.id).find((h) => h.sectionKey === key);
  const live = current && millisecondsBetween(now, current.expiresAt) > 0;
  if (current && live && current.userId !== userId) {
    const who = namesById(db).get(current.userId) ?? 'The other assessor';
    throw new WorkbenchError(
      'conflict',
      `${who} is editing this section (since ${londonTime(current.heldSince)}). You can read it; try again when they have finished.`,
    );
  }
  const heldSince = current && live && current.userId === userId ? current.heldSince : now;
  putHold(db, a.id, {
    sectionKey: key,
    userId,
    heldSince,
    expiresAt: addMilliseconds(now, HOLD_MINUTES * 60_000),
  });
}

export const holdSection = (wb: Workbench, req: ParsedRequest<'assessments.holdSection'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    const section = requireSection(a, req.sectionKey);
    takeHold(db, a, section.id, userId, now);
    audit({
      action: 'assessment.hold',
      recordType: 'assessment',
      recordId: a.id,
      summary: `started editing “${section.heading}”`,
    });
  });

export const releaseSection = (wb: Workbench, req: ParsedRequest<'assessments.releaseSection'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId) => {
    const section = requireSection(a, req.sectionKey);
    const hold = holdsOf(db, a.id).find((h) => h.sectionKey === section.id);
    if (hold?.userId !== userId) return;
    dropHold(db, a.id, section.id);
    audit({
      action: 'assessment.release',
      recordType: 'assessment',
      recordId: a.id,
      summary: `stopped editing “${section.heading}”`,
    });
  });

/**
 * Keeps what the person has typed so far as their draft of the section. The first autosave of an editing
 * spell is audited; later ones update the same draft row (which records who and when itself).
 */
export function autosave(wb: Workbench, req: ParsedRequest<'assessments.autosave'>): { savedAt: string } {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    const a = requireAssessment(db, req.assessmentId);
    requireAssessor(a, userId);
    const section = requireSection(a, req.sectionKey);
    takeHold(db, a, section.id, userId, now);
    const existing = draftsOf(db, a.id, userId).find((d) => d.sectionKey === section.id);
    const baseVersion =
      existing?.baseVersion ??
      sectionsOfAssessment(db, a.id).find((s) => s.sectionKey === section.id)?.version ??
      0;
    saveDraft(db, a.id, { sectionKey: section.id, userId, content: req.content, baseVersion, savedAt: now });
    if (!existing)
      audit({
        action: 'assessment.draft',
        recordType: 'assessment',
        recordId: a.id,
        summary: `began a draft of “${section.heading}”`,
      });
  });
  return { savedAt: now };
}

export const saveSection = (wb: Workbench, req: ParsedRequest<'assessments.saveSection'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    const section = requireSection(a, req.sectionKey);
    takeHold(db, a, section.id, userId, now);
    if (!saveSectionRow(db, a.id, section.id, req.content, req.expectedVersion, userId, now)) {
      // Nothing is overwritten: their text stays saved, this person's stays in the editor and in their draft.
      throw new WorkbenchError(
        'conflict',
        `“${section.heading}” was changed by the other assessor after you started. Your text has not been lost: compare the two side by side and save the combined text.`,
      );
    }
    deleteDraft(db, a.id, section.id, userId);
    dropHold(db, a.id, section.id);
    audit({
      action: 'assessment.section',
      recordType: 'assessment',
      recordId: a.id,
      summary: `saved “${section.heading}”`,
    });
  });

import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { recordedLevels } from '#domain/assessment/frameworks.ts';
import { startOfLondonDay } from '#domain/dates.ts';
import {
  type AssessmentRow,
  agreedOfAssessment,
  domainProgress,
  findAssessmentItem,
  finishDomain,
  insertAssessmentItem,
  insertSession,
  insertSource,
  itemsOfAssessment,
  ratingsOfAssessment,
  saveMeetingRow,
  sessionsOf,
  setAssessmentField,
  upsertAgreed,
  upsertRating,
} from '#store/assessments.ts';
import { findCase } from '#store/cases.ts';
import type { Db } from '#store/database.ts';
import { caseEvents } from '#store/deadlines.ts';
import { refuseFutureDay } from '../not-in-future.ts';
import { raiseEvent } from '../pathway/events.ts';
import { requireProfile } from '../profiles.ts';
import type { AuditNote, Workbench } from '../workbench.ts';
import { readAssessment, requireAssessment } from './view.ts';

type Audit = (note: AuditNote) => void;

/** Only the two named co-assessors write the assessment; everyone else with access reads it. */
export function requireAssessor(a: AssessmentRow, userId: string): 'lead' | 'co' {
  if (a.state !== 'in-progress') {
    throw new WorkbenchError(
      'rule-broken',
      'This version of the assessment can no longer be changed. Start a review to make a new version.',
    );
  }
  if (userId === a.leadAssessorId) return 'lead';
  if (userId === a.coAssessorId) return 'co';
  throw new WorkbenchError('forbidden', 'Only the two co-assessors can change this assessment.');
}

/** Runs a change to an assessment as one of its co-assessors and returns the assessment as they now see it. */
export function changeAssessment(
  wb: Workbench,
  assessmentId: string,
  change: (db: Db, audit: Audit, a: AssessmentRow, userId: string, now: string) => void,
) {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    const a = requireAssessment(db, assessmentId);
    requireAssessor(a, userId);
    change(db, audit, a, userId, now);
  });
  return readAssessment(wb.db(), assessmentId, userId, now);
}

export const note = (a: AssessmentRow, action: string, summary: string): AuditNote => ({
  action: `assessment.${action}`,
  recordType: 'assessment',
  recordId: a.id,
  summary,
});

export const addSource = (wb: Workbench, req: ParsedRequest<'assessments.addSource'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    refuseFutureDay(
      req.consultedOn,
      now,
      'consultedOn',
      'A source cannot have been consulted on a day still to come. Check the date.',
    );
    insertSource(
      db,
      a.id,
      {
        id: randomUUID(),
        source: req.source,
        agency: req.agency,
        consultedOn: req.consultedOn,
        consultedBy: userId,
        abeInterviewAccessed: req.abeInterviewAccessed,
        notes: req.notes,
      },
      now,
    );
    audit(
      note(
        a,
        'source',
        `recorded information from ${req.agency}${req.abeInterviewAccessed ? ' (ABE interview accessed)' : ''}`,
      ),
    );
  });

/** A session; the first with the child starts the window where the profile counts from it (Lancashire step 8). */
export const addSession = (wb: Workbench, req: ParsedRequest<'assessments.addSession'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    for (const [i, id] of req.assessorIds.entries()) {
      if (id !== a.leadAssessorId && id !== a.coAssessorId) {
        throw new WorkbenchError('invalid-request', 'Choose the assessors from the two co-assessors.', {
          problems: [{ path: `assessorIds[${i}]`, message: 'is not a co-assessor' }],
        });
      }
    }
    refuseFutureDay(req.heldOn, now, 'heldOn', 'A session cannot be recorded before it has happened.');
    const withChild = req.participants.some((p) => p.kind === 'child');
    const firstWithChild =
      withChild && !sessionsOf(db, a.id).some((s) => s.participants.some((p) => p.kind === 'child'));
    insertSession(
      db,
      a.id,
      {
        id: randomUUID(),
        heldOn: req.heldOn,
        participants: req.participants,
        assessorIds: [...new Set(req.assessorIds)],
        place: req.place,
        notes: req.notes,
        createdBy: userId,
      },
      now,
    );
    audit(
      note(
        a,
        'session',
        `recorded a session on ${req.heldOn} with ${req.participants.map((p) => p.kind).join(', ')}`,
      ),
    );
    const hsbCase = findCase(db, a.caseId);
    if (!firstWithChild || !hsbCase) return;
    const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
    const event = profile.triggerEvents.find((e) => e.id === 'first-meeting-with-child');
    if (event && !caseEvents(db, a.caseId).some((e) => e.event === event.id)) {
      raiseEvent(db, audit, {
        caseId: a.caseId,
        profile,
        event,
        occurredAt: startOfLondonDay(req.heldOn),
        note: 'First assessment session with the child',
        brookColour: null,
        userId,
        now,
      });
    }
  });

export const saveMeeting = (wb: Workbench, req: ParsedRequest<'assessments.saveMeeting'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    if (!saveMeetingRow(db, a.id, req.kind, req.details, req.expectedVersion, userId, now)) {
      throw new WorkbenchError(
        'conflict',
        `The other assessor saved the ${req.kind} meeting record after you opened it. Reload to see their changes, then add yours.`,
      );
    }
    audit(
      note(
        a,
        `${req.kind}-meeting`,
        `saved the ${req.kind === 'end' ? 'end' : 'planning'} meeting record (${req.details.attendees.length} attendees, ${req.details.actions.length} actions)`,
      ),
    );
  });

export function requireDomain(a: AssessmentRow, domainId: string) {
  const domain = a.framework.domains.find((d) => d.id === domainId);
  if (!domain)
    throw new WorkbenchError('invalid-request', 'That domain is not part of this assessment.', {
      problems: [{ path: 'domainId', message: 'is not a domain of this framework' }],
    });
  return domain;
}

export const addItem = (wb: Workbench, req: ParsedRequest<'assessments.addItem'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    const domain = requireDomain(a, req.domainId);
    insertAssessmentItem(db, {
      id: randomUUID(),
      assessmentId: a.id,
      domainId: domain.id,
      kind: req.kind,
      label: req.label,
      licensedItemId: null,
      createdAt: now,
      createdBy: userId,
    });
    audit(note(a, 'item', `added a ${req.kind} to ${domain.name}`));
  });

/** Adds the organisation's licensed items for a domain (those not already there). */
export const addLicensedItems = (wb: Workbench, req: ParsedRequest<'assessments.addLicensedItems'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    const domain = requireDomain(a, req.domainId);
    const set = a.framework.itemSet;
    if (!set)
      throw new WorkbenchError(
        'rule-broken',
        'No licensed item set was loaded for this framework when the assessment started.',
      );
    const present = new Set(itemsOfAssessment(db, a.id).map((i) => i.licensedItemId));
    const added = set.items.filter((i) => i.domainId === domain.id && !present.has(i.id));
    for (const item of added) {
      insertAssessmentItem(db, {
        id: randomUUID(),
        assessmentId: a.id,
        domainId: domain.id,
        kind: item.kind,
        label: item.text,
        licensedItemId: item.id,
        createdAt: now,
        createdBy: userId,
      });
    }
    audit(note(a, 'item', `added ${added.length} licensed items to ${domain.name}`));
  });

function itemOf(db: Db, itemId: string) {
  const item = findAssessmentItem(db, itemId);
  if (!item) throw new WorkbenchError('not-found', 'That item is not in the assessment.');
  return item;
}

function requireScale(a: AssessmentRow, rating: string): void {
  if (!a.framework.ratingScale.some((s) => s.id === rating)) {
    throw new WorkbenchError('invalid-request', 'Choose a rating from the scale.', {
      problems: [{ path: 'rating', message: 'is not on the rating scale' }],
    });
  }
}

/** Each assessor rates independently first: once they have finished a domain, their ratings in it are fixed. */
export function rate(wb: Workbench, req: ParsedRequest<'assessments.rate'>) {
  const item = itemOf(wb.db(), req.itemId);
  return changeAssessment(wb, item.assessmentId, (db, audit, a, userId, now) => {
    requireScale(a, req.rating);
    if (domainProgress(db, a.id).some((p) => p.domainId === item.domainId && p.assessorId === userId)) {
      throw new WorkbenchError(
        'rule-broken',
        'You have finished your independent ratings for this domain. Record an agreed position with the other assessor instead.',
      );
    }
    upsertRating(db, {
      itemId: item.id,
      assessorId: userId,
      rating: req.rating,
      evidence: req.evidence,
      source: req.source,
      updatedAt: now,
    });
    audit(note(a, 'rate', `rated an item in ${requireDomain(a, item.domainId).name}`));
  });
}

export const finishIndependentRatings = (wb: Workbench, req: ParsedRequest<'assessments.finishDomain'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a, userId, now) => {
    const domain = requireDomain(a, req.domainId);
    const items = itemsOfAssessment(db, a.id).filter((i) => i.domainId === domain.id);
    const mine = new Set(
      ratingsOfAssessment(db, a.id)
        .filter((r) => r.assessorId === userId)
        .map((r) => r.itemId),
    );
    const unrated = items.filter((i) => !mine.has(i.id));
    if (items.length === 0 || unrated.length > 0) {
      throw new WorkbenchError(
        'rule-broken',
        items.length === 0
          ? `Add the concerns and strengths of ${domain.name} first.`
          : `Rate every item in ${domain.name} first: ${unrated.length} still to rate.`,
      );
    }
    finishDomain(db, a.id, domain.id, userId, now);
    audit(note(a, 'finish-domain', `finished their independent ratings of ${domain.name}`));
  });

/** Agreeing a position waits until both assessors have finished their independent ratings of the domain. */
export function requireBothFinished(db: Db, a: AssessmentRow, domainId: string): void {
  const finished = domainProgress(db, a.id)
    .filter((p) => p.domainId === domainId)
    .map((p) => p.assessorId);
  if (!finished.includes(a.leadAssessorId) || !finished.includes(a.coAssessorId)) {
    throw new WorkbenchError(
      'rule-broken',
      'Both assessors must finish their independent ratings of this domain before agreeing a position.',
    );
  }
}

/** One assessor proposes the agreed position and why; the other confirms it, so both names stand behind it. */
export function proposeAgreement(wb: Workbench, req: ParsedRequest<'assessments.proposeAgreement'>) {
  const item = itemOf(wb.db(), req.itemId);
  return changeAssessment(wb, item.assessmentId, (db, audit, a, userId, now) => {
    requireScale(a, req.rating);
    requireBothFinished(db, a, item.domainId);
    upsertAgreed(db, {
      itemId: item.id,
      rating: req.rating,
      rationale: req.rationale,
      proposedBy: userId,
      proposedAt: now,
      confirmedBy: null,
      confirmedAt: null,
    });
    audit(
      note(a, 'propose-agreement', `proposed an agreed rating in ${requireDomain(a, item.domainId).name}`),
    );
  });
}

export function confirmAgreement(wb: Workbench, req: ParsedRequest<'assessments.confirmAgreement'>) {
  const item = itemOf(wb.db(), req.itemId);
  return changeAssessment(wb, item.assessmentId, (db, audit, a, userId, now) => {
    const proposal = agreedOfAssessment(db, a.id).find((x) => x.itemId === item.id);
    if (!proposal)
      throw new WorkbenchError('rule-broken', 'There is no proposed agreed position to confirm.');
    if (proposal.proposedBy === userId)
      throw new WorkbenchError(
        'rule-broken',
        'The other assessor must confirm the agreed position you proposed.',
      );
    if (proposal.rating !== req.rating || proposal.proposedAt !== req.proposedAt) {
      throw new WorkbenchError(
        'conflict',
        'The proposed position changed after you looked at it. Read the new proposal, then confirm it if you agree.',
      );
    }
    upsertAgreed(db, { ...proposal, confirmedBy: userId, confirmedAt: now });
    audit(
      note(a, 'confirm-agreement', `confirmed the agreed rating in ${requireDomain(a, item.domainId).name}`),
    );
  });
}

export const setOutcome = (wb: Workbench, req: ParsedRequest<'assessments.setOutcome'>) =>
  changeAssessment(wb, req.assessmentId, (db, audit, a) => {
    const levels = a.framework.levels ?? [];
    if (levels.length > 0) {
      // AIM3: each overall level is recorded on its own (concern, strengths).
      const level = levels.find((l) => l.id === req.level);
      if (!level)
        throw new WorkbenchError(
          'invalid-request',
          `Say which overall level you are recording: ${levels.map((l) => l.label.toLowerCase()).join(' or ')}.`,
          { problems: [{ path: 'level', message: 'is not a level of this framework' }] },
        );
      const option = level.options.find((o) => o.id === req.outcome);
      if (!option)
        throw new WorkbenchError(
          'invalid-request',
          `Choose the ${level.label.toLowerCase()} from the list.`,
          {
            problems: [{ path: 'outcome', message: `is not a choice for the ${level.label.toLowerCase()}` }],
          },
        );
      const next = { ...recordedLevels(a.outcome), [level.id]: option.id };
      setAssessmentField(db, a.id, 'outcome', JSON.stringify(next));
      audit(note(a, 'outcome', `set the ${level.label.toLowerCase()} to ${option.id}`));
      return;
    }
    if (req.level !== undefined || !a.framework.outcome?.options.some((o) => o.id === req.outcome)) {
      throw new WorkbenchError('invalid-request', 'Choose one of the outcomes this framework defines.', {
        problems: [{ path: 'outcome', message: 'is not an outcome of this framework' }],
      });
    }
    setAssessmentField(db, a.id, 'outcome', req.outcome);
    audit(note(a, 'outcome', `set the overall outcome to ${req.outcome}`));
  });

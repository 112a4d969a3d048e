import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { AGENCY_LABELS } from '#contract/vocabulary.ts';
import { londonDay } from '#domain/dates.ts';
import { evaluateEligibility } from '#domain/profiles/index.ts';
import type { Db } from '#store/database.ts';
import { insertReferral } from '#store/pathway.ts';
import { findPerson } from '#store/pattern-map.ts';
import { refuseFuture } from '../not-in-future.ts';
import type { Workbench } from '../workbench.ts';
import { openCaseParts, refuse } from './case.ts';
import { raiseEvent } from './events.ts';
import { pathwaySummary } from './summary.ts';

// Referral and screening: the concern, its source and the eligibility criteria explained line by line.

function eligibilityFor(
  db: Db,
  caseId: string,
  receivedAt: string,
  facts: ParsedRequest<'pathway.checkEligibility'>['facts'],
) {
  const { child, profile } = openCaseParts(db, caseId);
  const e = evaluateEligibility(profile, {
    ...facts,
    referralDate: londonDay(receivedAt),
    dateOfBirth: child.dateOfBirth,
  });
  return {
    outcome: e.outcome,
    outcomeLabel: e.outcomeLabel,
    summary: e.summary,
    criteria: e.criteria.map((c) => ({ label: c.label, result: c.result, explanation: c.explanation })),
  };
}

export const checkEligibility = (wb: Workbench, req: ParsedRequest<'pathway.checkEligibility'>) =>
  eligibilityFor(wb.db(), req.caseId, req.receivedAt, req.facts);

/**
 * A concern, as a new referral or on an open case: source, what was reported, the children involved by
 * reference, exploitation flags, and eligibility explained line by line. Proceeding against an unmet
 * criterion needs a recorded reason.
 */
export function recordConcern(wb: Workbench, req: ParsedRequest<'pathway.recordConcern'>) {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  refuseFuture(req.receivedAt, now, 'receivedAt');
  wb.write((db, audit) => {
    const { hsbCase, profile } = openCaseParts(db, req.caseId);
    for (const [i, c] of req.children.entries()) {
      if (findPerson(db, c.personId)?.caseId !== hsbCase.id)
        refuse(
          `children[${i}].personId`,
          'is not a person on this case',
          'Add the other children to the case (by reference) before naming them in the concern.',
        );
    }
    const eligibility = eligibilityFor(db, hsbCase.id, req.receivedAt, req.facts);
    const unmet = eligibility.outcome !== 'eligible-for-aim' && eligibility.outcome !== 'no-criteria';
    if (unmet && eligibility.outcome !== 'consultation-only' && !req.proceedReason) {
      throw new WorkbenchError(
        'rule-broken',
        `${eligibility.summary} To record the concern against the criteria, give the reason.`,
        {
          problems: [{ path: 'proceedReason', message: 'is required when a criterion is not met' }],
        },
      );
    }
    const receivedAt = new Date(req.receivedAt).toISOString();
    insertReferral(db, {
      id: randomUUID(),
      caseId: hsbCase.id,
      receivedAt,
      newReferral: req.newReferral,
      sourceAgency: req.sourceAgency,
      sourceRole: req.sourceRole,
      reported: req.reported,
      children: req.children,
      exploitation: req.exploitation,
      eligibility,
      proceedReason: req.proceedReason,
      referrerName: req.referrerName,
      referrerPhone: req.referrerPhone,
      referrerEmail: req.referrerEmail,
      facts: req.facts,
      recordedAt: now,
      recordedBy: userId,
    });
    audit({
      action: 'pathway.concern',
      recordType: 'case',
      recordId: hsbCase.id,
      summary: `recorded a concern from ${AGENCY_LABELS[req.sourceAgency]} (${eligibility.outcomeLabel})`,
    });
    const received = profile.triggerEvents.find(
      (e) => e.id === 'concern-received' || e.id === 'referral-received',
    );
    if (received)
      raiseEvent(db, audit, {
        caseId: hsbCase.id,
        profile,
        event: received,
        occurredAt: receivedAt,
        note: 'Concern recorded',
        brookColour: null,
        userId,
        now,
      });
  });
  return pathwaySummary(wb, req.caseId);
}

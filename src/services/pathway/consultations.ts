import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { millisecondsBetween } from '#domain/dates.ts';
import { consentFor, mayScreenConsultations } from '#domain/profiles/index.ts';
import { findCase } from '#store/cases.ts';
import type { Db } from '#store/database.ts';
import { findConsultation, insertConsultation, referralsOf, updateConsultation } from '#store/pathway.ts';
import { consentsOfCase, peopleOfCase } from '#store/pattern-map.ts';
import { findUser } from '#store/users.ts';
import { refuseFuture } from '../not-in-future.ts';
import { requireProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';
import { refuse } from './case.ts';
import { pathwaySummary } from './summary.ts';

// Consultation with the HSB hub (Lancashire protocol): request by the allocated social worker with their
// manager and the consents the profile asks for; hub screening (decline needs a rationale the referrer
// sees); the consultation meeting, its outcome, resources shared and next steps.

/** Consent the profile requires for a purpose that is not yet given, one sentence each. */
export function missingConsent(db: Db, caseId: string, purpose: string, from: readonly string[]): string[] {
  const consents = consentsOfCase(db, caseId).filter((c) => c.purpose === purpose);
  const latest = (subject: string, personId: string | null) =>
    consents.filter((c) => c.subject === subject && c.personId === personId).at(-1);
  const missing: string[] = [];
  if (from.includes('child') && latest('child', null)?.status !== 'given')
    missing.push('The consent of the child is not recorded.');
  if (from.includes('parent-carer')) {
    const carers = peopleOfCase(db, caseId).filter((p) => p.kind === 'parent-carer');
    if (carers.length === 0)
      missing.push('No parent or carer is recorded on the case: add them and record their consent.');
    for (const c of carers)
      if (latest('parent-carer', c.id)?.status !== 'given')
        missing.push(`The consent of ${c.anonymisedLabel} (parent/carer) is not recorded.`);
  }
  return missing;
}

export function requestConsultation(wb: Workbench, req: ParsedRequest<'consultations.request'>) {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    const hsbCase = findCase(db, req.caseId);
    if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
    const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
    const hub = profile.terminology.hub ?? 'HSB hub';
    if (user.id !== hsbCase.socialWorkerId)
      throw new WorkbenchError(
        'forbidden',
        `Only the allocated social worker can request a consultation with the ${hub}.`,
      );
    const manager = findUser(db, req.managerId);
    if (!manager?.active || !manager.roles.includes('manager')) {
      throw new WorkbenchError('invalid-request', 'Choose the manager who agreed the request.', {
        problems: [{ path: 'managerId', message: 'is not an active manager' }],
      });
    }
    const latest = referralsOf(db, hsbCase.id).at(-1);
    if (latest?.eligibility.outcome === 'not-eligible' && !latest.proceedReason) {
      throw new WorkbenchError(
        'rule-broken',
        `The referral criteria are not met: ${latest.eligibility.summary}`,
      );
    }
    const requirement = consentFor(profile, 'hub-referral');
    if (requirement) {
      const missing = missingConsent(db, hsbCase.id, 'hub-referral', requirement.from);
      if (missing.length) {
        throw new WorkbenchError(
          'rule-broken',
          `The request cannot go to the ${hub} yet. ${missing.join(' ')}`,
          { problems: missing.map((message) => ({ path: 'consent', message })) },
        );
      }
    }
    const id = randomUUID();
    insertConsultation(db, {
      id,
      caseId: hsbCase.id,
      state: 'requested',
      requestedAt: now,
      requestedBy: user.id,
      managerId: manager.id,
      request: req.request,
      screening: null,
      meeting: null,
      version: 1,
    });
    audit({
      action: 'consultation.request',
      recordType: 'case',
      recordId: hsbCase.id,
      summary: `requested a consultation with the ${hub}, agreed with a manager`,
    });
  });
  return pathwaySummary(wb, req.caseId);
}

function forChange(db: Db, id: string, expectedVersion: number) {
  const c = findConsultation(db, id);
  if (!c) throw new WorkbenchError('not-found', 'That consultation was not found.');
  if (c.version !== expectedVersion)
    throw new WorkbenchError(
      'conflict',
      'Someone else updated this consultation after you opened it. Reload to see their change.',
    );
  return c;
}

type Consultation = ReturnType<typeof forChange>;
type SignedInUser = ReturnType<Workbench['signedIn']>['user'];

/**
 * Changes one consultation (checked to exist at the version the caller saw) as `change` says, in one
 * transaction with its audit entry, and returns the case's pathway as it now stands.
 */
function changeConsultation(
  wb: Workbench,
  ref: { consultationId: string; expectedVersion: number },
  change: (
    db: Db,
    c: Consultation,
    user: SignedInUser,
    now: string,
  ) => { changed: Partial<Consultation>; action: string; summary: string },
) {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  let caseId = '';
  wb.write((db, audit) => {
    const c = forChange(db, ref.consultationId, ref.expectedVersion);
    caseId = c.caseId;
    const { changed, action, summary } = change(db, c, user, now);
    updateConsultation(db, { ...c, ...changed }, ref.expectedVersion);
    audit({ action, recordType: 'case', recordId: c.caseId, summary });
  });
  return pathwaySummary(wb, caseId);
}

/** The hub screens the request: accepted, or declined with a rationale shown to the referrer. */
export function screenConsultation(wb: Workbench, req: ParsedRequest<'consultations.screen'>) {
  return changeConsultation(wb, req, (db, c, user, now) => {
    if (c.state !== 'requested')
      throw new WorkbenchError('rule-broken', 'This request has already been screened.');
    if (user.id === c.requestedBy)
      throw new WorkbenchError(
        'forbidden',
        'The hub screens the request: the person who made it cannot screen it.',
      );
    // Who screens is the profile's (Lancashire step 2: the CYJS HSB Hub, in the youth justice service).
    const hsbCase = findCase(db, c.caseId);
    const profile = hsbCase && requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
    if (profile && !mayScreenConsultations(profile, user.agency)) {
      const screener = profile.consultation?.screenedBy ?? 'hub staff in the youth justice service';
      throw new WorkbenchError(
        'forbidden',
        `Under the ${profile.name} profile the request is screened by the ${screener}: ask them to screen it.`,
      );
    }
    if (req.decision === 'decline' && !req.rationale)
      refuse(
        'rationale',
        'is required to decline',
        'Give the rationale for declining: it is shown to the referrer.',
      );
    return {
      changed: {
        state: req.decision === 'accept' ? 'accepted' : 'declined',
        screening: { decision: req.decision, rationale: req.rationale, by: user.id, at: now },
      },
      action: `consultation.${req.decision}`,
      summary: `${req.decision === 'accept' ? 'accepted' : 'declined'} the consultation request${req.rationale ? '; rationale recorded' : ''}`,
    };
  });
}

export function recordConsultationMeeting(wb: Workbench, req: ParsedRequest<'consultations.recordMeeting'>) {
  return changeConsultation(wb, req, (_db, c, user, now) => {
    if (c.state !== 'accepted')
      throw new WorkbenchError(
        'rule-broken',
        'The consultation can be held once the hub has accepted the request.',
      );
    const heldAt = new Date(req.heldAt).toISOString();
    refuseFuture(heldAt, now, 'heldAt', 'The consultation cannot be recorded before it has happened.');
    if (millisecondsBetween(c.requestedAt, heldAt) < 0)
      refuse(
        'heldAt',
        'is before the request',
        'The consultation cannot have been held before it was requested.',
      );
    return {
      changed: {
        state: 'held',
        meeting: {
          heldAt,
          chair: req.chair,
          attendees: req.attendees,
          agenda: req.agenda,
          decisions: req.decisions,
          actions: req.actions,
          outcome: req.outcome,
          resourcesShared: req.resourcesShared,
          nextSteps: req.nextSteps,
          notes: req.notes,
          recordedBy: user.id,
        },
      },
      action: 'consultation.held',
      summary: `recorded the consultation: behaviour ${req.outcome}; next steps ${req.nextSteps.join(', ')}`,
    };
  });
}

import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { ConsentException, PatternMap } from '../contract/pattern-map-schemas.ts';
import { formatInstant } from '../domain/dates.ts';
import { givenWords, mayRecordCannotBeAsked } from '../domain/pattern-map/consent-rule.ts';
import { consentFor } from '../domain/profiles/index.ts';
import {
  CANNOT_BE_ASKED_LABELS,
  type CannotBeAsked,
  type CannotBeAskedRule,
} from '../domain/profiles/schema-parts.ts';
import { findCase } from '../store/cases.ts';
import type { Db } from '../store/database.ts';
import {
  approveConsentException,
  consentExceptionsOf,
  consentsOfCase,
  findConsentException,
  findPerson,
  insertConsentException,
  peopleOfCase,
} from '../store/pattern-map.ts';
import { namesById } from './deadlines.ts';
import { readMap } from './pattern-map.ts';
import { requireProfile } from './profiles.ts';
import type { Workbench } from './workbench.ts';

// A parent or carer who cannot be asked for consent to share the map (whereabouts unknown, deceased, no
// parental responsibility). What may happen is the case profile's consent entry's rule: the allocated
// social worker records why, and, where the rule says so, a manager on the case approves. The share
// record and the trail show both.

export const MAP_SHARING = 'map-sharing-external';

/** The rule of the case profile's map-sharing consent entry, or undefined when it allows no exception. */
function requireCase(db: Db, caseId: string) {
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found. Nothing was saved.');
  return hsbCase;
}

export function cannotBeAskedRule(db: Db, caseId: string): CannotBeAskedRule | undefined {
  const hsbCase = requireCase(db, caseId);
  const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
  return consentFor(profile, 'pattern-map-sharing')?.whenParentCannotBeAsked;
}

export function consentExceptionViews(db: Db, caseId: string, names = namesById(db)): ConsentException[] {
  const people = new Map(peopleOfCase(db, caseId).map((p) => [p.id, p]));
  return consentExceptionsOf(db, caseId)
    .filter((e) => e.purpose === MAP_SHARING)
    .map((e) => ({
      id: e.id,
      personId: e.personId,
      personLabel: people.get(e.personId)?.anonymisedLabel ?? 'Unknown person',
      circumstance: e.circumstance as CannotBeAsked,
      reason: e.reason,
      recordedAt: e.recordedAt,
      recordedByName: names.get(e.recordedBy) ?? e.recordedBy,
      approvedAt: e.approvedAt,
      approvedByName: e.approvedBy ? (names.get(e.approvedBy) ?? e.approvedBy) : null,
    }));
}

/**
 * What the share record says about each parent or carer who could not be asked. The trail's copy leaves
 * out the reason the social worker typed (the audit trail never holds typed text): it says who recorded
 * a reason and who approved, and the share record holds the reason itself.
 */
export function consentBasis(
  map: Pick<PatternMap, 'consentExceptions' | 'consents'>,
  { reasons }: { reasons: boolean } = { reasons: true },
): string {
  // Consents to share said once (issue 14): each one resting on a consent recorded earlier names it.
  const latest = new Map(
    map.consents
      .filter((c) => c.purpose === 'map-sharing-external')
      .map((c) => [`${c.subject}:${c.personId ?? ''}`, c] as const),
  );
  const resting = [...latest.values()].flatMap((c) => {
    const basis = c.restsOn ? map.consents.find((b) => b.id === c.restsOn) : undefined;
    return c.status === 'given' && basis
      ? [
          `${c.subject === 'child' ? 'The child' : c.personLabel}: consent rests on the consent given ${givenWords(basis)} for the ${PURPOSE_WORDS[basis.purpose] ?? basis.purpose} (recorded by ${basis.recordedByName} on ${formatInstant(basis.recordedAt)}).`,
        ]
      : [];
  });
  return [...resting, ...exceptionLines(map, reasons)].join(' ');
}

const PURPOSE_WORDS: Record<string, string> = {
  'hub-referral': 'referral to the hub',
  'information-sharing': 'sharing of information',
};

function exceptionLines(map: Pick<PatternMap, 'consentExceptions'>, reasons: boolean): string[] {
  return map.consentExceptions.map(
    (e) =>
      `${e.personLabel} (parent/carer) was not asked: ${CANNOT_BE_ASKED_LABELS[e.circumstance]}. Reason recorded by ${e.recordedByName} on ${formatInstant(e.recordedAt)}${reasons ? `: ${e.reason}` : ' (kept with the share record).'}${
        e.approvedAt ? ` Approved by ${e.approvedByName ?? ''} on ${formatInstant(e.approvedAt)}.` : ''
      }`,
  );
}

export function recordCannotBeAsked(
  wb: Workbench,
  req: ParsedRequest<'consents.recordCannotBeAsked'>,
): PatternMap {
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    const hsbCase = requireCase(db, req.caseId);
    if (userId !== hsbCase.socialWorkerId)
      throw new WorkbenchError(
        'forbidden',
        'Only the allocated social worker can record that a parent or carer cannot be asked. Nothing was saved.',
      );
    const person = findPerson(db, req.personId);
    if (!person || person.caseId !== req.caseId || person.kind !== 'parent-carer')
      throw new WorkbenchError(
        'invalid-request',
        'Choose a parent or carer who is recorded on this case. Nothing was saved.',
        { problems: [{ path: 'personId', message: 'is not a parent or carer on this case' }] },
      );
    const answer = consentsOfCase(db, req.caseId)
      .filter((c) => c.purpose === MAP_SHARING && c.subject === 'parent-carer' && c.personId === person.id)
      .at(-1);
    if (answer?.status === 'refused')
      throw new WorkbenchError(
        'rule-broken',
        `${person.anonymisedLabel} was asked and refused consent to share the map, so they cannot be recorded as someone who cannot be asked. If they have since agreed, record their consent. Nothing was saved.`,
        { problems: [{ path: 'personId', message: 'refused consent to share the map' }] },
      );
    const rule = cannotBeAskedRule(db, req.caseId);
    if (!mayRecordCannotBeAsked(rule, req.circumstance))
      throw new WorkbenchError(
        'rule-broken',
        `The case’s protocol profile does not allow sharing the map without a parent’s or carer’s consent for this reason (${CANNOT_BE_ASKED_LABELS[req.circumstance]}). Record their consent, or ask an administrator about the profile. Nothing was saved.`,
        { problems: [{ path: 'circumstance', message: 'is not allowed by the profile’s consent rule' }] },
      );
    const id = randomUUID();
    insertConsentException(db, {
      id,
      caseId: req.caseId,
      purpose: MAP_SHARING,
      personId: person.id,
      circumstance: req.circumstance,
      reason: req.reason,
      recordedAt: wb.now().toISOString(),
      recordedBy: userId,
      approvedAt: null,
      approvedBy: null,
    });
    audit({
      action: 'consent.cannot-be-asked',
      recordType: 'case',
      recordId: req.caseId,
      summary: `recorded that ${person.anonymisedLabel} (parent/carer) cannot be asked for consent to share the map (${CANNOT_BE_ASKED_LABELS[req.circumstance]}); reason recorded${
        rule?.approval === 'case-manager' ? '; a manager on the case is to approve' : ''
      }`,
    });
    return readMap(db, req.caseId);
  });
}

export function approveCannotBeAsked(
  wb: Workbench,
  req: ParsedRequest<'consents.approveCannotBeAsked'>,
): PatternMap {
  const { user } = wb.signedIn();
  const userId = user.id;
  return wb.write((db, audit) => {
    const hsbCase = requireCase(db, req.caseId);
    if (!hsbCase.managerIds.includes(userId) || !user.roles.includes('manager'))
      throw new WorkbenchError(
        'forbidden',
        'Only a manager on the case can approve sharing the map without a parent’s or carer’s consent. Nothing was saved.',
      );
    const exception = findConsentException(db, req.exceptionId);
    if (!exception || exception.caseId !== req.caseId)
      throw new WorkbenchError('not-found', 'That record is not on this case. Nothing was saved.');
    // Two people: the social worker who recorded why, and a manager who approves it.
    if (exception.recordedBy === userId)
      throw new WorkbenchError(
        'forbidden',
        'You recorded why they cannot be asked, so another manager on the case must approve it. Nothing was saved.',
      );
    if (!approveConsentException(db, exception.id, userId, wb.now().toISOString()))
      throw new WorkbenchError('conflict', 'That record has already been approved. Nothing was changed.');
    const person = findPerson(db, exception.personId);
    const names = namesById(db);
    audit({
      action: 'consent.approve-cannot-be-asked',
      recordType: 'case',
      recordId: req.caseId,
      summary: `approved sharing the map without the consent of ${person?.anonymisedLabel ?? 'a parent or carer'} (parent/carer): ${
        CANNOT_BE_ASKED_LABELS[exception.circumstance as CannotBeAsked] ?? exception.circumstance
      }, as recorded by ${names.get(exception.recordedBy) ?? exception.recordedBy}`,
    });
    return readMap(db, req.caseId);
  });
}

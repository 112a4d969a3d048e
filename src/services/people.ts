import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { CasePerson, ConsentRecord } from '../contract/pattern-map-schemas.ts';
import { londonDay } from '../domain/dates.ts';
import { consentWithdrawnAt } from '../domain/pattern-map/consent-rule.ts';
import { findCase } from '../store/cases.ts';
import { findChild } from '../store/children.ts';
import type { Db } from '../store/database.ts';
import {
  type ConsentRow,
  consentsOfCase,
  findPerson,
  insertConsent,
  insertPerson,
  peopleOfCase,
  updatePerson,
} from '../store/pattern-map.ts';
import { namesById } from './deadlines.ts';
import type { Workbench } from './workbench.ts';

const toPerson = (p: {
  id: string;
  version: number;
  kind: string;
  name: string;
  anonymisedLabel: string;
  relationship: string;
}) =>
  ({
    id: p.id,
    version: p.version,
    kind: p.kind,
    name: p.name,
    anonymisedLabel: p.anonymisedLabel,
    relationship: p.relationship,
  }) as CasePerson;

export const casePeople = (db: Db, caseId: string): CasePerson[] => peopleOfCase(db, caseId).map(toPerson);

function requireOpenCase(db: Db, caseId: string) {
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
  return hsbCase;
}

function requireNameUnlessHarmed(kind: string, name: string): void {
  if (!name && !kind.startsWith('harmed-')) {
    throw new WorkbenchError(
      'invalid-request',
      'Give the person’s name (only a harmed child or adult may be recorded by reference alone).',
      {
        problems: [{ path: 'name', message: 'is required for this kind of person' }],
      },
    );
  }
}

export function addPerson(wb: Workbench, req: ParsedRequest<'people.add'>): CasePerson {
  const userId = wb.signedIn().user.id;
  requireNameUnlessHarmed(req.kind, req.name);
  return wb.write((db, audit) => {
    requireOpenCase(db, req.caseId);
    const id = randomUUID();
    insertPerson(
      db,
      {
        id,
        caseId: req.caseId,
        kind: req.kind,
        name: req.name,
        anonymisedLabel: req.anonymisedLabel,
        relationship: req.relationship,
      },
      userId,
      wb.now().toISOString(),
    );
    audit({
      action: 'person.add',
      recordType: 'case',
      recordId: req.caseId,
      summary: `added a person to the case (${req.kind})`,
    });
    return toPerson({ id, version: 1, ...req });
  });
}

export function editPerson(wb: Workbench, req: ParsedRequest<'people.update'>): CasePerson {
  requireNameUnlessHarmed(req.kind, req.name);
  return wb.write((db, audit) => {
    const before = findPerson(db, req.personId);
    if (!before) throw new WorkbenchError('not-found', 'That person is not on the case.');
    if (
      !updatePerson(
        db,
        {
          id: req.personId,
          kind: req.kind,
          name: req.name,
          anonymisedLabel: req.anonymisedLabel,
          relationship: req.relationship,
        },
        req.expectedVersion,
      )
    ) {
      throw new WorkbenchError(
        'conflict',
        'Someone else changed this person’s details after you opened them. Reload and make your change again.',
      );
    }
    audit({
      action: 'person.update',
      recordType: 'case',
      recordId: before.caseId,
      summary: 'changed a person on the case',
    });
    return toPerson({ id: req.personId, version: before.version + 1, ...req });
  });
}

export function consentRecords(db: Db, caseId: string, names = namesById(db)): ConsentRecord[] {
  const people = new Map(peopleOfCase(db, caseId).map((p) => [p.id, p]));
  const consents = consentsOfCase(db, caseId);
  return consents.map((c) => ({
    id: c.id,
    purpose: c.purpose,
    subject: c.subject,
    personId: c.personId,
    personLabel:
      c.subject === 'child'
        ? 'The child'
        : c.subject === 'social-worker-permission'
          ? `Allocated social worker (${names.get(c.recordedBy) ?? ''})`
          : (people.get(c.personId ?? '')?.anonymisedLabel ?? 'Unknown person'),
    status: c.status,
    reason: c.reason,
    recordedAt: c.recordedAt,
    recordedByName: names.get(c.recordedBy) ?? c.recordedBy,
    method: c.method as ConsentRecord['method'],
    givenOn: c.givenOn,
    restsOn: c.restsOn,
    withdrawnAt: consentWithdrawnAt(consents, c),
  }));
}

/** Consent of the child and each parent/carer, or the allocated social worker's permission, as given, refused or not sought. */
export function recordConsent(wb: Workbench, req: ParsedRequest<'consents.record'>): ConsentRecord[] {
  const userId = wb.signedIn().user.id;
  return wb.write((db, audit) => {
    const hsbCase = requireOpenCase(db, req.caseId);
    if (req.subject === 'parent-carer') {
      const person = req.personId ? findPerson(db, req.personId) : undefined;
      if (!person || person.caseId !== req.caseId || person.kind !== 'parent-carer') {
        throw new WorkbenchError(
          'invalid-request',
          'Consent can only be recorded for a parent or carer who is recorded on this case. Add them to the case first.',
          {
            problems: [{ path: 'personId', message: 'is not a parent or carer on this case' }],
          },
        );
      }
    } else if (req.personId !== null) {
      throw new WorkbenchError(
        'invalid-request',
        'Choose a person only when recording a parent’s or carer’s consent.',
        {
          problems: [{ path: 'personId', message: 'must be empty for this kind of consent' }],
        },
      );
    }
    if (req.subject === 'social-worker-permission' && userId !== hsbCase.socialWorkerId) {
      throw new WorkbenchError(
        'forbidden',
        'Only the allocated social worker can give their permission to share the map.',
      );
    }
    if (req.status !== 'given' && !req.reason) {
      throw new WorkbenchError('invalid-request', 'Say why consent was refused or not sought.', {
        problems: [{ path: 'reason', message: 'is required when consent is not given' }],
      });
    }
    // How and when are facts of a consent given; a refusal or a consent not sought has neither.
    if (req.status !== 'given' && (req.method || req.givenOn || req.restsOn))
      throw new WorkbenchError(
        'invalid-request',
        'How and when consent was given are recorded only for a consent that was given. Nothing was saved.',
        {
          problems: [
            {
              path: req.method ? 'method' : req.givenOn ? 'givenOn' : 'restsOn',
              message: 'is only for a consent given',
            },
          ],
        },
      );
    const born = findChild(db, hsbCase.childId)?.dateOfBirth;
    if (req.givenOn && born && req.givenOn < born)
      throw new WorkbenchError(
        'invalid-request',
        'Consent cannot have been given before the child was born: check the date. Nothing was saved.',
        { problems: [{ path: 'givenOn', message: 'is before the child’s date of birth' }] },
      );
    if (req.givenOn && req.givenOn > londonDay(wb.now().toISOString()))
      throw new WorkbenchError(
        'invalid-request',
        'Consent cannot have been given on a day still to come: check the date. Nothing was saved.',
        { problems: [{ path: 'givenOn', message: 'is after today' }] },
      );
    const basis = req.restsOn ? restingConsent(db, req) : null;
    insertConsent(db, {
      method: req.method ?? basis?.method ?? '',
      givenOn: req.givenOn ?? basis?.givenOn ?? null,
      restsOn: basis?.id ?? null,
      id: randomUUID(),
      caseId: req.caseId,
      purpose: req.purpose,
      subject: req.subject,
      personId: req.personId,
      status: req.status,
      reason: req.reason,
      recordedAt: wb.now().toISOString(),
      recordedBy: userId,
    });
    audit({
      action: 'consent.record',
      recordType: 'case',
      recordId: req.caseId,
      summary: `recorded ${req.subject} consent for ${req.purpose}: ${req.status}${basis ? ` (resting on the consent recorded for ${basis.purpose} on ${basis.recordedAt})` : ''}`,
    });
    return consentRecords(db, req.caseId);
  });
}

/**
 * The consent already on the case that a new one rests on (issue 14): the same person's, given, still
 * standing, for another purpose; the new one is a consent given to share the map.
 */
function restingConsent(db: Db, req: ParsedRequest<'consents.record'>): ConsentRow {
  const consents = consentsOfCase(db, req.caseId);
  const basis = consents.find((c) => c.id === req.restsOn);
  const refuse = (message: string) =>
    new WorkbenchError('invalid-request', `${message} Nothing was saved.`, {
      problems: [{ path: 'restsOn', message }],
    });
  if (!basis) throw refuse('That consent is not recorded on this case. Choose one recorded on this case.');
  if (req.purpose !== 'map-sharing-external' || req.status !== 'given' || basis.purpose === req.purpose)
    throw refuse('Only a consent to share the map can rest on a consent recorded earlier.');
  if (basis.subject !== req.subject || basis.personId !== req.personId)
    throw refuse('That consent was given by someone else. Choose the consent this person gave.');
  if (basis.status !== 'given' || consentWithdrawnAt(consents, basis) !== null)
    throw refuse('That consent is no longer given: ask them again and record their answer.');
  return basis;
}

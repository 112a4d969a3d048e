import { formatDay, londonDay } from '../dates.ts';
import {
  CANNOT_BE_ASKED_LABELS,
  type CannotBeAsked,
  type CannotBeAskedRule,
} from '../profiles/schema-parts.ts';

/**
 * Whether a parent or carer's part in sharing the map is settled: their consent given, or (where the
 * profile's consent entry allows it) a record that they cannot be asked, with the reason the allocated
 * social worker gave and, if the rule asks for it, a manager's approval. Pure: the service passes the
 * records and the profile's rule.
 */

export interface ParentConsentInput {
  /** How the person is named in the sentence, e.g. "Father (parent/carer)". */
  who: string;
  /** `withdrawnOn`: the consent it rests on (issue 14) was withdrawn that day (dd/mm/yyyy). */
  consent: { status: 'given' | 'refused' | 'not-sought'; withdrawnOn?: string | null } | undefined;
  cannotBeAsked: { circumstance: CannotBeAsked; approved: boolean } | undefined;
  /** The profile consent entry's rule; undefined when the profile allows no exception. */
  rule: CannotBeAskedRule | undefined;
}

/** One plain sentence saying what is still needed, or null when nothing is. */
export function parentConsentProblem(input: ParentConsentInput): string | null {
  const { who, consent, cannotBeAsked, rule } = input;
  if (consent?.status === 'given' && consent.withdrawnOn) return withdrawnLine(who, consent.withdrawnOn);
  if (consent?.status === 'given') return null;
  // They were asked and said no: a record that they cannot be asked never overrides that, whichever came
  // first.
  if (consent?.status === 'refused') return refusedLine(who);
  if (cannotBeAsked) {
    const why = CANNOT_BE_ASKED_LABELS[cannotBeAsked.circumstance];
    if (!rule?.circumstances.includes(cannotBeAsked.circumstance))
      return `${who} cannot be asked (${why}), but the profile’s consent rule does not allow sharing without their consent in that case: record their consent to share.`;
    if (rule?.approval === 'case-manager' && !cannotBeAsked.approved)
      return `Sharing without the consent of ${who} (${why}) needs the approval of a manager on the case.`;
    return null;
  }
  const then = rule
    ? ' If they cannot be asked, the allocated social worker can record why, for a manager to approve.'
    : '';
  if (!consent) return `The consent of ${who} is not recorded.`;
  return `The consent of ${who} was not sought.${then}`;
}

/** The sentence for a parent or carer who refused: they were asked, so "cannot be asked" does not apply. */
export const refusedLine = (who: string) =>
  `The consent of ${who} was refused: the map cannot go to an external agency against it.`;

/** Whether the rule lets the allocated social worker record this circumstance at all. */
export function mayRecordCannotBeAsked(
  rule: CannotBeAskedRule | undefined,
  circumstance: CannotBeAsked,
): boolean {
  return Boolean(rule?.circumstances.includes(circumstance));
}

/** The sentence for a consent to share that rested on an earlier consent since withdrawn (issue 14). */
export const withdrawnLine = (who: string, day: string) =>
  `The consent of ${who} rested on the consent they gave earlier, which was withdrawn on ${day}: ask them again and record their answer.`;

interface ConsentLike {
  purpose: string;
  subject: string;
  personId: string | null;
  status: string;
  recordedAt: string;
}

/**
 * When a consent that was given stopped standing: the first later record (in `consents`, oldest first) for
 * the same purpose and person that is not "given", a withdrawal. Null while it stands or if never given.
 */
export function consentWithdrawnAt<T extends ConsentLike>(consents: readonly T[], c: T): string | null {
  if (c.status !== 'given') return null;
  const later = consents.slice(consents.indexOf(c) + 1);
  const same = (o: T) => o.purpose === c.purpose && o.subject === c.subject && o.personId === c.personId;
  return later.find((o) => same(o) && o.status !== 'given')?.recordedAt ?? null;
}

/** How a consent was given (issue 14). */
export const CONSENT_METHODS = ['in-person', 'phone', 'in-writing', 'email', 'video-call'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_WORDS: Record<ConsentMethod, string> = {
  'in-person': 'in person',
  phone: 'by phone',
  'in-writing': 'in writing',
  email: 'by email',
  'video-call': 'by video call',
};

/** "on 12/11/2026 by phone": the day it was given (else the day it was recorded) and how, where known. */
export function givenWords(c: { givenOn: string | null; recordedAt: string; method: string }): string {
  const how = CONSENT_METHOD_WORDS[c.method as ConsentMethod];
  return `on ${formatDay(c.givenOn ?? londonDay(c.recordedAt))}${how ? ` ${how}` : ''}`;
}

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
  consent: { status: 'given' | 'refused' | 'not-sought' } | undefined;
  cannotBeAsked: { circumstance: CannotBeAsked; approved: boolean } | undefined;
  /** The profile consent entry's rule; undefined when the profile allows no exception. */
  rule: CannotBeAskedRule | undefined;
}

/** One plain sentence saying what is still needed, or null when nothing is. */
export function parentConsentProblem(input: ParentConsentInput): string | null {
  const { who, consent, cannotBeAsked, rule } = input;
  if (consent?.status === 'given') return null;
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
  if (consent.status === 'refused') return `The consent of ${who} was refused.`;
  return `The consent of ${who} was not sought.${then}`;
}

/** Whether the rule lets the allocated social worker record this circumstance at all. */
export function mayRecordCannotBeAsked(
  rule: CannotBeAskedRule | undefined,
  circumstance: CannotBeAsked,
): boolean {
  return Boolean(rule?.circumstances.includes(circumstance));
}

import type { Agency, Role } from '../contract/vocabulary.ts';

// Need-to-know access to a case: only the people the procedures allocate to it, and anyone holding a
// current break-glass grant. Pure: the facts are read by the caller and passed in.

/** How long a break-glass grant lasts from the moment it is given. */
export const BREAK_GLASS_HOURS = 8;

/** What the store knows about who is allocated to one case. */
export interface CaseAllocationFacts {
  socialWorkerId: string;
  yosPractitionerId: string;
  managerIds: readonly string[];
  /** The lead and co-assessor of every assessment on the case. */
  assessorIds: readonly string[];
  /** Whether a consultation with the hub is open (requested or accepted, not yet declined or held). */
  consultationOpen: boolean;
  /** Break-glass grants on the case: who and until when (ISO instants). */
  grants: readonly { userId: string; expiresAt: string }[];
}

export interface CasePerson {
  id: string;
  roles: readonly Role[];
  agency: Agency;
}

export type CaseAccessReason =
  | 'social-worker'
  | 'yos-practitioner'
  | 'manager'
  | 'co-assessor'
  | 'hub'
  | 'break-glass';

export type CaseAccessDecision =
  | { allowed: true; reason: CaseAccessReason }
  | { allowed: false; reason: 'not-allocated' };

/** The consultation states in which the hub is working on the case. */
export const OPEN_CONSULTATION_STATES: readonly string[] = ['requested', 'accepted'];

/**
 * Says whether a person may read or change a case, and why. The hub (the youth justice service's HSB
 * hub in the Lancashire protocol, which screens and holds consultations) has access only while a
 * consultation on the case is open. A break-glass grant counts until its expiry, exclusive.
 */
export function decideCaseAccess(
  facts: CaseAllocationFacts,
  person: CasePerson,
  now: string,
): CaseAccessDecision {
  if (person.id === facts.socialWorkerId) return { allowed: true, reason: 'social-worker' };
  if (person.id === facts.yosPractitionerId) return { allowed: true, reason: 'yos-practitioner' };
  if (facts.managerIds.includes(person.id)) return { allowed: true, reason: 'manager' };
  if (facts.assessorIds.includes(person.id)) return { allowed: true, reason: 'co-assessor' };
  if (facts.consultationOpen && isHubStaff(person)) return { allowed: true, reason: 'hub' };
  const at = Date.parse(now);
  if (facts.grants.some((g) => g.userId === person.id && Date.parse(g.expiresAt) > at))
    return { allowed: true, reason: 'break-glass' };
  return { allowed: false, reason: 'not-allocated' };
}

/**
 * Whether access comes from a place on the case (social worker, YOS practitioner, manager, co-assessor)
 * rather than only from a break-glass grant or an open hub consultation. Temporary access reads and
 * records, but never changes who is allocated or opens another case on the child: that would make it
 * lasting.
 */
export function isLastingAccess(decision: CaseAccessDecision | undefined): boolean {
  return decision?.allowed === true && decision.reason !== 'break-glass' && decision.reason !== 'hub';
}

/** Hub staff sit in the youth justice service (Lancashire: the CYJS HSB hub). */
export function isHubStaff(person: CasePerson): boolean {
  return person.agency === 'youth-justice' && person.roles.includes('practitioner');
}

/** Managers and administrators may break the glass; a plain practitioner may not. */
export function mayBreakGlass(person: Pick<CasePerson, 'roles'>): boolean {
  return person.roles.includes('manager') || person.roles.includes('administrator');
}

/** When a break-glass grant given at `now` ends. */
export function breakGlassExpiry(now: string): string {
  return new Date(Date.parse(now) + BREAK_GLASS_HOURS * 3_600_000).toISOString();
}

/** The allocated social worker and YOS/CYJS practitioner must be the assessors on their own case. */
export function assessorsAreAllocated(
  facts: Pick<CaseAllocationFacts, 'socialWorkerId' | 'yosPractitionerId'>,
  assessorIds: readonly string[],
): boolean {
  const allocated = [facts.socialWorkerId, facts.yosPractitionerId];
  return assessorIds.every((id) => allocated.includes(id));
}

/** A child's initials, e.g. "Jamie-Lee O'Brien" → "J. O." (first and last name only). */
export function initialsOf(name: string): string {
  const words = name.normalize('NFKC').match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  if (words.length === 0) return '?';
  const picked = words.length === 1 ? words : [words[0], words[words.length - 1]];
  return picked.map((w = '') => `${w.charAt(0).toLocaleUpperCase('en-GB')}.`).join(' ');
}

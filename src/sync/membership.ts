import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from '../domain/sign-off/canonical-json.ts';
import type { WrappedCaseKey } from './bundle.ts';
import { deviceKeyOf, type Roster } from './roster.ts';

/**
 * Who may read a case, as a signed statement: the case's current content key (one generation per
 * allocation), sealed for each allocated member. It is what a relay uses to route a case's change
 * sets and what every machine uses to decide whether an author may write the case, so it is signed by
 * the device of the person who allocated (a manager or administrator in the roster, or a member of the
 * generation before), and accepted only if that verifies against the signed roster.
 */

export interface CaseMembership {
  format: 'hsb-case-membership/1';
  teamId: string;
  /** Opaque case id (a random UUID: it says nothing about the child). */
  caseId: string;
  /** 1, 2, 3 …: rises with every reallocation, and names the case key generation in use. */
  generation: number;
  caseKeyId: string;
  /** Team member ids allocated to the case (co-assessors, managers, hub staff with need to know). */
  members: string[];
  /** The case key of this generation, sealed for each member. */
  keys: WrappedCaseKey[];
  issuedAt: string;
}

export interface SignedCaseMembership {
  membership: CaseMembership;
  signer: { memberId: string; deviceId: string };
  signature: string;
}

export class MembershipRefused extends Error {}

/** Roster roles that may allocate any case. */
const ALLOCATING_ROLES = ['manager', 'administrator'];

const signedBytes = (membership: CaseMembership, signer: SignedCaseMembership['signer']) =>
  Buffer.from(canonicalJson({ membership, signer }), 'utf8');

export function signMembership(
  membership: CaseMembership,
  signer: SignedCaseMembership['signer'],
  deviceSigningKey: Buffer,
): SignedCaseMembership {
  const key = createPrivateKey({ key: deviceSigningKey, format: 'der', type: 'pkcs8' });
  return {
    membership,
    signer,
    signature: sign(null, signedBytes(membership, signer), key).toString('base64'),
  };
}

/**
 * Whether `memberId` may allocate the case: a manager or administrator always; otherwise a member of
 * the generation before, or, for a case no one has allocated yet, a member of the one they sign (the
 * practitioner who opened the case on their machine). Whoever already holds a generation refuses a
 * "first" one for the same case, so nobody can take over a case that exists.
 */
export function mayAllocate(
  roster: Roster,
  memberId: string,
  previous: CaseMembership | null,
  incoming: CaseMembership,
): boolean {
  const member = roster.members.find((m) => m.id === memberId);
  if (!member) return false;
  if (member.administrator || member.roles.some((r) => ALLOCATING_ROLES.includes(r))) return true;
  return (previous ?? incoming).members.includes(memberId);
}

/**
 * Accepts a signed membership only if its signature verifies against the signer's device in the
 * roster, the signer may allocate the case, every member is in the roster, every member has exactly
 * one sealed key, and it is newer than the one held.
 */
export function acceptMembership(
  incoming: SignedCaseMembership,
  roster: Roster,
  previous: CaseMembership | null,
): CaseMembership {
  const { membership, signer, signature } = incoming;
  if (membership?.format !== 'hsb-case-membership/1') {
    throw new MembershipRefused('This is not a case membership.');
  }
  if (membership.teamId !== roster.teamId) throw new MembershipRefused('It belongs to another team.');
  const publicKey = deviceKeyOf(roster, signer.memberId, signer.deviceId);
  let verified = false;
  try {
    verified =
      !!publicKey &&
      verify(
        null,
        signedBytes(membership, signer),
        createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }),
        Buffer.from(signature, 'base64'),
      );
  } catch {
    verified = false;
  }
  if (!verified) {
    throw new MembershipRefused(
      'Who may see this case was not signed by a device in the team roster, so it was not used.',
    );
  }
  if (!mayAllocate(roster, signer.memberId, previous, membership)) {
    throw new MembershipRefused('It was signed by someone who may not allocate this case.');
  }
  if (previous) {
    if (previous.caseId !== membership.caseId) throw new MembershipRefused('It is for another case.');
    if (membership.generation <= previous.generation) {
      throw new MembershipRefused('It is not newer than the allocation this computer already has.');
    }
  }
  const members = new Set(membership.members);
  if (members.size !== membership.members.length || members.size === 0) {
    throw new MembershipRefused('Its list of members is empty or repeats someone.');
  }
  for (const id of members) {
    if (!roster.members.some((m) => m.id === id)) {
      throw new MembershipRefused('It names someone who is not in the team roster.');
    }
    const sealed = membership.keys.filter((k) => k.memberId === id);
    if (
      sealed.length !== 1 ||
      sealed[0]?.caseId !== membership.caseId ||
      sealed[0]?.caseKeyId !== membership.caseKeyId
    ) {
      throw new MembershipRefused('It does not hold the case key for each of its members.');
    }
  }
  if (membership.keys.some((k) => !members.has(k.memberId))) {
    throw new MembershipRefused('It holds a case key for someone who is not a member.');
  }
  return membership;
}

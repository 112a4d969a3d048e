import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapCaseKey, wrapCaseKey } from '#sync/bundle.ts';
import type { CaseMembership } from '#sync/membership.ts';
import { acceptMembership, MembershipRefused, signMembership } from '#sync/membership.ts';
import { rosterOf, type TeamMember, teamMember } from '../support/team-keys.ts';

// A manager allocates a case to two co-assessors: the case key is sealed to each of them and the
// statement is signed by the manager's device. Every machine and the relay check it against the roster.

const NOW = new Date('2026-11-26T10:00:00Z');
const manager = teamMember('manager', { roles: ['manager'] });
const sw = teamMember('sw');
const yos = teamMember('yos');
const outsider = teamMember('outsider');
const roster = rosterOf([manager, sw, yos, outsider], NOW);

function membership(members: TeamMember[], generation = 1, key = randomBytes(32)): CaseMembership {
  const caseKeyId = `k${generation}`;
  return {
    format: 'hsb-case-membership/1',
    teamId: 'team-1',
    caseId: 'case-1',
    generation,
    caseKeyId,
    members: members.map((m) => m.id),
    keys: members.map((m) => wrapCaseKey('case-1', caseKeyId, key, m.member)),
    issuedAt: NOW.toISOString(),
  };
}

const signedBy = (m: CaseMembership, signer: TeamMember) =>
  signMembership(m, { memberId: signer.id, deviceId: signer.deviceId }, signer.device.privateKey);

describe('a signed case membership', () => {
  it('is accepted from a manager, and each member can open the case key sealed for them', () => {
    const key = randomBytes(32);
    const accepted = acceptMembership(signedBy(membership([sw, yos], 1, key), manager), roster, null);
    const forYos = accepted.keys.find((k) => k.memberId === yos.id);
    expect(forYos && unwrapCaseKey(forYos, yos.box.privateKey)?.equals(key)).toBe(true);
    const forSw = accepted.keys.find((k) => k.memberId === sw.id);
    expect(forSw && unwrapCaseKey(forSw, outsider.box.privateKey)).toBeNull();
  });

  it('is refused when a practitioner outside the case allocates it to themselves', () => {
    const first = acceptMembership(signedBy(membership([sw, yos], 1), manager), roster, null);
    expect(() => acceptMembership(signedBy(membership([outsider], 2), outsider), roster, first)).toThrow(
      /may not allocate/,
    );
    expect(() => acceptMembership(signedBy(membership([sw], 1), outsider), roster, null)).toThrow(
      /may not allocate/,
    );
  });

  it('is refused when a relay adds a member after it was signed', () => {
    const signed = signedBy(membership([sw, yos]), manager);
    const key = randomBytes(32);
    signed.membership.members.push(outsider.id);
    signed.membership.keys.push(wrapCaseKey('case-1', 'k1', key, outsider.member));
    expect(() => acceptMembership(signed, roster, null)).toThrow(/not signed by a device in the team roster/);
  });

  it('is refused when it is not newer than the one held, so an old allocation cannot be replayed', () => {
    const first = acceptMembership(signedBy(membership([sw, yos], 2), manager), roster, null);
    expect(() =>
      acceptMembership(signedBy(membership([sw, yos, outsider], 1), manager), roster, first),
    ).toThrow(MembershipRefused);
  });

  it('is refused when a member has no sealed key, or someone outside it has one', () => {
    const missing = membership([sw, yos]);
    missing.keys = missing.keys.filter((k) => k.memberId !== yos.id);
    expect(() => acceptMembership(signedBy(missing, manager), roster, null)).toThrow(/case key for each/);
    const extra = membership([sw]);
    extra.keys.push(wrapCaseKey('case-1', 'k1', randomBytes(32), outsider.member));
    expect(() => acceptMembership(signedBy(extra, manager), roster, null)).toThrow(/not a member/);
  });

  it('lets a current member reallocate the next generation, and names only roster members', () => {
    const first = acceptMembership(signedBy(membership([sw, yos], 1), manager), roster, null);
    expect(acceptMembership(signedBy(membership([sw], 2), sw), roster, first).members).toEqual(['sw']);
    const stranger = teamMember('stranger');
    expect(() => acceptMembership(signedBy(membership([sw, stranger], 1), manager), roster, null)).toThrow(
      /not in the team roster/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  assessorsAreAllocated,
  BREAK_GLASS_HOURS,
  breakGlassExpiry,
  type CaseAllocationFacts,
  type CasePerson,
  decideCaseAccess,
  initialsOf,
  isLastingAccess,
  mayBreakGlass,
} from '#domain/case-access.ts';

const NOW = '2026-11-05T09:00:00.000Z';

const facts = (over: Partial<CaseAllocationFacts> = {}): CaseAllocationFacts => ({
  socialWorkerId: 'sw',
  yosPractitionerId: 'yos',
  managerIds: ['mgr'],
  assessorIds: [],
  consultationOpen: false,
  grants: [],
  ...over,
});

const person = (id: string, over: Partial<CasePerson> = {}): CasePerson => ({
  id,
  roles: ['practitioner'],
  agency: 'childrens-social-care',
  ...over,
});

describe('decideCaseAccess', () => {
  it.each([
    ['the allocated social worker', 'sw', 'social-worker'],
    ['the YOS practitioner', 'yos', 'yos-practitioner'],
    ['a case manager', 'mgr', 'manager'],
  ] as const)('admits %s', (_who, id, reason) => {
    expect(decideCaseAccess(facts(), person(id), NOW)).toEqual({ allowed: true, reason });
  });

  it('admits the co-assessors of any assessment on the case, even after reallocation', () => {
    expect(decideCaseAccess(facts({ assessorIds: ['old-sw', 'yos'] }), person('old-sw'), NOW)).toEqual({
      allowed: true,
      reason: 'co-assessor',
    });
  });

  it('refuses everyone else, whatever their role', () => {
    for (const roles of [['practitioner'], ['manager'], ['administrator', 'manager']] as const) {
      expect(decideCaseAccess(facts(), person('other', { roles }), NOW)).toEqual({
        allowed: false,
        reason: 'not-allocated',
      });
    }
  });

  it('admits hub staff (youth justice practitioners) only while a consultation is open', () => {
    const hub = person('hub', { agency: 'youth-justice' });
    expect(decideCaseAccess(facts({ consultationOpen: true }), hub, NOW)).toEqual({
      allowed: true,
      reason: 'hub',
    });
    expect(decideCaseAccess(facts({ consultationOpen: false }), hub, NOW).allowed).toBe(false);
    // Not hub staff: another agency, or a youth justice manager who is not a practitioner.
    expect(decideCaseAccess(facts({ consultationOpen: true }), person('csc'), NOW).allowed).toBe(false);
    const yjManager = person('yjm', { agency: 'youth-justice', roles: ['manager'] });
    expect(decideCaseAccess(facts({ consultationOpen: true }), yjManager, NOW).allowed).toBe(false);
  });

  it('admits a break-glass holder until the grant expires (the expiry instant itself is too late)', () => {
    const grants = [{ userId: 'boss', expiresAt: '2026-11-05T17:00:00.000Z' }];
    const boss = person('boss', { roles: ['manager'] });
    expect(decideCaseAccess(facts({ grants }), boss, '2026-11-05T16:59:59.999Z')).toEqual({
      allowed: true,
      reason: 'break-glass',
    });
    expect(decideCaseAccess(facts({ grants }), boss, '2026-11-05T17:00:00.000Z').allowed).toBe(false);
    // Someone else's grant counts for nothing.
    expect(decideCaseAccess(facts({ grants }), person('other'), NOW).allowed).toBe(false);
  });
});

describe('break-glass', () => {
  it('is for managers and administrators, not plain practitioners', () => {
    expect(mayBreakGlass({ roles: ['manager'] })).toBe(true);
    expect(mayBreakGlass({ roles: ['administrator'] })).toBe(true);
    expect(mayBreakGlass({ roles: ['practitioner'] })).toBe(false);
  });

  it('lasts eight hours from the moment it is given', () => {
    expect(BREAK_GLASS_HOURS).toBe(8);
    expect(breakGlassExpiry(NOW)).toBe('2026-11-05T17:00:00.000Z');
    // Across the end of British Summer Time it is still eight real hours.
    expect(breakGlassExpiry('2026-10-24T20:00:00.000Z')).toBe('2026-10-25T04:00:00.000Z');
  });
});

describe('assessorsAreAllocated', () => {
  it('accepts only the allocated social worker and YOS practitioner', () => {
    expect(assessorsAreAllocated(facts(), ['yos', 'sw'])).toBe(true);
    expect(assessorsAreAllocated(facts(), ['me', 'yos'])).toBe(false);
    expect(assessorsAreAllocated(facts(), ['sw', 'mgr'])).toBe(false);
  });
});

describe('initialsOf', () => {
  it.each([
    ['Riley Example', 'R. E.'],
    ['riley jo example', 'R. E.'],
    ['Jamie-Lee O’Brien', 'J. O.'],
    ['Zoë', 'Z.'],
    ['  ', '?'],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('isLastingAccess', () => {
  it('is true for a place on the case, false for break-glass, hub access and no access', () => {
    const hubManager = person('hub', { agency: 'youth-justice', roles: ['practitioner', 'manager'] });
    const later = '2026-11-05T17:00:00.000Z';
    expect(isLastingAccess(decideCaseAccess(facts(), person('mgr'), NOW))).toBe(true);
    expect(isLastingAccess(decideCaseAccess(facts({ assessorIds: ['ca'] }), person('ca'), NOW))).toBe(true);
    expect(
      isLastingAccess(
        decideCaseAccess(facts({ grants: [{ userId: 'x', expiresAt: later }] }), person('x'), NOW),
      ),
    ).toBe(false);
    expect(isLastingAccess(decideCaseAccess(facts({ consultationOpen: true }), hubManager, NOW))).toBe(false);
    expect(isLastingAccess(decideCaseAccess(facts(), person('out'), NOW))).toBe(false);
    expect(isLastingAccess(undefined)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#domain/sign-off/canonical-json.ts';
import { decide, type ReportParties } from '#domain/sign-off/states.ts';

describe('canonical JSON', () => {
  it('sorts keys and drops white space (RFC 8785 examples of our value kinds)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1.5, y: 'é' } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":"é","z":1.5}}',
    );
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3 })).toBe('{"\\r":2,"1":3,"€":1}');
  });
  it('is the same for the same content whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(obj);
      }),
    );
  });
});

describe('separation of duties', () => {
  const parties: ReportParties = {
    state: 'submitted',
    leadAssessorId: 'lead',
    coAssessorId: 'co',
    qualityAssuranceAgencies: ['youth-justice'],
    signedBy: [],
    actorHasLastingAccess: true,
  };
  const manager = { id: 'm', roles: ['manager'], agency: 'youth-justice' };
  it('a manager whose access is only emergency or hub access cannot quality-assure', () => {
    for (const action of ['approve', 'return'] as const)
      expect(decide(action, manager, { ...parties, actorHasLastingAccess: false })).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/emergency or hub access/),
      });
    expect(decide('approve', manager, parties)).toEqual({ allowed: true, next: 'approved' });
  });
  it('a manager who co-assessed cannot quality-assure', () => {
    expect(decide('approve', { ...manager, id: 'lead' }, parties)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/co-assessed/),
    });
  });
  it('a practitioner cannot approve', () => {
    expect(
      decide('approve', { id: 'p', roles: ['practitioner'], agency: 'youth-justice' }, parties).allowed,
    ).toBe(false);
  });
  it('the profile names the agencies whose managers quality-assure', () => {
    expect(decide('approve', { ...manager, agency: 'health' }, parties).allowed).toBe(false);
    expect(decide('approve', manager, parties)).toEqual({ allowed: true, next: 'approved' });
    expect(decide('return', manager, parties)).toEqual({ allowed: true, next: 'in-progress' });
  });
  it('only the two named co-assessors sign, once each; both signatures make it final', () => {
    const approved = { ...parties, state: 'approved' as const };
    expect(decide('sign', manager, approved).allowed).toBe(false);
    expect(decide('sign', { ...manager, id: 'lead' }, approved)).toEqual({ allowed: true, next: 'approved' });
    expect(decide('sign', { ...manager, id: 'co' }, { ...approved, signedBy: ['lead'] })).toEqual({
      allowed: true,
      next: 'final',
    });
    expect(decide('sign', { ...manager, id: 'lead' }, { ...approved, signedBy: ['lead'] }).allowed).toBe(
      false,
    );
  });
});

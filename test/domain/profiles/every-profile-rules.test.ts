import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROFILES,
  evaluateEligibility,
  suggestCategory,
} from '../../../src/domain/profiles/index.ts';

// The eligibility and category-suggestion rules, for every built-in profile.

describe.each(BUILT_IN_PROFILES.map((p) => [p.name, p] as const))('%s', (_name, profile) => {
  it('suggests each category from one of its own descriptors', () => {
    for (const row of profile.riskMatrix.rows) {
      const first = row.descriptors[0];
      if (!first) continue;
      expect(suggestCategory(profile, [first.id]).category, `${row.label} from “${first.text}”`).toBe(
        row.category,
      );
    }
  });

  it('lets the highest ticked category win', () => {
    const withDescriptors = profile.riskMatrix.rows.filter((r) => r.descriptors.length > 0);
    const highest = withDescriptors.at(-1);
    if (!highest) return;
    const ticked = withDescriptors.map((r) => r.descriptors[0]?.id ?? '');
    expect(suggestCategory(profile, ticked).category).toBe(highest.category);
  });

  it('evaluates eligibility line by line for a 13-year-old in the area with recent behaviour', () => {
    const e = evaluateEligibility(profile, {
      referralDate: '2026-06-01',
      dateOfBirth: '2013-01-15',
      lastBehaviourDate: '2026-05-20',
      residesInArea: true,
      ongoingPoliceInvestigation: false,
    });
    expect(e.criteria).toHaveLength(profile.eligibility.criteria.length);
    expect(['eligible-for-aim', 'no-criteria']).toContain(e.outcome);
    for (const c of e.criteria) expect(c.explanation.length).toBeGreaterThan(10);
  });
});

describe('Lancashire referral criteria', () => {
  const lancashire = BUILT_IN_PROFILES.find((p) => p.id === 'lancashire');
  const base = {
    referralDate: '2026-06-01',
    lastBehaviourDate: '2026-05-20',
    residesInArea: true,
    ongoingPoliceInvestigation: false,
  };
  it.each([
    ['a 9-year-old', { dateOfBirth: '2017-03-01' }, 'consultation-only'],
    ['a 7-year-old', { dateOfBirth: '2019-03-01' }, 'not-eligible'],
    [
      'an ongoing police investigation',
      { dateOfBirth: '2012-03-01', ongoingPoliceInvestigation: true },
      'consultation-only',
    ],
    [
      'behaviour over 12 months ago',
      { dateOfBirth: '2012-03-01', lastBehaviourDate: '2025-04-01' },
      'not-eligible',
    ],
    ['living outside Lancashire', { dateOfBirth: '2012-03-01', residesInArea: false }, 'not-eligible'],
    ['a 14-year-old meeting every criterion', { dateOfBirth: '2012-03-01' }, 'eligible-for-aim'],
  ])('%s → %s', (_what, facts, outcome) => {
    if (!lancashire) throw new Error('no Lancashire profile');
    expect(evaluateEligibility(lancashire, { ...base, ...facts }).outcome).toBe(outcome);
  });
});

import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILES, evaluateEligibility, suggestCategory } from '#domain/profiles/index.ts';

// The eligibility and category-suggestion rules, for every built-in profile. What each profile must do
// is written out per profile, so that no profile can pass by having nothing to check.

/** With nothing ticked: Lancashire has a "normal" point in its matrix; the others suggest nothing. */
const NOTHING_TICKED: Record<string, string | undefined> = {
  hounslow: undefined,
  islington: undefined,
  lancashire: 'normal',
  blackpool: undefined,
  'england-generic': undefined,
};

/** A 13-year-old living in the area, with behaviour 12 days before the referral and no police investigation. */
const THIRTEEN_YEAR_OLD = {
  referralDate: '2026-06-01',
  dateOfBirth: '2013-01-15',
  lastBehaviourDate: '2026-05-20',
  residesInArea: true,
  ongoingPoliceInvestigation: false,
  openToChildrensSocialCare: true,
  openToYouthJusticeService: false,
};
/** Only Lancashire sets referral criteria (age, recency, area, CoN Level 4, not open to CYJS, police); the others leave it to judgement. */
const ELIGIBILITY: Record<string, { outcome: string; criteria: number }> = {
  hounslow: { outcome: 'no-criteria', criteria: 0 },
  islington: { outcome: 'no-criteria', criteria: 0 },
  lancashire: { outcome: 'eligible-for-aim', criteria: 7 },
  blackpool: { outcome: 'no-criteria', criteria: 0 },
  'england-generic': { outcome: 'no-criteria', criteria: 0 },
};

it('the expectations below name every built-in profile', () => {
  const ids = BUILT_IN_PROFILES.map((p) => p.id).sort();
  expect(Object.keys(NOTHING_TICKED).sort()).toEqual(ids);
  expect(Object.keys(ELIGIBILITY).sort()).toEqual(ids);
});

describe.each(BUILT_IN_PROFILES.map((p) => [p.name, p] as const))('%s', (_name, profile) => {
  const rated = profile.riskMatrix.rows.filter((r) => r.descriptors.length > 0);

  it('suggests each category 0–3 from every one of its own descriptors, ticked alone', () => {
    expect(rated.map((r) => r.category)).toEqual(['0', '1', '2', '3']);
    for (const row of rated) {
      for (const d of row.descriptors) {
        const suggestion = suggestCategory(profile, [d.id]);
        expect(suggestion.category, `${row.label} from “${d.text}”`).toBe(row.category);
        expect(suggestion.decidingDescriptorIds).toEqual([d.id]);
      }
    }
  });

  it('lets the highest ticked category win, whatever the order they were ticked in', () => {
    const firstOfEach = rated.map((r) => r.descriptors[0]?.id ?? '');
    expect(suggestCategory(profile, firstOfEach).category).toBe('3');
    expect(suggestCategory(profile, [...firstOfEach].reverse()).category).toBe('3');
    // Each lower category ticked with the next one up gives the one up.
    for (let i = 1; i < rated.length; i++) {
      const pair = [rated[i]?.descriptors[0]?.id ?? '', rated[i - 1]?.descriptors[0]?.id ?? ''];
      expect(suggestCategory(profile, pair).category, pair.join(' + ')).toBe(rated[i]?.category);
    }
  });

  it(`with nothing ticked suggests ${NOTHING_TICKED[profile.id] ?? 'no category'}`, () => {
    expect(suggestCategory(profile, []).category).toBe(NOTHING_TICKED[profile.id]);
  });

  it(`evaluates eligibility for a 13-year-old in the area with recent behaviour: ${ELIGIBILITY[profile.id]?.outcome}`, () => {
    const expected = ELIGIBILITY[profile.id];
    const e = evaluateEligibility(profile, THIRTEEN_YEAR_OLD);
    expect(e.outcome).toBe(expected?.outcome);
    expect(e.criteria).toHaveLength(expected?.criteria ?? -1);
    if (e.outcome === 'no-criteria') {
      expect(e.summary).toBe(
        'This profile sets no referral criteria; the decision rests on professional judgement.',
      );
    } else {
      // Line by line: each criterion is met and says so, with the fact it was judged on.
      expect(e.summary).toBe(`Eligible for AIM: all ${e.criteria.length} referral criteria are met.`);
      for (const c of e.criteria) {
        expect(c.result, c.label).toBe('met');
        expect(c.explanation, c.label).toMatch(/^Met: .{10,}$/);
      }
    }
  });
});

describe('Lancashire referral criteria', () => {
  const lancashire = BUILT_IN_PROFILES.find((p) => p.id === 'lancashire');
  const base = {
    referralDate: '2026-06-01',
    lastBehaviourDate: '2026-05-20',
    residesInArea: true,
    ongoingPoliceInvestigation: false,
    openToChildrensSocialCare: true,
    openToYouthJusticeService: false,
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

import { describe, expect, it } from 'vitest';
import { hounslowProfile } from '#domain/profiles/built-in/hounslow.ts';
import { lancashireProfile } from '#domain/profiles/built-in/lancashire.ts';
import type { EligibilityFacts } from '#domain/profiles/eligibility.ts';
import { evaluateEligibility } from '#domain/profiles/eligibility.ts';

// Lancashire referral criteria (seed 003): HSB in the last 12 months, lives in Lancashire, 8–17;
// AIM only for 10–17; an ongoing police investigation means consultation only.
const base: EligibilityFacts = {
  referralDate: '2026-12-01',
  dateOfBirth: '2013-05-10', // 13 on the referral date
  lastBehaviourDate: '2026-09-14',
  residesInArea: true,
  ongoingPoliceInvestigation: false,
  openToChildrensSocialCare: true,
  openToYouthJusticeService: false,
};
const evaluate = (facts: EligibilityFacts) => evaluateEligibility(lancashireProfile, facts);

describe('evaluateEligibility (Lancashire)', () => {
  it('eligible for AIM when every criterion is met', () => {
    const result = evaluate(base);
    expect(result.outcome).toBe('eligible-for-aim');
    expect(result.outcomeLabel).toBe('Eligible for AIM');
    expect(result.criteria.every((c) => c.result === 'met')).toBe(true);
    expect(result.criteria[0]?.explanation).toBe(
      'Met: the most recent behaviour (14/09/2026) is within 12 months of the referral date (01/12/2026).',
    );
  });

  it('Lancashire purpose: not open to CSC at CoN Level 4, or already open to CYJS, is not eligible for the hub', () => {
    // "This support is for children 10 – 17 years of age who are open to CSC at CoN Level 4 and who are not
    // already open to CYJS." Caught before: neither criterion was in the profile, so neither was evaluated.
    const notCon4 = evaluate({ ...base, openToChildrensSocialCare: false });
    expect(notCon4.outcome).toBe('not-eligible');
    expect(notCon4.summary).toBe('Not eligible. Not met: Open to CSC at Continuum of Need (CoN) Level 4.');
    const openToCyjs = evaluate({ ...base, openToYouthJusticeService: true });
    expect(openToCyjs.outcome).toBe('not-eligible');
    expect(openToCyjs.criteria.find((c) => c.id === 'not-open-to-cyjs')?.explanation).toBe(
      'Not met: Is the child already open to CYJS? Yes. The referral criteria are not met.',
    );
    const { openToYouthJusticeService: _, ...unanswered } = base;
    expect(evaluate(unanswered).outcome).toBe('more-information-needed');
  });

  it('consultation only for a 9-year-old', () => {
    const result = evaluate({ ...base, dateOfBirth: '2017-06-01' });
    expect(result.outcome).toBe('consultation-only');
    expect(result.criteria.find((c) => c.id === 'aim-age-10-to-17')?.explanation).toBe(
      'Not met: the child is 9 on the referral date (01/12/2026); the range is 10 to 17. A consultation can be offered, but not an AIM assessment.',
    );
  });

  it('age is taken on the referral date: 10 on the day itself', () => {
    expect(evaluate({ ...base, dateOfBirth: '2016-12-01' }).outcome).toBe('eligible-for-aim');
    expect(evaluate({ ...base, dateOfBirth: '2016-12-02' }).outcome).toBe('consultation-only');
  });

  it('consultation only when there is an ongoing police investigation', () => {
    const result = evaluate({ ...base, ongoingPoliceInvestigation: true });
    expect(result.outcome).toBe('consultation-only');
    expect(result.summary).toBe('Consultation only. Not met: No ongoing police investigation.');
    expect(result.criteria.find((c) => c.id === 'no-police-investigation')?.explanation).toBe(
      'Not met: Is there an ongoing police investigation? Yes. A consultation can be offered, but not an AIM assessment.',
    );
  });

  it('not eligible for historic behaviour (more than 12 months before the referral)', () => {
    const result = evaluate({ ...base, lastBehaviourDate: '2025-11-30' });
    expect(result.outcome).toBe('not-eligible');
    expect(result.criteria[0]?.explanation).toBe(
      'Not met: the most recent behaviour (30/11/2025) is more than 12 months before the referral date (01/12/2026). The referral criteria are not met.',
    );
    // Exactly 12 months before is still within.
    expect(evaluate({ ...base, lastBehaviourDate: '2025-12-01' }).outcome).toBe('eligible-for-aim');
  });

  it('not eligible outside Lancashire or over 17, even with a police investigation too', () => {
    expect(evaluate({ ...base, residesInArea: false, ongoingPoliceInvestigation: true }).outcome).toBe(
      'not-eligible',
    );
    expect(evaluate({ ...base, dateOfBirth: '2008-01-01' }).outcome).toBe('not-eligible');
    expect(evaluate({ ...base, dateOfBirth: '2019-01-01' }).summary).toBe(
      'Not eligible. Not met: Aged 8 to 17 on the referral date.',
    );
  });

  it('more information needed when facts are missing, unless already not eligible', () => {
    const result = evaluate({ referralDate: '2026-12-01', residesInArea: true });
    expect(result.outcome).toBe('more-information-needed');
    expect(result.criteria.find((c) => c.id === 'recent-behaviour')?.result).toBe('unknown');
    expect(result.criteria.find((c) => c.id === 'no-police-investigation')?.explanation).toBe(
      'Not known: not yet answered: Is there an ongoing police investigation?',
    );
    expect(evaluate({ residesInArea: false }).outcome).toBe('not-eligible');
    const { ongoingPoliceInvestigation: _, ...noPoliceAnswer } = base;
    expect(evaluate(noPoliceAnswer).outcome).toBe('more-information-needed');
  });

  it('a profile without criteria says so rather than guessing', () => {
    expect(evaluateEligibility(hounslowProfile, base)).toMatchObject({
      outcome: 'no-criteria',
      criteria: [],
    });
  });
});

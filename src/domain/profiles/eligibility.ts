/**
 * Evaluates a profile's referral criteria (data) against what is known about a child. Pure; unknown
 * facts give 'unknown', never a guess.
 */
import type { IsoDay } from '../dates.ts';
import { addMonths, ageOn, formatDay } from '../dates.ts';
import type { EligibilityCriterion, Profile } from './schema.ts';

export interface EligibilityFacts {
  referralDate?: IsoDay;
  dateOfBirth?: IsoDay;
  /** Date of the most recent harmful sexual behaviour. */
  lastBehaviourDate?: IsoDay;
  residesInArea?: boolean;
  ongoingPoliceInvestigation?: boolean;
  openToChildrensSocialCare?: boolean;
  openToYouthJusticeService?: boolean;
}

export type CriterionResult = 'met' | 'not-met' | 'unknown';
export type EligibilityOutcome =
  | 'eligible-for-aim'
  | 'consultation-only'
  | 'not-eligible'
  | 'more-information-needed'
  | 'no-criteria';

export const ELIGIBILITY_OUTCOME_LABELS: Record<EligibilityOutcome, string> = {
  'eligible-for-aim': 'Eligible for AIM',
  'consultation-only': 'Consultation only',
  'not-eligible': 'Not eligible',
  'more-information-needed': 'More information needed',
  'no-criteria': 'No referral criteria in this profile',
};

export interface CriterionEvaluation {
  id: string;
  label: string;
  result: CriterionResult;
  ifNotMet: EligibilityCriterion['ifNotMet'];
  /** e.g. "Not met: the child is 9 on the referral date (01/12/2026); the range is 10 to 17. …" */
  explanation: string;
}

export interface EligibilityEvaluation {
  outcome: EligibilityOutcome;
  /** Criteria not met that stop an AIM assessment outright (no reason can override them), and why. */
  aimBlockedBy: { criterion: CriterionEvaluation; fact: string; why: string }[];
  outcomeLabel: string;
  summary: string;
  criteria: CriterionEvaluation[];
}

const CONSEQUENCE = {
  'not-eligible': ' The referral criteria are not met.',
  'consultation-only': ' A consultation can be offered, but not an AIM assessment.',
} as const;

function evaluate(
  c: EligibilityCriterion,
  facts: EligibilityFacts,
): { result: CriterionResult; detail: string } {
  const ref = facts.referralDate;
  switch (c.kind) {
    case 'behaviour-within-months': {
      const last = facts.lastBehaviourDate;
      if (!ref || !last)
        return {
          result: 'unknown',
          detail: 'the referral date and the date of the most recent behaviour are needed.',
        };
      const cutoff = addMonths(ref, -c.months);
      const within = last >= cutoff;
      return {
        result: within ? 'met' : 'not-met',
        detail: `the most recent behaviour (${formatDay(last)}) is ${within ? 'within' : 'more than'} ${c.months} months ${within ? 'of' : 'before'} the referral date (${formatDay(ref)}).`,
      };
    }
    case 'age-on-referral': {
      if (!ref || !facts.dateOfBirth)
        return { result: 'unknown', detail: 'the date of birth and the referral date are needed.' };
      const age = ageOn(facts.dateOfBirth, ref);
      const inRange = age >= c.minAge && age <= c.maxAge;
      return {
        result: inRange ? 'met' : 'not-met',
        detail: `the child is ${age} on the referral date (${formatDay(ref)}); the range is ${c.minAge} to ${c.maxAge}.`,
      };
    }
    case 'yes-no': {
      const answer = facts[c.fact];
      if (answer === undefined) return { result: 'unknown', detail: `not yet answered: ${c.question}` };
      return {
        result: answer === c.expected ? 'met' : 'not-met',
        detail: `${c.question} ${answer ? 'Yes' : 'No'}.`,
      };
    }
  }
}

const WORD: Record<CriterionResult, string> = { met: 'Met', 'not-met': 'Not met', unknown: 'Not known' };

export function evaluateEligibility(profile: Profile, facts: EligibilityFacts): EligibilityEvaluation {
  const criteria = profile.eligibility.criteria.map((c): CriterionEvaluation => {
    const { result, detail } = evaluate(c, facts);
    const consequence = result === 'not-met' ? CONSEQUENCE[c.ifNotMet] : '';
    return {
      id: c.id,
      label: c.label,
      result,
      ifNotMet: c.ifNotMet,
      explanation: `${WORD[result]}: ${detail}${consequence}`,
    };
  });
  const labels = (list: CriterionEvaluation[]) => list.map((c) => c.label).join('; ');
  const where = (result: CriterionResult, ifNotMet?: CriterionEvaluation['ifNotMet']) =>
    criteria.filter((c) => c.result === result && (ifNotMet === undefined || c.ifNotMet === ifNotMet));

  let outcome: EligibilityOutcome;
  let summary: string;
  if (criteria.length === 0) {
    outcome = 'no-criteria';
    summary = 'This profile sets no referral criteria; the decision rests on professional judgement.';
  } else if (where('not-met', 'not-eligible').length > 0) {
    outcome = 'not-eligible';
    summary = `Not eligible. Not met: ${labels(where('not-met', 'not-eligible'))}.`;
  } else if (where('unknown', 'not-eligible').length > 0) {
    outcome = 'more-information-needed';
    summary = `More information needed for: ${labels(where('unknown'))}.`;
  } else if (where('not-met', 'consultation-only').length > 0) {
    outcome = 'consultation-only';
    summary = `Consultation only. Not met: ${labels(where('not-met', 'consultation-only'))}.`;
  } else if (where('unknown').length > 0) {
    outcome = 'more-information-needed';
    summary = `More information needed for: ${labels(where('unknown'))}.`;
  } else {
    outcome = 'eligible-for-aim';
    summary = `Eligible for AIM: all ${criteria.length} referral criteria are met.`;
  }
  const aimBlockedBy = criteria.flatMap((c, i) => {
    const source = profile.eligibility.criteria[i];
    return c.result === 'not-met' && source?.kind === 'yes-no' && source.blocksAim
      ? [{ criterion: c, fact: source.fact, why: source.blocksAim }]
      : [];
  });
  return { outcome, outcomeLabel: ELIGIBILITY_OUTCOME_LABELS[outcome], summary, criteria, aimBlockedBy };
}

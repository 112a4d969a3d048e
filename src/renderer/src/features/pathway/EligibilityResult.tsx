import type { CallResponse } from '#contract/calls.ts';
import { StateTag } from './shared.tsx';

export type EligibilityView = CallResponse<'pathway.checkEligibility'>;

const RESULT_WORDS: Record<string, string> = { met: 'Met', 'not-met': 'Not met', unknown: 'Not known' };

/** The eligibility outcome and each criterion, line by line: met, not met or not known, and why. */
export function EligibilityResult({ eligibility }: { eligibility: EligibilityView }) {
  // The summary starts with the outcome ("Consultation only. Not met: …"): say it once.
  const summary = eligibility.summary.startsWith(`${eligibility.outcomeLabel}. `)
    ? eligibility.summary.slice(eligibility.outcomeLabel.length + 2)
    : eligibility.summary;
  return (
    <div className="hsb-eligibility">
      <p className="body">
        <strong>Outcome: {eligibility.outcomeLabel}.</strong>{' '}
        {eligibility.outcome === 'no-criteria' ? '' : summary}
      </p>
      {eligibility.criteria.length > 0 ? (
        <ul className="hsb-checklist" aria-label="Referral criteria">
          {eligibility.criteria.map((c) => {
            const word = RESULT_WORDS[c.result] ?? c.result;
            // The explanation starts with the same word; the tag already says it.
            const why = c.explanation.startsWith(`${word}: `)
              ? c.explanation.slice(word.length + 2)
              : c.explanation;
            return (
              <li key={c.label} className="hsb-checklist__item">
                <StateTag tone={c.result === 'met' ? 'done' : c.result === 'not-met' ? 'todo' : 'info'}>
                  {word}
                </StateTag>{' '}
                <span className="hsb-checklist__label">{c.label}</span>
                <span className="hsb-checklist__detail">{why.charAt(0).toUpperCase() + why.slice(1)}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

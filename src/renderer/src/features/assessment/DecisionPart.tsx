import { InstantText } from '../../ui/DateText.tsx';
import { Facts, PartHeading, personText, type View } from './shared.tsx';

const RESULT_CLASS: Record<string, string> = { met: 'met', 'not-met': 'not-met', unknown: 'unknown' };

/** The decision to assess: route, reasons, notification, eligibility and the co-assessors. */
export function DecisionPart({ view }: { view: View }) {
  const { eligibility } = view;
  return (
    <section aria-labelledby="assessment-decision-title" className="assessment-part">
      <PartHeading part="decision">Decision to assess</PartHeading>
      <Facts
        rows={[
          [
            'Framework',
            view.itemSetName ? `${view.framework.name} (items: ${view.itemSetName})` : view.framework.name,
          ],
          ['Route', view.routeLabel],
          [
            'Reasons',
            <span key="r" className="prewrap">
              {view.reasons}
            </span>,
          ],
          ['Decided', <InstantText key="d" value={view.decisionAt} withTime />],
          ['Quality-review service notified', view.qualityReviewNotified],
          ['Lead assessor', personText(view.leadAssessor)],
          ['Co-assessor', personText(view.coAssessor)],
        ]}
      />
      <h3 className="heading-s">Eligibility: {eligibility.outcomeLabel}</h3>
      <p className="body">{eligibility.summary}</p>
      {eligibility.criteria.length > 0 ? (
        <ul className="criteria">
          {eligibility.criteria.map((c) => (
            <li
              key={c.label}
              className={`criteria__item criteria__item--${RESULT_CLASS[c.result] ?? 'unknown'}`}
            >
              <span className="criteria__label">{c.label}</span>
              <span className="criteria__explanation">{c.explanation}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {view.proceedReason ? (
        <Facts
          rows={[
            [
              'Reason to proceed although the criteria are not met',
              <span key="p" className="prewrap">
                {view.proceedReason}
              </span>,
            ],
          ]}
        />
      ) : null}
    </section>
  );
}

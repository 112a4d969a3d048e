import { Fragment } from 'react';
import { useWatch } from 'react-hook-form';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { FormRadios, FormSelect, FormText, FormTextArea, useBound } from '../../ui/form/Form.tsx';
import { fieldId, problemFor, problemText } from '../../ui/problems.ts';
import { LABELS, type Outcome, REQUIREMENT_LABELS } from './meeting-form.ts';

interface Props {
  summary: PathwaySummary;
  categories: CaseTimeline['categories'];
}

/** The outcomes agreed (each revealing what it needs), the rationale, and a category agreed at the meeting. */
export function MeetingOutcomes({ summary, categories }: Props) {
  const ticked = useWatch({ name: 'outcomes' }) as string[];
  const category = useWatch({ name: 'category' }) as string;
  const chosen = summary.strategyMeeting.outcomes.filter((o) => ticked.includes(o.id));
  const rationaleNeeded = chosen.some((o) => o.requires.includes('rationale'));
  return (
    <>
      <h2 className="heading-m">Outcome</h2>
      <OutcomeList summary={summary} chosen={chosen} />
      <FormTextArea
        name="rationale"
        path="details.rationale"
        label={
          rationaleNeeded
            ? `${LABELS['details.rationale']} (required for the outcome chosen)`
            : `${LABELS['details.rationale']} (optional)`
        }
        hint="Why the meeting decided as it did. Used as the reasons for an AIM assessment started alongside."
        rows={3}
      />
      <FormSelect
        name="category"
        label={LABELS.category ?? ''}
        hint="Optional. Recorded in the category history, with the deadlines the profile ties to it."
        options={categories.map((c) => ({
          value: c.id,
          label: c.brookColour ? `${c.label} — ${c.brookColour}` : c.label,
        }))}
        placeholder="Not agreed at this meeting"
      />
      {category ? (
        <FormTextArea
          name="categoryRationale"
          label={`${LABELS.categoryRationale} (required, unless the rationale above covers it)`}
          rows={2}
        />
      ) : null}
    </>
  );
}

/** The needs of an outcome that reveal a field of their own (the rationale has one field for all). */
const DETAIL_NEEDS = ['lead-agency', 's47-type', 'follow-up-timescale'];

/** What ticking an outcome does beyond recording it: an AIM assessment, or the list of no further action. */
function outcomeNotes(o: Outcome, nfaReportedTo: string): string[] {
  return [
    o.startsAssessment
      ? 'Starts an AIM assessment on the case: the allocated social worker and YOS practitioner become the co-assessors.'
      : '',
    o.noFurtherAction && nfaReportedTo
      ? `Goes on the list of no further action decisions for the ${nfaReportedTo}.`
      : o.noFurtherAction
        ? 'Goes on the list of no further action decisions.'
        : '',
  ].filter(Boolean);
}

function OutcomeList({ summary, chosen }: { summary: PathwaySummary; chosen: Outcome[] }) {
  const { form, errors, value: outcomes, onChange } = useBound<string[]>('outcomes');
  const outcomesId = fieldId(form, 'outcomes');
  const problem = problemFor(errors, 'outcomes');
  // Each field an outcome needs appears under the first ticked outcome that needs it.
  const revealedBy = new Map<string, string>();
  for (const o of chosen)
    for (const r of o.requires) if (r !== 'rationale' && !revealedBy.has(r)) revealedBy.set(r, o.id);
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...outcomes, id] : outcomes.filter((x) => x !== id));
  return (
    <div className={`field${problem ? ' field--error' : ''}`}>
      <fieldset id={outcomesId} className="fieldset" aria-describedby={`${outcomesId}-hint`}>
        <legend className="legend">{LABELS.outcomes}</legend>
        <p id={`${outcomesId}-hint`} className="hint">
          Tick every outcome agreed. Some need more detail, which appears when ticked; each starts the
          deadlines the profile attaches to it.
        </p>
        {problem ? (
          <p className="field-error">
            <span className="visually-hidden">Error: </span>
            {problemText(LABELS.outcomes, problem)}
          </p>
        ) : null}
        {summary.strategyMeeting.outcomes.map((o) => {
          const id = `${outcomesId}-${o.id}`;
          const notes = outcomeNotes(o, summary.terms.nfaReportedTo);
          const needs = o.requires.filter((r) => DETAIL_NEEDS.includes(r) && revealedBy.get(r) === o.id);
          const ticked = outcomes.includes(o.id);
          return (
            <Fragment key={o.id}>
              <div className="checkbox">
                <input
                  id={id}
                  type="checkbox"
                  className="checkbox__input"
                  checked={ticked}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                  aria-describedby={notes.length ? `${id}-hint` : undefined}
                />
                <label htmlFor={id} className="checkbox__label">
                  {o.label}
                </label>
              </div>
              {notes.length ? (
                <p id={`${id}-hint`} className="hint checkbox__hint">
                  {notes.join(' ')}
                </p>
              ) : null}
              {ticked && needs.length > 0 ? (
                <div className="radio__reveal">
                  {needs.map((need) => (
                    <OutcomeDetail key={need} need={need} />
                  ))}
                </div>
              ) : null}
            </Fragment>
          );
        })}
      </fieldset>
    </div>
  );
}

/** One detail an outcome needs: the lead agency, the kind of section 47 enquiry, or the follow-up timescale. */
function OutcomeDetail({ need }: { need: string }) {
  const detail = (name: string, path: keyof typeof REQUIREMENT_LABELS) => ({
    name,
    path,
    label: REQUIREMENT_LABELS[path],
  });
  if (need === 'lead-agency')
    return <FormText {...detail('leadAgency', 'details.leadAgency')} width="medium" />;
  if (need === 's47-type')
    return (
      <FormRadios
        {...detail('s47Type', 'details.s47Type')}
        options={[
          { value: 'single', label: 'Single (social care only)' },
          { value: 'joint', label: 'Joint with police' },
        ]}
      />
    );
  if (need === 'follow-up-timescale')
    return (
      <FormText
        {...detail('followUp', 'details.followUpWorkingDays')}
        hint="The follow-up meeting becomes a deadline on the case."
        inputMode="numeric"
        width="time"
      />
    );
  return null;
}

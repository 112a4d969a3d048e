import { Fragment, type ReactNode } from 'react';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { type FormErrors, fieldId, problemFor, problemText } from '../../ui/problems.ts';
import {
  FORM,
  LABELS,
  type MeetingFields,
  type Outcome,
  REQUIREMENT_LABELS,
  type Update,
} from './meeting-form.ts';

interface Props {
  fields: MeetingFields;
  update: Update;
  /** The outcomes ticked, in the profile's order. */
  chosen: Outcome[];
  summary: PathwaySummary;
  categories: CaseTimeline['categories'];
  errors: FormErrors;
}

/** The outcomes agreed (each revealing what it needs), the rationale, and a category agreed at the meeting. */
export function MeetingOutcomes(props: Props) {
  const { fields, update, chosen, categories, errors } = props;
  const rationaleNeeded = chosen.some((o) => o.requires.includes('rationale'));
  return (
    <>
      <h2 className="heading-m">Outcome</h2>
      <OutcomeList {...props} />
      <TextAreaField
        form={FORM}
        path="details.rationale"
        label={
          rationaleNeeded
            ? `${LABELS['details.rationale']} (required for the outcome chosen)`
            : `${LABELS['details.rationale']} (optional)`
        }
        hint="Why the meeting decided as it did. Used as the reasons for an AIM assessment started alongside."
        value={fields.rationale}
        onChange={(rationale) => update({ rationale })}
        rows={3}
        errors={errors}
      />
      <SelectField
        form={FORM}
        path="category"
        label={LABELS.category}
        hint="Optional. Recorded in the category history, with the deadlines the profile ties to it."
        value={fields.category}
        onChange={(category) => update({ category })}
        options={categories.map((c) => ({
          value: c.id,
          label: c.brookColour ? `${c.label} — ${c.brookColour}` : c.label,
        }))}
        placeholder="Not agreed at this meeting"
        errors={errors}
      />
      {fields.category ? (
        <TextAreaField
          form={FORM}
          path="categoryRationale"
          label={`${LABELS.categoryRationale} (required, unless the rationale above covers it)`}
          value={fields.categoryRationale}
          onChange={(categoryRationale) => update({ categoryRationale })}
          rows={2}
          errors={errors}
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

function OutcomeList({ fields, update, chosen, summary, errors }: Props) {
  const outcomesId = fieldId(FORM, 'outcomes');
  const problem = problemFor(errors, 'outcomes');
  // Each field an outcome needs appears under the first ticked outcome that needs it.
  const revealedBy = new Map<string, string>();
  for (const o of chosen)
    for (const r of o.requires) if (r !== 'rationale' && !revealedBy.has(r)) revealedBy.set(r, o.id);
  const toggle = (id: string, on: boolean) =>
    update({ outcomes: on ? [...fields.outcomes, id] : fields.outcomes.filter((x) => x !== id) });
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
          const details = o.requires
            .filter((r) => DETAIL_NEEDS.includes(r) && revealedBy.get(r) === o.id)
            .map((r) => <OutcomeDetail key={r} need={r} fields={fields} update={update} errors={errors} />);
          const ticked = fields.outcomes.includes(o.id);
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
              {ticked && details.length > 0 ? <div className="radio__reveal">{details}</div> : null}
            </Fragment>
          );
        })}
      </fieldset>
    </div>
  );
}

/** One detail an outcome needs: the lead agency, the kind of section 47 enquiry, or the follow-up timescale. */
function OutcomeDetail({
  need,
  fields,
  update,
  errors,
}: {
  need: string;
  fields: MeetingFields;
  update: Update;
  errors: FormErrors;
}): ReactNode {
  if (need === 'lead-agency')
    return (
      <TextField
        form={FORM}
        path="details.leadAgency"
        label={REQUIREMENT_LABELS['details.leadAgency']}
        value={fields.leadAgency}
        onChange={(leadAgency) => update({ leadAgency })}
        width="medium"
        errors={errors}
      />
    );
  if (need === 's47-type')
    return (
      <RadioGroup
        form={FORM}
        path="details.s47Type"
        label={REQUIREMENT_LABELS['details.s47Type']}
        options={[
          { value: 'single', label: 'Single (social care only)' },
          { value: 'joint', label: 'Joint with police' },
        ]}
        value={fields.s47Type}
        onChange={(s47Type) => update({ s47Type })}
        errors={errors}
      />
    );
  if (need === 'follow-up-timescale')
    return (
      <TextField
        form={FORM}
        path="details.followUpWorkingDays"
        label={REQUIREMENT_LABELS['details.followUpWorkingDays']}
        hint="The follow-up meeting becomes a deadline on the case."
        value={fields.followUp}
        onChange={(followUp) => update({ followUp })}
        inputMode="numeric"
        width="time"
        errors={errors}
      />
    );
  return null;
}

import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CasePerson } from '#contract/pattern-map-schemas.ts';
import { exploitationAdvice } from '#domain/pathway/stage.ts';
import type { ProfileAskedFact } from '#domain/profiles/practice.ts';
import { DateField } from '../../ui/DateField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import {
  CheckboxGroup,
  DateTimeFields,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui/Field.tsx';
import { WarningText } from '../../ui/Notice.tsx';
import { AGENCY_OPTIONS } from '../../ui/options.ts';
import type { FormErrors } from '../../ui/problems.ts';
import { EXPLOITATION, exploitationOf, FORM, isChildKind, LABELS } from './concern-form.ts';
import { EligibilityResult, type EligibilityView } from './EligibilityResult.tsx';
import { OtherChildren } from './OtherChildren.tsx';
import { YES_NO_OPTIONS } from './shared.tsx';
import { type ConcernFields, type ConcernUpdate, useConcernForm } from './useConcernForm.ts';

/** The concern: when and from whom, what was reported, the children and flags, and eligibility. */
export function ConcernForm({
  caseId,
  profileName,
  asked = [],
  people,
  onPersonAdded,
  onSaved,
}: {
  caseId: string;
  profileName: string;
  /** The questions only this profile's criteria ask. */
  asked?: { fact: ProfileAskedFact; question: string }[];
  people: CasePerson[];
  onPersonAdded: (person: CasePerson) => void;
  onSaved: (summary: PathwaySummary) => void;
}) {
  const candidates = people.filter((p) => isChildKind(p.kind));
  const form = useConcernForm(caseId, candidates, onSaved);
  const { fields, update, errors } = form;
  const advice = exploitationAdvice(exploitationOf(fields.flags));
  return (
    <form onSubmit={form.submit} noValidate aria-label="Record a concern" className="form">
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <ConcernSourceFields fields={fields} update={update} errors={errors} />
      <OtherChildren
        caseId={caseId}
        candidates={candidates}
        chosen={fields.childIds}
        onChosen={(childIds) => update({ childIds })}
        onAdded={(p) => {
          onPersonAdded(p);
          update({ childIds: [...fields.childIds, p.id] });
        }}
        errors={errors}
      />
      <CheckboxGroup
        form={FORM}
        path="exploitation"
        label={LABELS.exploitation}
        hint="Tick any that the concern identifies. Each has its own pathway to follow as well."
        options={EXPLOITATION}
        values={fields.flags}
        onChange={(flags) => update({ flags })}
        errors={errors}
      />
      {advice ? <WarningText>{advice}</WarningText> : null}
      <EligibilityFields
        fields={fields}
        update={update}
        profileName={profileName}
        asked={asked}
        eligibility={form.eligibility}
        checkProblem={form.checkProblem}
        onCheck={() => void form.check()}
        errors={errors}
      />
      {form.showReason ? (
        <TextAreaField
          form={FORM}
          path="proceedReason"
          label={LABELS.proceedReason}
          hint="Recorded with the concern and shown in the pathway history."
          value={fields.proceedReason}
          onChange={(proceedReason) => update({ proceedReason })}
          rows={3}
          errors={errors}
        />
      ) : null}
      <button type="submit" className="button" aria-disabled={form.busy || undefined}>
        Record concern
      </button>
    </form>
  );
}

interface FieldsProps {
  fields: ConcernFields;
  update: ConcernUpdate;
  errors: FormErrors;
}

/** When the concern was received, whether it is a new referral, who reported it and what they reported. */
function ConcernSourceFields({ fields, update, errors }: FieldsProps) {
  return (
    <>
      <DateTimeFields
        form={FORM}
        path="receivedAt"
        dateLabel={LABELS.receivedAt}
        timeLabel={LABELS.receivedAtTime}
        date={fields.day}
        time={fields.time}
        onDate={(day) => update({ day })}
        onTime={(time) => update({ time })}
        errors={errors}
      />
      <RadioGroup
        form={FORM}
        path="newReferral"
        label={LABELS.newReferral}
        options={[
          { value: 'yes', label: 'Yes, a new referral' },
          { value: 'no', label: 'No, a further concern on this open case' },
        ]}
        value={fields.newReferral}
        onChange={(newReferral) => update({ newReferral })}
        errors={errors}
      />
      <div className="field-row">
        <SelectField
          form={FORM}
          path="sourceAgency"
          label={LABELS.sourceAgency}
          value={fields.sourceAgency}
          onChange={(sourceAgency) => update({ sourceAgency })}
          options={AGENCY_OPTIONS}
          placeholder="Choose an agency"
          errors={errors}
        />
        <TextField
          form={FORM}
          path="sourceRole"
          label={LABELS.sourceRole}
          hint="For example, designated safeguarding lead."
          value={fields.sourceRole}
          onChange={(sourceRole) => update({ sourceRole })}
          width="medium"
          errors={errors}
        />
      </div>
      <TextAreaField
        form={FORM}
        path="reported"
        label={LABELS.reported}
        hint="What the person reporting said happened, in their words where possible."
        value={fields.reported}
        onChange={(reported) => update({ reported })}
        rows={5}
        errors={errors}
      />
    </>
  );
}

/** The facts the profile's referral criteria need, and the check that explains them line by line. */
function EligibilityFields({
  fields,
  update,
  profileName,
  asked,
  eligibility,
  checkProblem,
  onCheck,
  errors,
}: FieldsProps & {
  profileName: string;
  asked: { fact: ProfileAskedFact; question: string }[];
  eligibility: EligibilityView | null;
  checkProblem: string | null;
  onCheck: () => void;
}) {
  return (
    <fieldset className="fieldset hsb-group" aria-describedby="concern-eligibility-hint">
      <legend className="legend">Eligibility</legend>
      <p id="concern-eligibility-hint" className="hint">
        Checked against the {profileName} profile’s referral criteria on the date received.
      </p>
      <DateField
        form={FORM}
        path="facts.lastBehaviourDate"
        label={LABELS['facts.lastBehaviourDate']}
        value={fields.lastBehaviourDate}
        onChange={(lastBehaviourDate) => update({ lastBehaviourDate })}
        errors={errors}
      />
      <RadioGroup
        form={FORM}
        path="facts.residesInArea"
        label={LABELS['facts.residesInArea']}
        options={YES_NO_OPTIONS}
        value={fields.resides}
        onChange={(resides) => update({ resides })}
        errors={errors}
      />
      <RadioGroup
        form={FORM}
        path="facts.ongoingPoliceInvestigation"
        label={LABELS['facts.ongoingPoliceInvestigation']}
        options={YES_NO_OPTIONS}
        value={fields.police}
        onChange={(police) => update({ police })}
        errors={errors}
      />
      {asked.map((q) => (
        <RadioGroup
          key={q.fact}
          form={FORM}
          path={`facts.${q.fact}`}
          label={q.question}
          options={YES_NO_OPTIONS}
          value={fields.asked[q.fact] ?? ''}
          onChange={(v) => update({ asked: { ...fields.asked, [q.fact]: v } })}
          errors={errors}
        />
      ))}
      <button type="button" className="button button--secondary" onClick={onCheck}>
        Check eligibility
      </button>
      <div aria-live="polite">
        {checkProblem ? <p className="field-error">{checkProblem}</p> : null}
        {eligibility ? <EligibilityResult eligibility={eligibility} /> : null}
      </div>
    </fieldset>
  );
}

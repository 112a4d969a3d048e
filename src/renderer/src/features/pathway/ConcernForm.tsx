import type { PathwaySummary } from '#contract/pathway-calls.ts';
import type { CasePerson } from '#contract/pattern-map-schemas.ts';
import { exploitationAdvice } from '#domain/pathway/stage.ts';
import type { ProfileAskedFact } from '#domain/profiles/practice.ts';
import {
  BoundField,
  Form,
  FormCheckboxes,
  FormDate,
  FormDateTime,
  FormRadios,
  FormSelect,
  FormText,
  FormTextArea,
  SubmitButton,
} from '../../ui/form/Form.tsx';
import { WarningText } from '../../ui/Notice.tsx';
import { AGENCY_OPTIONS } from '../../ui/options.ts';
import { EXPLOITATION, exploitationOf, isChildKind, LABELS } from './concern-form.ts';
import { EligibilityResult, type EligibilityView } from './EligibilityResult.tsx';
import { OtherChildren } from './OtherChildren.tsx';
import { YES_NO_OPTIONS } from './shared.tsx';
import { useConcernForm } from './useConcernForm.ts';

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
  const { form, flags, ...concern } = useConcernForm(caseId, candidates, onSaved);
  const advice = exploitationAdvice(exploitationOf(flags));
  return (
    <Form form={form} label="Record a concern">
      <ConcernSourceFields />
      <BoundField<string[]>
        name="childIds"
        path="children"
        render={({ value, onChange, errors }) => (
          <OtherChildren
            caseId={caseId}
            candidates={candidates}
            chosen={value}
            onChosen={onChange}
            onAdded={(p) => {
              onPersonAdded(p);
              onChange([...value, p.id]);
            }}
            errors={errors}
          />
        )}
      />
      <FormCheckboxes
        name="flags"
        path="exploitation"
        hint="Tick any that the concern identifies. Each has its own pathway to follow as well."
        options={EXPLOITATION}
      />
      {advice ? <WarningText>{advice}</WarningText> : null}
      <EligibilityFields
        profileName={profileName}
        asked={asked}
        eligibility={concern.eligibility}
        checkProblem={concern.checkProblem}
        onCheck={() => void concern.check()}
      />
      {concern.showReason ? (
        <FormTextArea
          name="proceedReason"
          hint="Recorded with the concern and shown in the pathway history."
          rows={3}
        />
      ) : null}
      <SubmitButton>Record concern</SubmitButton>
    </Form>
  );
}

/** When the concern was received, whether it is a new referral, who reported it and what they reported. */
function ConcernSourceFields() {
  return (
    <>
      <FormDateTime dateName="day" timeName="time" path="receivedAt" />
      <FormRadios
        name="newReferral"
        options={[
          { value: 'yes', label: 'Yes, a new referral' },
          { value: 'no', label: 'No, a further concern on this open case' },
        ]}
      />
      <div className="field-row">
        <FormSelect name="sourceAgency" options={AGENCY_OPTIONS} placeholder="Choose an agency" />
        <FormText name="sourceRole" hint="For example, designated safeguarding lead." width="medium" />
      </div>
      <FormText name="referrerName" hint="So that they can be contacted again." width="medium" />
      <div className="field-row">
        <FormText name="referrerPhone" width="medium" />
        <FormText name="referrerEmail" width="medium" />
      </div>
      <FormTextArea
        name="reported"
        hint="What the person reporting said happened, in their words where possible."
        rows={5}
      />
    </>
  );
}

/** The facts the profile's referral criteria need, and the check that explains them line by line. */
function EligibilityFields({
  profileName,
  asked,
  eligibility,
  checkProblem,
  onCheck,
}: {
  profileName: string;
  asked: { fact: ProfileAskedFact; question: string }[];
  eligibility: EligibilityView | null;
  checkProblem: string | null;
  onCheck: () => void;
}) {
  const yesNo = (name: string, path: string, label: string) => (
    <FormRadios key={path} name={name} path={path} label={label} options={YES_NO_OPTIONS} />
  );
  return (
    <fieldset className="fieldset hsb-group" aria-describedby="concern-eligibility-hint">
      <legend className="legend">Eligibility</legend>
      <p id="concern-eligibility-hint" className="hint">
        Checked against the {profileName} profile’s referral criteria on the date received.
      </p>
      <FormDate name="lastBehaviourDate" path="facts.lastBehaviourDate" />
      {yesNo('resides', 'facts.residesInArea', LABELS['facts.residesInArea'])}
      {yesNo('police', 'facts.ongoingPoliceInvestigation', LABELS['facts.ongoingPoliceInvestigation'])}
      {asked.map((q) => yesNo(`asked.${q.fact}`, `facts.${q.fact}`, q.question))}
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

import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import { type CasePerson, PERSON_KIND_LABELS } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import { CheckboxGroup, SelectField, TextField } from '../../ui/Field.tsx';
import { errorsFromResult, type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import { CHILD_KINDS, type ChildKind, FORM, LABELS } from './concern-form.ts';

const ADD_FORM = 'add-child';
const ADD_LABELS = {
  kind: 'Who they are',
  anonymisedLabel: 'Reference',
  name: 'Name (optional for a harmed child)',
};

/** Other children by reference: those already on the case, or one added here without a name where allowed. */
export function OtherChildren({
  caseId,
  candidates,
  chosen,
  onChosen,
  onAdded,
  errors,
}: {
  caseId: string;
  candidates: CasePerson[];
  chosen: string[];
  onChosen: (ids: string[]) => void;
  onAdded: (person: CasePerson) => void;
  errors: FormErrors;
}) {
  const [kind, setKind] = useState<ChildKind | ''>('');
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [addErrors, setAddErrors] = useState<FormErrors>(NO_ERRORS);
  const [added, setAdded] = useState<string | null>(null);

  async function add() {
    setAdded(null);
    const problems: FieldProblem[] = [];
    if (!kind) problems.push({ path: 'kind', message: 'Choose who the child is' });
    if (!label.trim())
      problems.push({ path: 'anonymisedLabel', message: 'Enter a reference, for example Child A' });
    if (problems.length > 0 || !kind) {
      setAddErrors({ problems });
      return;
    }
    const result = await call('people.add', {
      caseId,
      kind,
      name: name.trim(),
      anonymisedLabel: label.trim(),
      relationship: '',
    });
    if (!result.ok) {
      setAddErrors(errorsFromResult(result.error));
      return;
    }
    setAddErrors(NO_ERRORS);
    setAdded(`${result.data.anonymisedLabel} added to the case and ticked above.`);
    setKind('');
    setLabel('');
    setName('');
    onAdded(result.data);
  }

  return (
    <div className="field">
      <CheckboxGroup
        form={FORM}
        path="children"
        label={LABELS.children}
        hint={
          candidates.length === 0
            ? 'No other children are recorded on the case yet. Add one by reference below.'
            : 'Children on the case, by their reference. Tick those the concern involves.'
        }
        options={candidates.map((p) => ({
          value: p.id,
          label: `${p.anonymisedLabel} (${PERSON_KIND_LABELS[p.kind].toLowerCase()})`,
        }))}
        values={chosen}
        onChange={onChosen}
        errors={errors}
      />
      <div className="hsb-subform">
        <fieldset className="fieldset" aria-describedby="add-child-hint">
          <legend className="legend legend--s">Add another child by reference</legend>
          <p id="add-child-hint" className="hint">
            Shown everywhere by the reference. A harmed child may be recorded by the reference alone; a
            sibling, peer or other child also needs a name, which stays in the case record.
          </p>
          {addErrors.message ? <p className="field-error">{addErrors.message}</p> : null}
          {added ? (
            <p className="body hsb-confirm" role="status">
              {added}
            </p>
          ) : null}
          <div className="field-row">
            <SelectField
              form={ADD_FORM}
              path="kind"
              label={ADD_LABELS.kind}
              value={kind}
              onChange={(v) => setKind(v as ChildKind | '')}
              options={CHILD_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))}
              placeholder="Choose"
              errors={addErrors}
            />
            <TextField
              form={ADD_FORM}
              path="anonymisedLabel"
              label={ADD_LABELS.anonymisedLabel}
              hint="For example, Child A."
              value={label}
              onChange={setLabel}
              width="short"
              errors={addErrors}
            />
            <TextField
              form={ADD_FORM}
              path="name"
              label={ADD_LABELS.name}
              value={name}
              onChange={setName}
              width="medium"
              errors={addErrors}
            />
          </div>
          <button type="button" className="button button--secondary" onClick={() => void add()}>
            Add child to the case
          </button>
        </fieldset>
      </div>
    </div>
  );
}

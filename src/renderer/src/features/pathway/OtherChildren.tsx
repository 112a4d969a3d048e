import { useState } from 'react';
import { type CasePerson, PERSON_KIND_LABELS } from '#contract/pattern-map-schemas.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { CheckboxGroup } from '../../ui/Field.tsx';
import { FormFields, FormSelect, FormText } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { type FormErrors, missingProblems } from '../../ui/problems.ts';
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
  const [added, setAdded] = useState<string | null>(null);
  const add = useWorkbenchForm({
    id: ADD_FORM,
    labels: ADD_LABELS,
    defaultValues: { kind: '' as ChildKind | '', anonymisedLabel: '', name: '' },
    check: ({ kind, anonymisedLabel }) => [
      ...(kind ? [] : [{ path: 'kind', message: 'Choose who the child is' }]),
      ...missingProblems([['anonymisedLabel', anonymisedLabel, 'Enter a reference, for example Child A']]),
    ],
    toRequest: ({ kind, anonymisedLabel, name }) => ({
      caseId,
      kind: kind as ChildKind,
      name: name.trim(),
      anonymisedLabel: anonymisedLabel.trim(),
      relationship: '',
    }),
    send: (request) => call('people.add', request),
    onSubmitStart: () => setAdded(null),
    resetOnSuccess: true,
    onSuccess: (person) => {
      setAdded(`${person.anonymisedLabel} added to the case and ticked above.`);
      onAdded(person);
    },
  });

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
          {add.errors.message ? <p className="field-error">{add.errors.message}</p> : null}
          {added ? (
            <p className="body hsb-confirm" role="status">
              {added}
            </p>
          ) : null}
          <FormFields form={add}>
            <div className="field-row">
              <FormSelect
                name="kind"
                options={CHILD_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))}
                placeholder="Choose"
              />
              <FormText name="anonymisedLabel" hint="For example, Child A." width="short" />
              <FormText name="name" width="medium" />
            </div>
          </FormFields>
          <ActionButton
            className="button button--secondary"
            busy={add.busy}
            onClick={() => void add.submit()}
          >
            Add child to the case
          </ActionButton>
        </fieldset>
      </div>
    </div>
  );
}

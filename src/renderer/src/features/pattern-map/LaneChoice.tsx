import { type KeyboardEvent, useState } from 'react';
import { call } from '../../app/api.ts';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { errorsFromResult, type FormErrors, missingProblems, NO_ERRORS } from '../../ui/problems.ts';
import { FORM } from './itemDraft.ts';
import { useMapStore, useMapStoreApi } from './store.ts';

/** The type of life event, with a small form to add a type that is not listed. */
export function LaneChoice({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (lane: string) => void;
  errors: FormErrors;
}) {
  const store = useMapStoreApi();
  const types = useMapStore((s) => s.map.lifeEventTypes);
  const [adding, setAdding] = useState(false);
  const [label, setLabel] = useState('');
  const [typeErrors, setTypeErrors] = useState<FormErrors>(NO_ERRORS);

  async function addType() {
    const missing = missingProblems([['label', label, 'Enter the name of the new type']]);
    if (missing.length > 0) {
      setTypeErrors({ problems: missing });
      return;
    }
    const result = await call('map.addLifeEventType', { label });
    if (!result.ok) {
      setTypeErrors(errorsFromResult(result.error));
      return;
    }
    const { map, setMap } = store.getState();
    setMap({ ...map, lifeEventTypes: result.data });
    const added = result.data.find((t) => t.label.toLowerCase() === label.trim().toLowerCase());
    if (added) onChange(added.id);
    setLabel('');
    setTypeErrors(NO_ERRORS);
    setAdding(false);
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void addType();
    }
  };

  return (
    <div className="pm-lane-choice">
      <SelectField
        form={FORM}
        path="item.lane"
        label="Type of life event"
        value={value}
        onChange={onChange}
        options={types.map((t) => ({ value: t.id, label: t.label }))}
        placeholder="Choose the type"
        errors={errors}
      />
      {adding ? (
        // Not a nested form: the fields sit inside the item form, so Enter is caught here.
        <fieldset className="pm-inline-form">
          <legend className="pm-legend">Add a type of life event</legend>
          {typeErrors.message ? <p className="field-error">{typeErrors.message}</p> : null}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: catches Enter from the text field inside */}
          <div onKeyDown={onKeyDown}>
            <TextField
              form="pm-type"
              path="label"
              label="Name of the new type"
              width="medium"
              value={label}
              onChange={setLabel}
              errors={typeErrors}
            />
          </div>
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={() => void addType()}>
              Add type
            </button>
            <button type="button" className="link-button" onClick={() => setAdding(false)}>
              Cancel adding a type
            </button>
          </div>
        </fieldset>
      ) : (
        <p className="pm-lane-choice__add">
          <button type="button" className="link-button" onClick={() => setAdding(true)}>
            Add a type
          </button>
        </p>
      )}
    </div>
  );
}

import { DateField } from '../../ui/DateField.tsx';
import { TextField } from '../../ui/Field.tsx';
import type { FormErrors } from '../../ui/problems.ts';
import { type Action, changeRow, FORM, newAction } from './meeting-form.ts';

/** The actions agreed at the meeting: what, who owns it, when it is due, and whether it is done. */
export function MeetingActions({
  actions,
  onChange,
  errors,
}: {
  actions: Action[];
  onChange: (actions: Action[]) => void;
  errors: FormErrors;
}) {
  return (
    <>
      <h2 className="heading-m">Actions</h2>
      {actions.length === 0 ? <p className="body hint">No actions added.</p> : null}
      {actions.map((a, i) => (
        <ActionRow
          key={a.key}
          action={a}
          index={i}
          onChange={(change) => onChange(changeRow(actions, a.key, change))}
          onRemove={() => onChange(actions.filter((x) => x.key !== a.key))}
          errors={errors}
        />
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...actions, newAction()])}
      >
        Add an action
      </button>
    </>
  );
}

function ActionRow({
  action: a,
  index: i,
  onChange,
  onRemove,
  errors,
}: {
  action: Action;
  index: number;
  onChange: (change: Partial<Action>) => void;
  onRemove: () => void;
  errors: FormErrors;
}) {
  return (
    <fieldset className="fieldset hsb-row">
      <legend className="legend legend--s">Action {i + 1}</legend>
      <TextField
        form={FORM}
        path={`actions.${i}.text`}
        label="What"
        value={a.text}
        onChange={(v) => onChange({ text: v })}
        errors={errors}
      />
      <div className="field-row">
        <TextField
          form={FORM}
          path={`actions.${i}.owner`}
          label="Owner"
          value={a.owner}
          onChange={(v) => onChange({ owner: v })}
          width="medium"
          errors={errors}
        />
        <DateField
          form={FORM}
          path={`actions.${i}.due`}
          label="Due"
          value={a.due}
          onChange={(v) => onChange({ due: v })}
          errors={errors}
        />
      </div>
      <div className="checkbox">
        <input
          id={`${FORM}-actions-${i}-done`}
          type="checkbox"
          className="checkbox__input"
          checked={a.done}
          onChange={(e) => onChange({ done: e.target.checked })}
        />
        <label htmlFor={`${FORM}-actions-${i}-done`} className="checkbox__label">
          Done
        </label>
      </div>
      <button type="button" className="link-button" onClick={onRemove}>
        Remove action {i + 1}
      </button>
    </fieldset>
  );
}

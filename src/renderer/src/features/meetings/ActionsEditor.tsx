import { useFieldArray } from 'react-hook-form';
import { FormCheckbox, FormDate, FormText } from '../../ui/form/Form.tsx';
import { type HeadingLevel, PartHeading } from './Heading.tsx';
import { ListProblem } from './ListProblem.tsx';
import { newAction } from './meeting-values.ts';

/** The actions agreed: what, who owns it, when it is due, and whether it is done. */
export function ActionsEditor({ prefix, level }: { prefix: string; level: HeadingLevel }) {
  const { fields, append, remove } = useFieldArray({ name: 'actions' });
  return (
    <>
      <PartHeading level={level}>Actions</PartHeading>
      <ListProblem path={`${prefix}actions`} label="Actions" />
      {fields.length === 0 ? <p className="body hint">No actions added.</p> : null}
      {fields.map((row, i) => (
        <fieldset key={row.id} className="fieldset meeting-row">
          <legend className="legend legend--s">Action {i + 1}</legend>
          <FormText name={`actions.${i}.text`} path={`${prefix}actions.${i}.text`} label="What" />
          <div className="field-row">
            <FormText
              name={`actions.${i}.owner`}
              path={`${prefix}actions.${i}.owner`}
              label="Owner"
              width="medium"
            />
            <FormDate name={`actions.${i}.due`} path={`${prefix}actions.${i}.due`} label="Due" small />
          </div>
          <FormCheckbox name={`actions.${i}.done`} path={`${prefix}actions.${i}.done`} label="Done" />
          <button type="button" className="link-button" onClick={() => remove(i)}>
            Remove action {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary meeting-list-add"
        onClick={() => append(newAction(), { shouldFocus: false })}
      >
        Add an action
      </button>
    </>
  );
}

import { useFieldArray } from 'react-hook-form';
import { FormText, FormTextArea } from '../../ui/form/Form.tsx';
import { type HeadingLevel, PartHeading } from './Heading.tsx';
import { ListProblem } from './ListProblem.tsx';
import { newAgendaPoint } from './meeting-values.ts';

/** The agenda: each point with what was said about it. */
export function AgendaEditor({ prefix, level }: { prefix: string; level: HeadingLevel }) {
  const { fields, append, remove } = useFieldArray({ name: 'agenda' });
  return (
    <>
      <PartHeading level={level}>Agenda</PartHeading>
      <ListProblem path={`${prefix}agenda`} label="Agenda" />
      {fields.length === 0 ? <p className="body hint">No agenda points added.</p> : null}
      {fields.map((row, i) => (
        <fieldset key={row.id} className="fieldset meeting-row">
          <legend className="legend legend--s">Agenda point {i + 1}</legend>
          <FormText name={`agenda.${i}.point`} path={`${prefix}agenda.${i}.point`} label="Point" />
          <FormTextArea
            name={`agenda.${i}.notes`}
            path={`${prefix}agenda.${i}.notes`}
            label="Notes"
            rows={2}
          />
          <button type="button" className="link-button" onClick={() => remove(i)}>
            Remove agenda point {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary meeting-list-add"
        onClick={() => append(newAgendaPoint(), { shouldFocus: false })}
      >
        Add an agenda point
      </button>
    </>
  );
}

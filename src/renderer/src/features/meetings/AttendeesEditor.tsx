import type { ReactNode } from 'react';
import { useFieldArray } from 'react-hook-form';
import { FormSelect, FormText } from '../../ui/form/Form.tsx';
import { type HeadingLevel, PartHeading } from './Heading.tsx';
import { ListProblem } from './ListProblem.tsx';
import { ATTENDANCE_OPTIONS, newAttendee } from './meeting-values.ts';

/** Who was invited: one group per person (name, role, agency, attended / sent apologies / did not attend). */
export function AttendeesEditor({
  prefix,
  level,
  hint,
}: {
  prefix: string;
  level: HeadingLevel;
  /** Shown under the heading (e.g. the roles a profile asks for). */
  hint?: ReactNode;
}) {
  const { fields, append, remove } = useFieldArray({ name: 'attendees' });
  return (
    <>
      <PartHeading level={level}>Attendees</PartHeading>
      {hint}
      <ListProblem path={`${prefix}attendees`} label="Attendees" />
      {fields.map((row, i) => (
        <fieldset key={row.id} className="fieldset meeting-row">
          <legend className="legend legend--s">Attendee {i + 1}</legend>
          <div className="field-row">
            <FormText
              name={`attendees.${i}.name`}
              path={`${prefix}attendees.${i}.name`}
              label="Name"
              width="medium"
            />
            <FormText
              name={`attendees.${i}.role`}
              path={`${prefix}attendees.${i}.role`}
              label="Role"
              width="medium"
            />
            <FormText
              name={`attendees.${i}.agency`}
              path={`${prefix}attendees.${i}.agency`}
              label="Agency"
              width="medium"
            />
            <FormSelect
              name={`attendees.${i}.attendance`}
              path={`${prefix}attendees.${i}.attendance`}
              label="Attendance"
              options={ATTENDANCE_OPTIONS}
            />
          </div>
          <button type="button" className="link-button" onClick={() => remove(i)}>
            Remove attendee {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary meeting-list-add"
        onClick={() => append(newAttendee(), { shouldFocus: false })}
      >
        Add an attendee
      </button>
    </>
  );
}

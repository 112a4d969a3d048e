import type { ReactNode } from 'react';
import { type FieldValues, useFieldArray } from 'react-hook-form';
import { type HeadingLevel, PartHeading } from './Heading.tsx';
import { ListProblem } from './ListProblem.tsx';

/** Where a field of row `i` sits: its name in the form's values and its path in the request. */
export type RowField = (key: string) => { name: string; path: string };

/** Each list's words: its heading, what one row is called, and what is said when there are none. */
const LISTS = {
  attendees: { title: 'Attendees', noun: 'attendee', empty: '' },
  agenda: { title: 'Agenda', noun: 'agenda point', empty: 'No agenda points added.' },
  actions: { title: 'Actions', noun: 'action', empty: 'No actions added.' },
};

/**
 * A list of rows in a meeting form (attendees, agenda points, actions): its heading, the problem with the
 * list as a whole, one group of fields per row with a button to remove it, and a button to add one.
 */
export function RowsEditor({
  name,
  prefix,
  level,
  hint,
  newRow,
  children,
}: {
  /** The list's name in the form's values. */
  name: keyof typeof LISTS;
  /** What comes before the name in the request's paths ('meeting.'). */
  prefix: string;
  level: HeadingLevel;
  hint?: ReactNode;
  newRow: () => object;
  children: (field: RowField) => ReactNode;
}) {
  const { title, noun, empty } = LISTS[name];
  const legend = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
  const { fields, append, remove } = useFieldArray({ name });
  return (
    <>
      <PartHeading level={level}>{title}</PartHeading>
      {hint}
      <ListProblem path={`${prefix}${name}`} label={title} />
      {empty && fields.length === 0 ? <p className="body hint">{empty}</p> : null}
      {fields.map((row, i) => (
        <fieldset key={row.id} className="fieldset meeting-row">
          <legend className="legend legend--s">
            {legend} {i + 1}
          </legend>
          {children((key) => ({ name: `${name}.${i}.${key}`, path: `${prefix}${name}.${i}.${key}` }))}
          <button type="button" className="link-button" onClick={() => remove(i)}>
            Remove {noun} {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary meeting-list-add"
        onClick={() => append(newRow() as FieldValues, { shouldFocus: false })}
      >
        Add an {noun}
      </button>
    </>
  );
}

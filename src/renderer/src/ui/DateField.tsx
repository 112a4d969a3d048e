import { type ReactNode, useState } from 'react';
import {
  type DateBox,
  type DateBoxes,
  dateBoxesOf,
  dateValueOf,
  isDateEntryProblem,
  readDateBoxes,
} from '#domain/dates.ts';
import { type FieldBase, FieldsetField, fieldState } from './field-parts.tsx';

export const DATE_HINT = 'For example, 27 3 2007';

/** `label` is the question, shown as the fieldset's legend (the group's accessible name). */
interface Props extends FieldBase {
  /** Replaces the example; keep it in the GOV.UK form 'For example, 27 3 2007'. */
  hint?: ReactNode;
  /**
   * The ISO day (yyyy-mm-dd) once the boxes make a real date, '' when they are empty, and otherwise the
   * boxes as typed joined by '/' (see `dateValueOf`), so a part-typed date is never sent as a real one.
   */
  value: string;
  onChange: (value: string) => void;
  /** Live text shown after the boxes (e.g. the date read back with the child's age). */
  after?: ReactNode;
  /** A smaller legend, for a date among several fields in a row. */
  small?: boolean;
}

const BOXES: { box: DateBox; label: string; width: 2 | 4 }[] = [
  { box: 'day', label: 'Day', width: 2 },
  { box: 'month', label: 'Month', width: 2 },
  { box: 'year', label: 'Year', width: 4 },
];

/**
 * The one date field: Day, Month and Year boxes in a fieldset (the GOV.UK date input pattern), so a date
 * always reads day first whatever the browser's locale. Only the boxes in error are marked.
 */
export function DateField(props: Props) {
  const { form, path, label, errors, value, onChange, after } = props;
  const { id, message } = fieldState(form, path, errors);
  const [typed, setTyped] = useState<DateBoxes>(() => dateBoxesOf(value));
  // Keep what the person typed ('1', not '01') while it still gives the form's value; follow the form
  // when it changes the value itself (a reset, a record loaded).
  const boxes = dateValueOf(typed) === value ? typed : dateBoxesOf(value);
  const reading = readDateBoxes(boxes);
  // The boxes in error: those the typing problem is in; none once such a problem has been put right
  // (until the next submit clears the message); all three for a problem with the date as a whole.
  let inError: DateBox[] = [];
  if (message && reading.kind === 'problem') inError = reading.boxes;
  else if (message && !isDateEntryProblem(message)) inError = ['day', 'month', 'year'];
  const set = (box: DateBox, text: string) => {
    const next = { ...boxes, [box]: text };
    setTyped(next);
    onChange(dateValueOf(next));
  };
  return (
    <FieldsetField
      id={id}
      label={label}
      hint={props.hint ?? DATE_HINT}
      message={message}
      legendClass={props.small ? 'legend legend--s' : 'legend'}
      after={after ? `${id}-after` : undefined}
    >
      <div className="date-input">
        {BOXES.map(({ box, label: boxLabel, width }) => (
          <div className="date-input__item" key={box}>
            <label htmlFor={`${id}-${box}`} className="label date-input__label">
              {boxLabel}
            </label>
            <input
              id={`${id}-${box}`}
              name={`${path}-${box}`}
              className={`input date-input__input input--width-${width}${inError.includes(box) ? ' input--error' : ''}`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={boxes[box]}
              onChange={(e) => set(box, e.target.value)}
              aria-invalid={inError.includes(box) ? true : undefined}
            />
          </div>
        ))}
        {after ? (
          <span id={`${id}-after`} className="field__after date-input__after" aria-live="polite">
            {after}
          </span>
        ) : null}
      </div>
    </FieldsetField>
  );
}

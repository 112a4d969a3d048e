import type { ReactNode } from 'react';
import { type FormErrors, fieldId, problemFor, problemText } from './problems.ts';

/** What every field of a form is given: where it sits in the form, its label and hint, and the form's problems. */
export interface FieldBase {
  /** The form's id prefix: ids are `${form}-${path}`, which the error summary links to. */
  form: string;
  /** The request path this control fills, e.g. 'administrator.name'. */
  path: string;
  label: string;
  hint?: ReactNode;
  errors: FormErrors;
}

export function describedBy(id: string, hint: boolean, error: boolean, extra?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * What a control holding one text value (input, select, textarea) carries: its id and name, its change
 * handler, and the hint, error and any other element (`extra`) it is described by.
 */
export function controlProps(
  id: string,
  path: string,
  message: string | undefined,
  hint: ReactNode,
  onChange: (value: string) => void,
  extra?: string,
) {
  return {
    id,
    name: path,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy(id, Boolean(hint), Boolean(message), extra),
  } as const;
}

/** A control's id in its form, and the first problem for its path. */
export function fieldState(form: string, path: string, errors: FormErrors) {
  return { id: fieldId(form, path), message: problemFor(errors, path) };
}

export function FieldError({
  id,
  label,
  message,
}: {
  id: string;
  label: string;
  message: string | undefined;
}) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      <span className="visually-hidden">Error: </span>
      {problemText(label, message)}
    </p>
  );
}

export function FieldHint({
  id,
  hint,
  className = 'hint',
}: {
  id: string;
  hint: ReactNode;
  className?: string;
}) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} className={className}>
      {hint}
    </p>
  );
}

interface FrameProps {
  id: string;
  label: string;
  hint?: ReactNode;
  message: string | undefined;
  /** Marked in error though no message is shown here (the refusal is said elsewhere). */
  invalid?: boolean;
  children: ReactNode;
}

/** One control with its label, hint and error above it, marked in error as a whole. */
export function LabelledField({ id, label, hint, message, invalid, children }: FrameProps) {
  return (
    <div className={`field${message || invalid ? ' field--error' : ''}`}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} label={label} message={message} />
      {children}
    </div>
  );
}

/** Several controls answering one question: a fieldset whose legend is the question, then hint and error. */
export function FieldsetField({
  id,
  label,
  hint,
  message,
  legendClass = 'legend',
  after,
  children,
}: FrameProps & { legendClass?: string; after?: string }) {
  return (
    <div className={`field${message ? ' field--error' : ''}`}>
      <fieldset
        id={id}
        className="fieldset"
        aria-describedby={describedBy(id, Boolean(hint), Boolean(message), after)}
      >
        <legend className={legendClass}>{label}</legend>
        <FieldHint id={id} hint={hint} />
        <FieldError id={id} label={label} message={message} />
        {children}
      </fieldset>
    </div>
  );
}

/** One radio button of a group: its name is the group's id, its own id the group's id and its value. */
export function RadioInput({
  groupId,
  value,
  checked,
  onChange,
  describedBy,
}: {
  groupId: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  describedBy?: string;
}) {
  return (
    <input
      id={`${groupId}-${value}`}
      type="radio"
      name={groupId}
      className="radio__input"
      checked={checked}
      onChange={onChange}
      aria-describedby={describedBy}
    />
  );
}

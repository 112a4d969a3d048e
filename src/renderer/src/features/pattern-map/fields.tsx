import type { ReactNode } from 'react';
import { type FormErrors, fieldId, problemFor, problemText } from '../../ui/problems.ts';

// The two kinds of control the shared ui/Field.tsx does not (yet) offer, kept in this feature so the
// map does not depend on anything still being changed elsewhere.

interface Base {
  form: string;
  path: string;
  label: string;
  hint?: ReactNode;
  errors: FormErrors;
}

function InlineError({ id, label, message }: { id: string; label: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      <span className="visually-hidden">Error: </span>
      {problemText(label, message)}
    </p>
  );
}

const describedBy = (id: string, hint: boolean, error: boolean) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

interface TextAreaProps extends Base {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

export function TextArea({ form, path, label, hint, errors, value, onChange, rows = 3 }: TextAreaProps) {
  const id = fieldId(form, path);
  const message = problemFor(errors, path);
  return (
    <div className={`field${message ? ' field--error' : ''}`}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <InlineError id={id} label={label} message={message} />
      <textarea
        id={id}
        name={path}
        className="pm-textarea"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(message))}
      />
    </div>
  );
}

interface RadiosProps<V extends string> extends Base {
  options: readonly { value: V; label: string }[];
  value: V | '';
  onChange: (value: V) => void;
  inline?: boolean;
}

/** One answer from a few, grouped by a fieldset whose legend asks the question. */
export function Radios<V extends string>(props: RadiosProps<V>) {
  const { form, path, label, hint, errors, options, value, onChange, inline } = props;
  const id = fieldId(form, path);
  const message = problemFor(errors, path);
  return (
    <div className={`field${message ? ' field--error' : ''}`}>
      <fieldset
        id={id}
        className="fieldset"
        aria-describedby={describedBy(id, Boolean(hint), Boolean(message))}
      >
        <legend className="pm-legend">{label}</legend>
        {hint ? (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
        <InlineError id={id} label={label} message={message} />
        <div className={inline ? 'pm-radios pm-radios--inline' : 'pm-radios'}>
          {options.map((o) => (
            <div className="pm-radio" key={o.value}>
              <input
                id={`${id}-${o.value}`}
                type="radio"
                name={id}
                className="pm-radio__input"
                checked={value === o.value}
                onChange={() => onChange(o.value)}
              />
              <label htmlFor={`${id}-${o.value}`} className="pm-radio__label">
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

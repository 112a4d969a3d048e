import { type FormErrors, fieldId, problemFor, problemText } from '../../ui/problems.ts';
import { ROUTE_OPTIONS } from './shared.tsx';

/** The two routes, each with what it means, as radios in a fieldset. */
export function RouteRadios({
  form,
  label,
  value,
  onChange,
  errors,
}: {
  form: string;
  label: string;
  value: 'welfare' | 'criminal' | '';
  onChange: (value: 'welfare' | 'criminal') => void;
  errors: FormErrors;
}) {
  const id = fieldId(form, 'route');
  const message = problemFor(errors, 'route');
  return (
    <div className={`field${message ? ' field--error' : ''}`}>
      <fieldset id={id} className="fieldset" aria-describedby={message ? `${id}-error` : undefined}>
        <legend className="legend legend--s">{label}</legend>
        {message ? (
          <p id={`${id}-error`} className="field-error">
            <span className="visually-hidden">Error: </span>
            {problemText(label, message)}
          </p>
        ) : null}
        {ROUTE_OPTIONS.map((o) => (
          <div className="radio" key={o.value}>
            <input
              id={`${id}-${o.value}`}
              type="radio"
              name={id}
              className="radio__input"
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-describedby={`${id}-${o.value}-hint`}
            />
            <div>
              <label htmlFor={`${id}-${o.value}`} className="radio__label">
                {o.label}
              </label>
              <p id={`${id}-${o.value}-hint`} className="hint radio__hint">
                {o.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

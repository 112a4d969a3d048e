import { FieldsetField, fieldState, RadioInput } from '../../ui/field-parts.tsx';
import type { FormErrors } from '../../ui/problems.ts';
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
  const { id, message } = fieldState(form, 'route', errors);
  return (
    <FieldsetField id={id} label={label} message={message} legendClass="legend legend--s">
      {ROUTE_OPTIONS.map((o) => (
        <div className="radio" key={o.value}>
          <RadioInput
            groupId={id}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            describedBy={`${id}-${o.value}-hint`}
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
    </FieldsetField>
  );
}

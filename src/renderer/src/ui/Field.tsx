import type { ReactNode } from 'react';
import { DateField } from './DateField.tsx';
import {
  controlProps,
  describedBy,
  type FieldBase,
  FieldError,
  FieldHint,
  FieldsetField,
  fieldState,
  LabelledField,
  RadioInput,
} from './field-parts.tsx';
import type { FormErrors } from './problems.ts';
import { TimeField } from './TimeField.tsx';

interface TextFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'number' | 'search';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  width?: 'time' | 'short' | 'medium' | 'long';
  /** Live text shown after the control (e.g. a date read back with the child's age). */
  after?: ReactNode;
  spellCheck?: boolean;
  className?: string;
  min?: number;
  max?: number;
}

export function TextField(props: TextFieldProps) {
  const { form, path, label, hint, errors, value, onChange, after } = props;
  const { id, message } = fieldState(form, path, errors);
  return (
    <LabelledField id={id} label={label} hint={hint} message={message}>
      <div className="field__control">
        <input
          {...controlProps(id, path, message, hint, onChange, after ? `${id}-after` : undefined)}
          className={`input input--${props.width ?? 'long'}${props.className ? ` ${props.className}` : ''}`}
          type={props.type ?? 'text'}
          value={value}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.inputMode}
          spellCheck={props.spellCheck ?? false}
          min={props.min}
          max={props.max}
        />
        {after ? (
          <span id={`${id}-after`} className="field__after" aria-live="polite">
            {after}
          </span>
        ) : null}
      </div>
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** Text of the empty first choice; omit when a value is always chosen. */
  placeholder?: string;
}

export function SelectField(props: SelectFieldProps) {
  const { form, path, label, hint, errors, value, onChange, options, placeholder } = props;
  const { id, message } = fieldState(form, path, errors);
  return (
    <LabelledField id={id} label={label} hint={hint} message={message}>
      <select {...controlProps(id, path, message, hint, onChange)} className="select" value={value}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

interface CheckboxFieldProps extends FieldBase {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A single yes/no checkbox with its label beside it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const { form, path, label, hint, errors, checked, onChange } = props;
  const { id, message } = fieldState(form, path, errors);
  return (
    <div className={`field${message ? ' field--error' : ''}`}>
      <FieldError id={id} label={label} message={message} />
      <div className="checkbox">
        <input
          id={id}
          name={path}
          type="checkbox"
          className="checkbox__input"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(id, Boolean(hint), Boolean(message))}
        />
        <label htmlFor={id} className="checkbox__label">
          {label}
        </label>
      </div>
      <FieldHint id={id} hint={hint} className="hint checkbox__hint" />
    </div>
  );
}

interface CheckboxGroupProps<V extends string> extends FieldBase {
  options: readonly { value: V; label: string }[];
  values: readonly V[];
  onChange: (values: V[]) => void;
}

/** Several checkboxes answering one question, grouped by a fieldset whose legend is the question. */
export function CheckboxGroup<V extends string>(props: CheckboxGroupProps<V>) {
  const { form, path, label, hint, errors, options, values, onChange } = props;
  const { id, message } = fieldState(form, path, errors);
  const toggle = (value: V, on: boolean) => {
    const next = options.map((o) => o.value).filter((v) => (v === value ? on : values.includes(v)));
    onChange(next);
  };
  return (
    <FieldsetField id={id} label={label} hint={hint} message={message}>
      {options.map((o) => (
        <div className="checkbox" key={o.value}>
          <input
            id={`${id}-${o.value}`}
            type="checkbox"
            className="checkbox__input"
            checked={values.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <label htmlFor={`${id}-${o.value}`} className="checkbox__label">
            {o.label}
          </label>
        </div>
      ))}
    </FieldsetField>
  );
}

interface TextAreaFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

/** Several lines of text: a rationale, a reason, a note. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { form, path, label, hint, errors, value, onChange } = props;
  const { id, message } = fieldState(form, path, errors);
  return (
    <LabelledField id={id} label={label} hint={hint} message={message}>
      <textarea
        {...controlProps(id, path, message, hint, onChange)}
        className="textarea"
        rows={props.rows ?? 4}
        value={value}
        spellCheck
      />
    </LabelledField>
  );
}

interface RadioGroupProps<V extends string> extends FieldBase {
  options: readonly { value: V; label: string }[];
  value: V | '';
  onChange: (value: V) => void;
  /** Shown under the chosen option (the GOV.UK "conditional reveal"). */
  revealed?: Partial<Record<V, ReactNode>>;
  /** Options side by side, for two or three short answers. */
  inline?: boolean;
}

/** One answer from a few, grouped by a fieldset whose legend is the question. */
export function RadioGroup<V extends string>(props: RadioGroupProps<V>) {
  const { form, path, label, hint, errors, options, value, onChange, revealed, inline } = props;
  const { id, message } = fieldState(form, path, errors);
  return (
    <FieldsetField id={id} label={label} hint={hint} message={message} legendClass="legend legend--s">
      <div className={inline ? 'radios radios--inline' : 'radios'}>
        {options.map((o) => (
          <div key={o.value}>
            <div className="radio">
              <RadioInput
                groupId={id}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
              />
              <label htmlFor={`${id}-${o.value}`} className="radio__label">
                {o.label}
              </label>
            </div>
            {value === o.value && revealed?.[o.value] ? (
              <div className="radio__reveal">{revealed[o.value]}</div>
            ) : null}
          </div>
        ))}
      </div>
    </FieldsetField>
  );
}

interface DateTimeFieldsProps {
  form: string;
  /** The request path of the instant; the date control uses it, the time control `${path}Time`. */
  path: string;
  dateLabel: string;
  timeLabel: string;
  date: string;
  time: string;
  onDate: (value: string) => void;
  onTime: (value: string) => void;
  errors: FormErrors;
}

/** A date (Day, Month, Year) and a 24-hour time side by side, combined into one instant by the form. */
export function DateTimeFields(props: DateTimeFieldsProps) {
  const { form, path, errors } = props;
  return (
    <div className="field-row field-row--date-time">
      <DateField
        form={form}
        path={path}
        label={props.dateLabel}
        small
        value={props.date}
        onChange={props.onDate}
        errors={errors}
      />
      <TimeField
        form={form}
        path={`${path}Time`}
        label={props.timeLabel}
        value={props.time}
        onChange={props.onTime}
        errors={errors}
      />
    </div>
  );
}

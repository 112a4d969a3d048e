import { readTime } from '#domain/dates.ts';
import { describedBy, type FieldBase, fieldState, LabelledField } from './field-parts.tsx';

export const TIME_HINT = 'Use the 24-hour clock, for example 14:30';

/** `path`: the request path this time belongs to (for a date and time, `${datePath}Time`). */
interface Props extends FieldBase {
  /** What was typed; `readTime` turns '14:30', '14.30', '1430' or '9:05' into 'hh:mm'. */
  value: string;
  onChange: (value: string) => void;
}

/**
 * The one time field: a single 'hh:mm' box on the 24-hour clock. One box rather than Hour and Minute
 * boxes: a time is read and typed as one thing ('14:30'), there is no AM/PM to get wrong, and the
 * common ways of typing it (14.30, 1430, 9:05) are all understood and tidied to 14:30 on leaving.
 */
export function TimeField(props: Props) {
  const { form, path, label, errors, value, onChange } = props;
  const { id, message } = fieldState(form, path, errors);
  return (
    <LabelledField id={id} label={label} hint={props.hint ?? TIME_HINT} message={message}>
      <input
        id={id}
        name={path}
        className="input input--time"
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          const tidy = readTime(value);
          if (tidy !== null && tidy !== value) onChange(tidy);
        }}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, true, Boolean(message))}
      />
    </LabelledField>
  );
}

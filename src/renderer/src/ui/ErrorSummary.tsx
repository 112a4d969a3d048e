import { type MouseEvent, useEffect, useRef } from 'react';
import { summaryEntries } from './form/summary.ts';
import { type FormErrors, hasErrors } from './problems.ts';

interface Props {
  form: string;
  errors: FormErrors;
  /** Label of each field by request path, so problems read as 'Full name is required'. */
  labels: Record<string, string>;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  // A fieldset cannot take focus: move to its first control in error (a date's Month box when only the
  // month is missing), or else its first control.
  const focusable = target.matches('input, select, textarea, button')
    ? target
    : (target.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      target.querySelector<HTMLElement>('input, select, textarea, button'));
  target.scrollIntoView({ block: 'center' });
  focusable?.focus();
}

/** GOV.UK-style list of what went wrong, at the top of the form, moved into focus on each failed submit. */
export function ErrorSummary({ form, errors, labels }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (hasErrors(errors)) ref.current?.focus();
  }, [errors]);
  if (!hasErrors(errors)) return null;
  const titleId = `${form}-error-summary-title`;
  return (
    <div ref={ref} className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId} className="error-summary__title">
        There is a problem
      </h2>
      {errors.message ? <p className="error-summary__message">{errors.message}</p> : null}
      {errors.problems.length > 0 ? (
        <ul className="error-summary__list">
          {summaryEntries(form, errors, labels).map(({ text, fieldId: id }, i) => (
            // Problems have no identity of their own; the list is replaced whole on each submit.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              {id ? (
                <a href={`#${id}`} onClick={(e) => focusField(e, id)}>
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

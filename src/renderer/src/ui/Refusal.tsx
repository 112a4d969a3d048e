import { useEffect, useRef } from 'react';

interface Props {
  /** What did not happen, in the screen's words ('The versions could not be compared'). */
  title: string;
  /** The workbench's own sentence saying why and what to do. */
  message: string;
  /** The title's element: a heading where the screen's outline needs one. */
  as?: 'p' | 'h2' | 'h3';
  /** Move focus to it when it appears (when the control that was used has gone). */
  focus?: boolean;
}

/** A refused action outside a form, announced at once: the error summary's look without a list of fields. */
export function Refusal({ title, message, as: Title = 'p', focus = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Again for each new refusal while it stays on the screen.
    if (focus && message) ref.current?.focus();
  }, [focus, message]);
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={focus ? -1 : undefined}>
      <Title className="error-summary__title">{title}</Title>
      <p className="error-summary__message">{message}</p>
    </div>
  );
}

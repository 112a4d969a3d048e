import type { ButtonHTMLAttributes } from 'react';

/**
 * A button that starts a call (not a form's submit): while a call is running it is marked busy rather than
 * disabled, so it keeps its place in the tab order and a second press does nothing.
 */
export function ActionButton({
  busy,
  className = 'button',
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'aria-disabled'> & { busy: boolean }) {
  return <button type="button" className={className} aria-disabled={busy || undefined} {...rest} />;
}

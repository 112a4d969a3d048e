import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The outcome of an action, announced and moved into focus: the form that was used has usually gone
 * (a submitted draft has no submit form), so focus must not be left on nothing.
 */
export function ResultNotice({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} className="notice notice--success result-notice" role="status" tabIndex={-1}>
      <p className="notice__title">{title}</p>
      {children}
    </div>
  );
}

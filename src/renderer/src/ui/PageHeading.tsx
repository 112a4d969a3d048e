import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The screen's h1. It takes focus when the screen appears, so screen-reader users hear where they
 * are and keyboard users start from the top of the new screen.
 */
export function PageHeading({
  children,
  caption,
  id,
}: {
  children: ReactNode;
  caption?: ReactNode;
  id?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="page-heading">
      {caption ? <p className="caption">{caption}</p> : null}
      <h1 ref={ref} id={id} tabIndex={-1} className="heading-xl">
        {children}
      </h1>
    </div>
  );
}

/** An h2 that takes focus when it appears: for a new part of a screen revealed by the person's action. */
export function FocusedSubheading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 ref={ref} id={id} tabIndex={-1} className="heading-m">
      {children}
    </h2>
  );
}

import type { ReactNode } from 'react';

/** A titled part of a screen: a section named by its medium (h2) heading, whose id is `id`. */
export function Section({
  id,
  title,
  className = 'section',
  children,
}: {
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="heading-m">
        {title}
      </h2>
      {children}
    </section>
  );
}

import type { ReactNode } from 'react';

export type HeadingLevel = 2 | 3 | 4;

/** A part's heading at the level the page gives the meeting editor or summary. */
export function PartHeading({ level, children }: { level: HeadingLevel; children: ReactNode }) {
  if (level === 2) return <h2 className="heading-m">{children}</h2>;
  if (level === 3) return <h3 className="heading-s">{children}</h3>;
  return <h4 className="heading-s">{children}</h4>;
}

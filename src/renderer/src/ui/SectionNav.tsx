import { type ReactNode, useEffect, useRef } from 'react';
import { hrefFor, type Route } from '../app/router.tsx';
import { showHeading } from './addressed-part.ts';

/**
 * The parts of a long screen, each with its own address (so a link or a reload comes back to the same
 * part), as a sub-navigation that stays in view at the top of the window while the page scrolls.
 */
export function SectionNav({
  label,
  links,
}: {
  label: string;
  links: readonly { to: Route; label: string; current: boolean }[];
}) {
  return (
    <nav aria-label={label} className="section-nav">
      <ul className="section-nav__list">
        {links.map((link) => (
          <li key={hrefFor(link.to)} className="section-nav__item">
            <a
              href={hrefFor(link.to)}
              className="section-nav__link"
              aria-current={link.current ? 'page' : undefined}
            >
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The part of a screen a section address shows. When the person moves to another part, its heading
 * takes the focus (as a new screen's h1 does), so they hear where they are; the first part shown when
 * the screen opens leaves the focus on the screen's h1.
 */
export function ShownSection({ section, children }: { section: string; children: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the part shown changes.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = container.current?.querySelector<HTMLElement>('h2');
    if (heading) showHeading(heading, 'nearest');
  }, [section]);
  return (
    <div ref={container} className="shown-section">
      {children}
    </div>
  );
}

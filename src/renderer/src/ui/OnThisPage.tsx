import { hrefFor, type Route } from '../app/router.tsx';
import { againToPart } from './addressed-part.ts';

/**
 * The contents list of a long page: a link to each of its sections, in order. With `at`, each section
 * has its own address (so a reload or a shared link comes back to it) and `idOf` names its heading;
 * without, the links are in-page anchors to the section ids.
 */
export function OnThisPage({
  links,
  className = 'contents',
  at,
  idOf = (section) => section,
}: {
  links: readonly (readonly [section: string, label: string])[];
  className?: string;
  at?: (section: string) => Route;
  idOf?: (section: string) => string;
}) {
  return (
    <nav aria-label="On this page" className={className}>
      <ul className={`${className}__list`}>
        {links.map(([section, label]) => (
          <li key={section}>
            <a
              href={at ? hrefFor(at(section)) : `#${idOf(section)}`}
              onClick={at ? (event) => againToPart(event, idOf(section)) : undefined}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

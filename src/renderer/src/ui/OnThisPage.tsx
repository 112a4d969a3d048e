/** The contents list of a long page: a link to each of its sections, in order. */
export function OnThisPage({
  links,
  className = 'contents',
}: {
  links: readonly (readonly [target: string, label: string])[];
  className?: string;
}) {
  return (
    <nav aria-label="On this page" className={className}>
      <ul className={`${className}__list`}>
        {links.map(([target, label]) => (
          <li key={target}>
            <a href={`#${target}`}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

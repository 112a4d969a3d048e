import type { ReactNode } from 'react';
import type { Result } from '#contract/errors.ts';
import { Pending } from './LoadFailed.tsx';
import { useLoad } from './useLoad.ts';

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

/**
 * A section of a list loaded by one call: "Loading …" or the refusal with Try again until it is ready,
 * then its title with how many there are, and `none` when there are none.
 */
export function LoadedListSection<T>({
  id,
  title,
  what,
  load,
  none,
  children,
}: {
  id: string;
  title: string;
  what: string;
  load: () => Promise<Result<T[]>>;
  none: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const [loaded, reload] = useLoad(load);
  if (loaded.state !== 'ready') return <Pending loaded={loaded} what={what} onRetry={reload} />;
  const items = loaded.data;
  const count = (
    <span key="count" className="heading-count">
      {` (${items.length})`}
    </span>
  );
  return (
    <Section id={id} title={[title, count]}>
      {items.length === 0 ? <p className="body hint">{none}</p> : children(items)}
    </Section>
  );
}

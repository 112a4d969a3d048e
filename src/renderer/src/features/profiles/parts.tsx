import type { ReactNode } from 'react';
import { citationText } from '#domain/profiles/citations.ts';
import type { Citation } from '#domain/profiles/schema.ts';

// Building blocks of the profile screen.

export function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="section">
      <h2 id={`${id}-title`} className="heading-m">
        {title}
      </h2>
      {children}
    </section>
  );
}

export { SummaryRow as Row } from '../../ui/Fact.tsx';

/** 'source, section', the place in the source document a rule comes from. */
export function CitationText({ citation, small = false }: { citation: Citation; small?: boolean }) {
  return <span className={small ? 'citation citation--inline' : undefined}>{citationText(citation)}</span>;
}

/** The hint under a part saying where its rules come from; nothing where no source is recorded. */
export function SourceNote({ citation }: { citation: Citation | undefined }) {
  return citation ? (
    <p className="body hint">
      Source: <CitationText citation={citation} />
    </p>
  ) : null;
}

/** A bulleted list, flush inside a summary row; or what `none` says when there is nothing in it. */
export function Bullets<T>({
  items,
  flush = false,
  none,
  children,
}: {
  items: readonly T[];
  flush?: boolean;
  none?: string;
  /** Each item's list entry, with its key. */
  children: (item: T) => ReactNode;
}) {
  if (none !== undefined && items.length === 0) return <p className="body hint">{none}</p>;
  return (
    <ul className={flush ? 'bullets bullets--flush' : 'bullets'}>{items.map((item) => children(item))}</ul>
  );
}

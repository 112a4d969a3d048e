import type { DeadlineView } from '#contract/timescale-schemas.ts';

const RAG_WORD: Record<DeadlineView['rag'], string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  grey: 'Grey',
};

/**
 * A deadline's RAG status: the colour and, always, the words (never colour alone). The RAG word is
 * there for screen readers too, since practitioners talk about deadlines as "red" or "amber".
 */
export function StatusBadge({ deadline }: { deadline: Pick<DeadlineView, 'rag' | 'statusLabel'> }) {
  return (
    <strong className={`rag rag--${deadline.rag}`}>
      <span className="visually-hidden">{RAG_WORD[deadline.rag]}: </span>
      {deadline.statusLabel}
    </strong>
  );
}

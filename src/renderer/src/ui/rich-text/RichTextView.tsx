import '../../styles/assessment.css';
import type { ReactNode } from 'react';
import { isEmptyRichText, type RichBlock, type RichText } from '#domain/assessment/rich-text.ts';

type Run = RichBlock['runs'][number];

function RunText({ run }: { run: Run }) {
  let node: ReactNode = run.text;
  if (run.italic) node = <em>{node}</em>;
  if (run.bold) node = <strong>{node}</strong>;
  return <>{node}</>;
}

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => (
        // Runs are positional: the text is replaced whole when it changes.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <RunText key={i} run={run} />
      ))}
    </>
  );
}

/**
 * Rich text shown read-only, as React elements (never HTML strings). Headings are shown at
 * `headingLevel`, so they sit correctly under the heading of the section that holds the text.
 */
export function RichTextView({
  doc,
  headingLevel = 4,
  empty = 'Nothing written yet.',
  className,
}: {
  doc: RichText;
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  empty?: string;
  className?: string;
}) {
  if (isEmptyRichText(doc)) return <p className="hint rich-text-empty">{empty}</p>;
  const Heading = `h${headingLevel}` as const;
  const out: ReactNode[] = [];
  let i = 0;
  while (i < doc.blocks.length) {
    const block = doc.blocks[i] as RichBlock;
    if (block.type === 'bullet' || block.type === 'numbered') {
      const type = block.type;
      const items: RichBlock[] = [];
      while (i < doc.blocks.length && doc.blocks[i]?.type === type) {
        items.push(doc.blocks[i] as RichBlock);
        i += 1;
      }
      const List = type === 'bullet' ? 'ul' : 'ol';
      out.push(
        <List key={out.length}>
          {items.map((item, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are positional
            <li key={j}>
              <Runs runs={item.runs} />
            </li>
          ))}
        </List>,
      );
      continue;
    }
    out.push(
      block.type === 'heading' ? (
        <Heading key={out.length} className="rich-text__heading">
          <Runs runs={block.runs} />
        </Heading>
      ) : (
        <p key={out.length}>{block.runs.length === 0 ? '\u00a0' : <Runs runs={block.runs} />}</p>
      ),
    );
    i += 1;
  }
  return <div className={`rich-text rich-text--view${className ? ` ${className}` : ''}`}>{out}</div>;
}

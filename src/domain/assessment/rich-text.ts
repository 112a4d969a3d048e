import { z } from 'zod';

/**
 * Narrative fields are rich text kept as data, never HTML: blocks (paragraph, heading, bulleted or
 * numbered list item) of runs (text, bold, italic). What a person types can therefore never become
 * markup, a Word field or a formula anywhere it is shown or exported.
 */

export const MAX_RICH_TEXT_CHARS = 50_000;

const run = z.strictObject({
  text: z.string().max(MAX_RICH_TEXT_CHARS),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
});

const block = z.strictObject({
  type: z.enum(['paragraph', 'heading', 'bullet', 'numbered']),
  runs: z.array(run).max(500),
});

export const RichTextSchema = z
  .strictObject({ blocks: z.array(block).max(2000) })
  .refine((doc) => plainText(doc).length <= MAX_RICH_TEXT_CHARS, {
    message: `must be at most ${MAX_RICH_TEXT_CHARS.toLocaleString('en-GB')} characters`,
  });

export type RichText = z.infer<typeof RichTextSchema>;
export type RichBlock = RichText['blocks'][number];

export const EMPTY_RICH_TEXT: RichText = { blocks: [] };

export function plainText(doc: { blocks: readonly { runs: readonly { text: string }[] }[] }): string {
  return doc.blocks.map((b) => b.runs.map((r) => r.text).join('')).join('\n');
}

export function richTextFromPlain(text: string): RichText {
  return {
    blocks: text
      .split('\n')
      .map((line) => ({ type: 'paragraph' as const, runs: line ? [{ text: line }] : [] })),
  };
}

export const isEmptyRichText = (doc: RichText) => plainText(doc).trim() === '';

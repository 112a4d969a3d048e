import { AlignmentType, HeadingLevel, LevelFormat, Paragraph, TextRun } from 'docx';
import type { RichText } from '../domain/assessment/rich-text.ts';

/** Numbering for numbered lists in narrative text; each list restarts at 1. */
export const NUMBERED_LIST = 'narrative-numbered';

export const NUMBERING_CONFIG = [
  {
    reference: NUMBERED_LIST,
    levels: [
      {
        level: 0,
        format: LevelFormat.DECIMAL,
        text: '%1.',
        alignment: AlignmentType.START,
        style: { paragraph: { indent: { left: 720, hanging: 360 } } },
      },
    ],
  },
];

/**
 * Narrative rich text as Word paragraphs: headings become real Word headings, bold and italic become run
 * formatting, lists become Word lists. Text always goes in as literal runs, so anything that looks like
 * a field, a formula, XML or HTML stays text.
 */
export class RichTextWriter {
  private listInstance = 0;

  paragraphs(
    doc: RichText,
    headingLevel: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_3,
  ): Paragraph[] {
    const out: Paragraph[] = [];
    let previous: string | null = null;
    for (const block of doc.blocks) {
      // Only what the writer set: an explicit "not bold" would override a heading style's bold.
      const children = block.runs.map(
        (r) =>
          new TextRun({
            text: r.text,
            ...(r.bold ? { bold: true } : {}),
            ...(r.italic ? { italics: true } : {}),
          }),
      );
      if (block.type === 'heading') out.push(new Paragraph({ heading: headingLevel, children }));
      else if (block.type === 'bullet') out.push(new Paragraph({ bullet: { level: 0 }, children }));
      else if (block.type === 'numbered') {
        if (previous !== 'numbered') this.listInstance += 1;
        out.push(
          new Paragraph({
            numbering: { reference: NUMBERED_LIST, level: 0, instance: this.listInstance },
            children,
          }),
        );
      } else out.push(new Paragraph({ children }));
      previous = block.type;
    }
    if (out.length === 0)
      out.push(new Paragraph({ children: [new TextRun({ text: 'Nothing recorded.', italics: true })] }));
    return out;
  }
}

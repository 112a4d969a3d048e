import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDay } from '../domain/dates.ts';
import { literal, markedFooter, markedHeader } from './marking.ts';
import type { Block } from './meeting-docx.ts';

/** A section of a record: a heading, then lines of label and value, and tables; or ready-made blocks (a meeting). */
export interface RecordSection {
  heading: string;
  lines?: [string, string][];
  table?: { header: string[]; rows: string[][] };
  text?: string;
  /** Blocks under the heading (see `meetingBlocks`, at level 2). */
  blocks?: Block[];
}

const cell = (text: string, bold = false) =>
  new TableCell({
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: [new Paragraph({ children: [literal(text, { bold, size: 20 })] })],
  });

/** A single record (a strategy meeting, a consultation) as a Word document, marked on every page. */
export async function recordDocx(
  title: string,
  subtitle: string,
  sections: readonly RecordSection[],
  exported: { on: string; by: string },
): Promise<Buffer> {
  const children = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [literal(title)] }),
    new Paragraph({
      children: [
        new TextRun({ text: `${subtitle}. Exported on ${formatDay(exported.on)} by ${exported.by}.` }),
      ],
    }),
    ...sections.flatMap((s) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [literal(s.heading)] }),
      ...(s.lines?.length
        ? [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              columnWidths: [3000, 6000],
              rows: s.lines.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v || '—')] })),
            }),
          ]
        : []),
      ...(s.table
        ? [
            s.table.rows.length
              ? new Table({
                  width: { size: 100, type: WidthType.PERCENTAGE },
                  rows: [
                    new TableRow({ tableHeader: true, children: s.table.header.map((h) => cell(h, true)) }),
                    ...s.table.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
                  ],
                })
              : new Paragraph({ children: [literal('None recorded.', { italics: true })] }),
          ]
        : []),
      ...(s.blocks ?? []),
      ...(s.text !== undefined
        ? s.text.split('\n').map((line) => new Paragraph({ children: [literal(line)] }))
        : []),
    ]),
  ];
  const doc = new Document({
    creator: 'HSB Workbench',
    title,
    sections: [
      {
        headers: { default: markedHeader(`${title} — ${subtitle}`) },
        footers: { default: markedFooter(`Exported ${formatDay(exported.on)} by ${exported.by}`) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

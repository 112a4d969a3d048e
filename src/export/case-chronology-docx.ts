import {
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDay } from '../domain/dates.ts';
import { literal, markedFooter, markedHeader } from './marking.ts';

export interface ChronologyEntry {
  /** When, as a label (dd/mm/yyyy, or an approximate period). */
  when: string;
  approximate: boolean;
  kind: string;
  what: string;
  source: string;
}

/** A case chronology: pathway steps, decisions and the pattern map's events, in date order, marked. */
export async function caseChronologyDocx(
  title: { childName: string; caseReference: string },
  entries: readonly ChronologyEntry[],
  exported: { on: string; by: string },
): Promise<Buffer> {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [literal(text, { bold, size: 18 })] })] });
  const doc = new Document({
    creator: 'HSB Workbench',
    title: `Case chronology ${title.caseReference}`,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        headers: {
          default: markedHeader(`Case chronology — ${title.childName} — case ${title.caseReference}`),
        },
        footers: { default: markedFooter(`Exported ${formatDay(exported.on)} by ${exported.by}`) },
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            children: [literal(`Case chronology: ${title.childName}`)],
          }),
          new Paragraph({
            children: [
              new TextRun({
                text: `Case ${title.caseReference}. Exported on ${formatDay(exported.on)} by ${exported.by}.`,
              }),
            ],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            columnWidths: [2000, 2200, 7200, 2500],
            rows: [
              new TableRow({
                tableHeader: true,
                children: ['When', 'What kind', 'What happened or was decided', 'Recorded by / source'].map(
                  (h) => cell(h, true),
                ),
              }),
              ...entries.map(
                (e) =>
                  new TableRow({
                    children: [
                      cell(`${e.when}${e.approximate ? ' (approx.)' : ''}`),
                      cell(e.kind),
                      cell(e.what),
                      cell(e.source),
                    ],
                  }),
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

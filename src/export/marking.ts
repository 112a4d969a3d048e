import { AlignmentType, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';

/** The protective marking every exported document carries, on every page. */
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';

export function markedHeader(subtitle: string): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: PROTECTIVE_MARKING, bold: true, size: 22 })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: subtitle, size: 16, color: '444444' })],
      }),
    ],
  });
}

export function markedFooter(left: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: `${PROTECTIVE_MARKING} — ${left} — Page `, size: 16 }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
          new TextRun({ text: ' of ', size: 16 }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
        ],
      }),
    ],
  });
}

/** Text goes into Word as literal runs: anything that looks like a field, formula, XML or HTML stays text. */
export function literal(
  text: string,
  options: { bold?: boolean; italics?: boolean; size?: number } = {},
): TextRun {
  // The docx library escapes XML special characters in text runs; a leading "=" or "{" is just text in Word.
  return new TextRun({ text, ...options });
}

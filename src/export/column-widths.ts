/**
 * Column widths that never break a word: a column narrower than its longest word makes Word and LibreOffice
 * break the word between letters ("Classmat" / "e"). Each column is widened to fit its longest word, taking
 * the room from the columns with the most to spare, and the widths are scaled to the text width of the page.
 * Pure: widths in twips, text measured by a conservative estimate of Calibri's letter widths.
 */

/** The text width of an A4 page with the report's 1-inch margins (twips). */
export const A4_TEXT_WIDTH = 11906 - 2 * 1440;

/** Left and right cell margins plus a little slack (twips). */
const CELL_PADDING = 260;

/** Twips a word needs at a font size given in half-points (Calibri's widest letters run about 0.55 em). */
export function wordWidth(word: string, halfPoints: number, bold = false): number {
  return Math.ceil(word.length * halfPoints * 10 * 0.55 * (bold ? 1.08 : 1));
}

const longestWord = (text: string) =>
  text.split(/\s+/).reduce((longest, w) => (w.length > longest.length ? w : longest), '');

export function fitColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { widths?: readonly number[]; halfPoints: number; total?: number },
): number[] {
  const total = options.total ?? A4_TEXT_WIDTH;
  const given = options.widths ?? header.map(() => 1);
  const sum = given.reduce((a, b) => a + b, 0);
  const widths = given.map((w) => (w / sum) * total);
  const need = header.map(
    (h, i) =>
      Math.max(
        wordWidth(longestWord(h), options.halfPoints, true),
        ...rows.map((r) => wordWidth(longestWord(r[i] ?? ''), options.halfPoints)),
      ) + CELL_PADDING,
  );
  const deficit = widths.reduce((d, w, i) => d + Math.max(0, (need[i] ?? 0) - w), 0);
  const slack = widths.map((w, i) => Math.max(0, w - (need[i] ?? 0)));
  const spare = slack.reduce((a, b) => a + b, 0);
  // Where the words cannot all fit, the widths are left as given rather than squeezing every column.
  if (deficit === 0 || spare < deficit) return widths.map(Math.floor);
  return widths.map((w, i) => Math.floor(Math.max(w, need[i] ?? 0) - ((slack[i] ?? 0) / spare) * deficit));
}

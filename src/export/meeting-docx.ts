import { HeadingLevel, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import { formatDay, londonDay, londonTime } from '../domain/dates.ts';
import { ATTENDANCE_LABELS, type Meeting } from '../domain/meeting.ts';
import { A4_TEXT_WIDTH } from './column-widths.ts';
import { literal } from './marking.ts';

// The one Word rendering of a meeting, whatever its kind: its heading, when it was held (dd/mm/yyyy HH:mm),
// the chair and the kind's own fields, then attendees, agenda, decisions and actions.

type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];
export type Block = Paragraph | Table;

const BELOW: Partial<Record<Level, Level>> = {
  [HeadingLevel.HEADING_1]: HeadingLevel.HEADING_2,
  [HeadingLevel.HEADING_2]: HeadingLevel.HEADING_3,
  [HeadingLevel.HEADING_3]: HeadingLevel.HEADING_4,
};

const MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };

/** The paragraph style of table cells, where a document defines it (the AIM report does: no spacing). */
export const TABLE_TEXT = 'TableText';

/**
 * Column widths in twips from relative weights, filling the text width of an A4 page exactly (the last
 * column takes the rounding). Written to the table's grid (w:tblGrid), to every cell (w:tcW) and with a
 * fixed layout, so Word and LibreOffice draw the same columns instead of fitting them each their own way.
 */
export function columnTwips(weights: readonly number[], total = A4_TEXT_WIDTH): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  const last = widths.length - 1;
  widths[last] = (widths[last] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const cell = (text: string, width: number, bold = false, columnSpan = 1) =>
  new TableCell({
    columnSpan,
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ style: TABLE_TEXT, children: [literal(text, { bold, size: 20 })] })],
  });

const none = (what: string) =>
  new Paragraph({ children: [literal(`No ${what} recorded.`, { italics: true })] });

/** A table whose columns are as wide as `weights` say, under a header row repeated on each page. */
function fixedTable(
  weights: readonly number[],
  header: (widths: number[]) => TableCell[],
  rows: string[][],
  boldFirst = false,
) {
  const widths = columnTwips(weights);
  return new Table({
    width: { size: A4_TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    margins: MARGINS,
    rows: [
      new TableRow({ tableHeader: true, children: header(widths) }),
      ...rows.map(
        (r) => new TableRow({ children: r.map((c, i) => cell(c, widths[i] ?? 0, boldFirst && i === 0)) }),
      ),
    ],
  });
}

/** Rows of like columns (attendees, actions) at the widths `weights` give, e.g. equal for [1, 1, 1, 1]. */
function grid(header: string[], weights: readonly number[], rows: string[][], what: string): Block {
  if (!rows.length) return none(what);
  return fixedTable(weights, (widths) => header.map((h, i) => cell(h, widths[i] ?? 0, true)), rows);
}

/** Label and value rows (the kind's own fields use them too), under a title row repeated on each page. */
export function lines(rows: [string, string][], title = 'Details'): Table {
  return fixedTable(
    LABEL_VALUE,
    () => [cell(title, A4_TEXT_WIDTH, true, 2)],
    rows.map(([k, v]) => [k, v || '—']),
    true,
  );
}

/** Label one third, value two thirds. */
const LABEL_VALUE = [1, 2];
/** Attendees: name, role, agency and attendance are alike, so equally wide. */
export const ATTENDEE_COLUMNS = [1, 1, 1, 1];
/** Actions: the action, its owner and due date equally wide; "Done" (yes or no) half that. */
export const ACTION_COLUMNS = [2, 2, 2, 1];
/** Agenda: the point one third, its notes two thirds. */
const AGENDA_COLUMNS = [1, 2];

/** 'dd/mm/yyyy HH:mm' on the London clock. */
export const heldText = (heldAt: string) => `${formatDay(londonDay(heldAt))} ${londonTime(heldAt)}`;

export interface MeetingDocxOptions {
  /** The meeting's heading ('Strategy meeting', 'Planning meeting'), or null when the caller has written it. */
  heading: string | null;
  /** The level of that heading; the meeting's parts sit one level below. */
  level: Level;
  /** The kind's own fields, shown with the date and chair. */
  own?: [string, string][];
  /** The kind's own parts, shown after the decisions and before the actions. */
  after?: (sub: Level) => Block[];
}

/** One meeting as Word blocks, the same for every kind of meeting. */
export function meetingBlocks(m: Meeting, o: MeetingDocxOptions): Block[] {
  const sub = BELOW[o.level] ?? HeadingLevel.HEADING_4;
  const title = (t: string, level: Level = sub) => new Paragraph({ heading: level, children: [literal(t)] });
  const decisions = m.decisions.trim();
  return [
    ...(o.heading ? [title(o.heading, o.level)] : []),
    lines(
      [['Held', heldText(m.heldAt)], ['Chair', m.chair || 'Not recorded'], ...(o.own ?? [])],
      'The meeting',
    ),
    title('Attendees'),
    grid(
      ['Name', 'Role', 'Agency', 'Attendance'],
      ATTENDEE_COLUMNS,
      m.attendees.map((a) => [a.name, a.role, a.agency, ATTENDANCE_LABELS[a.attendance]]),
      'attendees',
    ),
    title('Agenda'),
    grid(
      ['Point', 'Notes'],
      AGENDA_COLUMNS,
      m.agenda.map((a) => [a.point, a.notes]),
      'agenda',
    ),
    title('Decisions'),
    ...(decisions
      ? decisions.split('\n').map((line) => new Paragraph({ children: [literal(line)] }))
      : [none('decisions')]),
    ...(o.after?.(sub) ?? []),
    title('Actions'),
    grid(
      ['Action', 'Owner', 'Due', 'Done'],
      ACTION_COLUMNS,
      m.actions.map((a) => [a.text, a.owner, a.due ? formatDay(a.due) : '', a.done ? 'Yes' : 'No']),
      'actions',
    ),
  ];
}

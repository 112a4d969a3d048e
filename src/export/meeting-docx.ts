import { HeadingLevel, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { formatDay, londonDay, londonTime } from '../domain/dates.ts';
import { ATTENDANCE_LABELS, type Meeting } from '../domain/meeting.ts';
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

const cell = (text: string, bold = false, columnSpan = 1) =>
  new TableCell({
    columnSpan,
    children: [new Paragraph({ style: TABLE_TEXT, children: [literal(text, { bold, size: 20 })] })],
  });

const none = (what: string) =>
  new Paragraph({ children: [literal(`No ${what} recorded.`, { italics: true })] });

function grid(header: string[], rows: string[][], what: string): Block {
  if (!rows.length) return none(what);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    margins: MARGINS,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

/** Label and value rows (the kind's own fields use them too), under a title row repeated on each page. */
export function lines(rows: [string, string][], title = 'Details'): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    margins: MARGINS,
    columnWidths: [3000, 6000],
    rows: [
      new TableRow({ tableHeader: true, children: [cell(title, true, 2)] }),
      ...rows.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v || '—')] })),
    ],
  });
}

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
      m.attendees.map((a) => [a.name, a.role, a.agency, ATTENDANCE_LABELS[a.attendance]]),
      'attendees',
    ),
    title('Agenda'),
    grid(
      ['Point', 'Notes'],
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
      m.actions.map((a) => [a.text, a.owner, a.due ? formatDay(a.due) : '', a.done ? 'Yes' : 'No']),
      'actions',
    ),
  ];
}

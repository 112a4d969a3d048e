import { formatDay, isIsoDay, isIsoInstant, londonDay, startOfLondonDay } from './dates.ts';

// One meeting model for every kind of meeting (strategy discussion or meeting, hub consultation,
// AIM planning or end meeting, mapping meeting): when, who chaired, who was there, the agenda, what was
// decided and the actions. Each kind adds only its own fields. These rules are written once here.

export const ATTENDANCE = ['attended', 'apologies', 'did-not-attend'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  attended: 'Attended',
  apologies: 'Sent apologies',
  'did-not-attend': 'Did not attend',
};

export interface MeetingAttendee {
  name: string;
  role: string;
  agency: string;
  attendance: Attendance;
}

export interface MeetingAction {
  text: string;
  owner: string;
  /** ISO day, or null when no date was set. */
  due: string | null;
  done: boolean;
}

export interface AgendaItem {
  point: string;
  notes: string;
}

export interface Meeting {
  /** ISO instant: the date and the 24-hour time it was held. */
  heldAt: string;
  chair: string;
  attendees: MeetingAttendee[];
  agenda: AgendaItem[];
  decisions: string;
  actions: MeetingAction[];
}

export interface MeetingProblem {
  /** Path within the meeting (e.g. `actions.0.due`). */
  path: string;
  message: string;
}

/** What is wrong with a meeting as a whole, beyond the shape of each field. */
export function meetingProblems(m: Pick<Meeting, 'heldAt' | 'chair' | 'actions'>): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  if (!m.chair.trim()) problems.push({ path: 'chair', message: 'is required' });
  if (!isIsoInstant(m.heldAt)) return problems;
  const day = londonDay(m.heldAt);
  m.actions.forEach((a, i) => {
    if (a.due && isIsoDay(a.due) && a.due < day)
      problems.push({
        path: `actions.${i}.due`,
        message: `must not be before the meeting date (${formatDay(day)})`,
      });
  });
  return problems;
}

/** Only the common part of a meeting record of any kind (for storing and showing it the same way). */
export function commonPart(m: Meeting): Meeting {
  return {
    heldAt: m.heldAt,
    chair: m.chair,
    attendees: m.attendees.map((a) => ({
      name: a.name,
      role: a.role,
      agency: a.agency,
      attendance: a.attendance,
    })),
    agenda: m.agenda.map((a) => ({ point: a.point, notes: a.notes })),
    decisions: m.decisions,
    actions: m.actions.map((a) => ({ text: a.text, owner: a.owner, due: a.due, done: a.done })),
  };
}

/** An AIM planning or end meeting as stored before the one model: a day with no time, and no chair, agenda, decisions or attendance. */
interface DayOnlyMeeting {
  heldOn?: string;
  heldAt?: string;
  chair?: string;
  attendees: (Omit<MeetingAttendee, 'attendance'> & { attendance?: Attendance })[];
  agenda?: AgendaItem[];
  decisions?: string;
  actions: MeetingAction[];
}

/**
 * A stored AIM meeting record in the one model, whichever shape it was saved in. Records saved before it are
 * kept as they were (an approved report is compared with them), and read here as held at 00:00 on their day,
 * with no chair, everyone listed as attended, and no agenda or decisions.
 */
export function inOneModel<T extends DayOnlyMeeting>(stored: T): Meeting & Omit<T, keyof DayOnlyMeeting> {
  const { heldOn, heldAt, chair, attendees, agenda, decisions, actions, ...own } = stored;
  return {
    ...own,
    heldAt: heldAt ?? startOfLondonDay(heldOn ?? '1970-01-01'),
    chair: chair ?? '',
    attendees: attendees.map((a) => ({ ...a, attendance: a.attendance ?? 'attended' })),
    agenda: agenda ?? [],
    decisions: decisions ?? '',
    actions,
  };
}

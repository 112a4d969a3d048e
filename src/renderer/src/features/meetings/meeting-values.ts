import type { FieldProblem } from '#contract/errors.ts';
import type { MeetingInput, MeetingView } from '#contract/meeting.ts';
import { londonDay, londonInstant, londonTime } from '#domain/dates.ts';
import { ATTENDANCE, ATTENDANCE_LABELS, type Attendance } from '#domain/meeting.ts';
import { entryProblems } from '../../ui/problems.ts';

// The one meeting editor's values: what every kind of meeting records, as the form holds it (a date and a
// time typed separately, a due date as typed). A kind's form keeps these at the top of its own values.

export interface AttendeeValues {
  name: string;
  role: string;
  agency: string;
  attendance: Attendance;
}
export interface ActionValues {
  text: string;
  owner: string;
  /** As typed: an ISO day, '' for none, or a part-typed date. */
  due: string;
  done: boolean;
}
export interface AgendaValues {
  point: string;
  notes: string;
}
export interface MeetingValues {
  day: string;
  time: string;
  chair: string;
  attendees: AttendeeValues[];
  agenda: AgendaValues[];
  decisions: string;
  actions: ActionValues[];
}

export const ATTENDANCE_OPTIONS = ATTENDANCE.map((value) => ({ value, label: ATTENDANCE_LABELS[value] }));

export const newAttendee = (): AttendeeValues => ({ name: '', role: '', agency: '', attendance: 'attended' });
export const newAction = (): ActionValues => ({ text: '', owner: '', due: '', done: false });
export const newAgendaPoint = (point = ''): AgendaValues => ({ point, notes: '' });

/** The editor's values for a new meeting, or for one already recorded. */
export function meetingValues(
  meeting: MeetingView | null,
  fresh: Partial<MeetingValues> = {},
): MeetingValues {
  if (!meeting)
    return {
      day: '',
      time: '',
      chair: '',
      attendees: [newAttendee()],
      agenda: [],
      decisions: '',
      actions: [],
      ...fresh,
    };
  return {
    day: londonDay(meeting.heldAt),
    time: londonTime(meeting.heldAt),
    chair: meeting.chair,
    attendees: meeting.attendees.map((a) => ({ ...a })),
    agenda: meeting.agenda.map((a) => ({ ...a })),
    decisions: meeting.decisions,
    actions: meeting.actions.map((a) => ({ ...a, due: a.due ?? '' })),
  };
}

/** The common part of the request, in the contract's one meeting model. */
export function meetingRequest(v: MeetingValues): MeetingInput {
  return {
    heldAt: londonInstant(v.day, v.time) ?? '',
    chair: v.chair,
    attendees: v.attendees,
    agenda: v.agenda,
    decisions: v.decisions,
    actions: v.actions.map((a) => ({ ...a, due: a.due || null })),
  };
}

const ATTENDEES = 60;
const AGENDA = 30;
const ACTIONS = 100;

/**
 * The label of every meeting field by request path (`prefix` is where the meeting sits in the request, e.g.
 * 'details.'), in the order the editor shows them. Each row's fields come before the list's own label, so a
 * problem in each row is listed, not only the first.
 */
export function meetingLabels(prefix = ''): Record<string, string> {
  const labels: Record<string, string> = {
    [`${prefix}heldAt`]: 'Date held',
    [`${prefix}heldAtTime`]: 'Time held',
    [`${prefix}chair`]: 'Chair',
  };
  for (let i = 0; i < ATTENDEES; i++) {
    labels[`${prefix}attendees.${i}.name`] = `Name of attendee ${i + 1}`;
    labels[`${prefix}attendees.${i}.role`] = `Role of attendee ${i + 1}`;
    labels[`${prefix}attendees.${i}.agency`] = `Agency of attendee ${i + 1}`;
    labels[`${prefix}attendees.${i}.attendance`] = `Attendance of attendee ${i + 1}`;
  }
  labels[`${prefix}attendees`] = 'Attendees';
  for (let i = 0; i < AGENDA; i++) {
    labels[`${prefix}agenda.${i}.point`] = `Agenda point ${i + 1}`;
    labels[`${prefix}agenda.${i}.notes`] = `Notes on agenda point ${i + 1}`;
  }
  labels[`${prefix}agenda`] = 'Agenda';
  labels[`${prefix}decisions`] = 'Decisions';
  for (let i = 0; i < ACTIONS; i++) {
    labels[`${prefix}actions.${i}.text`] = `Action ${i + 1}`;
    labels[`${prefix}actions.${i}.owner`] = `Owner of action ${i + 1}`;
    labels[`${prefix}actions.${i}.due`] = `Due date of action ${i + 1}`;
    labels[`${prefix}actions.${i}.done`] = `Action ${i + 1} done`;
  }
  labels[`${prefix}actions`] = 'Actions';
  return labels;
}

/** What the editor can tell before the contract's rules: each missing or part-typed answer, said kindly. */
export function meetingChecks(v: MeetingValues, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (path: string, message: string) => problems.push({ path: `${prefix}${path}`, message });
  if (!v.day) at('heldAt', 'Enter the date the meeting was held');
  if (!v.time.trim()) at('heldAtTime', 'Enter the time the meeting started, on the 24-hour clock');
  problems.push(
    ...entryProblems([
      [`${prefix}heldAt`, v.day, 'Date held', 'date'],
      [`${prefix}heldAtTime`, v.time, 'Time held', 'time'],
      ...v.actions.map((a, i): [string, string, string, 'date'] => [
        `${prefix}actions.${i}.due`,
        a.due,
        `Due date of action ${i + 1}`,
        'date',
      ]),
    ]),
  );
  if (!v.chair.trim()) at('chair', 'Enter who chaired the meeting');
  if (v.attendees.length === 0) at('attendees', 'Add at least one attendee');
  v.attendees.forEach((a, i) => {
    if (!a.name.trim()) at(`attendees.${i}.name`, `Enter the name of attendee ${i + 1}, or remove them`);
  });
  v.agenda.forEach((a, i) => {
    if (!a.point.trim()) at(`agenda.${i}.point`, `Enter agenda point ${i + 1}, or remove it`);
  });
  v.actions.forEach((a, i) => {
    if (!a.text.trim()) at(`actions.${i}.text`, `Say what action ${i + 1} is, or remove it`);
  });
  return problems;
}

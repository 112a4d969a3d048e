import type { CallRequest } from '#contract/calls.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';

// The strategy meeting form's words and rows, shared by its sections (StrategyMeetingScreen.tsx).

export type MeetingRequest = CallRequest<'pathway.recordStrategyMeeting'>;
export type MeetingType = MeetingRequest['type'];
export type Outcome = PathwaySummary['strategyMeeting']['outcomes'][number];

export const FORM = 'meeting';
export const TYPE_OPTIONS: { value: MeetingType; label: string }[] = [
  { value: 'discussion', label: 'Strategy discussion' },
  { value: 'meeting', label: 'Strategy meeting' },
  {
    value: 'complex-abuse',
    label: 'Complex abuse (joint) strategy meeting: several children involved',
  },
];
export const REQUIREMENT_LABELS = {
  'details.leadAgency': 'Lead agency agreed',
  'details.s47Type': 'Section 47 enquiry: single or joint with police',
  'details.followUpWorkingDays': 'Follow-up strategy meeting within (working days)',
};
export const LABELS = {
  type: 'Type',
  trigger: 'What triggered it',
  heldAt: 'Date held',
  heldAtTime: 'Time held',
  chair: 'Chair',
  attendees: 'Attendees',
  agenda: 'Agenda',
  outcomes: 'Outcomes agreed',
  ...REQUIREMENT_LABELS,
  'details.rationale': 'Rationale for the decision',
  category: 'Hackett category agreed at the meeting',
  categoryRationale: 'Rationale for the category',
  actions: 'Actions',
};

export interface Attendee {
  key: number;
  name: string;
  role: string;
  agency: string;
  attendance: 'present' | 'apologies';
}
export interface Action {
  key: number;
  text: string;
  owner: string;
  due: string;
  done: boolean;
}

let nextKey = 1;
export const newAttendee = (): Attendee => ({
  key: nextKey++,
  name: '',
  role: '',
  agency: '',
  attendance: 'present',
});
export const newAction = (): Action => ({ key: nextKey++, text: '', owner: '', due: '', done: false });

/** Every answer on the form, in one value. */
export interface MeetingFields {
  type: MeetingType | '';
  trigger: string;
  day: string;
  time: string;
  chair: string;
  attendees: Attendee[];
  notes: string[];
  outcomes: string[];
  rationale: string;
  leadAgency: string;
  s47Type: 'single' | 'joint' | '';
  followUp: string;
  category: string;
  categoryRationale: string;
  actions: Action[];
}

/** Changes one or more answers. */
export type Update = (change: Partial<MeetingFields>) => void;

/** Replaces the row with this key in a list of rows, keeping the others. */
export const changeRow = <T extends { key: number }>(list: T[], key: number, change: Partial<T>): T[] =>
  list.map((row) => (row.key === key ? { ...row, ...change } : row));

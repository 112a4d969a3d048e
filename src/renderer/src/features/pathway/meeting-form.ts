import type { CallRequest } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import {
  type MeetingValues,
  meetingChecks,
  meetingLabels,
  meetingRequest,
} from '../meetings/meeting-values.ts';

// The strategy meeting form: the one meeting editor's values plus what a strategy meeting adds (its type,
// trigger, outcomes with what they need, and a category agreed at it).

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
const { actions: _actions, ...COMMON } = meetingLabels();
export const LABELS: Record<string, string> = {
  type: 'Type',
  trigger: 'What triggered it',
  ...COMMON,
  outcomes: 'Outcomes agreed',
  ...REQUIREMENT_LABELS,
  'details.rationale': 'Rationale for the decision',
  category: 'Hackett category agreed at the meeting',
  categoryRationale: 'Rationale for the category',
  actions: 'Actions',
};

/** Every answer on the form, in one value. */
export interface StrategyValues extends MeetingValues {
  type: MeetingType | '';
  trigger: string;
  outcomes: string[];
  rationale: string;
  leadAgency: string;
  s47Type: 'single' | 'joint' | '';
  followUp: string;
  category: string;
  categoryRationale: string;
}

/** What the form can tell before it asks the workbench: each missing or malformed answer. */
export function strategyChecks(f: StrategyValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!f.type)
    problems.push({ path: 'type', message: 'Choose the type: discussion, meeting or complex abuse meeting' });
  if (!f.trigger.trim()) problems.push({ path: 'trigger', message: 'Enter what triggered it' });
  problems.push(...meetingChecks(f));
  if (f.outcomes.length === 0) problems.push({ path: 'outcomes', message: 'Tick at least one outcome' });
  if (f.followUp.trim() && !/^\d{1,2}$/.test(f.followUp.trim()))
    problems.push({
      path: 'details.followUpWorkingDays',
      message: 'Enter a whole number of working days from 1 to 60',
    });
  return problems;
}

/** The request the answers make; the details an outcome does not need are left out. */
export function strategyRequest(caseId: string, f: StrategyValues, chosen: Outcome[]): MeetingRequest {
  const needs = (what: string) => chosen.some((o) => o.requires.includes(what));
  const days = f.followUp.trim() ? Number(f.followUp.trim()) : null;
  return {
    caseId,
    type: f.type as MeetingType,
    trigger: f.trigger,
    ...meetingRequest(f),
    outcomes: f.outcomes,
    details: {
      rationale: f.rationale,
      leadAgency: needs('lead-agency') ? f.leadAgency : '',
      s47Type: needs('s47-type') ? f.s47Type : '',
      followUpWorkingDays: needs('follow-up-timescale') ? days : null,
    },
    category: f.category,
    categoryRationale: f.category ? f.categoryRationale : '',
  };
}

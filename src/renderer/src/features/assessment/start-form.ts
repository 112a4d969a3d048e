import type { CallRequest } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { PathwaySummary } from '#contract/pathway-calls.ts';
import { formatDay, londonDay } from '#domain/dates.ts';
import { PROFILE_ASKED_FACTS, type ProfileAskedFact } from '#domain/profiles/practice.ts';
import { entryProblems, missingProblems } from '../../ui/problems.ts';
import { instantOf } from './shared.tsx';

// The start form's values, the request they make and the problems the form finds before sending it.

export const FORM = 'start-assessment';
export const LABELS = {
  frameworkId: 'Assessment framework',
  route: 'Route',
  reasons: 'Reasons for the decision to assess',
  qualityReviewNotified: 'Quality-review service notified (how and when)',
  decisionAt: 'Date of the decision',
  decisionAtTime: 'Time of the decision',
  'facts.referralDate': 'Referral date',
  'facts.lastBehaviourDate': 'Date of the most recent behaviour',
  'facts.residesInArea': 'Does the child live in the area?',
  'facts.ongoingPoliceInvestigation': 'Is there an ongoing police investigation?',
  leadAssessorId: 'Lead assessor',
  coAssessorId: 'Co-assessor',
  proceedReason: 'Reason to proceed although the criteria are not met',
};

export type YesNo = 'yes' | 'no' | 'unknown';
export type RouteName = 'welfare' | 'criminal';
export const YES_NO_OPTIONS: { value: YesNo; label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Not known' },
];
const answer = (v: YesNo | '') => (v === 'yes' ? true : v === 'no' ? false : undefined);

export interface StartValues {
  frameworkId: string;
  route: RouteName | '';
  reasons: string;
  qualityReviewNotified: string;
  decisionDay: string;
  decisionTime: string;
  referralDate: string;
  lastBehaviourDate: string;
  residesInArea: YesNo | '';
  police: YesNo | '';
  /** Questions only this profile's criteria ask (Lancashire: open to CSC at CoN Level 4; not open to CYJS). */
  asked: Partial<Record<ProfileAskedFact, YesNo | ''>>;
  leadAssessorId: string;
  coAssessorId: string;
  proceedReason: string;
}

const yesNo = (v: boolean | undefined): YesNo | '' => (v === true ? 'yes' : v === false ? 'no' : '');

/**
 * Say it once (issue 14): the latest concern's referral date and eligibility facts, to start the form
 * with (still editable), and the words that say where they came from. Null when no concern is recorded.
 */
export function fromConcern(referrals: PathwaySummary['referrals']): {
  values: Pick<StartValues, 'referralDate' | 'lastBehaviourDate' | 'residesInArea' | 'police' | 'asked'>;
  note: string;
} | null {
  const latest = referrals.at(-1);
  if (!latest) return null;
  const f = latest.facts;
  return {
    values: {
      referralDate: londonDay(latest.receivedAt),
      lastBehaviourDate: f.lastBehaviourDate ?? '',
      residesInArea: yesNo(f.residesInArea),
      police: yesNo(f.ongoingPoliceInvestigation),
      asked: Object.fromEntries(PROFILE_ASKED_FACTS.map((fact) => [fact, yesNo(f[fact])])),
    },
    note: `from the concern recorded on ${formatDay(londonDay(latest.recordedAt))}`,
  };
}

/** The request the form's values make: unknown facts are left out. */
export function startRequest(caseId: string, v: StartValues): CallRequest<'assessments.start'> {
  const facts: CallRequest<'assessments.start'>['facts'] = {};
  if (v.referralDate) facts.referralDate = v.referralDate;
  if (v.lastBehaviourDate) facts.lastBehaviourDate = v.lastBehaviourDate;
  const lives = answer(v.residesInArea);
  if (lives !== undefined) facts.residesInArea = lives;
  const investigation = answer(v.police);
  if (investigation !== undefined) facts.ongoingPoliceInvestigation = investigation;
  for (const [fact, value] of Object.entries(v.asked ?? {}) as [ProfileAskedFact, YesNo | ''][]) {
    const given = answer(value);
    if (given !== undefined) facts[fact] = given;
  }
  return {
    caseId,
    frameworkId: v.frameworkId,
    route: v.route as RouteName,
    reasons: v.reasons,
    qualityReviewNotified: v.qualityReviewNotified,
    decisionAt: instantOf(v.decisionDay, v.decisionTime) ?? '',
    facts,
    proceedReason: v.proceedReason,
    leadAssessorId: v.leadAssessorId,
    coAssessorId: v.coAssessorId,
  };
}

/** What is missing or mistyped, in the words the form uses. */
export function startProblems(v: StartValues): FieldProblem[] {
  const entry = entryProblems([
    ['decisionAt', v.decisionDay, LABELS.decisionAt, 'date'],
    ['decisionAtTime', v.decisionTime, LABELS.decisionAtTime, 'time'],
  ]);
  return [
    ...missingProblems([
      ['frameworkId', v.frameworkId, 'Choose the assessment framework'],
      ['route', v.route, 'Choose the route: welfare or criminal'],
      ['reasons', v.reasons, 'Enter the reasons for the decision to assess'],
      ['decisionAt', v.decisionDay, 'Enter the date of the decision'],
      ['decisionAtTime', v.decisionTime, 'Enter the time of the decision'],
    ]),
    ...entry,
    ...(v.decisionDay && v.decisionTime && !instantOf(v.decisionDay, v.decisionTime) && entry.length === 0
      ? [{ path: 'decisionAt', message: 'Enter a real date and time for the decision' }]
      : []),
    ...entryProblems([
      ['facts.referralDate', v.referralDate, 'Referral date', 'date'],
      ['facts.lastBehaviourDate', v.lastBehaviourDate, 'Date of the most recent behaviour', 'date'],
    ]),
    ...missingProblems([
      ['leadAssessorId', v.leadAssessorId, 'Choose the lead assessor'],
      ['coAssessorId', v.coAssessorId, 'Choose the co-assessor'],
    ]),
  ];
}

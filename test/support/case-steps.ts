import type { CallRequest } from '#contract/calls.ts';
import type { Harness, Team } from './workbench.ts';

// The steps a case goes through, as the tests take it there: a concern from school, consent to a hub
// referral, and the decision to start an AIM3 assessment. Each has the usual answers; a test names only
// the ones it cares about.

/** The facts a Lancashire case records about the child (in the area, open to children's social care only). */
export const CASE_FACTS = {
  residesInArea: true,
  ongoingPoliceInvestigation: false,
  openToChildrensSocialCare: true,
  openToYouthJusticeService: false,
};

/** A concern reported by a school's designated safeguarding lead on 4 November 2026. */
export function schoolConcern(
  caseId: string,
  answers: Partial<CallRequest<'pathway.recordConcern'>> = {},
): CallRequest<'pathway.recordConcern'> {
  return {
    caseId,
    receivedAt: '2026-11-04T10:00:00Z',
    newReferral: false,
    sourceAgency: 'education',
    sourceRole: 'Designated safeguarding lead',
    reported: 'Sexualised behaviour towards a younger pupil.',
    children: [],
    exploitation: { cse: false, cce: false, missing: false, trafficking: false },
    facts: { lastBehaviourDate: '2026-11-02', ...CASE_FACTS },
    proceedReason: '',
    ...answers,
  };
}

/**
 * The decision to start an AIM3 welfare assessment led by the youth justice practitioner with the social
 * worker, made on 5 November 2026 after the school's concern (`dates` moves the decision and its facts).
 */
export function aimAssessment(
  caseId: string,
  team: Pick<Team, 'yos' | 'socialWorker'>,
  answers: Partial<CallRequest<'assessments.start'>> = {},
  dates: { referralDate: string; lastBehaviourDate: string } = {
    referralDate: '2026-11-04',
    lastBehaviourDate: '2026-11-02',
  },
): CallRequest<'assessments.start'> {
  return {
    caseId,
    frameworkId: 'aim3',
    route: 'welfare',
    reasons: 'Harmful behaviour towards a peer',
    qualityReviewNotified: '',
    decisionAt: '2026-11-05T10:00:00Z',
    facts: { ...dates, ...CASE_FACTS },
    proceedReason: '',
    leadAssessorId: team.yos.id,
    coAssessorId: team.socialWorker.id,
    ...answers,
  };
}

/** The dates of the assessments signed off in June 2026 (decided on 20 May). */
export const MAY_DECISION = {
  answers: { decisionAt: '2026-05-20T10:00:00+01:00' },
  dates: { referralDate: '2026-05-01', lastBehaviourDate: '2026-04-20' },
} as const;

/** Adds the child's mother to the case and records that she and the child consent to a hub referral. */
export async function consentToHubReferral(h: Harness, caseId: string, motherName: string) {
  const mother = await h.call('people.add', {
    caseId,
    kind: 'parent-carer',
    name: motherName,
    anonymisedLabel: 'Mother',
    relationship: 'mother',
  });
  for (const [subject, personId] of [
    ['child', null],
    ['parent-carer', mother.id],
  ] as const)
    await h.call('consents.record', {
      caseId,
      purpose: 'hub-referral',
      subject,
      personId,
      status: 'given',
      reason: '',
    });
  return mother;
}

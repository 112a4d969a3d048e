import type { CallRequest } from '#contract/calls.ts';
import { type Harness, signInAs } from './workbench.ts';

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

/** A child's details as the form sends them: born 01/05/2012, a boy, nothing else known; `extra` changes any of it. */
export const childDetails = (name: string, extra: Partial<CallRequest<'children.create'>> = {}) => ({
  name,
  preferredName: '',
  dateOfBirth: '2012-05-01',
  gender: 'male' as const,
  socialCareNumber: '',
  youthJusticeNumber: '',
  areaOfResidence: '',
  school: '',
  ...extra,
});

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

type AssessmentAnswers = Partial<CallRequest<'assessments.start'>> & {
  referralDate?: string;
  lastBehaviourDate?: string;
};

/** A concern the school reported on 23 November 2026, recorded before any facts were known. */
export const concernOf23November = (caseId: string) =>
  schoolConcern(caseId, {
    receivedAt: '2026-11-23T10:00:00Z',
    reported: 'Concern reported by the school.',
    facts: {},
  });

/**
 * The decision to start an AIM3 welfare assessment led by the youth justice practitioner (`assessors.yos`)
 * with the social worker, made on 5 November 2026 after the school's concern; `answers` changes any of it, the referral
 * and behaviour dates included.
 */
export function aimAssessment(
  caseId: string,
  assessors: { yos: { id: string }; socialWorker: { id: string } },
  answers: AssessmentAnswers = {},
): CallRequest<'assessments.start'> {
  const { referralDate = '2026-11-04', lastBehaviourDate = '2026-11-02', ...rest } = answers;
  return {
    caseId,
    frameworkId: 'aim3',
    route: 'welfare',
    reasons: 'Harmful behaviour towards a peer',
    qualityReviewNotified: '',
    decisionAt: '2026-11-05T10:00:00Z',
    facts: { referralDate, lastBehaviourDate, ...CASE_FACTS },
    proceedReason: '',
    leadAssessorId: assessors.yos.id,
    coAssessorId: assessors.socialWorker.id,
    ...rest,
  };
}

/** The decision of 20 May 2026 behind the assessments signed off in June. */
export const DECIDED_20_MAY = {
  decisionAt: '2026-05-20T10:00:00+01:00',
  referralDate: '2026-05-01',
  lastBehaviourDate: '2026-04-20',
};

/** The decision of 20 November 2026, on a referral of 1 November. */
export const DECIDED_20_NOVEMBER = {
  decisionAt: '2026-11-20T10:00:00Z',
  referralDate: '2026-11-01',
  lastBehaviourDate: '2026-10-20',
};

/** A hub consultation meeting held on 5 November 2026 that found the behaviour problematic and advised
 * pattern mapping; `answers` changes any of it. */
export const consultationHeld = (
  consultationId: string,
  answers: Partial<MeetingRecord> = {},
): MeetingRecord => ({
  consultationId,
  expectedVersion: 2,
  heldAt: '2026-11-05T09:00:00Z',
  chair: 'Hana Hub',
  attendees: [{ name: 'Hana Hub', role: '', agency: '', attendance: 'attended' }],
  outcome: 'problematic',
  resourcesShared: '',
  nextSteps: ['pattern-mapping'],
  notes: '',
  ...answers,
});
type MeetingRecord = CallRequest<'consultations.recordMeeting'>;

/** The map, anonymised, as a Word file for CAMHS: a share with an external agency, which needs consent. */
export const externalMapShare = (caseId: string): CallRequest<'map.export'> => ({
  caseId,
  audience: 'external',
  recipient: 'CAMHS',
  view: 'anonymised',
  format: 'docx',
});

/** Adds a parent or carer of the child to the case, shown as `anonymisedLabel` where the family is not named. */
export const addParentCarer = (
  h: Pick<Harness, 'call'>,
  caseId: string,
  name: string,
  anonymisedLabel: string,
  relationship: string,
) => h.call('people.add', { caseId, kind: 'parent-carer', name, anonymisedLabel, relationship });

/** Adds the child's mother to the case, shown as "Mother" where the child's family is not named. */
export const addMother = (h: Pick<Harness, 'call'>, caseId: string, name = 'Sarah Example') =>
  addParentCarer(h, caseId, name, 'Mother', 'mother');

type ConsentRequest = CallRequest<'consents.record'>;

/** A consent as the form records it: given, with no reason, to share the map with an external agency;
 * `extra` changes any of it (the purpose, a refusal and its reason, how and when it was given …). */
export const consentRecord = (
  caseId: string,
  subject: ConsentRequest['subject'],
  personId: string | null,
  extra: Partial<ConsentRequest> = {},
): ConsentRequest => ({
  caseId,
  purpose: 'map-sharing-external',
  subject,
  personId,
  status: 'given',
  reason: '',
  ...extra,
});

/** Records that the child and their mother consent to a hub referral, said how and when where given. */
export async function referralConsents(
  call: Pick<Harness, 'call'>['call'],
  caseId: string,
  motherId: string,
  how: { method?: 'phone' | 'in-person'; givenOn?: string } = {},
) {
  for (const [subject, personId] of [
    ['child', null],
    ['parent-carer', motherId],
  ] as const)
    await call(
      'consents.record',
      consentRecord(caseId, subject, personId, { purpose: 'hub-referral', ...how }),
    );
}

/** Adds the child's mother to the case and records that she and the child consent to a hub referral. */
export async function consentToHubReferral(
  h: Harness,
  caseId: string,
  motherName: string,
  how: { method?: 'phone' | 'in-person'; givenOn?: string } = {},
) {
  const mother = await addMother(h, caseId, motherName);
  await referralConsents(h.call.bind(h), caseId, mother.id, how);
  return mother;
}

/** A council's licensed AIM3 item set of one concern in "Sexual behaviours", as a file to import holds it. */
export const LICENSED_AIM3_ITEMS = {
  frameworkId: 'aim3',
  name: 'Our AIM3 items',
  licence: 'Example Council AIM licence 2026',
  items: [
    {
      id: 'S1',
      domainId: 'sexual-behaviours',
      kind: 'concern',
      text: 'Licensed wording held by the council',
    },
  ],
};

/**
 * The practitioner signed in asks the hub for a consultation with the case's manager; the hub's Yas signs
 * in, screens the request and accepts it (with `rationale`). Returns the consultation's id.
 */
export async function acceptedConsultationRequest(
  h: Harness,
  request: { caseId: string; managerId: string; request: string },
  rationale = '',
) {
  const requested = await h.call('consultations.request', request);
  const consultationId = requested.consultations[0]?.id ?? '';
  await signInAs(h, 'yas.yos');
  await h.call('consultations.screen', { consultationId, expectedVersion: 1, decision: 'accept', rationale });
  return consultationId;
}

/** The school's concern screened amber with the Brook traffic-light tool at 11:00 on 4 November 2026. */
export const amberScreening = (caseId: string, note: string): CallRequest<'pathway.recordEvent'> => ({
  caseId,
  event: 'concern-screened',
  occurredAt: '2026-11-04T11:00:00Z',
  note,
  brookColour: 'amber',
});

/** A safety plan (Islington §8), dated and described. */
export const safetyPlan = (
  caseId: string,
  dated: string,
  plan: { title: string; details: string; withWhom: string },
): CallRequest<'plans.record'> => ({ caseId, kind: 'safety-plan', dated, ...plan });

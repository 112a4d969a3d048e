import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acceptedConsultationRequest,
  aimAssessment,
  amberScreening,
  safetyPlan,
  schoolConcern,
} from '../support/case-steps.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import type { Harness, Team } from '../support/workbench.ts';
import { openCaseFor, SW_PASSWORD, signInAs, YOS_PASSWORD } from '../support/workbench.ts';

// The audit trail records who did what to which record, never what a person typed: a distinct canary
// goes into every free-text field the router takes, and none may appear in any audit entry.

const MARK = 'QZX';
/** A canary naming its field, so a leak says where it came from. */
const c = (field: string) => `${MARK}${field}${MARK}`;

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;

const as = (username: string) => signInAs(h, username);

seededWorkbenchEachTest({ start: new Date('2026-11-05T09:00:00Z') }, (w) => ({ folder, h, team } = w));

const childFields = (tag: string) => ({
  name: c(`${tag}ChildName`),
  preferredName: c(`${tag}PreferredName`),
  dateOfBirth: '2012-04-04',
  gender: 'female' as const,
  socialCareNumber: c(`${tag}SocialCareNumber`),
  youthJusticeNumber: c(`${tag}YouthJusticeNumber`),
  areaOfResidence: c(`${tag}Area`),
  school: c(`${tag}School`),
});

async function openCase(profileId: string, tag: string) {
  return openCaseFor(h, team, childFields(tag), { profileId });
}

const concern = (caseId: string, tag: string) =>
  schoolConcern(caseId, {
    sourceRole: c(`${tag}ConcernSourceRole`),
    reported: c(`${tag}ConcernReported`),
    proceedReason: c(`${tag}ConcernProceedReason`),
  });

const lifeEvent = (what: string) => ({
  kind: 'life-event' as const,
  lane: 'family',
  what,
  people: [],
  place: c('MapItemPlace'),
  date: { precision: 'day' as const, day: '2021-09-06' },
  sourceAgency: 'childrens-social-care' as const,
  sourceDetail: c('MapItemSourceDetail'),
});

/** Every free-text field the script can reach, through the router, with the people who may write it. */
/** The signed-in assessor (Sam or Yas) rates the item and finishes the developmental domain. */
/** Rates `itemId` as `rating` and each of `same` 'clear' (both assessors agree on those), then finishes. */
async function rateAndFinish(
  assessmentId: string,
  itemId: string,
  rating: 'clear' | 'some',
  who: string,
  same: string[] = [],
) {
  for (const [id, r] of [[itemId, rating], ...same.map((x) => [x, 'clear'])] as const)
    await h.call('assessments.rate', {
      itemId: id,
      rating: r,
      evidence: c(`Evidence${who}`),
      source: c(`RatingSource${who}`),
    });
  await h.call('assessments.finishDomain', { assessmentId, domainId: 'developmental' });
}

async function scriptedCase() {
  // Administration: a user's name (their username identifies the account and may be audited), a closure day.
  const casey = await h.call('users.create', {
    username: 'casey.c',
    name: c('UserName'),
    agency: 'other',
    roles: ['practitioner'],
    aimTrained: false,
    initialPassword: 'casey first password',
  });
  await h.call('users.update', {
    id: casey.id,
    name: c('UserNameChanged'),
    agency: 'other',
    roles: ['practitioner'],
    aimTrained: false,
    active: true,
  });
  await h.call('calendar.addClosure', { day: '2026-12-29', label: c('ClosureLabel') });

  // Blackpool: concern, screening, strategy meeting, category, deadlines, the pattern map, the assessment.
  const a = await openCase('blackpool', 'A');
  const child = await h.call('cases.get', { id: a.id });
  await h.call('children.update', {
    id: a.childId,
    expectedVersion: 1,
    ...childFields('Renamed'),
  });
  expect(child).toBeDefined();
  await h.call('pathway.recordConcern', concern(a.id, 'A'));
  await h.call('pathway.recordEvent', amberScreening(a.id, c('EventNote')));
  const open = (await h.call('pathway.timeline', { caseId: a.id })).deadlines.find((d) => d.state === 'open');
  if (!open)
    throw new Error(
      `the script expects an open deadline: ${JSON.stringify((await h.call('pathway.timeline', { caseId: a.id })).deadlines.map((d) => [d.ruleId, d.state]))}`,
    );
  const paused = await h.call('deadlines.adjust', {
    deadlineId: open.id,
    expectedVersion: open.version,
    type: 'pause',
    reason: c('PauseReason'),
  });
  h.travelTo(new Date('2026-11-05T09:30:00Z'));
  const resumed = await h.call('deadlines.adjust', {
    deadlineId: open.id,
    expectedVersion: paused.version,
    type: 'resume',
    reason: c('ResumeReason'),
  });
  await h.call('deadlines.adjust', {
    deadlineId: open.id,
    expectedVersion: resumed.version,
    type: 'extend',
    reason: c('ExtendReason'),
    extraWorkingDays: 2,
  });

  const withMeeting = await h.call('pathway.recordStrategyMeeting', {
    caseId: a.id,
    type: 'meeting',
    trigger: c('MeetingTrigger'),
    heldAt: '2026-11-05T08:30:00Z',
    chair: c('MeetingChair'),
    attendees: [
      {
        name: c('AttendeeName'),
        role: c('AttendeeRole'),
        agency: c('AttendeeAgency'),
        attendance: 'attended',
      },
    ],
    agenda: [{ point: c('AgendaPoint'), notes: c('AgendaNotes') }],
    outcomes: ['early-help'],
    details: {
      rationale: c('MeetingRationale'),
      leadAgency: c('LeadAgency'),
      s47Type: '',
      followUpWorkingDays: null,
    },
    category: '',
    categoryRationale: c('MeetingCategoryRationale'),
    actions: [{ text: c('ActionText'), owner: c('ActionOwner'), due: '2026-11-10', done: false }],
  });
  const meetingId = withMeeting.meetings[0]?.id ?? '';
  await h.call('pathway.updateMeetingActions', {
    meetingId,
    expectedVersion: 1,
    actions: [
      { text: c('ActionTextChanged'), owner: c('ActionOwnerChanged'), due: '2026-11-10', done: true },
    ],
  });
  await h.call('pathway.recordCategory', {
    caseId: a.id,
    category: '3',
    agreedAt: '2026-11-05T08:45:00Z',
    agreedBy: c('CategoryAgreedBy'),
    rationale: c('CategoryRationale'),
    complex: false,
  });
  // The pattern map, its people and consents, and an export to a named recipient.
  await as('sam.sw');
  const mother = await h.call('people.add', {
    caseId: a.id,
    kind: 'parent-carer',
    name: c('PersonName'),
    anonymisedLabel: c('PersonLabel'),
    relationship: c('PersonRelationship'),
  });
  await h.call('people.update', {
    personId: mother.id,
    expectedVersion: mother.version,
    kind: 'parent-carer',
    name: c('PersonNameChanged'),
    anonymisedLabel: c('PersonLabelChanged'),
    relationship: c('PersonRelationshipChanged'),
  });
  await h.call('consents.record', {
    caseId: a.id,
    purpose: 'map-sharing-external',
    subject: 'parent-carer',
    personId: mother.id,
    status: 'refused',
    reason: c('ConsentReason'),
  });
  const first = await h.call('map.addItem', { caseId: a.id, item: lifeEvent(c('MapItemWhat')) });
  const second = await h.call('map.addItem', { caseId: a.id, item: lifeEvent(c('MapItemWhatTwo')) });
  await h.call('map.updateItem', {
    itemId: first.id,
    expectedVersion: first.version,
    item: lifeEvent(c('MapItemWhatChanged')),
  });
  await h.call('map.addLink', {
    caseId: a.id,
    fromId: first.id,
    toId: second.id,
    kind: 'possible-trigger',
    label: c('LinkLabel'),
  });
  await h.call('map.removeItem', {
    itemId: second.id,
    expectedVersion: second.version,
    reason: c('RemoveReason'),
  });
  await h.call('map.addTheme', {
    caseId: a.id,
    fromDay: '2021-09-06',
    toDay: '2021-10-31',
    text: c('ThemeText'),
  });
  await h.call('map.saveMeeting', {
    caseId: a.id,
    meetingId: null,
    expectedVersion: null,
    heldAt: '2026-11-05T09:30:00Z',
    chair: c('MapMeetingChair'),
    attendees: [
      {
        name: c('MapAttendeeName'),
        role: c('MapAttendeeRole'),
        agency: c('MapAttendeeAgency'),
        attendance: 'attended',
      },
    ],
    decisions: c('MapMeetingDecisions'),
    actions: [{ text: c('MapActionText'), owner: c('MapActionOwner'), due: '2026-11-27', done: false }],
    notes: c('MapMeetingNotes'),
  });
  await h.call('map.addLifeEventType', { label: c('LifeEventType') });
  h.host.saveFile = join(folder.path, 'map.docx');
  await h.call('map.export', {
    caseId: a.id,
    audience: 'internal',
    recipient: c('ExportRecipient'),
    view: 'anonymised',
    format: 'docx',
  });

  // The AIM assessment: sources, sessions, sections, ratings, the agreed position, QA and a review.
  await as('admin');
  const assessmentId = (
    await h.call(
      'assessments.start',
      aimAssessment(a.id, team, {
        reasons: c('AssessmentReasons'),
        qualityReviewNotified: c('QualityReviewNotified'),
        referralDate: '2026-11-01',
        lastBehaviourDate: '2026-10-20',
        proceedReason: c('AssessmentProceedReason'),
      }),
    )
  ).id;
  await as('sam.sw');
  await h.call('assessments.addSource', {
    assessmentId,
    source: c('SourceName'),
    agency: 'education',
    consultedOn: '2026-11-05',
    abeInterviewAccessed: false,
    notes: c('SourceNotes'),
  });
  await h.call('assessments.addSession', {
    assessmentId,
    heldOn: '2026-11-05',
    participants: [{ kind: 'child', label: c('ParticipantLabel') }],
    assessorIds: [team.socialWorker.id],
    place: c('SessionPlace'),
    notes: { blocks: [{ type: 'paragraph', runs: [{ text: c('SessionNotes') }] }] },
  });
  await h.call('assessments.saveSection', {
    assessmentId,
    sectionKey: 'formulation',
    expectedVersion: 0,
    content: { blocks: [{ type: 'paragraph', runs: [{ text: c('SectionText') }] }] },
  });
  const addItem = async (kind: 'concern' | 'strength', label: string) =>
    (await h.call('assessments.addItem', { assessmentId, domainId: 'developmental', kind, label })).domains
      .find((d) => d.id === 'developmental')
      ?.items.at(-1)?.id ?? '';
  const itemId = await addItem('concern', c('ItemLabel'));
  const sameId = await addItem('strength', c('MatchingItemLabel'));
  await rateAndFinish(assessmentId, itemId, 'clear', 'Sam', [sameId]);
  await as('yas.yos');
  await rateAndFinish(assessmentId, itemId, 'some', 'Yas', [sameId]);
  // Issue 14: the item both rated the same, agreed in one step; its audit entry names it, not its words.
  await h.call('assessments.agreeMatchingRatings', {
    assessmentId,
    domainId: 'developmental',
    itemIds: [sameId],
  });
  await h.call('assessments.proposeAgreement', {
    itemId,
    rating: 'clear',
    rationale: c('AgreementRationale'),
  });
  await h.call('signOff.submit', { assessmentId, comments: c('SubmitComment') });
  await as('admin');
  await h.call('signOff.return', { assessmentId, comments: c('ReturnComment') });
  await as('yas.yos');
  await h.call('signOff.submit', { assessmentId, comments: c('SubmitAgainComment') });
  await as('admin');
  await h.call('signOff.approve', { assessmentId, comments: c('ApproveComment') });
  await as('yas.yos');
  await h.call('signOff.sign', { assessmentId, password: YOS_PASSWORD });
  await as('sam.sw');
  await h.call('signOff.sign', { assessmentId, password: SW_PASSWORD });
  await h.call('assessments.startReview', { assessmentId, reason: c('ReviewReason') });
  h.host.saveFile = join(folder.path, 'report.docx');
  await h.call('reports.export', { assessmentId });
  h.host.saveFile = join(folder.path, 'strategy.docx');
  await h.call('reports.exportStrategyMeeting', { caseId: a.id, meetingId });

  // Lancashire: the hub consultation, requested, screened and held.
  h.travelTo(new Date('2026-11-06T10:00:00Z'));
  await as('admin');
  const b = await openCase('lancashire', 'B');
  await h.call('pathway.recordConcern', concern(b.id, 'B'));
  await as('sam.sw');
  const carer = await h.call('people.add', {
    caseId: b.id,
    kind: 'parent-carer',
    name: c('CarerName'),
    anonymisedLabel: c('CarerLabel'),
    relationship: c('CarerRelationship'),
  });
  for (const [subject, personId] of [
    ['child', null],
    ['parent-carer', carer.id],
  ] as const) {
    await h.call('consents.record', {
      caseId: b.id,
      purpose: 'hub-referral',
      subject,
      personId,
      status: 'given',
      reason: c('HubConsentReason'),
    });
  }
  const consultationId = await acceptedConsultationRequest(
    h,
    { caseId: b.id, managerId: team.admin.id, request: c('ConsultationRequest') },
    c('ScreenRationale'),
  );
  await h.call('consultations.recordMeeting', {
    consultationId,
    expectedVersion: 2,
    heldAt: '2026-11-06T10:00:00Z',
    chair: c('ConsultationChair'),
    attendees: [{ name: c('ConsultationAttendee'), role: '', agency: '', attendance: 'attended' }],
    outcome: 'problematic',
    resourcesShared: c('ResourcesShared'),
    nextSteps: ['pattern-mapping'],
    notes: c('ConsultationNotes'),
  });
  h.host.saveFile = join(folder.path, 'consultation.docx');
  await h.call('reports.exportConsultation', { caseId: b.id, consultationId });

  // Islington: a §8 plan.
  await as('admin');
  const islington = await openCase('islington', 'C');
  await h.call('pathway.recordConcern', concern(islington.id, 'C'));
  await h.call(
    'plans.record',
    safetyPlan(islington.id, '2026-11-06', {
      title: c('PlanTitle'),
      details: c('PlanDetails'),
      withWhom: c('PlanWithWhom'),
    }),
  );
}

describe('audit summaries', () => {
  it('never copy what a person typed: no canary in any audit entry or in the audit viewer', async () => {
    await scriptedCase();
    const db = h.wb.db();
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
    // The script reached every part of the workbench it meant to (a silent skip would hide a leak).
    const actions = new Set(rows.map((r) => String(r.action)));
    for (const action of [
      'map.export',
      'report.export',
      'consent.record',
      'pathway.strategy',
      'consultation.request',
      'assessment.start',
      'case.category',
    ]) {
      expect(actions, action).toContain(action);
    }
    const leaks = rows.filter((r) => JSON.stringify(r).includes(MARK));
    expect(leaks.map((r) => `${r.action}: ${r.summary}`)).toEqual([]);
    // The canaries are in the store (the script really wrote them), only not in the trail.
    const stored = db.prepare('SELECT chair FROM strategy_meetings').get() as { chair: string };
    expect(stored.chair).toBe(c('MeetingChair'));
    await as('admin');
    const recent = await h.call('audit.recent', { limit: 500 });
    expect(recent.length).toBeGreaterThanOrEqual(rows.length);
    expect(recent.filter((e) => JSON.stringify(e).includes(MARK)).map((e) => e.summary)).toEqual([]);
  }, 120_000);
});

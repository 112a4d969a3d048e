import type { CallName } from '#contract/calls.ts';
import { aimAssessment } from './case-steps.ts';
import { solidPng } from './png.ts';
import { ADMIN_PASSWORD, type Harness, SW_PASSWORD, seededTeam } from './workbench.ts';

export type Team = Awaited<ReturnType<typeof seededTeam>>;

/** A case with something to export of every kind: a concern, a strategy meeting, a hub consultation, an assessment and a map. */
export async function exportFixture(h: Harness) {
  const team = await seededTeam(h);
  const child = await h.call('children.create', {
    name: 'Riley Export',
    dateOfBirth: '2012-04-04',
    gender: 'male',
  });
  const hsbCase = await h.call('cases.open', {
    childId: child.id,
    profileId: 'lancashire',
    socialWorkerId: team.socialWorker.id,
    yosPractitionerId: team.yos.id,
    managerIds: [team.admin.id],
  });
  const caseId = hsbCase.id;
  await h.call('pathway.recordConcern', {
    caseId,
    receivedAt: '2026-11-04T10:00:00Z',
    newReferral: false,
    sourceAgency: 'education',
    sourceRole: 'Designated safeguarding lead',
    reported: 'Sexualised behaviour towards a younger pupil.',
    children: [],
    exploitation: { cse: false, cce: false, missing: false, trafficking: false },
    facts: {
      lastBehaviourDate: '2026-11-02',
      residesInArea: true,
      ongoingPoliceInvestigation: false,
      openToChildrensSocialCare: true,
      openToYouthJusticeService: false,
    },
    proceedReason: '',
  });
  // Lancashire records hub consultations; Blackpool's profile has the strategy-meeting outcomes.
  const meetingCase = await h.call('cases.open', {
    childId: child.id,
    profileId: 'blackpool',
    socialWorkerId: team.socialWorker.id,
    yosPractitionerId: team.yos.id,
    managerIds: [team.admin.id],
  });
  await h.call('pathway.recordConcern', {
    caseId: meetingCase.id,
    receivedAt: '2026-11-04T10:00:00Z',
    newReferral: false,
    sourceAgency: 'education',
    sourceRole: 'Designated safeguarding lead',
    reported: 'Sexualised behaviour towards a younger pupil.',
    children: [],
    exploitation: { cse: false, cce: false, missing: false, trafficking: false },
    facts: {
      lastBehaviourDate: '2026-11-02',
      residesInArea: true,
      ongoingPoliceInvestigation: false,
      openToChildrensSocialCare: true,
      openToYouthJusticeService: false,
    },
    proceedReason: '',
  });
  const withMeeting = await h.call('pathway.recordStrategyMeeting', {
    caseId: meetingCase.id,
    type: 'meeting',
    trigger: 'Concern screened with the Brook tool',
    heldAt: '2026-11-05T08:30:00Z',
    chair: 'Team manager',
    attendees: [{ name: 'DC Example', role: 'Police officer', agency: 'Police', attendance: 'attended' }],
    agenda: [{ point: 'Share information', notes: 'Accounts shared.' }],
    outcomes: ['s47-enquiry'],
    details: { rationale: 'Risk of harm.', leadAgency: '', s47Type: 'joint', followUpWorkingDays: null },
    category: '',
    categoryRationale: '',
    actions: [],
  });
  const mother = await h.call('people.add', {
    caseId,
    kind: 'parent-carer',
    name: 'Mo Export',
    anonymisedLabel: 'Mother',
    relationship: 'mother',
  });
  for (const [subject, personId] of [
    ['child', null],
    ['parent-carer', mother.id],
  ] as const) {
    await h.call('consents.record', {
      caseId,
      purpose: 'hub-referral',
      subject,
      personId,
      status: 'given',
      reason: '',
    });
  }
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
  const withConsultation = await h.call('consultations.request', {
    caseId,
    managerId: team.admin.id,
    request: 'Advice on the behaviour and next steps',
  });
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  const item = await h.call('map.addItem', {
    caseId,
    item: {
      kind: 'life-event',
      lane: 'family',
      what: 'Moved to a new school',
      people: [],
      place: '',
      date: { precision: 'month', year: 2021, month: 9 },
      sourceAgency: 'education',
      sourceDetail: '',
    },
  });
  const assessment = await h.call(
    'assessments.start',
    aimAssessment(caseId, team, { proceedReason: 'Test of exports' }),
  );
  return {
    team,
    childId: child.id,
    caseId,
    meetingCaseId: meetingCase.id,
    itemId: item.id,
    motherId: mother.id,
    assessmentId: assessment.id,
    meetingId: withMeeting.meetings[0]?.id ?? '',
    consultationId: withConsultation.consultations[0]?.id ?? '',
  };
}

export type Fixture = Awaited<ReturnType<typeof exportFixture>>;

/** Every export call, the person who may make it, and its request. */
export function everyExport(
  f: Fixture,
): { label: string; as: 'admin' | 'sam.sw'; name: CallName; request: unknown; file: string }[] {
  return [
    {
      label: 'AIM report',
      as: 'admin',
      name: 'reports.export',
      request: { assessmentId: f.assessmentId },
      file: 'report.docx',
    },
    {
      label: 'case chronology',
      as: 'admin',
      name: 'reports.exportChronology',
      request: { caseId: f.caseId },
      file: 'chronology.docx',
    },
    {
      label: 'map chronology',
      as: 'sam.sw',
      name: 'map.export',
      request: { caseId: f.caseId, audience: 'internal', recipient: 'Team', view: 'named', format: 'docx' },
      file: 'map.docx',
    },
    {
      label: 'map picture',
      as: 'sam.sw',
      name: 'map.export',
      request: {
        caseId: f.caseId,
        audience: 'internal',
        recipient: 'Team',
        view: 'anonymised',
        format: 'png',
        pngBase64: solidPng(200, 100).toString('base64'),
      },
      file: 'map.png',
    },
    {
      label: 'strategy meeting record',
      as: 'admin',
      name: 'reports.exportStrategyMeeting',
      request: { caseId: f.meetingCaseId, meetingId: f.meetingId },
      file: 'meeting.docx',
    },
    {
      label: 'consultation record',
      as: 'admin',
      name: 'reports.exportConsultation',
      request: { caseId: f.caseId, consultationId: f.consultationId },
      file: 'consultation.docx',
    },
    {
      label: 'protocol profile',
      as: 'admin',
      name: 'profiles.export',
      request: { id: 'lancashire', version: 2 },
      file: 'profile.json',
    },
  ];
}

export const PASSWORD_OF = { admin: ADMIN_PASSWORD, 'sam.sw': SW_PASSWORD } as const;

import type { CallName } from '#contract/calls.ts';
import { aimAssessment, consentToHubReferral, schoolConcern } from './case-steps.ts';
import { solidPng } from './png.ts';
import {
  ADMIN_PASSWORD,
  addTeamMember,
  type Harness,
  openCaseFor,
  SW_PASSWORD,
  seededTeam,
  teamAllocation,
  YOS_PASSWORD,
} from './workbench.ts';

export type Team = Awaited<ReturnType<typeof seededTeam>>;

/** A case with something to export of every kind: a concern, a strategy meeting, a hub consultation, an assessment and a map. */
export async function exportFixture(h: Harness) {
  const team = await seededTeam(h);
  const hsbCase = await openCaseFor(h, team, { name: 'Riley Export', dateOfBirth: '2012-04-04' });
  const caseId = hsbCase.id;
  await h.call('pathway.recordConcern', schoolConcern(caseId));
  // Lancashire records hub consultations; Blackpool's profile has the strategy-meeting outcomes.
  const meetingCase = await h.call('cases.open', {
    childId: hsbCase.childId,
    ...teamAllocation(team),
    profileId: 'blackpool',
  });
  await h.call('pathway.recordConcern', schoolConcern(meetingCase.id));
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
  const mother = await consentToHubReferral(h, caseId, 'Mo Export');
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
    childId: hsbCase.childId,
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

/**
 * The fixture's assessment submitted, approved by a Youth Justice manager of the case (Lancashire's rule,
 * reviewed jointly with the CSC Team Manager) and signed by both co-assessors; ends signed in as admin.
 */
export async function signedOff(h: Harness, f: Fixture) {
  const signIn = async (username: string, password: string) => {
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username, password });
  };
  await signIn('admin', ADMIN_PASSWORD);
  const managerPassword = 'morgan manager pass 1';
  const manager = await addTeamMember(
    h,
    {
      username: 'morgan.yjmanager',
      name: 'Morgan Youth Justice Manager',
      agency: 'youth-justice',
      roles: ['manager'],
      aimTrained: false,
    },
    managerPassword,
  );
  const { version } = (await h.call('cases.get', { id: f.caseId })).case;
  await h.call('cases.allocate', {
    id: f.caseId,
    expectedVersion: version,
    socialWorkerId: f.team.socialWorker.id,
    yosPractitionerId: f.team.yos.id,
    managerIds: [f.team.admin.id, manager.id],
  });
  await signIn('sam.sw', SW_PASSWORD);
  await h.call('signOff.submit', { assessmentId: f.assessmentId, comments: 'Ready' });
  await signIn('morgan.yjmanager', managerPassword);
  await h.call('signOff.approve', {
    assessmentId: f.assessmentId,
    comments: 'Clear analysis',
    jointReviewer: 'Chris Team Manager',
  });
  await signIn('yas.yos', YOS_PASSWORD);
  await h.call('signOff.sign', { assessmentId: f.assessmentId, password: YOS_PASSWORD });
  await signIn('sam.sw', SW_PASSWORD);
  await h.call('signOff.sign', { assessmentId: f.assessmentId, password: SW_PASSWORD });
  await signIn('admin', ADMIN_PASSWORD);
}

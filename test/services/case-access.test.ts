import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName, calls } from '#contract/calls.ts';
import { richTextFromPlain } from '#domain/assessment/rich-text.ts';
import { CLOSED_CASE_MESSAGE } from '#services/case-closure.ts';
import { ALLOWED_ON_CLOSED_CASE } from '#services/case-scope.ts';
import { recentAudit } from '#store/audit-trail.ts';
import { addMother, consultationHeld, schoolConcern } from '../support/case-steps.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { tempFolder } from '../support/temp.ts';
import {
  addOtherManager,
  addTeamMember,
  type Harness,
  harness,
  openCaseFor,
  seededTeam,
  signInAs,
  TEAM_PASSWORDS,
  teamAllocation,
} from '../support/workbench.ts';

// Need-to-know access, through the router: only the people allocated to a case (and anyone holding a
// current break-glass grant) reach it; everyone else learns only that it exists.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;

const PASSWORDS: Record<string, string> = {
  ...TEAM_PASSWORDS,
  'una.out': 'outsider pass 1',
  'hana.hub': 'hub practitioner pass 1',
  'max.manager': 'other manager pass 1',
};
const as = (username: keyof typeof PASSWORDS) => signInAs(h, username, PASSWORDS[username]);

const storeFingerprint = () => tableFingerprint(h.wb.db());

interface Fixture {
  team: Awaited<ReturnType<typeof seededTeam>>;
  outsiderId: string;
  hubId: string;
  managerId: string;
  caseId: string;
  reference: string;
  childId: string;
  assessmentId: string;
  assessmentItemId: string;
  deadlineId: string;
  mapItemId: string;
  otherMapItemId: string;
  linkId: string;
  themeId: string;
  wordId: string;
  personId: string;
  strategyMeetingId: string;
  consultationId: string;
}

const child = {
  name: 'Riley Example',
  dateOfBirth: '2012-04-04',
  gender: 'male' as const,
  socialCareNumber: 'SC-4242',
  youthJusticeNumber: '',
  preferredName: '',
  areaOfResidence: '',
  school: '',
};

const lifeEvent = (what: string) => ({
  kind: 'life-event' as const,
  lane: 'family',
  what,
  people: [],
  place: '',
  date: { precision: 'year' as const, year: 2021 },
  sourceAgency: 'childrens-social-care' as const,
  sourceDetail: '',
});

const strategyMeeting = (caseId: string) => ({
  caseId,
  type: 'meeting' as const,
  trigger: 'Amber concern',
  heldAt: '2026-11-05T08:30:00Z',
  chair: 'Team manager',
  attendees: [
    { name: 'Sam Social Worker', role: 'Social worker', agency: 'CSC', attendance: 'attended' as const },
  ],
  agenda: [{ point: 'Share information', notes: '' }],
  outcomes: ['s47-enquiry'],
  details: {
    rationale: 'Risk to a younger pupil.',
    leadAgency: '',
    s47Type: 'joint' as const,
    followUpWorkingDays: null,
  },
  category: '',
  categoryRationale: '',
  actions: [{ text: 'Speak to the school', owner: 'Sam', due: '2026-11-10', done: false }],
});

/** A Blackpool case with something of every kind on it, all recorded by the allocated people. */
async function buildFixture(): Promise<Fixture> {
  const team = await seededTeam(h);
  const outsider = await addTeamMember(
    h,
    {
      username: 'una.out',
      name: 'Una Outsider',
      agency: 'childrens-social-care',
      roles: ['practitioner'],
      aimTrained: true,
    },
    PASSWORDS['una.out'] ?? '',
  );
  const hub = await addTeamMember(
    h,
    {
      username: 'hana.hub',
      name: 'Hana Hub',
      agency: 'youth-justice',
      roles: ['practitioner'],
      aimTrained: true,
    },
    PASSWORDS['hana.hub'] ?? '',
  );
  const manager = await addOtherManager(h, PASSWORDS['max.manager'] ?? '');
  const hsbCase = await openCaseFor(h, team, child, { profileId: 'blackpool' });
  await as('sam.sw');
  const caseId = hsbCase.id;
  await h.call(
    'pathway.recordConcern',
    schoolConcern(caseId, {
      facts: { lastBehaviourDate: '2026-11-02', residesInArea: true, ongoingPoliceInvestigation: false },
    }),
  );
  await h.call('pathway.recordEvent', {
    caseId,
    event: 'concern-screened',
    occurredAt: '2026-11-04T11:00:00Z',
    note: 'Brook tool screening',
    brookColour: 'amber',
  });
  const person = await addMother(h, caseId, 'Mo Example');
  const item = await h.call('map.addItem', { caseId, item: lifeEvent('Moved house') });
  const other = await h.call('map.addItem', { caseId, item: lifeEvent('Changed school') });
  let map = await h.call('map.addLink', {
    caseId,
    fromId: item.id,
    toId: other.id,
    kind: 'possible-trigger',
    label: '',
  });
  map = await h.call('map.addTheme', { caseId, fromDay: '2021-01-01', toDay: '2021-06-30', text: 'Moves' });
  map = await h.call('map.markIdentifying', { caseId, word: 'Ribbleton', shownAs: '[street]' });
  const meetings = await h.call('pathway.recordStrategyMeeting', strategyMeeting(caseId));
  const consultations = await h.call('consultations.request', {
    caseId,
    managerId: team.admin.id,
    request: 'Advice on next steps',
  });
  const assessment = await h.call('assessments.start', {
    caseId,
    frameworkId: 'aim3',
    route: 'welfare',
    reasons: 'Harmful behaviour towards a peer',
    qualityReviewNotified: 'Emailed the SQR service on 05/11/2026',
    decisionAt: '2026-11-05T08:45:00Z',
    facts: {},
    proceedReason: 'Agreed at the strategy meeting',
    leadAssessorId: team.yos.id,
    coAssessorId: team.socialWorker.id,
  });
  const view = await h.call('assessments.addItem', {
    assessmentId: assessment.id,
    domainId: 'developmental',
    kind: 'concern',
    label: 'Speech and language needs',
  });
  const timeline = await h.call('pathway.timeline', { caseId });
  const ids = (what: string, value: string | undefined) => {
    if (!value) throw new Error(`the fixture has no ${what}`);
    return value;
  };
  return {
    team,
    outsiderId: outsider.id,
    hubId: hub.id,
    managerId: manager.id,
    caseId,
    reference: hsbCase.reference,
    childId: hsbCase.childId,
    assessmentId: assessment.id,
    assessmentItemId: ids(
      'assessment item',
      view.domains.find((d) => d.id === 'developmental')?.items[0]?.id,
    ),
    deadlineId: ids('deadline', timeline.deadlines[0]?.id),
    mapItemId: item.id,
    otherMapItemId: other.id,
    linkId: ids('link', map.links[0]?.id),
    themeId: ids('theme', map.themes[0]?.id),
    wordId: ids('identifying word', map.identifyingWords[0]?.id),
    personId: person.id,
    strategyMeetingId: ids('strategy meeting', meetings.meetings[0]?.id),
    consultationId: ids('consultation', consultations.consultations[0]?.id),
  };
}

const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
const notes = richTextFromPlain('Notes');

/** Every call in the contract that reaches a case, with a valid request aimed at the fixture's case. */
const CASE_SCOPED: Record<string, (x: Fixture) => unknown> = {
  'map.get': (x) => ({ caseId: x.caseId }),
  'map.addItem': (x) => ({ caseId: x.caseId, item: lifeEvent('Planted by an outsider') }),
  'map.updateItem': (x) => ({ itemId: x.mapItemId, expectedVersion: 1, item: lifeEvent('Changed') }),
  'map.moveItem': (x) => ({ itemId: x.mapItemId, expectedVersion: 1, lane: 'education' }),
  'map.removeItem': (x) => ({ itemId: x.mapItemId, expectedVersion: 1, reason: 'Wrong' }),
  'map.addLink': (x) => ({
    caseId: x.caseId,
    fromId: x.otherMapItemId,
    toId: x.mapItemId,
    kind: 'escalation',
    label: '',
  }),
  'map.removeLink': (x) => ({ linkId: x.linkId }),
  'map.addTheme': (x) => ({ caseId: x.caseId, fromDay: '2021-01-01', toDay: '2021-02-01', text: 'x' }),
  'map.removeTheme': (x) => ({ themeId: x.themeId }),
  'map.markIdentifying': (x) => ({ caseId: x.caseId, word: 'Fulwood', shownAs: '' }),
  'map.unmarkIdentifying': (x) => ({ caseId: x.caseId, wordId: x.wordId }),
  'map.saveMeeting': (x) => ({
    caseId: x.caseId,
    meetingId: null,
    expectedVersion: null,
    heldAt: '2026-11-05T08:00:00Z',
    chair: 'Someone',
    attendees: [{ name: 'Someone', role: '', agency: '', attendance: 'attended' }],
    decisions: '',
    actions: [],
    notes: '',
  }),
  'map.export': (x) => ({
    caseId: x.caseId,
    audience: 'internal',
    recipient: 'Team',
    view: 'named',
    format: 'docx',
  }),
  'map.useInReport': (x) => ({ caseId: x.caseId, view: 'named', pngBase64: PNG }),
  'people.add': (x) => ({
    caseId: x.caseId,
    kind: 'parent-carer',
    name: 'Someone',
    anonymisedLabel: 'Father',
    relationship: 'father',
  }),
  'people.update': (x) => ({
    personId: x.personId,
    expectedVersion: 1,
    kind: 'parent-carer',
    name: 'Renamed',
    anonymisedLabel: 'Mother',
    relationship: 'mother',
  }),
  'consents.record': (x) => ({
    caseId: x.caseId,
    purpose: 'map-sharing-external',
    subject: 'child',
    personId: null,
    status: 'given',
    reason: '',
  }),
  'consents.recordCannotBeAsked': (x) => ({
    caseId: x.caseId,
    personId: x.personId,
    circumstance: 'whereabouts-unknown',
    reason: 'No contact since 2022',
  }),
  // Any id: the guard refuses before the record is looked up.
  'consents.approveCannotBeAsked': (x) => ({ caseId: x.caseId, exceptionId: x.personId }),
  'assessments.forCase': (x) => ({ caseId: x.caseId }),
  'assessments.start': (x) => ({
    caseId: x.caseId,
    frameworkId: 'aim3',
    route: 'welfare',
    reasons: 'Taking over',
    qualityReviewNotified: 'Emailed the SQR service on 05/11/2026',
    decisionAt: '2026-11-05T08:45:00Z',
    facts: {},
    proceedReason: 'x',
    leadAssessorId: x.outsiderId,
    coAssessorId: x.team.yos.id,
  }),
  'assessments.get': (x) => ({ id: x.assessmentId }),
  'assessments.addSource': (x) => ({
    assessmentId: x.assessmentId,
    source: 'School file',
    agency: 'education',
    consultedOn: '2026-11-05',
    abeInterviewAccessed: false,
    notes: '',
  }),
  'assessments.addSession': (x) => ({
    assessmentId: x.assessmentId,
    heldOn: '2026-11-05',
    participants: [{ kind: 'child', label: 'Riley' }],
    assessorIds: [x.outsiderId],
    place: 'School',
    notes,
  }),
  'assessments.saveMeeting': (x) => ({
    assessmentId: x.assessmentId,
    kind: 'planning',
    expectedVersion: null,
    details: {
      heldAt: '2026-11-05T09:00:00Z',
      chair: 'Someone',
      attendees: [{ name: 'Someone', role: '', agency: '', attendance: 'attended' }],
      informationShared: notes,
      actions: [],
      timescales: '',
      roles: '',
      levelOfConcern: '',
    },
  }),
  'assessments.addItem': (x) => ({
    assessmentId: x.assessmentId,
    domainId: 'developmental',
    kind: 'strength',
    label: 'x',
  }),
  'assessments.addLicensedItems': (x) => ({ assessmentId: x.assessmentId, domainId: 'developmental' }),
  'assessments.rate': (x) => ({ itemId: x.assessmentItemId, rating: 'clear', evidence: 'x', source: 'x' }),
  'assessments.finishDomain': (x) => ({ assessmentId: x.assessmentId, domainId: 'developmental' }),
  'assessments.proposeAgreement': (x) => ({ itemId: x.assessmentItemId, rating: 'clear', rationale: 'x' }),
  'assessments.confirmAgreement': (x) => ({
    itemId: x.assessmentItemId,
    rating: 'clear',
    proposedAt: '2026-11-05T08:50:00Z',
  }),
  'assessments.agreeMatchingRatings': (x) => ({
    assessmentId: x.assessmentId,
    domainId: 'developmental',
    itemIds: [x.assessmentItemId],
  }),
  'assessments.holdSection': (x) => ({ assessmentId: x.assessmentId, sectionKey: 'formulation' }),
  'assessments.releaseSection': (x) => ({ assessmentId: x.assessmentId, sectionKey: 'formulation' }),
  'assessments.autosave': (x) => ({
    assessmentId: x.assessmentId,
    sectionKey: 'formulation',
    content: notes,
  }),
  'assessments.saveSection': (x) => ({
    assessmentId: x.assessmentId,
    sectionKey: 'formulation',
    expectedVersion: 0,
    content: notes,
  }),
  'assessments.setOutcome': (x) => ({ assessmentId: x.assessmentId, outcome: 'x' }),
  'assessments.startReview': (x) => ({ assessmentId: x.assessmentId, reason: 'x' }),
  'assessments.compareVersions': (x) => ({ fromId: x.assessmentId, toId: x.assessmentId }),
  'signOff.status': (x) => ({ assessmentId: x.assessmentId }),
  'signOff.submit': (x) => ({ assessmentId: x.assessmentId, comments: '' }),
  'signOff.return': (x) => ({ assessmentId: x.assessmentId, comments: 'x' }),
  'signOff.approve': (x) => ({ assessmentId: x.assessmentId, comments: '' }),
  'signOff.sign': (x) => ({ assessmentId: x.assessmentId, password: 'outsider pass 1' }),
  'reports.export': (x) => ({ assessmentId: x.assessmentId }),
  'reports.exportChronology': (x) => ({ caseId: x.caseId }),
  'reports.exportStrategyMeeting': (x) => ({ caseId: x.caseId, meetingId: x.strategyMeetingId }),
  'reports.exportConsultation': (x) => ({ caseId: x.caseId, consultationId: x.consultationId }),
  'pathway.summary': (x) => ({ caseId: x.caseId }),
  'pathway.checkEligibility': (x) => ({ caseId: x.caseId, receivedAt: '2026-11-04T10:00:00Z', facts: {} }),
  'pathway.recordConcern': (x) => ({
    caseId: x.caseId,
    receivedAt: '2026-11-05T08:00:00Z',
    newReferral: false,
    sourceAgency: 'education',
    sourceRole: '',
    reported: 'x',
    children: [],
    exploitation: { cse: false, cce: false, missing: false, trafficking: false },
    facts: {},
    proceedReason: '',
  }),
  'pathway.suggestCategory': (x) => ({ caseId: x.caseId, descriptorIds: [] }),
  'pathway.recordStrategyMeeting': (x) => ({ ...strategyMeeting(x.caseId), heldAt: '2026-11-05T08:40:00Z' }),
  'pathway.updateMeetingActions': (x) => ({
    meetingId: x.strategyMeetingId,
    expectedVersion: 1,
    actions: [],
  }),
  'consultations.request': (x) => ({ caseId: x.caseId, managerId: x.team.admin.id, request: 'x' }),
  'consultations.screen': (x) => ({
    consultationId: x.consultationId,
    expectedVersion: 1,
    decision: 'decline',
    rationale: 'x',
  }),
  'consultations.recordMeeting': (x) => ({
    consultationId: x.consultationId,
    expectedVersion: 1,
    heldAt: '2026-11-05T08:50:00Z',
    chair: 'x',
    attendees: [{ name: 'x', role: '', agency: '', attendance: 'attended' }],
    outcome: 'normal',
    resourcesShared: '',
    nextSteps: ['signposting'],
    notes: '',
  }),
  'plans.record': (x) => ({
    caseId: x.caseId,
    kind: 'safety-plan',
    dated: '2026-11-04',
    title: 'x',
    details: 'x',
    withWhom: '',
  }),
  'pathway.timeline': (x) => ({ caseId: x.caseId }),
  'pathway.recordCategory': (x) => ({
    caseId: x.caseId,
    category: '2',
    agreedAt: '2026-11-05T08:00:00Z',
    agreedBy: 'x',
    rationale: 'x',
    complex: false,
  }),
  'pathway.recordEvent': (x) => ({
    caseId: x.caseId,
    event: 'concern-screened',
    occurredAt: '2026-11-05T08:00:00Z',
    note: '',
  }),
  'pathway.moveProfileVersion': (x) => ({ caseId: x.caseId, version: 1, reason: 'x' }),
  'deadlines.adjust': (x) => ({
    deadlineId: x.deadlineId,
    expectedVersion: 1,
    type: 'pause',
    reason: 'x',
  }),
  'deadlines.markMet': (x) => ({
    deadlineId: x.deadlineId,
    expectedVersion: 1,
    metAt: '2026-11-05T08:00:00Z',
    note: '',
  }),
  'children.update': (x) => ({ ...child, name: 'Renamed By Outsider', id: x.childId, expectedVersion: 1 }),
  'children.get': (x) => ({ id: x.childId }),
  'cases.open': (x) => ({
    childId: x.childId,
    profileId: 'blackpool',
    socialWorkerId: x.team.socialWorker.id,
    yosPractitionerId: x.team.yos.id,
    managerIds: [],
  }),
  'cases.allocate': (x) => ({
    id: x.caseId,
    expectedVersion: 1,
    socialWorkerId: x.team.socialWorker.id,
    yosPractitionerId: x.team.yos.id,
    managerIds: [x.managerId],
  }),
  'cases.get': (x) => ({ id: x.caseId }),
  'sync.caseStatus': (x) => ({ caseId: x.caseId }),
  'sync.sendCase': (x) => ({ caseId: x.caseId, recipientIds: [x.team.socialWorker.id] }),
  'sync.resolveConflict': (x) => ({
    caseId: x.caseId,
    table: 'map_items',
    rowId: JSON.stringify([x.mapItemId]),
    field: 'what',
    keep: '001795687200000-0000-x',
  }),
  'cases.close': (x) => ({ id: x.caseId, expectedVersion: 1, reason: 'x' }),
  'cases.reopen': (x) => ({ id: x.caseId, expectedVersion: 1, reason: 'x' }),
  'cases.accessRecords': (x) => ({ caseId: x.caseId }),
  'caseNotes.add': (x) => ({ caseId: x.caseId, eventDay: '2026-11-04', text: 'Written by an outsider' }),
  'caseNotes.list': (x) => ({ caseId: x.caseId }),
};

/** Lists across cases: they answer, but show only the cases the person may access. */
const FILTERED_LISTS: readonly CallName[] = [
  'cases.search',
  'deadlines.mine',
  'deadlines.team',
  'deadlines.myActions',
  'work.inbox',
  'work.team',
  'work.exportTeamCsv',
  'pathway.nfaList',
];
/** How an unallocated person asks for access. */
const ACCESS_CALLS: readonly CallName[] = ['cases.requestAccess', 'cases.breakGlass'];
/** Calls that reach no case data. */
const NOT_CASE_SCOPED: readonly CallName[] = [
  'sync.team',
  'sync.createTeam',
  'sync.exportJoinRequest',
  'sync.importJoinRequest',
  'sync.exportRoster',
  'sync.importRoster',
  'sync.openBundle',
  'sync.setServer',
  'sync.serverStatus',
  'sync.syncNow',
  'session.status',
  'session.setUp',
  'session.signIn',
  'session.unlock',
  'session.recover',
  'session.lock',
  'session.signOut',
  'session.touch',
  'account.changePassword',
  'users.list',
  'users.create',
  'users.update',
  'users.resetPassword',
  'settings.get',
  'settings.update',
  'audit.recent',
  'audit.check',
  'backup.create',
  'backup.restore',
  'keys.rotate',
  'audit.acceptLoss',
  'keys.newRecoveryKey',
  'profiles.list',
  'profiles.get',
  'profiles.import',
  'profiles.clone',
  'profiles.export',
  'calendar.closures',
  'calendar.addClosure',
  'calendar.removeClosure',
  'frameworks.list',
  'frameworks.importItemSet',
  'reports.template',
  'reports.updateTemplate',
  'map.addLifeEventType',
  // A new child has no case yet.
  'children.create',
];

beforeEach(async () => {
  folder = tempFolder();
  h = harness(folder.path, { start: new Date('2026-11-05T09:00:00Z') });
  f = await buildFixture();
  h.host.saveFile = join(folder.path, 'export.docx');
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

describe('every case-scoped call refuses people not allocated to the case', () => {
  it('classifies every call in the contract, so a new call cannot slip past the guard', () => {
    const classified = [...Object.keys(CASE_SCOPED), ...FILTERED_LISTS, ...ACCESS_CALLS, ...NOT_CASE_SCOPED];
    expect(CALL_NAMES.filter((name) => !classified.includes(name))).toEqual([]);
    expect(classified.filter((name) => !(CALL_NAMES as string[]).includes(name))).toEqual([]);
    expect(new Set(classified).size).toBe(classified.length);
  });

  it.each([
    ['an unallocated practitioner', 'una.out'],
    ['an unallocated manager', 'max.manager'],
  ] as const)('refuses %s every case-scoped call, saving nothing', async (_who, username) => {
    await as(username);
    const allowed: string[] = [];
    const { user } = h.wb.signedIn();
    for (const [name, build] of Object.entries(CASE_SCOPED)) {
      const before = storeFingerprint();
      const result = await h.router.call(name, build(f));
      // A call the person's role does not allow (cases.allocate for a practitioner) is refused before
      // the guard; the manager's run shows the guard refusing it.
      const access = calls[name as CallName].access;
      const roleRefused = Array.isArray(access) && !access.some((r) => user.roles.includes(r));
      const byGuard =
        !result.ok && result.error.code === 'forbidden' && /not allocated/.test(result.error.message);
      if (!byGuard && !(roleRefused && !result.ok && result.error.code === 'forbidden')) {
        allowed.push(`${name}: ${result.ok ? 'succeeded' : `${result.error.code}: ${result.error.message}`}`);
      }
      expect(storeFingerprint(), `${name} changed the store`).toBe(before);
    }
    expect(allowed).toEqual([]);
    expect(existsSync(h.host.saveFile ?? '')).toBe(false);
  });
});

describe('the allocated people do their work', () => {
  it('the social worker, YOS practitioner and the case’s manager reach the case and its records', async () => {
    for (const who of ['sam.sw', 'yas.yos', 'admin'] as const) {
      await as(who);
      expect((await h.call('cases.get', { id: f.caseId })).child.name).toBe('Riley Example');
      expect((await h.call('assessments.get', { id: f.assessmentId })).id).toBe(f.assessmentId);
      expect((await h.call('map.get', { caseId: f.caseId })).items).toHaveLength(2);
      expect((await h.call('children.get', { id: f.childId })).name).toBe('Riley Example');
    }
    await as('yas.yos');
    await h.call('assessments.rate', {
      itemId: f.assessmentItemId,
      rating: 'clear',
      evidence: 'School account',
      source: 'School',
    });
    await h.call('reports.export', { assessmentId: f.assessmentId });
    expect(existsSync(h.host.saveFile ?? '')).toBe(true);
    await as('max.manager');
    expect((await h.refuse('cases.get', { id: f.caseId })).code).toBe('forbidden');
    await as('admin');
    // The case's manager sees who asked for access (nobody yet).
    expect(await h.call('cases.accessRecords', { caseId: f.caseId })).toEqual({ grants: [], requests: [] });
    const team = await h.call('deadlines.team', {});
    expect(team.deadlines.map((d) => d.caseId)).toContain(f.caseId);
    await h.call('cases.allocate', {
      id: f.caseId,
      expectedVersion: 1,
      socialWorkerId: f.team.socialWorker.id,
      yosPractitionerId: f.team.yos.id,
      managerIds: [f.team.admin.id, f.managerId],
    });
    // Once allocated as a manager, Max reaches the case.
    await as('max.manager');
    expect((await h.call('cases.get', { id: f.caseId })).case.managerIds).toContain(f.managerId);
  });

  it('a child with no case yet is reachable only by the person who recorded them', async () => {
    await as('una.out');
    const mine = await h.call('children.create', { ...child, name: 'Jo New' });
    expect((await h.call('children.get', { id: mine.id })).name).toBe('Jo New');
    await as('sam.sw');
    expect((await h.refuse('children.get', { id: mine.id })).code).toBe('forbidden');
    expect((await h.refuse('children.update', { ...child, id: mine.id, expectedVersion: 1 })).code).toBe(
      'forbidden',
    );
  });
});

describe('search for a case you are not allocated to', () => {
  it('shows only the reference, the child’s initials and the allocated social worker', async () => {
    await as('una.out');
    const restricted = {
      accessible: false,
      caseId: f.caseId,
      reference: f.reference,
      childInitials: 'R. E.',
      socialWorkerName: 'Sam Social Worker',
    };
    expect(await h.call('cases.search', { query: 'Riley' })).toEqual([restricted]);
    expect(await h.call('cases.search', { query: 'SC-4242' })).toEqual([restricted]);
    // An empty search lists only the person's own cases.
    expect(await h.call('cases.search', { query: '' })).toEqual([]);
    await as('sam.sw');
    expect(await h.call('cases.search', { query: 'Riley' })).toEqual([
      expect.objectContaining({ accessible: true, caseId: f.caseId, childName: 'Riley Example' }),
    ]);
  });

  it('“my deadlines” and “team deadlines” leave out cases the person may not access', async () => {
    // The administrator (a manager) opens a case for another child without allocating themselves.
    await as('admin');
    const other = await h.call('children.create', { ...child, name: 'Kim Other', socialCareNumber: '' });
    const otherCase = await h.call('cases.open', {
      childId: other.id,
      ...teamAllocation(f.team),
      profileId: 'blackpool',
      managerIds: [],
    });
    await as('sam.sw');
    await h.call('pathway.recordConcern', {
      caseId: otherCase.id,
      receivedAt: '2026-11-05T08:00:00Z',
      newReferral: false,
      sourceAgency: 'education',
      sourceRole: '',
      reported: 'Concern at school',
      children: [],
      exploitation: { cse: false, cce: false, missing: false, trafficking: false },
      facts: {},
      proceedReason: '',
    });
    await h.call('pathway.recordEvent', {
      caseId: otherCase.id,
      event: 'concern-screened',
      occurredAt: '2026-11-05T08:30:00Z',
      note: '',
      brookColour: 'amber',
    });
    expect((await h.call('deadlines.mine', {})).map((d) => d.caseId)).toContain(otherCase.id);
    await as('admin');
    const mine = (await h.call('deadlines.mine', {})).map((d) => d.caseId);
    expect(mine).toContain(f.caseId);
    expect(mine).not.toContain(otherCase.id);
    expect((await h.call('deadlines.team', {})).deadlines.map((d) => d.caseId)).not.toContain(otherCase.id);
  });
});

describe('the coordinator’s no-further-action list', () => {
  it('leaves out decisions on cases the person may not access', async () => {
    // Blackpool's meeting lists no "no further action" outcome (issue 12): an Islington case records one.
    const created = await h.call('children.create', {
      ...child,
      name: 'Nia Example',
      socialCareNumber: 'SC-77',
    });
    const islington = await h.call('cases.open', {
      childId: created.id,
      ...teamAllocation(f.team),
      profileId: 'islington',
    });
    await as('sam.sw');
    await h.call('pathway.recordStrategyMeeting', {
      ...strategyMeeting(islington.id),
      heldAt: '2026-11-05T08:50:00Z',
      outcomes: ['no-further-action'],
      details: {
        rationale: 'Age-appropriate exploration',
        leadAgency: 'Education',
        s47Type: '',
        followUpWorkingDays: null,
      },
    });
    expect((await h.call('pathway.nfaList', {})).map((d) => d.caseReference)).toEqual([islington.reference]);
    await as('una.out');
    expect(await h.call('pathway.nfaList', {})).toEqual([]);
  });
});

describe('asking for access', () => {
  it('is audited without copying the reason, grants nothing, and is shown to the case’s managers and social worker', async () => {
    await as('una.out');
    const before = storeFingerprint();
    expect((await h.refuse('cases.requestAccess', { caseId: f.caseId, reason: '  ' })).code).toBe(
      'invalid-request',
    );
    expect(storeFingerprint()).toBe(before);
    await h.call('cases.requestAccess', { caseId: f.caseId, reason: 'Covering for Sam during leave' });
    const [entry] = recentAudit(h.wb.db(), 1);
    expect(entry).toMatchObject({
      action: 'case.request-access',
      recordType: 'case-access-request',
      userName: 'Una Outsider',
      summary: `asked for access to case ${f.reference} (reason recorded)`,
    });
    expect((await h.refuse('cases.get', { id: f.caseId })).code).toBe('forbidden');
    expect((await h.refuse('cases.accessRecords', { caseId: f.caseId })).code).toBe('forbidden');

    for (const who of ['sam.sw', 'admin'] as const) {
      await as(who);
      const records = await h.call('cases.accessRecords', { caseId: f.caseId });
      expect(records.requests).toEqual([
        expect.objectContaining({
          id: entry?.recordId,
          userName: 'Una Outsider',
          reason: 'Covering for Sam during leave',
        }),
      ]);
    }
    // The YOS practitioner is allocated but does not decide on access.
    await as('yas.yos');
    expect((await h.refuse('cases.accessRecords', { caseId: f.caseId })).code).toBe('forbidden');
  });
});

describe('break-glass', () => {
  it('needs a reason, is audited, lasts eight hours, and is refused to a plain practitioner', async () => {
    await as('una.out');
    expect((await h.refuse('cases.breakGlass', { caseId: f.caseId, reason: 'Urgent' })).code).toBe(
      'forbidden',
    );
    await as('max.manager');
    const before = storeFingerprint();
    expect((await h.refuse('cases.breakGlass', { caseId: f.caseId, reason: '' })).code).toBe(
      'invalid-request',
    );
    expect(storeFingerprint()).toBe(before);
    expect((await h.refuse('cases.get', { id: f.caseId })).code).toBe('forbidden');

    const granted = await h.call('cases.breakGlass', {
      caseId: f.caseId,
      reason: 'Police at the door out of hours; Sam unreachable',
    });
    expect(granted.expiresAt).toBe('2026-11-05T17:00:00.000Z');
    const [entry] = recentAudit(h.wb.db(), 1);
    expect(entry).toMatchObject({
      action: 'case.break-glass',
      recordType: 'case-access-grant',
      userName: 'Max Manager',
    });
    expect(entry?.summary).toMatch(
      new RegExp(`^opened case ${f.reference} by break-glass .*\\(reason recorded\\)$`),
    );
    expect(entry?.summary).not.toMatch(/Police/);
    expect((await h.call('cases.get', { id: f.caseId })).child.name).toBe('Riley Example');

    h.travelTo(new Date('2026-11-05T16:59:00Z'));
    expect((await h.call('map.get', { caseId: f.caseId })).items).toHaveLength(2);
    h.travelTo(new Date('2026-11-05T17:00:00Z'));
    expect((await h.refuse('cases.get', { id: f.caseId })).code).toBe('forbidden');

    await as('admin');
    const records = await h.call('cases.accessRecords', { caseId: f.caseId });
    expect(records.grants).toEqual([
      {
        id: entry?.recordId,
        userName: 'Max Manager',
        reason: 'Police at the door out of hours; Sam unreachable',
        grantedAt: '2026-11-05T09:00:00.000Z',
        expiresAt: '2026-11-05T17:00:00.000Z',
        current: false,
      },
    ]);
  });
});

describe('hub staff', () => {
  it('reach the case while a consultation is open and lose access when it closes', async () => {
    await as('hana.hub');
    expect((await h.call('pathway.summary', { caseId: f.caseId })).consultations[0]?.state).toBe('requested');
    await h.call('consultations.screen', {
      consultationId: f.consultationId,
      expectedVersion: 1,
      decision: 'accept',
      rationale: '',
    });
    await h.call(
      'consultations.recordMeeting',
      consultationHeld(f.consultationId, {
        attendees: [
          { name: 'Sam Social Worker', role: '', agency: '', attendance: 'attended' },
          { name: 'Hana Hub', role: '', agency: '', attendance: 'attended' },
        ],
      }),
    );
    expect((await h.refuse('pathway.summary', { caseId: f.caseId })).code).toBe('forbidden');
    expect((await h.refuse('cases.get', { id: f.caseId })).code).toBe('forbidden');
  });
});

describe('the attack: an unallocated practitioner taking over someone else’s case', () => {
  it('cannot start an assessment, name himself assessor, export the report, rename the child, record consent or edit the map', async () => {
    await as('una.out');
    const before = storeFingerprint();
    const attempts: [string, unknown][] = [
      ['assessments.start', CASE_SCOPED['assessments.start']?.(f)],
      ['reports.export', { assessmentId: f.assessmentId }],
      ['children.update', CASE_SCOPED['children.update']?.(f)],
      ['consents.record', CASE_SCOPED['consents.record']?.(f)],
      ['map.addItem', CASE_SCOPED['map.addItem']?.(f)],
      ['map.updateItem', CASE_SCOPED['map.updateItem']?.(f)],
    ];
    for (const [name, request] of attempts) {
      expect((await h.refuse(name, request)).code, name).toBe('forbidden');
    }
    expect(storeFingerprint()).toBe(before);
    expect(existsSync(h.host.saveFile ?? '')).toBe(false);
  });

  it('even someone allowed on the case cannot name an unallocated practitioner as assessor', async () => {
    await as('admin');
    const refused = await h.refuse('assessments.start', {
      ...(CASE_SCOPED['assessments.start']?.(f) as object),
      leadAssessorId: f.outsiderId,
      coAssessorId: f.team.yos.id,
    });
    expect(refused).toMatchObject({
      code: 'rule-broken',
      problems: [{ path: 'leadAssessorId', message: 'is not allocated to this case' }],
    });
    expect((await h.call('assessments.forCase', { caseId: f.caseId })).length).toBe(1);
  });
});

describe('a closed case is read-only (issue 12)', () => {
  it('refuses every writing call on it with a plain message, saving nothing; reads and exports go on; a manager reopens it', async () => {
    // Caught before: there was no way to close a case, and only the pathway calls checked its status.
    await as('admin');
    const { case: open } = await h.call('cases.get', { id: f.caseId });
    expect(
      (await h.refuse('cases.close', { id: f.caseId, expectedVersion: open.version, reason: '' })).problems,
    ).toEqual([{ path: 'reason', message: 'is required' }]);
    const closed = await h.call('cases.close', {
      id: f.caseId,
      expectedVersion: open.version,
      reason: 'Intervention complete; no further concerns',
    });
    expect(closed.status).toBe('closed');
    const [entry] = await h.call('audit.recent', { limit: 1 });
    expect(entry).toMatchObject({ action: 'case.close', summary: 'closed the case; reason recorded' });

    const accepted: string[] = [];
    for (const who of ['sam.sw', 'yas.yos', 'admin'] as const) {
      await as(who);
      const { user } = h.wb.signedIn();
      for (const [name, build] of Object.entries(CASE_SCOPED)) {
        const spec = calls[name as CallName];
        // cases.open opens a new case for the child: it does not change the closed one.
        if (!spec.writes || ALLOWED_ON_CLOSED_CASE.includes(name as CallName) || name === 'cases.open')
          continue;
        const before = storeFingerprint();
        const result = await h.router.call(name, build(f));
        const roleRefused = Array.isArray(spec.access) && !spec.access.some((r) => user.roles.includes(r));
        const refusedAsClosed =
          !result.ok && result.error.code === 'rule-broken' && result.error.message === CLOSED_CASE_MESSAGE;
        if (!refusedAsClosed && !(roleRefused && !result.ok)) {
          accepted.push(
            `${who} ${name}: ${result.ok ? 'succeeded' : `${result.error.code}: ${result.error.message}`}`,
          );
        }
        expect(storeFingerprint(), `${name} changed the store`).toBe(before);
      }
    }
    expect(accepted).toEqual([]);

    // Reading and exporting go on; the closed case's running deadline leaves My work.
    await as('sam.sw');
    expect((await h.call('deadlines.mine', {})).map((d) => d.caseId)).not.toContain(f.caseId);
    expect((await h.call('map.get', { caseId: f.caseId })).items).toHaveLength(2);
    const timeline = await h.call('pathway.timeline', { caseId: f.caseId });
    expect(timeline.events.at(-1)).toMatchObject({ event: 'case-closed', label: 'Case closed' });
    expect(await h.call('reports.exportChronology', { caseId: f.caseId })).toEqual({
      savedTo: h.host.saveFile,
    });

    // Only a manager of the case reopens it, with a reason; then work goes on.
    expect(
      (await h.refuse('cases.reopen', { id: f.caseId, expectedVersion: closed.version, reason: 'x' })).code,
    ).toBe('forbidden');
    await as('admin');
    const reopened = await h.call('cases.reopen', {
      id: f.caseId,
      expectedVersion: closed.version,
      reason: 'New concern from school',
    });
    expect(reopened.status).toBe('open');
    expect((await h.call('audit.recent', { limit: 1 }))[0]).toMatchObject({
      action: 'case.reopen',
      summary: 'reopened the case; reason recorded',
    });
    await as('sam.sw');
    await h.call('map.addItem', { caseId: f.caseId, item: lifeEvent('New school') });
    expect((await h.call('deadlines.mine', {})).map((d) => d.caseId)).toContain(f.caseId);
  });
});

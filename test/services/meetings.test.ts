import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { richTextFromPlain } from '#domain/assessment/rich-text.ts';
import { schemaVersion } from '#store/migrations/index.ts';
import {
  acceptedConsultationRequest,
  aimAssessment,
  consentToHubReferral,
  schoolConcern,
} from '../support/case-steps.ts';
import { docxParts } from '../support/docx-xml.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import { meetingsAsSchema12 } from '../support/legacy-store.ts';
import { type Harness, openCaseFor, signInAs, type Team, YOS_PASSWORD } from '../support/workbench.ts';

// One meeting model: each of the four kinds of meeting (strategy, hub consultation, AIM planning, mapping)
// stores and reads back the same common part, refuses the same way, renders it the same way in Word, and
// records made before the model (schema 12) still read after migration 013.

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;

const HELD = '2026-11-06T10:00:00.000Z';
const attendees = [
  {
    name: 'Sam Social Worker',
    role: 'Allocated social worker',
    agency: "Children's Social Care",
    attendance: 'attended' as const,
  },
  { name: 'DC Example', role: 'Officer in the case', agency: 'Police', attendance: 'apologies' as const },
  {
    name: 'Jo Teacher',
    role: 'Designated safeguarding lead',
    agency: 'Education',
    attendance: 'did-not-attend' as const,
  },
];
const common = (actionsDue = '2026-11-13') => ({
  heldAt: HELD,
  chair: 'Team manager',
  attendees,
  agenda: [{ point: 'Share information', notes: 'School and police accounts shared.' }],
  decisions: 'Proceed to pattern mapping.',
  actions: [{ text: 'Request the school records', owner: 'Sam Social Worker', due: actionsDue, done: false }],
});

const as = (username: 'sam.sw' | 'yas.yos' | 'admin') => signInAs(h, username);

async function openCase(name: string, dateOfBirth: string, profileId = 'lancashire') {
  return (await openCaseFor(h, team, { name, dateOfBirth, gender: 'female' }, { profileId })).id;
}

/** A Lancashire case with a consultation the hub has accepted; returns its ids. Ends signed in as the hub. */
async function acceptedConsultation(caseId: string) {
  await h.call('pathway.recordConcern', schoolConcern(caseId));
  await as('sam.sw');
  await consentToHubReferral(h, caseId, 'Mo Meeting');
  return acceptedConsultationRequest(h, {
    caseId,
    managerId: team.admin.id,
    request: 'Advice on the behaviour and next steps',
  });
}

async function startAssessment(caseId: string) {
  const a = await h.call(
    'assessments.start',
    aimAssessment(caseId, team, {
      reasons: 'Concerning sexual behaviour towards a younger child at school.',
    }),
  );
  return a.id;
}

const aimDetails = (meeting: ReturnType<typeof common>) => ({
  ...meeting,
  informationShared: richTextFromPlain('Reports shared.'),
  timescales: 'Weekly',
  roles: 'Yas leads',
  levelOfConcern: '',
});

/** Records one meeting of each kind with `meeting` as the common part; returns how to read each back. */
async function recordAll(meeting: ReturnType<typeof common>) {
  const hubCase = await openCase('Lee Meeting', '2017-06-01');
  const aimCase = await openCase('Riley Meeting', '2013-03-14');
  // Lancashire holds no strategy meetings of its own; Blackpool's outcomes include a section 47 enquiry.
  const strategyCase = await openCase('Bailey Meeting', '2013-03-14', 'blackpool');
  const consultationId = await acceptedConsultation(hubCase);
  h.travelTo(new Date('2026-11-06T12:00:00Z'));
  const assessmentId = await startAssessment(aimCase);
  const sent = {
    strategy: () =>
      h.router.call('pathway.recordStrategyMeeting', {
        caseId: strategyCase,
        type: 'meeting',
        trigger: 'Amber concern',
        ...meeting,
        outcomes: ['s47-enquiry'],
        details: {
          rationale: 'Risk to a younger pupil.',
          leadAgency: '',
          s47Type: 'joint',
          followUpWorkingDays: null,
        },
        category: '',
        categoryRationale: '',
      }),
    consultation: () =>
      h.router.call('consultations.recordMeeting', {
        consultationId,
        expectedVersion: 2,
        ...meeting,
        outcome: 'problematic',
        resourcesShared: 'Brook guidance',
        nextSteps: ['pattern-mapping'],
        notes: '',
      }),
    aim: () =>
      h.router.call('assessments.saveMeeting', {
        assessmentId,
        kind: 'planning',
        expectedVersion: null,
        details: aimDetails(meeting),
      }),
    mapping: () =>
      h.router.call('map.saveMeeting', {
        caseId: hubCase,
        meetingId: null,
        expectedVersion: null,
        ...meeting,
        notes: '',
      }),
  };
  const read = {
    strategy: async () => (await h.call('pathway.summary', { caseId: strategyCase })).meetings[0],
    consultation: async () =>
      (await h.call('pathway.summary', { caseId: hubCase })).consultations[0]?.meeting,
    aim: async () => (await h.call('assessments.get', { id: assessmentId })).planning?.details,
    mapping: async () => (await h.call('map.get', { caseId: hubCase })).meetings[0],
  };
  return { sent, read, hubCase, strategyCase, assessmentId, consultationId };
}

const KINDS = ['strategy', 'consultation', 'aim', 'mapping'] as const;

seededWorkbenchEachTest({ start: new Date('2026-11-05T12:00:00Z') }, (w) => ({ folder, h, team } = w));

describe('one meeting model', () => {
  it('each kind of meeting stores and reads back the same common part: attendees with agency and attendance, actions with owner and due date', async () => {
    const { sent, read } = await recordAll(common());
    for (const kind of KINDS) {
      const result = await sent[kind]();
      expect(result.ok, `${kind}: ${JSON.stringify(result.ok ? '' : result.error)}`).toBe(true);
      expect(await read[kind](), kind).toMatchObject(common());
    }
  });

  it('each kind refuses an action due before the meeting and a missing chair in the same words, saving nothing', async () => {
    const { sent, read } = await recordAll({ ...common('2026-11-05'), chair: ' ' });
    for (const kind of KINDS) {
      const result = await sent[kind]();
      expect(result.ok, kind).toBe(false);
      if (result.ok) continue;
      const at = kind === 'aim' ? 'details.' : '';
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.problems).toEqual(
        expect.arrayContaining([
          { path: `${at}chair`, message: 'is required' },
          { path: `${at}actions.0.due`, message: 'must not be before the meeting date (06/11/2026)' },
        ]),
      );
      expect(await read[kind](), kind).toBeFalsy();
    }
  });

  it('renders the meeting the same way in Word: date and 24-hour time, chair, attendees table, agenda, decisions, actions table', async () => {
    const { sent, hubCase, strategyCase, consultationId, assessmentId } = await recordAll(common());
    for (const kind of KINDS) expect((await sent[kind]()).ok).toBe(true);
    await as('sam.sw');
    const meetingId = (await h.call('pathway.summary', { caseId: strategyCase })).meetings[0]?.id ?? '';
    const exports = {
      strategy: () => h.call('reports.exportStrategyMeeting', { caseId: strategyCase, meetingId }),
      consultation: () => h.call('reports.exportConsultation', { caseId: hubCase, consultationId }),
      aim: () => h.call('reports.export', { assessmentId }),
    };
    for (const [kind, run] of Object.entries(exports)) {
      h.host.saveFile = join(folder.path, `${kind}.docx`);
      await run();
      const xml = docxParts(h.host.saveFile)['word/document.xml'] ?? '';
      const text = xml.replace(/<[^>]+>/g, ' ').replace(/&apos;/g, "'");
      for (const words of [
        '06/11/2026 10:00',
        'Team manager',
        'Attendance',
        "Children's Social Care",
        'Police',
        'Sent apologies',
        'Did not attend',
        'Share information',
        'Proceed to pattern mapping.',
        'Request the school records',
        '13/11/2026',
      ])
        expect(text, `${kind}: ${words}`).toContain(words);
    }
  });

  it('reads meetings recorded before the one model (schema 12) after migration 013, losing nothing', async () => {
    const { sent, read } = await recordAll(common());
    for (const kind of KINDS) expect((await sent[kind]()).ok).toBe(true);
    // Put the rows back in the shapes schema 12 stored, as an older workbench wrote them.
    meetingsAsSchema12(h.wb.db());
    // Closed as the older workbench left it, and opened by this one (which migrates it).
    h.wb.close();
    await h.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
    expect(schemaVersion(h.wb.db())).toBeGreaterThanOrEqual(13);

    const names = attendees.map((a) => a.name);
    const action = common().actions;
    expect(await read.strategy()).toMatchObject({
      chair: 'Team manager',
      decisions: '',
      agenda: common().agenda,
      actions: action,
      attendees: [
        { ...attendees[0], attendance: 'attended' },
        { ...attendees[1], attendance: 'apologies' },
        // Schema 12 knew only present or apologies.
        { ...attendees[2], attendance: 'apologies' },
      ],
    });
    expect(await read.mapping()).toMatchObject({
      chair: 'Team manager',
      decisions: 'Proceed to pattern mapping.',
      agenda: [],
      actions: action,
      attendees: [
        { ...attendees[0], attendance: 'attended' },
        { ...attendees[1], attendance: 'did-not-attend' },
        { ...attendees[2], attendance: 'did-not-attend' },
      ],
    });
    expect(await read.consultation()).toMatchObject({
      heldAt: HELD,
      chair: '',
      agenda: [],
      decisions: '',
      actions: [],
      outcome: 'problematic',
      attendees: names.map((name) => ({ name, role: '', agency: '', attendance: 'attended' })),
    });
    // AIM meetings are read in the old shape, not rewritten (an approved report is compared with them).
    expect(await read.aim()).toMatchObject({
      heldAt: '2026-11-06T00:00:00.000Z',
      chair: '',
      agenda: [],
      decisions: '',
      actions: action,
      timescales: 'Weekly',
      attendees: attendees.map((a) => ({ ...a, attendance: 'attended' })),
    });
  });
});

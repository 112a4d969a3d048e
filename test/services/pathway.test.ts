import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addMother,
  addParentCarer,
  amberScreening,
  consentRecord,
  consultationHeld,
  referralConsents,
  safetyPlan,
  schoolConcern,
} from '../support/case-steps.ts';
import { docxParts } from '../support/docx-xml.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import { docxToPdf, pdfText } from '../support/libreoffice.ts';
import { type Harness, openCaseFor, signInAs, type Team } from '../support/workbench.ts';

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;

const as = (username: 'sam.sw' | 'yas.yos') => signInAs(h, username);

const openCase = (profileId: string, dateOfBirth: string) =>
  openCaseFor(h, team, { name: 'Pat Pathway', dateOfBirth, gender: 'female' }, { profileId });

const concern = (caseId: string, receivedAt: string, extra: Record<string, unknown> = {}) =>
  schoolConcern(caseId, {
    receivedAt,
    reported: 'Sexualised behaviour towards a younger pupil in the toilets.',
    ...extra,
  });

const meeting = (
  caseId: string,
  heldAt: string,
  outcomes: string[],
  details: Record<string, unknown> = {},
) => ({
  caseId,
  type: 'meeting' as const,
  trigger: 'Amber concern screened with the Brook tool',
  heldAt,
  chair: 'Team manager',
  attendees: [
    {
      name: 'Sam Social Worker',
      role: 'Social worker',
      agency: "Children's Services",
      attendance: 'attended' as const,
    },
    { name: 'DC Example', role: 'Police officer', agency: 'Police', attendance: 'attended' as const },
    {
      name: 'School DSL',
      role: 'Designated safeguarding lead',
      agency: 'Education',
      attendance: 'apologies' as const,
    },
  ],
  agenda: [{ point: 'Share information', notes: 'School and police accounts shared.' }],
  outcomes,
  details: { rationale: '', leadAgency: '', s47Type: '' as const, followUpWorkingDays: null, ...details },
  category: '',
  categoryRationale: '',
  actions: [{ text: 'Police to interview the child', owner: 'DC Example', due: '2026-11-10', done: false }],
});

seededWorkbenchEachTest({ start: new Date('2026-11-05T09:00:00Z') }, (w) => ({ folder, h, team } = w));

describe('Blackpool: amber concern → strategy meeting within 24 hours → section 47 joint + AIM alongside', () => {
  it('walks the pathway, with deadlines and a dated history', async () => {
    const hsbCase = await openCase('blackpool', '2012-04-04');
    await h.call('pathway.recordConcern', concern(hsbCase.id, '2026-11-04T10:00:00Z'));
    await h.call('pathway.recordEvent', amberScreening(hsbCase.id, 'Brook tool screening'));
    let summary = await h.call('pathway.summary', { caseId: hsbCase.id });
    expect(summary.nextDeadline).toMatchObject({
      step: expect.stringMatching(/strategy/i),
      due: '05/11/2026 11:00',
    });

    // An outcome without its required detail is refused, and nothing is saved.
    const missing = await h.refuse(
      'pathway.recordStrategyMeeting',
      meeting(hsbCase.id, '2026-11-05T08:30:00Z', ['s47-enquiry', 'aim-alongside']),
    );
    expect(missing.problems).toEqual([{ path: 'details.s47Type', message: 'is required for this outcome' }]);
    expect((await h.call('pathway.summary', { caseId: hsbCase.id })).meetings).toEqual([]);

    summary = await h.call(
      'pathway.recordStrategyMeeting',
      meeting(hsbCase.id, '2026-11-05T08:30:00Z', ['s47-enquiry', 'aim-alongside'], {
        s47Type: 'joint',
        rationale: 'Risk of significant harm to the younger pupil.',
      }),
    );
    expect(summary.meetings[0]).toMatchObject({
      typeLabel: 'Strategy meeting',
      outcomes: ['Section 47 enquiry', 'AIM assessment alongside (after screening)'],
    });
    expect(summary.stage).toMatch(/Strategy meeting held: Section 47 enquiry; AIM assessment alongside/);
    const timeline = await h.call('pathway.timeline', { caseId: hsbCase.id });
    const strategy = timeline.deadlines.find((d) => d.ruleId === 'strategy-meeting');
    expect(strategy).toMatchObject({ state: 'met', status: 'met' });
    expect(strategy?.statusLabel).toMatch(/on time/i);
    // "AIM alongside" is a decision to screen (issue 12), not an assessment started for the meeting with
    // its SQR notification filled in: the case asks for the decision, which the assessors then record.
    expect(await h.call('assessments.forCase', { caseId: hsbCase.id })).toEqual([]);
    const decision = (s: typeof summary) => s.trackedActions.find((a) => a.id === 'aim-decision')?.doneAt;
    expect(decision(summary)).toBeNull();
    const started = await h.call('assessments.start', {
      caseId: hsbCase.id,
      frameworkId: 'aim2',
      route: 'criminal',
      reasons: 'Screened as appropriate: AIM2, criminal route (police investigation)',
      qualityReviewNotified: 'E-mailed the SQR service on 05/11/2026',
      decisionAt: '2026-11-05T09:00:00Z',
      facts: {},
      proceedReason: '',
      leadAssessorId: team.yos.id,
      coAssessorId: team.socialWorker.id,
    });
    expect(started).toMatchObject({ routeLabel: expect.stringMatching(/Criminal/) });
    // The 6–8 week window runs from the decision on Thursday 05/11/2026: 6 weeks is Thursday 17/12, 8 weeks 31/12.
    const window = (await h.call('pathway.timeline', { caseId: hsbCase.id })).deadlines.find(
      (d) => d.ruleId === 'aim-interviews',
    );
    expect(window?.currentDue).toMatchObject({ dueDay: '2026-12-17', latestDay: '2026-12-31' });
    summary = await h.call('pathway.summary', { caseId: hsbCase.id });
    expect(decision(summary)).toBe('2026-11-05T09:00:00.000Z');
    expect(summary.history.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['Concern', 'Strategy meeting', 'Deadline']),
    );
    expect(summary.history.find((e) => e.kind === 'Strategy meeting')?.detail).toMatch(
      /section 47 joint with police. Rationale: Risk of significant harm/,
    );
  });

  it('exports the strategy meeting record as a marked Word document', async () => {
    const hsbCase = await openCase('blackpool', '2012-04-04');
    await h.call('pathway.recordConcern', concern(hsbCase.id, '2026-11-04T10:00:00Z'));
    const summary = await h.call(
      'pathway.recordStrategyMeeting',
      meeting(hsbCase.id, '2026-11-05T08:30:00Z', ['s47-enquiry'], {
        s47Type: 'joint',
        rationale: 'Risk of significant harm.',
      }),
    );
    h.host.saveFile = join(folder.path, 'strategy.docx');
    const saved = await h.call('reports.exportStrategyMeeting', {
      caseId: hsbCase.id,
      meetingId: summary.meetings[0]?.id ?? '',
    });
    expect(saved).toEqual({ savedTo: h.host.saveFile });
    const text = pdfText(docxToPdf(h.host.saveFile));
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Strategy meeting record');
    expect(text).toContain('DC Example');
    expect(text).toContain('Joint with police');
    expect(text).toContain('Sent apologies');
  }, 60_000);

  it('refuses a meeting held before the concern was received', async () => {
    const hsbCase = await openCase('blackpool', '2012-04-04');
    await h.call('pathway.recordConcern', concern(hsbCase.id, '2026-11-04T10:00:00Z'));
    const error = await h.refuse(
      'pathway.recordStrategyMeeting',
      meeting(hsbCase.id, '2026-11-04T09:00:00Z', ['early-help']),
    );
    expect(error).toMatchObject({
      code: 'invalid-request',
      problems: [{ path: 'heldAt', message: 'is before the concern was received' }],
    });
  });
});

describe('Lancashire: hub referral for a 9-year-old → consultation only → consultation held → problematic → pattern mapping next', () => {
  it('walks the pathway through consent, screening and the consultation', async () => {
    const hsbCase = await openCase('lancashire', '2017-06-01');
    let summary = await h.call('pathway.recordConcern', concern(hsbCase.id, '2026-11-04T10:00:00Z'));
    const eligibility = summary.referrals[0]?.eligibility;
    expect(eligibility?.outcomeLabel).toBe('Consultation only');
    expect(eligibility?.criteria.find((c) => c.result === 'not-met')?.explanation).toMatch(/9/);

    await as('sam.sw');
    const refused = await h.refuse('consultations.request', {
      caseId: hsbCase.id,
      managerId: team.admin.id,
      request: 'Advice on the behaviour and next steps',
    });
    expect(refused.message).toMatch(
      /The consent of the child is not recorded\. No parent or carer is recorded on the case/,
    );
    const mother = await addMother(h, hsbCase.id, 'Mo Pathway');
    await referralConsents(h.call.bind(h), hsbCase.id, mother.id);
    summary = await h.call('consultations.request', {
      caseId: hsbCase.id,
      managerId: team.admin.id,
      request: 'Advice on the behaviour and next steps',
    });
    const consultation = summary.consultations[0];
    expect(consultation).toMatchObject({
      state: 'requested',
      requestedByName: 'Sam Social Worker',
      managerName: 'Alex Administrator',
    });

    expect(
      (
        await h.refuse('consultations.screen', {
          consultationId: consultation?.id,
          expectedVersion: 1,
          decision: 'accept',
          rationale: '',
        })
      ).code,
    ).toBe('forbidden');
    await as('yas.yos');
    expect(
      (
        await h.refuse('consultations.screen', {
          consultationId: consultation?.id,
          expectedVersion: 1,
          decision: 'decline',
          rationale: '',
        })
      ).problems?.[0]?.path,
    ).toBe('rationale');
    summary = await h.call('consultations.screen', {
      consultationId: consultation?.id ?? '',
      expectedVersion: 1,
      decision: 'accept',
      rationale: '',
    });
    summary = await h.call(
      'consultations.recordMeeting',
      consultationHeld(consultation?.id ?? '', {
        chair: 'Yas Youth Justice',
        attendees: [
          { name: 'Sam Social Worker', role: 'Social worker', agency: 'CSC', attendance: 'attended' },
          {
            name: 'Yas Youth Justice (hub)',
            role: 'Hub practitioner',
            agency: 'YJS',
            attendance: 'attended',
          },
        ],
        resourcesShared: 'Brook guidance for parents',
      }),
    );
    expect(summary.stage).toBe('Consultation held (problematic): next, pattern mapping');
    await as('sam.sw');
    h.host.saveFile = join(folder.path, 'consultation.docx');
    await h.call('reports.exportConsultation', {
      caseId: hsbCase.id,
      consultationId: consultation?.id ?? '',
    });
    const record = docxParts(h.host.saveFile)['word/document.xml'] ?? '';
    expect(record).toContain('Consultation record (CYJS HSB Hub)');
    expect(record).toContain('problematic');
    expect(record).toContain('Brook guidance for parents');
    expect(summary.consultations[0]?.meeting?.nextSteps).toEqual(['pattern mapping']);
    expect(summary.history.map((e) => e.title)).toEqual(
      expect.arrayContaining([
        'Consultation with the CYJS HSB Hub requested',
        'Accepted by the CYJS HSB Hub',
        'Consultation held: the behaviour is problematic',
      ]),
    );
  });

  it('keeps a consultation’s steps in order when the hub records its acceptance after holding it', async () => {
    const hsbCase = await openCase('lancashire', '2017-06-01');
    await h.call('pathway.recordConcern', concern(hsbCase.id, '2026-11-04T10:00:00Z'));
    const mother = await addMother(h, hsbCase.id, 'Mo Order');
    await referralConsents(h.call.bind(h), hsbCase.id, mother.id);
    await as('sam.sw');
    const requested = await h.call('consultations.request', {
      caseId: hsbCase.id,
      managerId: team.admin.id,
      request: 'Advice on the behaviour',
    });
    const consultationId = requested.consultations[0]?.id ?? '';
    // Held on the 6th; the hub clicked "accept" only on the 9th, when it came to record it.
    h.travelTo(new Date('2026-11-09T15:00:00Z'));
    await as('yas.yos');
    await h.call('consultations.screen', {
      consultationId,
      expectedVersion: 1,
      decision: 'accept',
      rationale: '',
    });
    const summary = await h.call(
      'consultations.recordMeeting',
      consultationHeld(consultationId, { heldAt: '2026-11-06T10:00:00Z' }),
    );
    expect(summary.stage).toBe('Consultation held (problematic): next, pattern mapping');
    const titles = summary.history.filter((e) => e.kind === 'Consultation').map((e) => e.title);
    expect(titles).toEqual([
      'Consultation with the CYJS HSB Hub requested',
      'Accepted by the CYJS HSB Hub',
      'Consultation held: the behaviour is problematic',
    ]);
    // Each row still shows the day it happened.
    expect(summary.history.find((e) => e.title.startsWith('Consultation held'))?.at).toBe(
      '2026-11-06T10:00:00.000Z',
    );
  });

  it('refuses a consent record for a person not on the case', async () => {
    const hsbCase = await openCase('lancashire', '2017-06-01');
    const other = await openCase('lancashire', '2016-06-01');
    const stranger = await addParentCarer(h, other.id, 'Someone Else', 'Other parent', 'parent');
    const error = await h.refuse(
      'consents.record',
      consentRecord(hsbCase.id, 'parent-carer', stranger.id, { purpose: 'hub-referral' }),
    );
    expect(error.problems).toEqual([{ path: 'personId', message: 'is not a parent or carer on this case' }]);
  });
});

describe('risk category, plans and the coordinator’s list', () => {
  it('suggests a category from the descriptors ticked; departing needs a rationale; the history keeps each re-categorisation', async () => {
    const hsbCase = await openCase('islington', '2012-04-04');
    const s = await h.call('pathway.suggestCategory', {
      caseId: hsbCase.id,
      descriptorIds: ['coercion-force', 'consent-unclear'],
    });
    expect(s.suggested).toBe('2');
    expect(s.rows.find((r) => r.category === '2')).toMatchObject({
      brookColour: 'Red',
      childProtectionTier: expect.stringMatching(/Tier 4/),
    });
    const departs = await h.refuse('pathway.recordCategory', {
      caseId: hsbCase.id,
      category: '1',
      agreedAt: '2026-11-04T10:00:00Z',
      agreedBy: 'Strategy discussion',
      rationale: '',
      complex: false,
      descriptorIds: ['coercion-force'],
    });
    expect(departs.message).toMatch(/suggest .*; you chose Category 1/);
    await h.call('pathway.recordCategory', {
      caseId: hsbCase.id,
      category: '2',
      agreedAt: '2026-11-04T10:00:00Z',
      agreedBy: 'Strategy discussion',
      rationale: '',
      complex: false,
      descriptorIds: ['coercion-force'],
    });
    const later = await h.call('pathway.recordCategory', {
      caseId: hsbCase.id,
      category: '1',
      agreedAt: '2026-11-05T08:00:00Z',
      agreedBy: 'Review',
      rationale: 'Police found no coercion.',
      complex: false,
      descriptorIds: ['coercion-force'],
    });
    expect(later.categoryHistory.map((c) => [c.category, c.rationale])).toEqual([
      ['2', ''],
      ['1', 'Police found no coercion.'],
    ]);
  });

  it('records plans (Islington §8) and puts every no-further-action decision on the coordinator’s list', async () => {
    const hsbCase = await openCase('islington', '2012-04-04');
    await h.call('pathway.recordConcern', concern(hsbCase.id, '2026-11-04T10:00:00Z'));
    await h.call(
      'plans.record',
      safetyPlan(hsbCase.id, '2026-11-04', {
        title: 'Safety plan at school',
        details: 'Supervised break times',
        withWhom: 'Child and mother',
      }),
    );
    const noRationale = await h.refuse(
      'pathway.recordStrategyMeeting',
      meeting(hsbCase.id, '2026-11-05T08:00:00Z', ['no-further-action']),
    );
    expect(noRationale.problems?.[0]?.path).toBe('details.rationale');
    await h.call(
      'pathway.recordStrategyMeeting',
      meeting(hsbCase.id, '2026-11-05T08:00:00Z', ['no-further-action'], {
        rationale: 'Age-appropriate exploration; no harm',
        leadAgency: 'Education',
      }),
    );
    const list = await h.call('pathway.nfaList', {});
    expect(list).toEqual([
      expect.objectContaining({
        caseReference: hsbCase.reference,
        rationale: 'Age-appropriate exploration; no harm',
        reportedTo: expect.any(String),
      }),
    ]);
    const summary = await h.call('pathway.summary', { caseId: hsbCase.id });
    expect(summary.plans[0]).toMatchObject({ kindLabel: 'Safety plan', withWhom: 'Child and mother' });
  });
});

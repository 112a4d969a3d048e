import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentTemplate, DEFAULT_REPORT_TEMPLATE } from '#domain/sign-off/report-template.ts';
import { docxParts } from '../support/docx-xml.ts';
import { exportFixture, type Fixture } from '../support/export-fixture.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, type Harness, harness, SW_PASSWORD, YOS_PASSWORD } from '../support/workbench.ts';

// The report tells the whole pathway in order, in the organisation's format; the chronology does too.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;

const LOGIN: Record<string, string> = {
  admin: ADMIN_PASSWORD,
  'sam.sw': SW_PASSWORD,
  'yas.yos': YOS_PASSWORD,
};
async function signInAs(username: string) {
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username, password: LOGIN[username] ?? '' });
}

/** The pathway of the Lancashire case around its assessment, each step recorded through its own call. */
async function wholePathway(harnessed: Harness, fixture: Fixture) {
  const call = harnessed.call.bind(harnessed);
  const caseId = fixture.caseId;
  await call('pathway.recordCategory', {
    caseId,
    category: '0',
    agreedAt: '2026-11-04T15:00:00Z',
    agreedBy: 'Hub screening panel',
    rationale: 'A single instance within the peer group.',
    complex: false,
    descriptorIds: ['single-instance'],
  });
  await call('pathway.recordCategory', {
    caseId,
    category: '1',
    agreedAt: '2026-11-06T11:00:00Z',
    agreedBy: 'Strategy meeting',
    rationale: 'Further accounts show a pattern with a younger child.',
    complex: false,
    descriptorIds: ['problematic-concerning', 'lacks-reciprocity'],
  });
  await call('pathway.recordStrategyMeeting', {
    caseId,
    type: 'discussion',
    trigger: 'Concern screened with the Brook tool',
    heldAt: '2026-11-05T09:00:00Z',
    chair: 'Tess Team Manager',
    attendees: [{ name: 'PC Example', role: 'Police officer', agency: 'Police', attendance: 'attended' }],
    agenda: [],
    outcomes: ['outcome-recorded'],
    details: {
      rationale: 'No police action; single-agency support.',
      leadAgency: '',
      s47Type: '',
      followUpWorkingDays: null,
    },
    category: '',
    categoryRationale: '',
    actions: [{ text: 'Share the safety plan with school', owner: 'Sam', due: '2026-11-12', done: false }],
  });
  await call('map.saveMeeting', {
    caseId,
    meetingId: null,
    expectedVersion: null,
    heldAt: '2026-11-09T13:00:00Z',
    chair: 'Hub practitioner',
    attendees: [{ name: 'Sam Social Worker', role: 'Social worker', agency: 'CSC', attendance: 'attended' }],
    decisions: 'Proceed to a full AIM assessment.',
    actions: [{ text: 'Book the planning meeting', owner: 'Yas', due: '2026-11-16', done: false }],
    notes: 'The map shows the behaviour began after the school move.',
  });
  await call('plans.record', {
    caseId,
    kind: 'direct-work-plan',
    dated: '2026-11-19',
    title: 'Twelve sessions of direct work',
    details: 'Weekly sessions on healthy relationships.',
    withWhom: 'Riley and his mother',
  });
  // The consultation was requested when the fixture was made (20/11/2026 09:00); the hub met that morning.
  harnessed.travelTo(new Date('2026-11-20T12:00:00Z'));
  await signInAs('yas.yos');
  await call('consultations.screen', {
    consultationId: fixture.consultationId,
    expectedVersion: 1,
    decision: 'accept',
    rationale: 'Meets the hub criteria.',
  });
  await call('consultations.recordMeeting', {
    consultationId: fixture.consultationId,
    expectedVersion: 2,
    heldAt: '2026-11-20T11:00:00Z',
    chair: 'Hub lead',
    attendees: [{ name: 'Hub lead', role: '', agency: '', attendance: 'attended' }],
    outcome: 'problematic',
    resourcesShared: 'Brook traffic light tool',
    nextSteps: ['pattern-mapping', 'aim-assessment'],
    notes: '',
  });
  await signInAs('admin');
}

beforeEach(async () => {
  folder = tempFolder();
  h = harness(folder.path, { start: new Date('2026-11-20T09:00:00Z') });
  f = await exportFixture(h);
  await wholePathway(h, f);
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

const texts = (document: string) =>
  [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1] ?? '',
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  }));

async function reportBody() {
  h.host.saveFile = join(folder.path, 'report.docx');
  await h.call('reports.export', { assessmentId: f.assessmentId });
  return texts(docxParts(h.host.saveFile)['word/document.xml'] ?? '');
}

describe('the whole pathway in the AIM report', () => {
  it('tells referral, criteria by name, category and re-categorisation, consultation, strategy and mapping meetings, the assessment, plan, QA and signatures, in that order', async () => {
    const body = await reportBody();
    const h1 = body.filter((p) => p.style === 'Heading1').map((p) => p.text);
    // Before: the report began at the reason for the assessment and had none of the pathway parts.
    expect(h1).toEqual([
      'Referral',
      'Referral criteria',
      'Risk category',
      'Consultation with the hub',
      'Strategy discussions and meetings',
      'Mapping meeting',
      'Reason for the assessment and route',
      'Planning meeting',
      'Sources of information',
      'Sessions held',
      'Assessment domains',
      'Analysis, formulation and plan',
      'Pattern map and chronology',
      'Intervention and safety plans',
      'Quality assurance',
      'Signatures and how to verify them',
    ]);
    const all = body.map((p) => p.text).join('\n');
    expect(all).toContain('Education (Designated safeguarding lead)');
    expect(all).toContain('Sexualised behaviour towards a younger pupil.');
    // Each criterion is named (before: two age lines read as duplicates).
    expect(all).toContain('Aged 8 to 17 on the referral date: ');
    expect(all).toContain('Aged 10 to 17 for an AIM assessment (8 and 9: consultation only): ');
    // The category with its descriptors and rationale, and the re-categorisation.
    expect(all).toContain('Single instances of inappropriate sexual behaviour');
    expect(all).toContain('Re-categorised: Problematic agreed on 06/11/2026');
    expect(all).toContain('May lack reciprocity or equal power');
    expect(all).toContain('Further accounts show a pattern with a younger child.');
    // The hub's outcome, the strategy discussion's outcome and actions, the mapping meeting's decisions.
    expect(all).toContain('Accepted by Yas Youth Justice');
    expect(all).toMatch(/The behaviour is\nproblematic/);
    expect(all).toContain('pattern mapping; AIM assessment');
    expect(all).toContain('No police action; single-agency support.');
    expect(all).toContain('Share the safety plan with school');
    expect(all).toContain('Proceed to a full AIM assessment.');
    expect(all).toContain('Book the planning meeting');
    expect(all).toContain('Direct-work intervention plan: Twelve sessions of direct work');
  });

  it('leaves out the parts the organisation’s format leaves out, and a format saved before keeps working with the new parts in place', async () => {
    const withoutMapping = DEFAULT_REPORT_TEMPLATE.parts.filter((p) => p.part !== 'mapping-meeting');
    await h.call('reports.updateTemplate', { parts: withoutMapping });
    let h1 = (await reportBody()).filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(h1).not.toContain('Mapping meeting');
    expect(h1).toContain('Consultation with the hub');

    // A format saved before the pathway parts existed (no formatVersion), with its own headings and order.
    const old = {
      parts: [
        { part: 'eligibility', heading: 'Eligibility' },
        { part: 'reason-and-route', heading: 'Why we assessed' },
        { part: 'domains', heading: 'Domains' },
        { part: 'quality-assurance', heading: 'QA' },
        { part: 'signatures', heading: 'Signatures' },
      ],
    };
    h.wb.db().prepare("UPDATE settings SET value = ? WHERE key = 'reportTemplate'").run(JSON.stringify(old));
    h1 = (await reportBody()).filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(h1).toEqual([
      'Referral',
      'Eligibility',
      'Risk category',
      'Consultation with the hub',
      'Strategy discussions and meetings',
      'Mapping meeting',
      'Why we assessed',
      'Domains',
      'Intervention and safety plans',
      'QA',
      'Signatures',
    ]);
    expect((await h.call('reports.template', {})).parts.map((p) => p.heading)).toEqual(h1);
    expect(currentTemplate(DEFAULT_REPORT_TEMPLATE)).toBe(DEFAULT_REPORT_TEMPLATE);
  });

  it('the case chronology includes the concern, the consultation, the strategy discussion and the mapping meeting', async () => {
    h.host.saveFile = join(folder.path, 'chronology.docx');
    await h.call('reports.exportChronology', { caseId: f.caseId });
    const rows = texts(docxParts(h.host.saveFile)['word/document.xml'] ?? '').map((p) => p.text);
    const find = (start: string) => rows.findIndex((t) => t.startsWith(start));
    // Before: none of these rows was in the chronology.
    const concern = find('Concern on the open case from Education (Designated safeguarding lead)');
    const discussion = find('Strategy discussion held, chaired by Tess Team Manager');
    const consultation = find('Consultation held, chaired by Hub lead');
    const mapping = find('Mapping meeting held, chaired by Hub practitioner');
    expect(concern).toBeGreaterThan(0);
    expect(rows[mapping]).toContain('Decisions: Proceed to a full AIM assessment.');
    expect(rows[mapping]).toContain('Actions: Book the planning meeting (Yas, by 16/11/2026)');
    expect(rows[consultation]).toContain(
      'The behaviour is problematic; next steps: pattern mapping; AIM assessment',
    );
    expect(find('Consultation requested: Advice on the behaviour and next steps')).toBeGreaterThan(concern);
    // In date order.
    expect([concern, discussion, mapping, consultation]).toEqual(
      [concern, discussion, mapping, consultation].sort((x, y) => x - y),
    );
  });
});

import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentTemplate, DEFAULT_REPORT_TEMPLATE } from '#domain/sign-off/report-template.ts';
import { schoolConcern } from '../support/case-steps.ts';
import { docxParts } from '../support/docx-xml.ts';
import { exportFixture, type Fixture, signedOff } from '../support/export-fixture.ts';
import { docxToPdf, pdfLines, pdfText, pdfToPngs } from '../support/libreoffice.ts';
import { tempFolder } from '../support/temp.ts';
import { type Harness, harness, signInAs } from '../support/workbench.ts';

// The report tells the whole pathway in order, in the organisation's format; the chronology does too.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;

const as = (username: string) => signInAs(h, username);

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
  await as('yas.yos');
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
  await as('admin');
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

/** The report's parts in the default format, in the order the pathway happened. */
const PATHWAY_ORDER = [
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
];

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
    expect(h1).toEqual(PATHWAY_ORDER);
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

describe('the referrer and case notes (issue 14)', () => {
  it('the report gives the referrer’s contact details beside them, and the chronology has the case notes in date order', async () => {
    // Bug caught: the report named only the referring agency and role, and case notes were in no export.
    await h.call(
      'pathway.recordConcern',
      schoolConcern(f.caseId, {
        receivedAt: '2026-11-10T09:00:00Z',
        referrerName: 'Priya Okafor',
        referrerPhone: '01772 555 123',
        referrerEmail: 'p.okafor@fulwood.sch.uk',
        proceedReason: 'A further account from the school.',
      }),
    );
    await h.call('caseNotes.add', {
      caseId: f.caseId,
      eventDay: '2026-11-05',
      text: 'Phoned mother about the plan.',
    });
    const all = (await reportBody()).map((p) => p.text).join('\n');
    expect(all).toContain('Referrer and contact details');
    expect(all).toContain('Priya Okafor, phone 01772 555 123, e-mail p.okafor@fulwood.sch.uk');

    h.host.saveFile = join(folder.path, 'chronology.docx');
    await h.call('reports.exportChronology', { caseId: f.caseId });
    const rows = texts(docxParts(h.host.saveFile)['word/document.xml'] ?? '').map((p) => p.text);
    const note = rows.indexOf('Phoned mother about the plan.');
    expect(note).toBeGreaterThan(0);
    expect(rows[note - 1]).toBe('Case note');
    // After the concern of 04/11/2026 and before the one of 10/11/2026.
    expect(rows.findIndex((t) => t.startsWith('Concern on the open case from Education'))).toBeLessThan(note);
    expect(rows.findIndex((t) => t.includes('Priya Okafor'))).toBeGreaterThan(note);
  });
});

/** The assessment itself, written as practitioners write it: sources, a session, a rated domain, a formulation. */
async function assessed() {
  await as('sam.sw');
  const assessmentId = f.assessmentId;
  await h.call('assessments.addSource', {
    assessmentId,
    source: 'School safeguarding file and the designated safeguarding lead’s chronology',
    agency: 'education',
    consultedOn: '2026-11-06',
    abeInterviewAccessed: false,
    notes: 'Describes the incidents with a classmate in the playground and on the school minibus.',
  });
  await h.call('assessments.addSession', {
    assessmentId,
    heldOn: '2026-11-10',
    participants: [{ kind: 'child', label: 'Riley' }],
    assessorIds: [f.team.socialWorker.id, f.team.yos.id],
    place: 'Home',
    notes: {
      blocks: [
        { type: 'paragraph', runs: [{ text: 'Riley talked about his classmate and his new school.' }] },
      ],
    },
  });
  // An incident on the map whose harmed child is labelled by a long single word.
  const classmate = await h.call('people.add', {
    caseId: f.caseId,
    kind: 'harmed-child',
    name: '',
    anonymisedLabel: 'Classmate',
    relationship: 'school peer',
  });
  await h.call('map.addItem', {
    caseId: f.caseId,
    item: {
      kind: 'incident',
      what: 'Touched a classmate on the school minibus',
      people: [],
      place: 'Minibus',
      date: { precision: 'day', day: '2026-11-02' },
      sourceAgency: 'education',
      sourceDetail: 'Designated safeguarding lead',
      harmedPersonId: classmate.id,
      childAgeThen: null,
      hackettCategory: '1',
      brookColour: 'amber',
    },
  });
  const view = await h.call('assessments.addItem', {
    assessmentId,
    domainId: 'developmental',
    kind: 'concern',
    label: 'Limited understanding of consent and of how a classmate may feel',
  });
  const itemId = view.domains.find((d) => d.id === 'developmental')?.items[0]?.id ?? '';
  for (const who of ['sam.sw', 'yas.yos']) {
    await as(who);
    await h.call('assessments.rate', {
      itemId,
      rating: 'clear',
      evidence: `${who === 'sam.sw' ? 'In sessions' : 'At school'}, Riley could not say how his classmate might have felt; unacknowledged responsibility and minimisation throughout.`,
      source: 'Sessions and the school safeguarding file',
    });
    await h.call('assessments.finishDomain', { assessmentId, domainId: 'developmental' });
  }
  await h.call('assessments.saveSection', {
    assessmentId,
    sectionKey: 'formulation',
    expectedVersion: 0,
    content: {
      blocks: [
        { type: 'heading', runs: [{ text: 'How the behaviour came about' }] },
        {
          type: 'paragraph',
          runs: [
            {
              text: 'Riley was frightened and isolated after the move, and his behaviour towards a classmate grew out of confusion about relationships rather than a wish to harm. '.repeat(
                3,
              ),
            },
          ],
        },
        { type: 'heading', runs: [{ text: 'What keeps others safe' }] },
        {
          type: 'paragraph',
          runs: [{ text: 'Supervision at school and at home, and a trusted adult he can talk to.' }],
        },
      ],
    },
  });
}

describe('the final report rendered by LibreOffice', () => {
  it('reads in pathway order, breaks no word at a line end, and its contents list the formulation sub-headings', async () => {
    await assessed();
    await signedOff(h, f);
    h.host.saveFile = join(folder.path, 'final-report.docx');
    expect((await h.call('reports.export', { assessmentId: f.assessmentId }))?.marking).toBe(
      'OFFICIAL-SENSITIVE, final and verified',
    );
    const pdf = docxToPdf(h.host.saveFile);
    const text = pdfText(pdf);
    // The contents come first and end with the signatures part; the body follows in the pathway's order.
    const contents = text.indexOf('Contents');
    const bodyStart = text.indexOf('Signatures and how to verify them', contents) + 1;
    const contentsText = text.slice(contents, bodyStart);
    expect(contentsText).toContain('How the behaviour came about');
    expect(contentsText).toContain('What keeps others safe');
    let at = bodyStart;
    const inBody = PATHWAY_ORDER.flatMap((part) =>
      part === 'Analysis, formulation and plan'
        ? [part, 'How the behaviour came about', 'What keeps others safe']
        : part === 'Signatures and how to verify them'
          ? [part, 'Approved by Morgan Youth Justice Manager']
          : [part],
    );
    for (const section of inBody) {
      const next = text.indexOf(section, at);
      expect(next, `${section} after position ${at}`).toBeGreaterThan(at - 1);
      at = next + section.length;
    }
    // No line ends in part of a word whose rest starts the next line ("classmat" / "e").
    // The words are those of the document as written (the PDF's own text holds the broken halves).
    const written = [
      ...(docxParts(h.host.saveFile)['word/document.xml'] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)</g),
    ]
      .map((m) => m[1])
      .join(' ');
    const words = new Set(written.toLowerCase().match(/\p{L}+/gu) ?? []);
    const lines = pdfLines(pdf).map((l) => l.trim());
    const broken = lines.flatMap((line, i) => {
      const end = /(\p{L}+)$/u.exec(line)?.[1]?.toLowerCase();
      const start = /^(\p{L}+)/u.exec(lines[i + 1] ?? '')?.[1]?.toLowerCase();
      return end && start && !words.has(end) && words.has(end + start) ? [`${end}|${start}`] : [];
    });
    expect(broken).toEqual([]);
    // Pictures of the pages to look at: set REPORT_PNG_DIR to keep them.
    const pngs = pdfToPngs(pdf, join(folder.path, 'page'));
    expect(pngs.length).toBeGreaterThan(3);
    const keep = process.env.REPORT_PNG_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const png of pngs) copyFileSync(png, join(keep, basename(png)));
      copyFileSync(pdf, join(keep, 'report.pdf'));
    }
  }, 180_000);
});

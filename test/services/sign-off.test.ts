import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { aimAssessment, DECIDED_20_MAY } from '../support/case-steps.ts';
import { docxParts, unzipNames } from '../support/docx-xml.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import { docxToPdf, pdfPageCount, pdfText } from '../support/libreoffice.ts';
import { solidPng } from '../support/png.ts';
import {
  addTeamMember,
  addYouthJusticeManager,
  type Harness,
  openCaseFor,
  SW_PASSWORD,
  signInAs,
  TEAM_PASSWORDS,
  type Team,
  YOS_PASSWORD,
} from '../support/workbench.ts';

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;
let assessmentId: string;

const PASSWORDS: Record<string, string> = { ...TEAM_PASSWORDS, 'pat.manager': 'pat manager pass 1' };
const as = (username: string) => signInAs(h, username, PASSWORDS[username]);

const TRICKY = 'Text that looks like code stays text: =SUM(A1) { PAGE } <w:t>x</w:t> <b>not bold</b> &amp;';
const formulation: RichText = {
  blocks: [
    { type: 'heading', runs: [{ text: 'What the behaviour meant' }] },
    {
      type: 'paragraph',
      runs: [
        { text: 'Riley was ' },
        { text: 'frightened', bold: true },
        { text: ' and ' },
        { text: 'isolated', italic: true },
        { text: '.' },
      ],
    },
    { type: 'numbered', runs: [{ text: 'First need' }] },
    { type: 'numbered', runs: [{ text: 'Second need' }] },
    { type: 'bullet', runs: [{ text: 'A strength' }] },
    { type: 'paragraph', runs: [{ text: TRICKY }] },
  ],
};

seededWorkbenchEachTest({ start: new Date('2026-06-01T09:00:00+01:00') }, async (w) => {
  ({ folder, h, team } = w);
  const pat = await addYouthJusticeManager(h);
  const hsbCase = await openCaseFor(
    h,
    team,
    { name: 'Riley Signed', dateOfBirth: '2012-02-02', socialCareNumber: 'SC-1' },
    // Pat quality-assures, so is one of the case's managers (only allocated people reach a case).
    { managerIds: [team.admin.id, pat.id] },
  );
  const a = await h.call('assessments.start', aimAssessment(hsbCase.id, team, DECIDED_20_MAY));
  assessmentId = a.id;
  await as('sam.sw');
  await h.call('assessments.addSource', {
    assessmentId,
    source: 'School safeguarding file',
    agency: 'education',
    consultedOn: '2026-05-21',
    abeInterviewAccessed: true,
    notes: '',
  });
  await h.call('assessments.addSession', {
    assessmentId,
    heldOn: '2026-05-22',
    participants: [{ kind: 'child', label: 'Riley' }],
    assessorIds: [team.socialWorker.id, team.yos.id],
    place: 'Home',
    notes: { blocks: [{ type: 'paragraph', runs: [{ text: 'Riley engaged well.' }] }] },
  });
  await h.call('assessments.saveSection', {
    assessmentId,
    sectionKey: 'formulation',
    expectedVersion: 0,
    content: formulation,
  });
  for (let i = 0; i < 12; i++) {
    await h.call('assessments.saveSection', {
      assessmentId,
      sectionKey: i % 2 ? 'recommendations' : 'views',
      expectedVersion: Math.floor(i / 2),
      content: {
        blocks: Array.from({ length: 12 }, (_, j) => ({
          type: 'paragraph' as const,
          runs: [{ text: `Paragraph ${j} of a long narrative section, revision ${i}. `.repeat(6) }],
        })),
      },
    });
  }
});

async function approveAndSign() {
  await h.call('signOff.submit', { assessmentId, comments: 'Ready for QA' });
  await as('pat.manager');
  await h.call('signOff.approve', {
    assessmentId,
    comments: 'Clear analysis',
    jointReviewer: 'Chris Team Manager',
  });
  await as('yas.yos');
  await h.call('signOff.sign', { assessmentId, password: YOS_PASSWORD });
  await as('sam.sw');
  return h.call('signOff.sign', { assessmentId, password: SW_PASSWORD });
}

describe('quality assurance and separation of duties (through IPC calls)', () => {
  it('moves draft → submitted → returned → submitted → approved → signed by both → final, each step audited', async () => {
    let status = await h.call('signOff.submit', { assessmentId, comments: '' });
    expect(status.state).toBe('submitted');
    await as('pat.manager');
    status = await h.call('signOff.return', { assessmentId, comments: 'Add the school’s view' });
    expect(status).toMatchObject({ state: 'in-progress', stateLabel: 'Draft' });
    await as('sam.sw');
    const final = await approveAndSign();
    expect(final.state).toBe('final');
    expect(final.verification).toEqual({
      status: 'verified',
      message: expect.stringMatching(
        /^Signed by Yas Youth Justice \(Lead assessor, Youth Justice \/ YOS\) on 01\/06\/2026 at \d\d:\d\d and Sam Social Worker .* unchanged since\.$/,
      ),
    });
    expect(final.transitions.map((t) => `${t.action}:${t.byName}`)).toEqual([
      'submit:Sam Social Worker',
      'return:Pat Manager',
      'submit:Sam Social Worker',
      'approve:Pat Manager',
      'sign:Yas Youth Justice',
      'sign:Sam Social Worker',
    ]);
    expect(final.transitions[1]?.comments).toBe('Add the school’s view');
    // Each step is in the audit trail, in order, by whom, with its comments noted but not copied.
    await as('admin');
    const trail = (await h.call('audit.recent', { limit: 500 }))
      .filter((e) => e.recordId === assessmentId && e.action.startsWith('sign-off.'))
      .sort((x, y) => x.seq - y.seq);
    expect(trail.map((e) => `${e.action}:${e.userName}:${e.summary}`)).toEqual([
      'sign-off.submit:Sam Social Worker:submitted the assessment for quality assurance (version 1)',
      'sign-off.return:Pat Manager:returned the assessment to the co-assessors with comments (version 1); comments recorded',
      'sign-off.submit:Sam Social Worker:submitted the assessment for quality assurance (version 1); comments recorded',
      'sign-off.approve:Pat Manager:approved the assessment in quality assurance (version 1); reviewed jointly with the CSC Team Manager (recorded); comments recorded',
      'sign-off.sign:Yas Youth Justice:signed the assessment (version 1)',
      'sign-off.sign:Sam Social Worker:signed the assessment (version 1)',
    ]);
    expect(trail.map((e) => e.at)).toEqual(final.transitions.map((t) => t.at));
    for (const typed of ['school’s view', 'Ready for QA', 'Clear analysis'])
      expect(JSON.stringify(trail)).not.toContain(typed);
    expect(await h.call('audit.check', {})).toMatchObject({ intact: true });
    await as('sam.sw');
    expect(
      (
        await h.refuse('assessments.saveSection', {
          assessmentId,
          sectionKey: 'views',
          expectedVersion: 6,
          content: { blocks: [] },
        })
      ).message,
    ).toMatch(/can no longer be changed/);
  });

  it('refuses a manager who co-assessed, a practitioner approving, a stranger signing, and a wrong password', async () => {
    await as('admin');
    await h.call('users.update', {
      id: team.socialWorker.id,
      name: team.socialWorker.name,
      agency: 'childrens-social-care',
      roles: ['practitioner', 'manager'],
      aimTrained: true,
      active: true,
    });
    await as('sam.sw');
    await h.call('signOff.submit', { assessmentId, comments: '' });
    expect(await h.refuse('signOff.approve', { assessmentId, comments: '' })).toMatchObject({
      code: 'forbidden',
      message: 'You co-assessed this assessment, so you cannot quality-assure it. Ask another manager.',
    });
    await as('yas.yos');
    expect((await h.refuse('signOff.approve', { assessmentId, comments: '' })).message).toMatch(
      /a practitioner cannot approve/,
    );
    expect((await h.refuse('signOff.sign', { assessmentId, password: YOS_PASSWORD })).message).toMatch(
      /only after it has been approved/,
    );
    await as('pat.manager');
    await h.call('signOff.approve', { assessmentId, comments: '', jointReviewer: 'Chris Team Manager' });
    expect((await h.refuse('signOff.sign', { assessmentId, password: 'pat manager pass 1' })).message).toBe(
      'Only the two named co-assessors can sign the assessment.',
    );
    await as('yas.yos');
    expect((await h.refuse('signOff.sign', { assessmentId, password: 'not my password' })).code).toBe(
      'wrong-password',
    );
    const status = await h.call('signOff.status', { assessmentId });
    expect(status.signatures).toEqual([]);
  });
});

describe('tampering with a signed report', () => {
  const tamper = {
    'one character of a signed section': () =>
      h.wb
        .db()
        .prepare(
          "UPDATE assessment_sections SET content = replace(content, 'frightened', 'frightenes') WHERE section_key = 'formulation'",
        )
        .run(),
    'the approved content': () =>
      h.wb.db().prepare("UPDATE report_snapshots SET content = replace(content, 'frightened', 'calm')").run(),
    'a signature': () =>
      h.wb
        .db()
        .prepare(
          'UPDATE report_signatures SET signature = (SELECT signature FROM report_signatures ORDER BY signed_at LIMIT 1) WHERE rowid = (SELECT max(rowid) FROM report_signatures)',
        )
        .run(),
    'the signer’s public key': () =>
      h.wb
        .db()
        .prepare(
          'UPDATE signing_keys SET public_key = (SELECT public_key FROM signing_keys s2 WHERE s2.user_id != signing_keys.user_id LIMIT 1) WHERE user_id = ?',
        )
        .run(team.yos.id),
  };
  it('deleting a signature row is reported too', async () => {
    await approveAndSign();
    h.wb.db().prepare('DELETE FROM report_signatures WHERE signer_id = ?').run(team.socialWorker.id);
    const status = await h.call('signOff.status', { assessmentId });
    expect(status.verification.message).toMatch(
      /^Changed after sign-off: Sam Social Worker signed, but the signature is missing/,
    );
  });

  it('ordinary later changes to the case do not break the signatures', async () => {
    const final = await approveAndSign();
    expect(final.verification.status).toBe('verified');
    const caseId = (await h.call('assessments.get', { id: assessmentId })).caseId;
    const child = (await h.call('cases.get', { id: caseId })).child;
    await h.call('children.update', {
      id: child.id,
      expectedVersion: child.version,
      name: child.name,
      preferredName: '',
      dateOfBirth: child.dateOfBirth,
      gender: child.gender,
      socialCareNumber: 'SC-2',
      youthJusticeNumber: '',
      areaOfResidence: '',
      school: 'A new school',
    });
    await as('admin');
    await h.call('users.update', {
      id: team.yos.id,
      name: 'Yasmin Youth Justice',
      agency: 'youth-justice',
      roles: ['practitioner'],
      aimTrained: true,
      active: true,
    });
    await as('sam.sw');
    expect((await h.call('signOff.status', { assessmentId })).verification.status).toBe('verified');
  });

  it.each(Object.keys(tamper))(
    'changing %s directly in the database is reported as changed after sign-off, and the export says so',
    async (what) => {
      await approveAndSign();
      tamper[what as keyof typeof tamper]();
      const status = await h.call('signOff.status', { assessmentId });
      expect(status.verification.status).toBe('changed');
      expect(status.verification.message).toMatch(/^Changed after sign-off: /);
      h.host.saveFile = join(folder.path, 'tampered.docx');
      const exported = await h.call('reports.export', { assessmentId });
      expect(exported?.marking).toBe('SIGNATURES NOT VERIFIED — CHANGED AFTER SIGN-OFF');
      const header = Object.entries(docxParts(h.host.saveFile))
        .filter(([n]) => n.includes('header'))
        .map(([, x]) => x)
        .join('');
      expect(header).toContain('SIGNATURES NOT VERIFIED — CHANGED AFTER SIGN-OFF');
    },
  );
});

describe('the signed Word report', () => {
  it('is exactly what was signed, marked on every page, with real headings, a contents list and the signature block', async () => {
    await approveAndSign();
    h.host.saveFile = join(folder.path, 'report.docx');
    const exported = await h.call('reports.export', { assessmentId });
    expect(exported).toEqual({ savedTo: h.host.saveFile, marking: 'OFFICIAL-SENSITIVE, final and verified' });

    const parts = docxParts(h.host.saveFile);
    const document = parts['word/document.xml'] ?? '';
    const headers = Object.entries(parts)
      .filter(([n]) => /word\/header\d*\.xml/.test(n))
      .map(([, x]) => x)
      .join('');
    const footers = Object.entries(parts)
      .filter(([n]) => /word\/footer\d*\.xml/.test(n))
      .map(([, x]) => x)
      .join('');
    expect(headers).toContain('OFFICIAL-SENSITIVE');
    expect(footers).toContain('OFFICIAL-SENSITIVE');
    expect(footers).toMatch(/PAGE/);
    expect(footers).toMatch(/NUMPAGES/);
    expect(footers).toContain('version 1, Final, signed by both co-assessors');
    expect(headers).not.toContain('DRAFT');
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(document).toContain('Signatures and how to verify them');
    expect(document).toMatch(/TOC \\h \\o &quot;1-3&quot;/);
    // Rich text came through as Word formatting …
    expect(document).toMatch(/<w:b\/>[\s\S]{0,200}frightened/);
    expect(document).toMatch(/<w:i\/>[\s\S]{0,200}isolated/);
    expect(document).toMatch(/<w:numPr>/);
    // … and text that looks like a field, a formula, XML or HTML stayed literal text.
    expect(document).toContain(
      '=SUM(A1) { PAGE } &lt;w:t&gt;x&lt;/w:t&gt; &lt;b&gt;not bold&lt;/b&gt; &amp;amp;',
    );
    // The only field codes are the workbench's own (contents, page references), none from what people typed.
    const fieldCodes = [...document.matchAll(/<w:instrText[^>]*>([^<]*)</g)]
      .map((m) => m[1]?.trim())
      .filter(Boolean);
    expect(fieldCodes.length).toBeGreaterThan(0);
    for (const code of fieldCodes)
      expect(code).toMatch(/^(TOC \\h \\o &quot;1-3&quot;|PAGEREF _Toc\d+ \\h)$/);

    const pdf = docxToPdf(h.host.saveFile);
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text).toContain('AIM assessment report');
    expect(text).toContain('Riley Signed');
    expect(text).toContain('02/02/2012 (age 14)');
    expect(text).toMatch(/Signed by Yas Youth Justice .* unchanged since/);
    expect(text).toContain('School safeguarding file');
    expect(text).toContain('What the behaviour meant');

    const [entry] = h.wb
      .db()
      .prepare("SELECT summary FROM audit_log WHERE action = 'report.export' ORDER BY seq DESC")
      .all() as { summary: string }[];
    expect(entry?.summary).toContain(
      `version 1 (OFFICIAL-SENSITIVE, final and verified), to ${h.host.saveFile}`,
    );
  }, 120_000);

  it('a draft export leaves out an assessor’s independent ratings until both have finished, and only the assessors and managers export', async () => {
    const view = await h.call('assessments.addItem', {
      assessmentId,
      domainId: 'developmental',
      kind: 'concern',
      label: 'Speech and language needs',
    });
    const itemId = view.domains.find((d) => d.id === 'developmental')?.items[0]?.id ?? '';
    await h.call('assessments.rate', {
      itemId,
      rating: 'clear',
      evidence: 'SAM-PRIVATE-EVIDENCE from the speech therapist',
      source: 'NHS',
    });
    await as('yas.yos');
    h.host.saveFile = join(folder.path, 'draft-by-yas.docx');
    await h.call('reports.export', { assessmentId });
    expect(docxParts(h.host.saveFile)['word/document.xml']).not.toContain('SAM-PRIVATE-EVIDENCE');
    // A manager who is not one of the case's managers is refused (before: any manager with the right role).
    await as('admin');
    await addTeamMember(
      h,
      {
        username: 'lee.manager',
        name: 'Lee Manager',
        agency: 'youth-justice',
        roles: ['manager'],
        aimTrained: false,
      },
      'lee manager pass 1',
    );
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'lee.manager', password: 'lee manager pass 1' });
    expect(await h.refuse('reports.export', { assessmentId })).toMatchObject({ code: 'forbidden' });
  });

  it('includes the pattern map picture chosen on the map screen', async () => {
    const caseId = (await h.call('assessments.get', { id: assessmentId })).caseId;
    const refused = await h.refuse('map.useInReport', {
      caseId,
      view: 'anonymised',
      pngBase64: Buffer.from('<svg/>').toString('base64'),
    });
    expect(refused.message).toMatch(/^The map image cannot be used: it is not a PNG file./);
    await h.call('map.useInReport', {
      caseId,
      view: 'anonymised',
      pngBase64: solidPng(400, 200).toString('base64'),
    });
    h.host.saveFile = join(folder.path, 'with-map.docx');
    await h.call('reports.export', { assessmentId });
    const parts = unzipNames(h.host.saveFile);
    expect(parts.some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    expect(docxParts(h.host.saveFile)['word/document.xml']).toContain('Pattern map and chronology');
  });

  it('a draft export is watermarked DRAFT — NOT SIGNED OFF on every page', async () => {
    h.host.saveFile = join(folder.path, 'draft.docx');
    expect((await h.call('reports.export', { assessmentId }))?.marking).toBe('DRAFT — NOT SIGNED OFF');
    const parts = docxParts(h.host.saveFile);
    const headers = Object.entries(parts)
      .filter(([n]) => /word\/header\d*\.xml/.test(n))
      .map(([, x]) => x);
    expect(headers.length).toBeGreaterThan(0);
    for (const header of headers) expect(header).toContain('DRAFT — NOT SIGNED OFF');
  });

  it('a later change starts a new version that needs its own QA and signatures; the signed one stays viewable', async () => {
    await approveAndSign();
    const v2 = await h.call('assessments.startReview', { assessmentId, reason: 'Review after three months' });
    expect(v2.versionNo).toBe(2);
    expect((await h.call('signOff.status', { assessmentId: v2.id })).state).toBe('in-progress');
    expect((await h.call('signOff.status', { assessmentId })).verification.status).toBe('verified');
    expect((await h.call('assessments.get', { id: assessmentId })).readOnly).toBe(true);
  });

  it('exports the case chronology, marked', async () => {
    h.host.saveFile = join(folder.path, 'chronology.docx');
    expect(
      await h.call('reports.exportChronology', {
        caseId: (await h.call('assessments.get', { id: assessmentId })).caseId,
      }),
    ).toEqual({ savedTo: h.host.saveFile });
    const parts = docxParts(h.host.saveFile);
    expect(parts['word/document.xml']).toContain('Decision to assess (AIM3, version 1, welfare route)');
  });
});

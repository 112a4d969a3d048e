import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxParts } from '../support/docx-xml.ts';
import { exportFixture, type Fixture } from '../support/export-fixture.ts';
import { tempFolder } from '../support/temp.ts';
import {
  ADMIN_PASSWORD,
  addTeamMember,
  type Harness,
  harness,
  SW_PASSWORD,
  YOS_PASSWORD,
} from '../support/workbench.ts';

// The AIM report at the level of Word itself: styles, headings, tables, the watermark, fields, signatures.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;

const MANAGER_PASSWORD = 'morgan manager pass 1';
const PASSWORDS: Record<string, string> = {
  admin: ADMIN_PASSWORD,
  'sam.sw': SW_PASSWORD,
  'yas.yos': YOS_PASSWORD,
  'morgan.yjmanager': MANAGER_PASSWORD,
};
async function as(username: string) {
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username, password: PASSWORDS[username] ?? '' });
}

beforeEach(async () => {
  folder = tempFolder();
  h = harness(folder.path, { start: new Date('2026-11-20T09:00:00Z') });
  f = await exportFixture(h);
  await as('sam.sw');
  await h.call('assessments.addSource', {
    assessmentId: f.assessmentId,
    source: 'School safeguarding file',
    agency: 'education',
    consultedOn: '2026-11-06',
    abeInterviewAccessed: false,
    notes: 'Read in full.',
  });
  await h.call('assessments.saveSection', {
    assessmentId: f.assessmentId,
    sectionKey: 'formulation',
    expectedVersion: 0,
    content: {
      blocks: [
        { type: 'heading', runs: [{ text: 'What the behaviour meant' }] },
        { type: 'paragraph', runs: [{ text: 'Riley was frightened and isolated after the move.' }] },
        { type: 'heading', runs: [{ text: 'What keeps others safe' }] },
        { type: 'paragraph', runs: [{ text: 'Supervision at school and at home.' }] },
      ],
    },
  });
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

async function exported(name: string) {
  await as('admin');
  h.host.saveFile = join(folder.path, name);
  await h.call('reports.export', { assessmentId: f.assessmentId });
  return docxParts(h.host.saveFile);
}

const headersOf = (parts: Record<string, string>) =>
  Object.entries(parts)
    .filter(([n]) => /^word\/header\d*\.xml$/.test(n))
    .map(([, x]) => x);

/** Each paragraph of the body with its style and its text. */
function paragraphs(document: string): { style: string; text: string }[] {
  return [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1] ?? '',
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  }));
}

describe('the AIM report in Word', () => {
  it('formulation sub-headings are Word headings listed in the contents; spacing comes from one style; every table repeats its header row; Word updates fields on opening', async () => {
    const parts = await exported('draft.docx');
    const document = parts['word/document.xml'] ?? '';
    const body = paragraphs(document);
    // The headings written in the formulation are Heading 3 paragraphs (navigation pane) …
    for (const sub of ['What the behaviour meant', 'What keeps others safe'])
      expect(body.find((p) => p.text === sub && p.style !== 'TOC3')?.style).toBe('Heading3');
    // … and the contents list them (before: the contents took levels 1 and 2 only).
    expect(document).toContain('TOC \\h \\o &quot;1-3&quot;');
    expect(body.filter((p) => /^TOC\d$/.test(p.style)).map((p) => p.text)).toEqual(
      expect.arrayContaining(['What the behaviour meant', 'What keeps others safe']),
    );
    // No paragraph sets its own spacing (before: the cover and contents title did); Normal gives it.
    expect(document).not.toContain('<w:spacing');
    expect(parts['word/styles.xml']).toMatch(/<w:pPrDefault><w:pPr><w:spacing [^>]*w:after="140"/);
    // Every table's first row is a header row repeated on each page (before: the cover table's was not).
    const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([t]) => t);
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const t of tables) expect(/<w:tr[ >][\s\S]*?<\/w:tr>/.exec(t)?.[0]).toContain('<w:tblHeader/>');
    expect(parts['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
  });

  it('a draft carries a diagonal DRAFT — NOT SIGNED OFF watermark shape on every page, as well as the header line', async () => {
    const headers = headersOf(await exported('draft.docx'));
    expect(headers.length).toBeGreaterThan(0);
    for (const header of headers) {
      // Before: only a red line of text in the header, no shape across the page.
      const shape = /<v:shape [^>]*style="([^"]*)"[\s\S]*?<v:textpath [^>]*string="([^"]*)"/.exec(header);
      expect(shape?.[2]).toBe('DRAFT — NOT SIGNED OFF');
      expect(shape?.[1]).toMatch(/rotation:315/);
      expect(header).toMatch(/<w:t[^>]*>DRAFT — NOT SIGNED OFF<\/w:t>/);
    }
  });

  it('the final report names the approving manager with the date beside the co-assessors’ signatures, and has no watermark', async () => {
    // Lancashire: a Youth Justice manager of the case quality-assures.
    await as('admin');
    const manager = await addTeamMember(
      h,
      {
        username: 'morgan.yjmanager',
        name: 'Morgan Youth Justice Manager',
        agency: 'youth-justice',
        roles: ['manager'],
        aimTrained: false,
      },
      MANAGER_PASSWORD,
    );
    const { version } = (await h.call('cases.get', { id: f.caseId })).case;
    await h.call('cases.allocate', {
      id: f.caseId,
      expectedVersion: version,
      socialWorkerId: f.team.socialWorker.id,
      yosPractitionerId: f.team.yos.id,
      managerIds: [f.team.admin.id, manager.id],
    });
    await as('sam.sw');
    await h.call('signOff.submit', { assessmentId: f.assessmentId, comments: 'Ready' });
    await as('morgan.yjmanager');
    await h.call('signOff.approve', {
      assessmentId: f.assessmentId,
      comments: 'Clear analysis',
      jointReviewer: 'Chris Team Manager',
    });
    for (const [who, password] of [
      ['yas.yos', YOS_PASSWORD],
      ['sam.sw', SW_PASSWORD],
    ] as const) {
      await as(who);
      await h.call('signOff.sign', { assessmentId: f.assessmentId, password });
    }
    const parts = await exported('final.docx');
    const body = paragraphs(parts['word/document.xml'] ?? '').map((p) => p.text);
    const signatures = body.lastIndexOf('Signatures and how to verify them');
    const hash = body.findIndex((t) => t.startsWith('Content hash'));
    expect(signatures).toBeGreaterThan(0);
    // Before: the approval appeared only in the quality-assurance table.
    const approved = body.findIndex((t) => t.startsWith('Approved by Morgan Youth Justice Manager'));
    expect(body[approved]).toBe(
      'Approved by Morgan Youth Justice Manager (manager, quality assurance) on 20/11/2026 09:00.',
    );
    expect(approved).toBeGreaterThan(signatures);
    expect(approved).toBeLessThan(hash);
    for (const header of headersOf(parts)) expect(header).not.toContain('<v:shape');
  });
});

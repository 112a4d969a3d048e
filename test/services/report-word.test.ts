import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxParts } from '../support/docx-xml.ts';
import { exportFixture, type Fixture, signedOff } from '../support/export-fixture.ts';
import { tempFolder } from '../support/temp.ts';
import { type Harness, harness, signInAs } from '../support/workbench.ts';

// The AIM report at the level of Word itself: styles, headings, tables, the watermark, fields, signatures.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;

const as = (username: string) => signInAs(h, username);

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
    // … drawn in that style: no run turns its bold off (before: every run said "not bold", so the
    // sub-headings showed as plain text) …
    const subHeading =
      /<w:p>(?:(?!<\/w:p>)[\s\S])*?Heading3(?:(?!<\/w:p>)[\s\S])*?What the behaviour meant/.exec(document);
    expect(subHeading?.[0]).not.toMatch(/<w:b w:val="false"\/>|<w:b w:val="0"\/>/);
    // … and the contents list them (before: the contents took levels 1 and 2 only).
    expect(document).toContain('TOC \\h \\o &quot;1-3&quot;');
    // Each entry carries its page number already (before: none until Word updated the field).
    const entries = body.filter((p) => /^TOC\d$/.test(p.style)).map((p) => p.text);
    for (const sub of ['What the behaviour meant', 'What keeps others safe'])
      expect(entries.find((e) => e.startsWith(sub))).toMatch(/^\D+\d+$/);
    for (const entry of entries) expect(entry).toMatch(/\d$/);
    // No paragraph sets its own spacing (before: the cover and contents title did); Normal gives it.
    expect(document).not.toContain('<w:spacing');
    expect(parts['word/styles.xml']).toMatch(/<w:pPrDefault><w:pPr><w:spacing [^>]*w:after="100"/);
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
    await signedOff(h, f);
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

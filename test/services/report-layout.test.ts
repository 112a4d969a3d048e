import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxParts } from '../support/docx-xml.ts';
import { exportFixture, type Fixture } from '../support/export-fixture.ts';
import { docxToPdf, pdfPageCount, pdfToPngs } from '../support/libreoffice.ts';
import { solidPng } from '../support/png.ts';
import { tempFolder } from '../support/temp.ts';
import { type Harness, harness } from '../support/workbench.ts';

// Issue 17: the meeting tables in the Word report have the widths they are given (alike columns equally
// wide), written out so Word and LibreOffice agree. Issue 13: the map's heading is on the page of the map.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;

beforeEach(async () => {
  folder = tempFolder();
  h = harness(folder.path, { start: new Date('2026-11-20T09:00:00Z') });
  f = await exportFixture(h);
  await h.call('pathway.recordStrategyMeeting', {
    caseId: f.caseId,
    type: 'meeting',
    trigger: 'Concern screened with the Brook tool',
    heldAt: '2026-11-06T09:00:00Z',
    chair: 'Tess Team Manager',
    attendees: [
      { name: 'PC Example', role: 'Police officer', agency: 'Police', attendance: 'attended' },
      { name: 'Sam Social Worker', role: 'Allocated social worker', agency: 'CSC', attendance: 'attended' },
      {
        name: 'Dee Designated',
        role: 'Designated safeguarding lead',
        agency: 'Education',
        attendance: 'apologies',
      },
    ],
    agenda: [],
    outcomes: ['outcome-recorded'],
    details: { rationale: 'Single-agency support.', leadAgency: '', s47Type: '', followUpWorkingDays: null },
    category: '',
    categoryRationale: '',
    actions: [
      {
        text: 'Share the safety plan with school',
        owner: 'Sam Social Worker',
        due: '2026-11-12',
        done: false,
      },
      { text: 'Tell the family the outcome', owner: 'Tess Team Manager', due: '2026-11-09', done: true },
    ],
  });
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

async function exportReport(name: string, mapPng?: Buffer) {
  h.host.saveFile = join(folder.path, name);
  await h.call('reports.export', {
    assessmentId: f.assessmentId,
    ...(mapPng ? { mapPngBase64: mapPng.toString('base64') } : {}),
  });
  return h.host.saveFile;
}

/** Each table of the document that follows a paragraph reading `title`, as XML. */
function tablesAfter(document: string, title: string): string[] {
  const out: string[] = [];
  const heading = new RegExp(`<w:t(?: [^>]*)?>${title}</w:t>`, 'g');
  for (const m of document.matchAll(heading)) {
    const start = document.indexOf('<w:tbl>', m.index);
    const end = document.indexOf('</w:tbl>', start);
    const between = document.slice(m.index, start);
    if (start > 0 && !between.includes('<w:t>No ')) out.push(document.slice(start, end));
  }
  return out;
}
const gridOf = (table: string) => [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
const cellWidths = (table: string) =>
  [...table.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>|<w:tcW w:w="(\d+)" w:type="dxa"\/>/g)].map((m) =>
    Number(m[1] ?? m[2]),
  );

/** The words of one PDF page with their left edges (points), from pdftotext's bounding boxes. */
function wordsOfPage(pdf: string, page: number): { word: string; x: number; y: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    word: m[3] ?? '',
  }));
}
const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );

describe('meeting tables in the Word report (issue 17)', () => {
  it('attendees and actions have their column widths written out: grid, every cell, fixed layout', async () => {
    const document = docxParts(await exportReport('report.docx'))['word/document.xml'] ?? '';
    const attendees = tablesAfter(document, 'Attendees');
    const actions = tablesAfter(document, 'Actions');
    expect(attendees.length).toBeGreaterThan(0);
    expect(actions.length).toBeGreaterThan(0);
    for (const table of attendees) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      expect(gridOf(table)).toEqual([2256, 2256, 2256, 2258]);
      // Every cell says its width, the grid's for its column.
      const widths = cellWidths(table);
      expect(widths.length % 4).toBe(0);
      expect(widths).toEqual(widths.map((_, i) => gridOf(table)[i % 4]));
    }
    for (const table of actions) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      expect(gridOf(table)).toEqual([2578, 2578, 2578, 1292]);
    }
  });

  it('every table of the report says its widths: fixed layout, a grid filling the text width, every cell its width', async () => {
    const document = docxParts(await exportReport('all.docx'))['word/document.xml'] ?? '';
    const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([t]) => t);
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      expect(gridOf(table).reduce((a, b) => a + b, 0)).toBe(9026);
      expect(cellWidths(table).length).toBe((table.match(/<w:tc>/g) ?? []).length);
    }
  });

  it('LibreOffice draws the attendees’ columns equally wide and the actions’ at 2:2:2:1 (pictures of the pages are kept to look at)', async () => {
    const pdf = docxToPdf(await exportReport('meetings.docx'));
    /** The gaps between the left edges of a header row's words, on the first page that has them all on one line. */
    const headerGaps = (header: string[], rowText: string) => {
      for (let page = 1; page <= pdfPageCount(pdf); page++) {
        const words = wordsOfPage(pdf, page);
        const found = header.map((w) => words.find((x) => x.word === w));
        const y = found[0]?.y ?? 0;
        if (found.some((x) => !x || Math.abs(x.y - y) > 1) || !pageText(pdf, page).includes(rowText))
          continue;
        const lefts = found.map((x) => x?.x ?? 0);
        return { page, gaps: lefts.slice(1).map((x, i) => x - (lefts[i] ?? 0)) };
      }
      return { page: 0, gaps: [] };
    };
    // A4 text width 451.3 pt: four columns of 112.8 pt; actions 128.9 pt three times, then 64.6 pt.
    const attendees = headerGaps(['Name', 'Role', 'Agency', 'Attendance'], 'PC Example');
    expect(attendees.gaps.map(Math.round)).toEqual([113, 113, 113]);
    const actions = headerGaps(['Action', 'Owner', 'Due', 'Done'], 'Tell the family the outcome');
    expect(actions.gaps.map(Math.round)).toEqual([129, 129, 129]);
    const keep = process.env.REPORT_PNG_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const png of pdfToPngs(pdf, join(folder.path, 'meeting-page')))
        copyFileSync(png, join(keep, basename(png)));
      console.log(`pages with the tables: ${attendees.page}, ${actions.page}`);
    }
  }, 180_000);
});

describe('the map in the Word report (issue 13)', () => {
  it('its heading is on the landscape page that holds the first page of the map, not alone on a page before it', async () => {
    // Two pages of map, 10.2 × 6 inches each at 200 dpi, as the map screen sends them.
    const pdf = docxToPdf(await exportReport('map.docx', solidPng(2040, 2400, [235, 240, 245])));
    const keep = process.env.REPORT_PNG_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const png of pdfToPngs(pdf, join(folder.path, 'map-page')))
        copyFileSync(png, join(keep, basename(png)));
      copyFileSync(pdf, join(keep, 'map.pdf'));
    }
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c[3] === '2040')
      .map((c) => Number(c[0]));
    expect(images.length).toBe(2);
    const [first, second] = images;
    expect(second).toBe((first ?? 0) + 1);
    const headingPages = Array.from({ length: pdfPageCount(pdf) }, (_, i) => i + 1).filter(
      (p) =>
        // The contents list names the part too: the heading's page is a landscape one.
        /Pattern map and chronology/.test(pageText(pdf, p)) && !/Contents/.test(pageText(pdf, p)),
    );
    expect(headingPages[0]).toBe(first);
  }, 180_000);
});

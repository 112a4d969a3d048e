import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '#contract/vocabulary.ts';
import type { UncertainDate } from '#domain/pattern-map/uncertain-date.ts';
import { splitPngPages } from '#export/png-pages.ts';
import { docxToPdf } from '../support/libreoffice.ts';
import { ANONYMISED_WORDS, fillCaseWithNames, NAMED_CHILD, NAMES_TO_HIDE } from '../support/named-case.ts';
import { tempFolder } from '../support/temp.ts';
import { TEST_KDF_COST } from '../support/workbench.ts';
import { launchChromium, openWorkbench, serveRenderer, type WorkbenchPage } from './harness.ts';
import { credentials, heading, openAllocatedCase, routerCall, SW, setUpTeam, YOS } from './setup.ts';

// A whole childhood on one screen: a 60-item map from 2012 to 2026 (a busy infancy, five quiet years,
// then a dense adolescence), opened at 1280×800 as a practitioner would. The fitted map shows every
// item with its date and first line at 12 px or more; meeting mode opens fitted in large type with the
// marking; the keyboard moves through the items in date order; and the app links nowhere outside.

const SHOTS = '/tmp/hsb-map-scale';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveRenderer>>;
let data: ReturnType<typeof tempFolder>;
let app: WorkbenchPage;
let caseId = '';
let yosId = '';
const call = routerCall(() => app);

const LANES = ['family', 'care-placement', 'education', 'health', 'police-justice'];
const AGENCIES: Agency[] = ['childrens-social-care', 'education', 'health', 'police', 'youth-justice'];
const WORDS = ['Moved', 'School', 'Doctor', 'Police', 'Contact', 'Review', 'Argument', 'Holiday', 'Visit'];

/** Sixty dates: 12 in 2012–13, none in 2014–18, 48 from 2019 to 2026 (some approximate). */
function dates(): UncertainDate[] {
  const out: UncertainDate[] = [];
  for (let i = 0; i < 12; i++)
    out.push({ precision: 'day', day: `2012-${String(1 + (i % 12)).padStart(2, '0')}-1${i % 9}` });
  for (let i = 0; i < 48; i++) {
    const year = 2019 + Math.floor(i / 6.9);
    const month = 1 + ((i * 5) % 12);
    if (i % 11 === 3) out.push({ precision: 'month', year, month });
    else if (i % 13 === 5) out.push({ precision: 'season', year, season: 'summer' });
    else
      out.push({
        precision: 'day',
        day: `${year}-${String(month).padStart(2, '0')}-${String(1 + ((i * 7) % 27)).padStart(2, '0')}`,
      });
  }
  return out;
}

const titleOf = (i: number) => `${WORDS[i % WORDS.length]} ${i + 1}`;

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
  data = tempFolder('hsb-map-scale-');
  app = await openWorkbench(browser, server.url, data.path, {
    kdfCost: TEST_KDF_COST,
    now: new Date('2026-11-26T10:00:00Z'),
  });
  await app.page.setViewportSize({ width: 1280, height: 800 });
  const { ids } = await setUpTeam(call, { choosePasswords: [SW] });
  await call('session.signOut', {});
  await call('session.signIn', credentials(SW));
  const { hsbCase } = await openAllocatedCase(call, {
    child: { name: 'Robin Example', dateOfBirth: '2011-06-02', gender: 'female' } as never,
    profileId: 'lancashire',
    socialWorkerId: ids[SW.username] ?? '',
    yosPractitionerId: ids[YOS.username] ?? '',
    managerIds: [],
  });
  caseId = hsbCase.id;
  yosId = ids[YOS.username] ?? '';
  const all = dates();
  for (const [i, date] of all.entries()) {
    const common = {
      what: `${titleOf(i)}: a longer account of what happened, as the agency recorded it, running on past the first line of the card`,
      people: [],
      place: '',
      date,
      sourceAgency: AGENCIES[i % AGENCIES.length] ?? 'other',
      sourceDetail: '',
    };
    await call('map.addItem', {
      caseId,
      item:
        i % 4 === 1
          ? {
              kind: 'incident',
              ...common,
              harmedPersonId: null,
              childAgeThen: null,
              hackettCategory: '2',
              brookColour: 'amber',
            }
          : { kind: 'life-event', lane: LANES[i % LANES.length] ?? 'family', ...common },
    });
  }
  await app.page.reload();
  await app.page.getByText('Signed in as').waitFor();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
  data?.remove();
});

async function openMap(page: Page) {
  await page.goto(`${server.url}#/cases/${caseId}`);
  await heading(page, 'Robin Example').waitFor();
  await page.getByRole('link', { name: 'Pattern map' }).click();
  await mapItems(page).first().waitFor();
}

/** The map's items, as a screen reader meets them: the groups inside the "Pattern map" region. */
const mapItems = (page: Page) =>
  page.getByRole('region', { name: 'Pattern map', exact: true }).getByRole('group');

/** Every link on the page whose address leads outside the app. */
async function outsideLinks(page: Page): Promise<string[]> {
  const hrefs = await page.$$eval('a[href], area[href]', (links) =>
    links.map((a) => (a as unknown as { href: string }).href),
  );
  return hrefs.filter((href) => new URL(href).origin !== new URL(server.url).origin);
}

interface Measured {
  id: string;
  box: { left: number; top: number; right: number; bottom: number };
  /** Size on screen of the date and of the first line of what happened, in CSS pixels. */
  dateSize: number;
  whatSize: number;
  /** The first line of what happened is inside the card (not cut off). */
  firstLineShown: boolean;
  /** The element on top at the middle of the date is the item itself (nothing covers it). */
  onTop: boolean;
}

/** Every item on the map, measured on screen. */
function measureItems(page: Page): Promise<Measured[]> {
  return mapItems(page).evaluateAll((nodes) =>
    nodes.map((node) => {
      type El = {
        getBoundingClientRect(): { left: number; top: number; right: number; bottom: number; height: number };
        offsetHeight: number;
        contains(other: unknown): boolean;
        querySelector(s: string): El | null;
        getAttribute(n: string): string | null;
      };
      const w = globalThis as unknown as {
        getComputedStyle(e: unknown): { fontSize: string; lineHeight: string };
        document: { elementFromPoint(x: number, y: number): unknown };
      };
      const n = node as unknown as El;
      // The card, then its first two lines: the date, then what happened.
      const card = n.querySelector('div') as El;
      const date = card.querySelector('p:nth-of-type(1)') as El;
      const what = card.querySelector('p:nth-of-type(2)') as El;
      const scale = card.getBoundingClientRect().height / card.offsetHeight;
      const size = (e: El) => Number.parseFloat(w.getComputedStyle(e).fontSize) * scale;
      const whatBox = what.getBoundingClientRect();
      const cardBox = card.getBoundingClientRect();
      const dateBox = date.getBoundingClientRect();
      const line = Number.parseFloat(w.getComputedStyle(what).lineHeight) * scale;
      const onTop = n.contains(
        w.document.elementFromPoint(dateBox.left + 10, (dateBox.top + dateBox.bottom) / 2),
      );
      return {
        id: n.getAttribute('data-id') ?? '',
        box: { left: cardBox.left, top: cardBox.top, right: cardBox.right, bottom: cardBox.bottom },
        dateSize: size(date),
        whatSize: size(what),
        firstLineShown: whatBox.top + line <= cardBox.bottom + 0.5,
        onTop,
      };
    }),
  );
}

/** Waits until the map stops moving (fitting animates): two looks a frame apart see every item in the same place. */
async function settled(page: Page) {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify((await measureItems(page)).map((i) => i.box));
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
}

/** The id of the map item that has the focus. */
const focusedItem = (page: Page) =>
  page.evaluate(() =>
    (
      globalThis as unknown as {
        document: { activeElement: { getAttribute(n: string): string | null } | null };
      }
    ).document.activeElement?.getAttribute('data-id'),
  );

/** Every one of the map's items is drawn, on screen, readable, and not covered. */
async function expectAllReadable(page: Page, within: { width: number; height: number }) {
  const items = await measureItems(page);
  expect(items).toHaveLength(60);
  for (const item of items) {
    expect(item.box.left, item.id).toBeGreaterThanOrEqual(0);
    expect(item.box.top, item.id).toBeGreaterThanOrEqual(0);
    expect(item.box.right, item.id).toBeLessThanOrEqual(within.width);
    expect(item.box.bottom, item.id).toBeLessThanOrEqual(within.height);
    expect(item.dateSize, item.id).toBeGreaterThanOrEqual(12);
    expect(item.whatSize, item.id).toBeGreaterThanOrEqual(12);
    expect(item.firstLineShown, item.id).toBe(true);
    expect(item.onTop, item.id).toBe(true);
  }
}

describe('the pattern map at 1280×800', () => {
  it('links to no outside address', async () => {
    const { page } = app;
    await openMap(page);
    await page.screenshot({ path: join(SHOTS, 'map-open.png') });
    expect(await outsideLinks(page)).toEqual([]);
    await page.goto(`${server.url}#/cases/${caseId}`);
    await heading(page, 'Robin Example').waitFor();
    expect(await outsideLinks(page)).toEqual([]);
  });
});

describe('the whole life on one screen', () => {
  it('fits every item of a 60-item, 14-year map at 1280×800, readable, with ages and years on the axis', async () => {
    const { page } = app;
    await openMap(page);
    await page.getByRole('button', { name: 'Fit the whole map in view' }).click();
    await settled(page);
    await page.screenshot({ path: join(SHOTS, 'fit.png') });
    await expectAllReadable(page, { width: 1280, height: 800 });
    // The axis, read as a person reads it: calendar years and the child's age.
    for (const label of ['2012', '2025', 'age 1', 'age 15']) {
      expect(await page.getByText(label, { exact: true }).count(), label).toBeGreaterThan(0);
    }
    // Five empty years are cut short, and the break says so.
    await expect
      .poll(() => page.getByText(/: nothing recorded$/).allInnerTexts())
      .toEqual(['2013–2018: nothing recorded']);
  });

  it('switches to a strictly proportional time scale, with no break', async () => {
    const { page } = app;
    await page.getByLabel('Strictly in proportion to time').check();
    await page.getByRole('button', { name: 'Fit the whole map in view' }).click();
    await settled(page);
    await page.screenshot({ path: join(SHOTS, 'proportional.png') });
    expect(await page.getByText(/: nothing recorded$/).count()).toBe(0);
    await page.getByLabel('Every item given room (long empty periods shortened)').check();
  });

  it('moves between items in date order from the keyboard, each showing its full text beside the map', async () => {
    const { page } = app;
    const map = await call('map.get', { caseId });
    const first = map.items[0];
    const second = map.items[1];
    const third = map.items[2];
    if (!first || !second || !third) throw new Error('no items');
    await mapItems(page)
      .filter({ hasText: first.what.slice(0, 30) })
      .first()
      .focus();
    await page.getByRole('complementary').getByText(first.what).waitFor();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedItem(page)).toBe(second.id);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedItem(page)).toBe(third.id);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focusedItem(page)).toBe(second.id);
    await page.screenshot({ path: join(SHOTS, 'keyboard.png') });
  });

  it('opens meeting mode fitted, in large type, with the marking', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Start meeting mode' }).click();
    const dialog = page.getByRole('dialog', { name: /^Mapping meeting/ });
    await dialog.waitFor();
    await settled(page);
    await page.screenshot({ path: join(SHOTS, 'meeting.png') });
    await expect(dialog.getByText('OFFICIAL-SENSITIVE', { exact: true }).isVisible()).resolves.toBe(true);
    await expectAllReadable(page, { width: 1280, height: 800 });
    await dialog.getByRole('button', { name: 'Leave meeting mode' }).click();
  });
});

/** The words tesseract reads in a picture. */
const ocr = (png: string) =>
  execFileSync('tesseract', [png, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

describe('anonymised means anonymised', () => {
  it('shows none of the names the case knows in the anonymised table or the exported picture', async () => {
    const { page } = app;
    const { hsbCase } = await openAllocatedCase(call, {
      child: NAMED_CHILD,
      profileId: 'lancashire',
      socialWorkerId: (await call('session.status', {})).user?.id ?? '',
      yosPractitionerId: yosId,
      managerIds: [],
    });
    await fillCaseWithNames(call, hsbCase.id);
    await page.goto(`${server.url}#/cases/${hsbCase.id}`);
    await heading(page, 'Robin Ashworth').waitFor();
    await page.getByRole('link', { name: 'Pattern map' }).click();
    await page.getByRole('radio', { name: 'Anonymised view' }).first().check();
    const table = page.getByRole('table', { name: /Chronology of R\.A\./ });
    await table.waitFor();
    const tableText = (await table.textContent()) ?? '';
    for (const name of NAMES_TO_HIDE) expect(tableText.toLowerCase(), name).not.toContain(name.toLowerCase());
    for (const word of ANONYMISED_WORDS) expect(tableText).toContain(word);

    const form = page.getByRole('form', { name: 'Export', exact: true });
    await form.getByLabel('Professionals involved (internal)').check();
    await form.getByLabel('Recipient').fill('Professionals at the mapping meeting');
    await form.getByLabel('Image (PNG)').check();
    await form.getByLabel('Anonymised view').check();
    const png = join(SHOTS, 'anonymised-export.png');
    app.host.saveFile = png;
    await form.getByRole('button', { name: 'Export the map' }).click();
    await page.getByText(`Saved to ${png}`).waitFor({ timeout: 30_000 });
    const read = ocr(png);
    for (const name of NAMES_TO_HIDE) expect(read.toLowerCase(), name).not.toContain(name.toLowerCase());
    // The picture is read at all: the anonymised words are there.
    expect(read).toMatch(/R\.A\./);
    expect(read).toContain('stayed');
  }, 60_000);
});

/** How many of the 60 titles ("Moved 1", "School 2" …) the OCR text has, whole (not "Moved 1" in "Moved 10"). */
const titlesRead = (text: string) =>
  Array.from({ length: 60 }, (_, i) => titleOf(i)).filter((title) =>
    new RegExp(`${title.replace(' ', ' ?')}(?!\\d)`).test(text.replace(/\s+/g, ' ')),
  ).length;

/** Width and height of a PNG, from its header. */
const pngSize = (file: string) => {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('pictures people can read', () => {
  let png = '';

  it('exports the map as A4 landscape pages at 200 dpi, each marked, in which OCR reads at least 90% of the item titles', async () => {
    const { page } = app;
    await openMap(page);
    const form = page.getByRole('form', { name: 'Export', exact: true });
    await form.getByLabel('Professionals involved (internal)').check();
    await form.getByLabel('Recipient').fill('Professionals at the mapping meeting');
    await form.getByLabel('Image (PNG)').check();
    await form.getByLabel('Named view').check();
    png = join(SHOTS, 'printed-map.png');
    app.host.saveFile = png;
    await form.getByRole('button', { name: 'Export the map' }).click();
    await page.getByText(`Saved to ${png}`).waitFor({ timeout: 30_000 });
    const { width, height } = pngSize(png);
    // 10.2 × 6 inches a page at 200 dpi: A4 landscape less margins, pages stacked.
    expect(width).toBe(2040);
    expect(height % 1200).toBe(0);
    const pages = height / 1200;
    // Each page read on its own, as it would be printed.
    const read = splitPngPages(readFileSync(png), 1200)
      .map((page, i) => {
        const file = join(SHOTS, `printed-map-page-${i + 1}.png`);
        writeFileSync(file, page);
        return ocr(file);
      })
      .join('\n');
    expect(read.split('OFFICIAL-SENSITIVE').length - 1).toBeGreaterThanOrEqual(pages);
    expect(titlesRead(read)).toBeGreaterThanOrEqual(54);
  }, 90_000);

  it('puts the same pages in the Word report on landscape pages of their own, where OCR of LibreOffice’s page images reads at least 90% of the titles', async () => {
    const started = await call('assessments.start', {
      caseId,
      frameworkId: 'aim3',
      route: 'welfare',
      reasons: 'Harmful behaviour towards a peer',
      qualityReviewNotified: '',
      decisionAt: '2026-11-05T10:00:00Z',
      facts: {},
      proceedReason: 'Test of the map picture',
      leadAssessorId: yosId,
      coAssessorId: (await call('session.status', {})).user?.id ?? '',
    } as never);
    const docx = join(SHOTS, 'report.docx');
    app.host.saveFile = docx;
    await call('reports.export', {
      assessmentId: (started as { id: string }).id,
      mapPngBase64: readFileSync(png).toString('base64'),
    });
    const pdf = docxToPdf(docx);
    const prefix = join(SHOTS, 'report-page');
    execFileSync('pdftoppm', ['-png', '-r', '200', pdf, prefix]);
    const landscape = readdirSync(SHOTS)
      .filter((f) => f.startsWith('report-page') && f.endsWith('.png'))
      .map((f) => join(SHOTS, f))
      .filter((f) => pngSize(f).width > pngSize(f).height);
    expect(landscape.length).toBeGreaterThanOrEqual(1);
    const readEach = landscape.map(ocr);
    const read = readEach.join('\n');
    expect(titlesRead(read)).toBeGreaterThanOrEqual(54);
    // Issue 13: the part's heading is on the first landscape page, with the map (its titles), never alone.
    const pageText = (n: number) =>
      execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
    const pageOf = (file: string) => Number(/-(\d+)\.png$/.exec(file)?.[1] ?? 0);
    const headed = landscape.filter((f) => pageText(pageOf(f)).includes('Pattern map and chronology'));
    expect(headed).toEqual([landscape[0]]);
    expect(titlesRead(readEach[0] ?? '')).toBeGreaterThan(0);
  }, 180_000);
});

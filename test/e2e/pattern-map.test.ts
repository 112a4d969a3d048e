import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { referralConsents } from '../support/case-steps.ts';
import { fillDate, type WorkbenchPage } from './harness.ts';
import {
  allocatedTo,
  browserFile,
  credentials,
  fillAttendee,
  heading,
  openAllocatedCase,
  SW,
  screens,
  setUpTeam,
} from './setup.ts';

// The pattern map through the UI in Chromium against the real router: from a blank case, the allocated
// social worker records the people, adds life events from three agencies (one with an approximate date)
// and two incidents, links the move to foster care to an incident as a possible trigger, switches to the
// anonymised view and checks where the items sit on the time axis and what they say. Bad input is refused
// with a clear message and saves nothing. Exports: external without consent is refused, naming what is
// missing; internal as Word and as PNG are saved. Meeting mode records the meeting. Axe runs throughout.

const SHOTS = '/tmp/hsb-map-screens';

// The workbench's and the page's clocks are fixed, so nothing on screen depends on the real date.
const suite = browserFile('hsb-map-e2e-', { now: new Date('2026-11-26T10:00:00Z') });
let app: WorkbenchPage;
let caseId = '';
const consoleProblems: string[] = [];

// Axe on each screen; the pictures are the deliberate ones below (`shot`).
const { expectAccessible } = screens();
mkdirSync(SHOTS, { recursive: true });

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** The setup the foundation test already drives through the UI, done through the router to save time. */
const { call } = suite;

const itemCount = async () => (await call('map.get', { caseId })).items.length;

/** The form named by its heading, `title`. */
const formTitled = (page: Page, title: string): Locator =>
  page.getByRole('form', { name: title, exact: true });

type DateInput =
  | { precision: 'Exact day'; day: string }
  | { precision: 'Month'; month: string; year: string }
  | { precision: 'Year'; year: string }
  | { precision: 'Between two dates'; from: string; to: string };

/** '2021-09-06' → '06/09/2021', typed into the Day, Month and Year boxes. */
const british = (iso: string) => iso.split('-').reverse().join('/');

async function fillUncertainDate(form: Locator, date: DateInput) {
  await form.getByLabel('How exact is the date?').selectOption({ label: date.precision });
  if (date.precision === 'Exact day') await fillDate(form, 'Date', british(date.day));
  if (date.precision === 'Month') {
    await form.getByLabel('Month', { exact: true }).selectOption({ label: date.month });
    await form.getByLabel('Year', { exact: true }).fill(date.year);
  }
  if (date.precision === 'Year') await form.getByLabel('Year', { exact: true }).fill(date.year);
  if (date.precision === 'Between two dates') {
    await fillDate(form, 'Start date', british(date.from));
    await fillDate(form, 'End date', british(date.to));
  }
}

interface Item {
  type?: string;
  what: string;
  date: DateInput;
  agency?: string;
  people?: string[];
  harmed?: string;
  category?: string;
  colour?: string;
}

async function fillItem(page: Page, kind: 'life event' | 'incident', item: Item): Promise<Locator> {
  await page
    .getByRole('button', { name: kind === 'incident' ? 'Add an incident' : 'Add a life event' })
    .click();
  const form = formTitled(page, kind === 'incident' ? 'Add an incident' : 'Add a life event');
  if (item.type) await form.getByLabel('Type of life event').selectOption({ label: item.type });
  await form.getByLabel('What happened').fill(item.what);
  await fillUncertainDate(form, item.date);
  for (const person of item.people ?? []) await form.getByLabel(person, { exact: true }).check();
  if (item.harmed) await form.getByLabel('Who was harmed').selectOption({ label: item.harmed });
  if (item.category) await form.getByLabel('Hackett category').selectOption({ label: item.category });
  if (item.colour) await form.getByLabel('Brook colour').selectOption({ label: item.colour });
  if (item.agency) await form.getByLabel('Source agency').selectOption({ label: item.agency });
  return form;
}

async function addItem(page: Page, kind: 'life event' | 'incident', item: Item) {
  const before = await itemCount();
  const form = await fillItem(page, kind, item);
  await form.getByRole('button', { name: kind === 'incident' ? 'Add incident' : 'Add life event' }).click();
  await page.getByRole('status').getByText(`The ${kind} has been added to the map.`).waitFor();
  expect(await itemCount()).toBe(before + 1);
}

async function addPerson(page: Page, kind: string, name: string, shownAs: string, relationship: string) {
  const form = formTitled(page, 'Add a person');
  await form.getByLabel('Kind of person').selectOption({ label: kind });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Shown in the anonymised view as').fill(shownAs);
  await form.getByLabel('Relationship to the child').fill(relationship);
  await form.getByRole('button', { name: 'Add person' }).click();
  await page.getByText(`${shownAs} has been added to the case.`).waitFor();
}

/** The text a locator shows on screen (not hidden text). */
const shown = async (locator: Locator) => (await locator.allInnerTexts()).join('\n');

/** Choose the option of a select whose text contains `text`. */
async function choose(select: Locator, text: string) {
  const value = await select.getByRole('option', { name: text }).first().getAttribute('value');
  if (value === null) throw new Error(`No option containing “${text}”`);
  await select.selectOption(value);
}

/** The map itself (the canvas, named "Pattern map"). */
const canvas = (page: Page) => page.getByRole('region', { name: 'Pattern map', exact: true });
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every item on the map: each is named "<lane or Incident>, <date>: <what happened>…". */
const nodes = (page: Page) => canvas(page).getByRole('group', { name: /^[^,]+, .+: / });
/** The map's item whose name includes `text`, and its box on screen. */
const node = (page: Page, text: string) =>
  canvas(page).getByRole('group', { name: new RegExp(escaped(text)) });
/** Waits until the map stands still (a fit or a move has finished): every item's box the same twice running. */
async function mapAtRest(page: Page) {
  let before = '';
  await expect
    .poll(
      async () => {
        const boxes = JSON.stringify(
          await Promise.all((await nodes(page).all()).map((n) => n.boundingBox())),
        );
        const still = boxes === before;
        before = boxes;
        return still;
      },
      { interval: 100, timeout: 5_000 },
    )
    .toBe(true);
}
async function leftOf(page: Page, text: string): Promise<number> {
  const box = await node(page, text).boundingBox();
  if (!box) throw new Error(`No node on screen for “${text}”`);
  return box.x;
}

beforeAll(async () => {
  app = suite.app;
  app.page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });
  app.page.on('pageerror', (error) => consoleProblems.push(error.message));
  // The social worker records the child and opens the case; Yas is allocated and never signs in here.
  const { ids } = await setUpTeam(call, { choosePasswords: [SW] });
  await call('session.signOut', {});
  await call('session.signIn', credentials(SW));
  const { hsbCase } = await openAllocatedCase(call, {
    child: { name: 'Jamie Example', dateOfBirth: '2013-03-14', gender: 'male' } as never,
    profileId: 'lancashire',
    ...allocatedTo(ids, []),
  });
  caseId = hsbCase.id;
  await app.page.reload();
});

describe('the pattern map, built through the UI', () => {
  it('opens an empty map from the case page', async () => {
    const { page } = app;
    await page.getByText('Signed in as').waitFor();
    await page.goto(`${suite.url}#/cases/${caseId}`);
    await heading(page, 'Jamie Example').waitFor();
    await page.getByRole('link', { name: 'Pattern map' }).click();
    await heading(page, 'Pattern map: Jamie Example').waitFor();
    expect(page.url()).toContain(`#/cases/${caseId}/map`);
    await page.getByText('Nothing has been added to the map yet.').waitFor();
    await expectAccessible(page, 'empty map');
  });

  it('records the people on the case', async () => {
    const { page } = app;
    await addPerson(page, 'Parent / carer', 'Sarah Example', 'Mother', 'mother');
    await addPerson(page, 'Harmed child', '', 'Child B (peer, 9)', 'school peer');
    expect((await call('map.get', { caseId })).people).toHaveLength(2);
  });

  it('adds life events from three agencies and two incidents', async () => {
    const { page } = app;
    await addItem(page, 'life event', {
      type: 'Care / placement',
      what: 'Moved to foster care after Sarah Example was admitted to hospital',
      date: { precision: 'Exact day', day: '2021-09-06' },
      agency: "Children's Social Care",
      people: ['Sarah Example (Mother)'],
    });
    await addItem(page, 'life event', {
      type: 'Education',
      what: 'Excluded for fighting; Jamie said he was “angry about home”',
      date: { precision: 'Month', month: 'November', year: '2021' },
      agency: 'Education',
    });
    await addItem(page, 'life event', {
      type: 'Police / justice',
      what: 'Domestic abuse reported at home',
      date: { precision: 'Year', year: '2020' },
      agency: 'Police',
    });
    await addItem(page, 'incident', {
      what: 'Jamie touched a younger child at the after-school club',
      date: { precision: 'Exact day', day: '2021-10-12' },
      harmed: 'Child B (peer, 9)',
      category: 'Category 1 (Problematic)',
      colour: 'Amber',
      agency: 'Education',
    });
    await addItem(page, 'incident', {
      what: 'Sexualised messages sent to a classmate online',
      date: { precision: 'Exact day', day: '2022-01-20' },
      category: 'Category 2 (Harmful – abusive)',
      colour: 'Red',
      agency: 'Police',
    });
    const map = await call('map.get', { caseId });
    expect(new Set(map.items.map((i) => i.sourceAgency))).toEqual(
      new Set(['childrens-social-care', 'education', 'police']),
    );
    expect(map.items.filter((i) => i.span.approximate)).toHaveLength(2);
    await page.getByRole('button', { name: 'Fit the whole map in view' }).click();
    await expect.poll(() => nodes(page).count()).toBe(5);
  });

  it('links the move to an incident as a possible trigger', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Link two items' }).click();
    const form = formTitled(page, 'Link two items');
    await choose(form.getByLabel('Link from'), '06/09/2021 — Moved to foster care');
    await choose(form.getByLabel('Link to'), '12/10/2021 — Jamie touched a younger child');
    await form.getByLabel('Kind of link').selectOption({ label: 'Possible trigger' });
    await form.getByRole('button', { name: 'Add link' }).click();
    await page.getByText('Linked: possible trigger.').waitFor();
    const [link] = (await call('map.get', { caseId })).links;
    expect(link).toMatchObject({ kind: 'possible-trigger' });
    await canvas(page).getByText('Possible trigger', { exact: true }).waitFor();

    const theme = formTitled(page, 'Pin a theme or hypothesis to a period');
    await theme.getByLabel('Theme or hypothesis').fill('After the move to foster care: behaviour escalates');
    await fillDate(theme, 'From', '06/09/2021');
    await fillDate(theme, 'To', '31/10/2021');
    await theme.getByRole('button', { name: 'Pin theme' }).click();
    await page.getByText('The theme has been pinned to the map.').waitFor();
    await canvas(page).getByText('After the move to foster care: behaviour escalates').waitFor();
  });

  it('shows the named view, then the anonymised view, with items in date order along the axis', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Fit the whole map in view' }).click();
    await mapAtRest(page);
    await page.getByRole('heading', { level: 2, name: 'Map', exact: true }).scrollIntoViewIfNeeded();
    await shot(page, 'map-named');
    await expectAccessible(page, 'map, named view');

    await page.getByRole('radio', { name: 'Anonymised view' }).first().check();
    await heading(page, 'Pattern map: J.E.').waitFor();
    const map = canvas(page);
    await map.getByText('Moved to foster care after Mother was admitted to hospital').waitFor();
    await map.getByText('J.E. touched a younger child at the after-school club').waitFor();
    const faceText = await shown(map);
    expect(faceText).not.toMatch(/Sarah|Jamie|Example/);
    // An approximate date is drawn with a dashed edge, and says so to a screen reader.
    expect(await node(page, 'Domestic abuse').getAttribute('aria-label')).toContain('(approx.)');
    expect(faceText).toContain('Education');
    expect(faceText).toContain('Cat. 1 · amber');

    // Earlier items sit to the left of later ones.
    const order = [
      'Domestic abuse reported at home', // 2020 (approx.)
      'Moved to foster care', // 06/09/2021
      'J.E. touched a younger child', // 12/10/2021
      'Excluded for fighting', // November 2021 (approx.)
      'Sexualised messages', // 20/01/2022
    ];
    const xs: number[] = [];
    for (const text of order) xs.push(await leftOf(page, text));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(xs.length);
    // Incidents share the child's lane, above the life events.
    const incidentY = (await node(page, 'J.E. touched').boundingBox())?.y ?? 0;
    const moveY = (await node(page, 'Moved to foster care').boundingBox())?.y ?? 0;
    expect(incidentY).toBeLessThan(moveY);
    await shot(page, 'map-anonymised');
    await expectAccessible(page, 'map, anonymised view');

    const table = page.getByRole('table', { name: /Chronology of J\.E\./ });
    expect(await table.getByRole('row').count()).toBe(6);
    const firstRow = await shown(table.getByRole('row').nth(1));
    expect(firstRow).toContain('2020');
    expect(await shown(table)).not.toMatch(/Sarah|Jamie/);
    expect(await shown(table)).toContain('Harmed: Child B (peer, 9)');
    await table.scrollIntoViewIfNeeded();
    await shot(page, 'table');
  });

  it('opens an item’s details from the keyboard and moves it to another lane', async () => {
    const { page } = app;
    const target = node(page, 'Excluded for fighting');
    await target.focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('complementary', { name: /Life event: November 2021/ });
    await details.waitFor();
    await details.getByLabel('Move to lane').selectOption({ label: 'Family' });
    await details.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText('Moved to the lane “Family”.').waitFor();
    const moved = (await call('map.get', { caseId })).items.find((i) => i.what.startsWith('Excluded'));
    expect(moved?.lane).toBe('family');
    await shot(page, 'map-details');
    await expectAccessible(page, 'item details');
    await details.getByRole('button', { name: 'Close details' }).click();
  });

  it('moves a life event to another lane by dragging it up the map', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Fit the whole map in view' }).click();
    await canvas(page).scrollIntoViewIfNeeded();
    const item = node(page, 'Domestic abuse reported at home');
    const from = await item.boundingBox();
    // The lane's name at the map's left edge (drawn for the eye; the item's details offer the same move).
    const lane = await canvas(page).getByText('Care / placement', { exact: true }).boundingBox();
    if (!from || !lane) throw new Error('the item or the lane is not on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, lane.y + lane.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.getByText('Moved to the lane “Care / placement”.').waitFor();
    const moved = (await call('map.get', { caseId })).items.find((i) => i.what.startsWith('Domestic'));
    expect(moved?.lane).toBe('care-placement');
    // The date is unchanged: the item went straight up.
    const after = await node(page, 'Domestic abuse reported at home').boundingBox();
    expect(Math.abs((after?.x ?? 0) - from.x)).toBeLessThan(2);
  });

  it('keeps the other person’s change when two people edit the same item', async () => {
    const { page } = app;
    const table = page.getByRole('table', { name: /Chronology of J\.E\./ });
    await table.getByRole('button', { name: /^Edit item \d+, 06\/09\/2021/ }).click();
    const form = formTitled(page, 'Edit the life event');
    await form.getByLabel('Where').fill('Preston');
    // Meanwhile, the same item is changed elsewhere.
    const move = (await call('map.get', { caseId })).items.find((i) => i.what.startsWith('Moved'));
    if (move?.kind !== 'life-event') throw new Error('no move');
    await call('map.updateItem', {
      itemId: move.id,
      expectedVersion: move.version,
      item: {
        kind: 'life-event',
        lane: move.lane,
        what: move.what,
        people: move.people,
        place: 'Blackburn',
        date: move.date,
        sourceAgency: move.sourceAgency,
        sourceDetail: move.sourceDetail,
      },
    });
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form
      .getByRole('alert')
      .getByText(/Sam Social Worker changed this item while you were editing it\. Your change was not saved/)
      .waitFor();
    expect(await form.getByLabel('Where').inputValue()).toBe('Blackburn');
    const now = (await call('map.get', { caseId })).items.find((i) => i.id === move.id);
    expect(now?.place).toBe('Blackburn');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('refuses bad input clearly and saves nothing', async () => {
    const { page } = app;
    const before = await itemCount();

    let form = await fillItem(page, 'life event', {
      type: 'Family',
      what: 'Lived with grandparents',
      date: { precision: 'Between two dates', from: '2020-05-01', to: '2020-01-01' },
      agency: 'Health',
    });
    await form.getByRole('button', { name: 'Add life event' }).click();
    const summary = form.getByRole('alert');
    await summary.getByText('The end date must not be before the start date').first().waitFor();
    await shot(page, 'error-range');
    await form.getByRole('button', { name: 'Cancel' }).click();

    form = await fillItem(page, 'incident', {
      what: 'Reported by a neighbour',
      date: { precision: 'Year', year: '2022' },
    });
    await form.getByRole('button', { name: 'Add incident' }).click();
    await form.getByRole('alert').getByText('Choose the agency the information came from').waitFor();
    expect(await form.getByLabel('Source agency').getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Cancel' }).click();

    const link = formTitled(page, 'Link two items');
    await choose(link.getByLabel('Link from'), 'Moved to foster care');
    await choose(link.getByLabel('Link to'), 'Moved to foster care');
    await link.getByRole('button', { name: 'Add link' }).click();
    await link
      .getByRole('alert')
      .getByText('An item cannot be linked to itself: choose two different items.')
      .waitFor();
    await expectAccessible(page, 'errors shown');

    const map = await call('map.get', { caseId });
    expect(map.items.length).toBe(before);
    expect(map.links).toHaveLength(1);
  });

  it('refuses an external export without consent, naming what is missing', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Export', exact: true });
    await form.getByLabel('External agency').check();
    await form.getByText('The consent of the child is not recorded.').waitFor();
    await form.getByLabel('Recipient').fill('CAMHS');
    app.host.saveFile = join(suite.folder, 'external.docx');
    await form.getByRole('button', { name: 'Export the map' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText(/The map cannot be shared with an external agency yet\./).waitFor();
    const text = await shown(alert);
    expect(text).toContain(
      'The permission of the allocated social worker (Sam Social Worker) is not recorded.',
    );
    expect(text).toContain('The consent of the child is not recorded.');
    expect(text).toContain('The consent of Mother (parent/carer) is not recorded.');
    expect(existsSync(app.host.saveFile)).toBe(false);
    await form.scrollIntoViewIfNeeded();
    await shot(page, 'export-refused');
    await expectAccessible(page, 'export refused');
  });

  it('exports for the professionals involved as Word and as an image', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Export', exact: true });
    await form.getByLabel('Professionals involved (internal)').check();
    await form.getByLabel('Recipient').fill('Professionals at the mapping meeting');
    await form.getByLabel('Word document (chronology table)').check();
    app.host.saveFile = join(suite.folder, 'map.docx');
    await form.getByRole('button', { name: 'Export the map' }).click();
    await page.getByText(`Saved to ${app.host.saveFile}`).waitFor();
    expect(readFileSync(app.host.saveFile).subarray(0, 2).toString()).toBe('PK');

    await form.getByLabel('Image (PNG)').check();
    await form.getByLabel('Named view').check();
    const png = join(SHOTS, 'exported-map.png');
    app.host.saveFile = png;
    await form.getByRole('button', { name: 'Export the map' }).click();
    await page.getByText(`Saved to ${png}`).waitFor({ timeout: 30_000 });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    // The screen is back to the view it showed before the export.
    await heading(page, 'Pattern map: J.E.').waitFor();

    await page.getByRole('button', { name: 'Use this map picture in the AIM report' }).click();
    await page
      .getByText('The named map picture will be used in the AIM report.')
      .waitFor({ timeout: 30_000 });
    const stored = app.workbench.db().prepare('SELECT png, view FROM report_map_images').get() as {
      png: Buffer;
      view: string;
    };
    expect(stored.view).toBe('named');
    expect(stored.png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('records the mapping meeting in meeting mode', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start meeting mode' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mapping meeting: J.E.' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Record and details' }).click();
    await dialog.getByLabel('Chair').fill('HSB Hub practitioner');
    await dialog.getByRole('button', { name: 'Add an attendee' }).click();
    await fillAttendee(dialog, 1, {
      name: 'Sam Social Worker',
      role: 'Allocated social worker',
      agency: 'CSC',
    });
    await dialog.getByLabel('Decisions').fill('Proceed to an AIM assessment.');
    await dialog.getByRole('button', { name: 'Add an action' }).click();
    const action = dialog.getByRole('group', { name: 'Action 1' });
    await action.getByLabel('What').fill('Request school records');
    await action.getByLabel('Owner').fill('Sam');
    await dialog.getByLabel('Notes').click();
    // Leaving a field saves the record.
    await dialog.getByText(/^Saved at \d\d:\d\d\.$/).waitFor();
    // Saved a little later: the saved time the meeting shows moves on.
    const later = new Date(Date.now() + 2 * 3_600_000);
    app.clock.now = later;
    app.workbench.touch();
    const at = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(later);
    await dialog.getByRole('button', { name: 'Save meeting record' }).click();
    await dialog.getByText(`Saved at ${at}.`, { exact: true }).waitFor();
    await shot(page, 'meeting-mode');
    await expectAccessible(page, 'meeting mode');
    const [meeting] = (await call('map.get', { caseId })).meetings;
    expect(meeting).toMatchObject({
      chair: 'HSB Hub practitioner',
      decisions: 'Proceed to an AIM assessment.',
    });
    expect(meeting?.actions[0]).toMatchObject({ text: 'Request school records', owner: 'Sam', done: false });

    await dialog.getByRole('button', { name: 'Leave meeting mode' }).click();
    await heading(page, 'Pattern map: J.E.').waitFor();
    await page.getByRole('heading', { name: /chaired by HSB Hub practitioner/ }).waitFor();
    await page.getByText('Filters: lanes, agencies and period').click();
    for (const name of [
      'View and filters',
      'Links and themes',
      'People on the case',
      'Mapping meetings',
      'Share the map',
    ]) {
      await page
        .getByRole('region', { name, exact: true })
        .screenshot({ path: join(SHOTS, `section-${name.replaceAll(' ', '-')}.png`) });
    }
  });

  it('offers the consents given at referral for sharing the map; the share rests on them; a withdrawal shows and blocks (issue 14)', async () => {
    const { page } = app;
    const { people } = await call('map.get', { caseId });
    const mother = people.find((p) => p.anonymisedLabel === 'Mother');
    await referralConsents(call, caseId, mother?.id ?? '', { method: 'phone', givenOn: '2026-11-12' });
    // Back to the case and into the map again, as a person would, so the map is read afresh.
    const reopen = async () => {
      await page.goto(`${suite.url}#/cases/${caseId}`);
      await heading(page, 'Jamie Example').waitFor();
      await page.getByRole('link', { name: 'Pattern map' }).click();
      await page
        .getByRole('heading', { name: /^Pattern map: / })
        .first()
        .waitFor();
    };
    await reopen();
    const offered = page.getByRole('region', { name: 'Consent already given at referral' });
    const useMother = offered.getByRole('button', {
      name: /^Use the consent .*Mother.* gave on 12\/11\/2026 by phone$/,
    });
    const useChild = offered.getByRole('button', {
      name: /^Use the consent .* \(the child\) gave on 12\/11\/2026 by phone$/,
    });
    await useMother.waitFor();
    await expectAccessible(page, 'consents offered from the referral');
    await useMother.click();
    await page
      .getByText(
        /^Recorded: .*Mother.*, parent or carer — given, resting on the consent given at referral\.$/,
      )
      .waitFor();
    await useChild.click();
    await page
      .getByText(/^Recorded: The child .* — given, resting on the consent given at referral\.$/)
      .waitFor();
    expect(await offered.count()).toBe(0);
    const rows = page.getByRole('region', { name: 'Consent to share with an external agency' });
    expect(
      await rows.getByText('Rests on the consent given on 12/11/2026 by phone at referral.').count(),
    ).toBe(2);
    const shared = (await call('map.get', { caseId })).consents.filter(
      (c) => c.purpose === 'map-sharing-external',
    );
    expect(shared.map((c) => c.restsOn !== null)).toEqual([true, true]);

    // The mother withdraws the consent she gave at referral: the map sharing shows it and will not go.
    await call('consents.record', {
      caseId,
      purpose: 'hub-referral',
      subject: 'parent-carer',
      personId: mother?.id ?? null,
      status: 'refused',
      reason: 'She rang to withdraw her consent.',
    });
    const withdrawnAt = (await call('map.get', { caseId })).consents.find(
      (c) => c.purpose === 'hub-referral' && c.personId === mother?.id && c.status === 'given',
    )?.withdrawnAt;
    const day = british(withdrawnAt?.slice(0, 10) ?? '');
    await reopen();
    await rows.getByText(`, withdrawn on ${day}: the map cannot be shared on it`).waitFor();
    const form = page.getByRole('form', { name: 'Export', exact: true });
    await form.getByLabel('External agency').check();
    await form
      .getByText(
        `The consent of Mother (parent/carer) rested on the consent they gave earlier, which was withdrawn on ${day}: ask them again and record their answer.`,
      )
      .waitFor();
    await rows.locator('dl').screenshot({ path: join(SHOTS, 'consent-withdrawn.png') });
    await expectAccessible(page, 'withdrawn referral consent');
    await form.getByLabel('Professionals involved (internal)').check();
  });

  it('gives each part of the map page its own address, which a reload comes back to (issue 14)', async () => {
    // Bug caught: the contents linked to in-page anchors, so the address lost the screen and a reload
    // went back to My work.
    const { page } = app;
    const contents = page.getByRole('navigation', { name: 'On this page' });
    await contents.getByRole('link', { name: 'People on the case' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/cases/${caseId}/map/people`);
    const people = page.getByRole('heading', { name: 'People on the case', level: 2 });
    await expect.poll(() => people.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);

    await page.reload();
    await page.getByRole('heading', { name: /^Pattern map: / }).waitFor();
    await expect.poll(() => people.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);
    const top = await people.evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
  });

  it('sent nothing anywhere and broke no content security rule', async () => {
    expect(app.outsideRequests).toEqual([]);
    // React Flow's styles come from its stylesheet file: nothing injects a <style> element.
    expect(
      await app.page.evaluate(
        () =>
          (
            globalThis as unknown as { document: { getElementsByTagName: (t: string) => { length: number } } }
          ).document.getElementsByTagName('style').length,
      ),
    ).toBe(0);
    // (index.html's own meta CSP draws a notice about frame-ancestors, which only a header can carry.)
    expect(
      consoleProblems.filter((m) => /Refused to|violates the following Content Security/i.test(m)),
    ).toEqual([]);
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '#contract/vocabulary.ts';
import type { UncertainDate } from '#domain/pattern-map/uncertain-date.ts';
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
  await page.locator('.pm-canvas .react-flow__node').first().waitFor();
}

/** Every link on the page whose address leads outside the app. */
const outsideLinks = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('a[href], area[href]')]
      .map((a) => (a as HTMLAnchorElement).href)
      .filter((href) => new URL(href, location.href).origin !== location.origin),
  );

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

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';

// Issue 14: help text from another authority's profile never appears. One case under each built-in
// profile; every screen of its pathway and the AIM start form is read as a person sees it, and none may
// name another authority or one of its own services (Lancashire's CYJS hub and LCS, Blackpool's SQR).

/** Monday 02/11/2026 09:00 in London (GMT). */
const NOW = new Date('2026-11-02T09:00:00Z');
const suite = e2e.browserFile('hsb-profile-words-e2e-', { now: NOW });
const { call } = suite;
let app: WorkbenchPage;

/** Words only a profile's own cases may show. England (generic) has none of its own. */
const OWN_WORDS: Record<string, RegExp[]> = {
  'england-generic': [],
  hounslow: [/\bHounslow\b/],
  islington: [/\bIslington\b/],
  lancashire: [/\bLancashire\b/, /\bCYJS\b/, /\bLCS\b/],
  blackpool: [/\bBlackpool\b/, /\bSQR\b/],
};

/** Every screen of one case a practitioner reads its profile's words on, by address. */
const SCREENS = [
  '',
  '/assessments',
  '/notes',
  '/history',
  '/concern/new',
  '/risk-category',
  '/strategy-meetings',
  '/strategy-meeting/new',
  '/consultation',
  '/plans',
  '/steps',
  '/assessments/new',
];

const caseIds: Record<string, string> = {};

beforeAll(async () => {
  app = suite.app;
  const { ids } = await e2e.setUpTeam(call);
  for (const [i, profileId] of Object.keys(OWN_WORDS).entries()) {
    const { hsbCase } = await e2e.openAllocatedCase(call, {
      child: { name: `Child ${profileId}`, dateOfBirth: `2013-0${i + 1}-14`, gender: 'male' } as never,
      profileId,
      ...e2e.allocatedTo(ids),
    });
    caseIds[profileId] = hsbCase.id;
  }
  await e2e.signOutAndReload(app, e2e.SW);
});

/** The words on the screen at `address` once it has finished loading. */
async function wordsAt(page: Page, address: string): Promise<string> {
  await page.evaluate((hash) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
  }, address);
  // The router moves on the hash change; two frames later the new screen is drawn.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const frame = (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void })
          .requestAnimationFrame;
        frame(() => frame(() => resolve(null)));
      }),
  );
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await expect.poll(() => page.getByText(/^Loading .*…$/).count()).toBe(0);
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText: the words as shown.
  return page.getByRole('main').innerText();
}

describe('each case shows only its own profile’s words', () => {
  for (const profileId of Object.keys(OWN_WORDS)) {
    it(`a ${profileId} case names no other authority or its services`, async () => {
      const others = Object.entries(OWN_WORDS)
        .filter(([id]) => id !== profileId)
        .flatMap(([, words]) => words);
      const found: string[] = [];
      for (const screen of SCREENS) {
        const text = await wordsAt(app.page, `#/cases/${caseIds[profileId]}${screen}`);
        for (const word of others) if (word.test(text)) found.push(`${screen || '/'}: ${word.source}`);
      }
      expect(found).toEqual([]);
      // The sweep read real screens: the case's own profile is named on its summary.
      const own = OWN_WORDS[profileId]?.[0];
      if (own) expect(await wordsAt(app.page, `#/cases/${caseIds[profileId]}`)).toMatch(own);
    });
  }

  it('reads each screen after it has changed (the sweep would see a Lancashire-only screen)', async () => {
    // The hub consultation screen is Lancashire's alone; read through the same sweep, it names the hub.
    expect(await wordsAt(app.page, `#/cases/${caseIds.lancashire}/consultation`)).toMatch(/\bCYJS\b/);
    expect(await wordsAt(app.page, `#/cases/${caseIds.hounslow}/consultation`)).not.toMatch(/\bCYJS\b/);
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { ADMIN, type Person, SW, YOS } from './setup.ts';

// Need-to-know access through the UI: an unallocated practitioner searching finds only the case
// reference, the child's initials and the allocated social worker, and asks for access with a reason;
// an unallocated manager breaks the glass with a reason and opens the case; the case's manager sees both
// reasons on the case page. Axe runs on each screen.

const NOW = new Date('2026-11-05T09:00:00Z');
/** A practitioner not allocated to the case. */
const UNA: Person = {
  username: 'una.out',
  password: 'outsider password 1',
  name: 'Una Outsider',
  agency: 'childrens-social-care',
  roles: ['practitioner'],
  aimTrained: true,
};
/** A manager not allocated to the case. */
const MAX: Person = {
  username: 'max.manager',
  password: 'other manager password 1',
  name: 'Max Manager',
  agency: 'childrens-social-care',
  roles: ['manager'],
  aimTrained: true,
};

const suite = e2e.browserFile('hsb-access-e2e-', { now: NOW });
let app: WorkbenchPage;
const { expectAccessible } = e2e.screens();

const { call } = suite;

async function searchCases(page: Page, query: string) {
  await e2e.goTo(page, 'Cases');
  await e2e.heading(page, 'Cases').waitFor();
  await page.getByLabel('Search by name or identifier').fill(query);
}

beforeAll(async () => {
  app = suite.app;
  // Sam and Yas are allocated and never sign in here; Una and Max are not allocated.
  await e2e.setUpTeamAndCase(call, {
    team: { members: [SW, YOS, UNA, MAX], choosePasswords: [UNA, MAX] },
    child: { name: 'Riley Example', dateOfBirth: '2012-04-04', socialCareNumber: 'SC-4242' },
    profileId: 'blackpool',
  });
  await e2e.signOutAndReload(app);
});

describe('need-to-know access, through the UI', () => {
  it('shows an unallocated practitioner only the reference, initials and social worker, and lets them ask for access', async () => {
    const { page } = app;
    await e2e.signInThroughUi(page, UNA);
    await searchCases(page, 'Riley');
    const restricted = page.getByRole('region', { name: 'Cases you are not allocated to' });
    await restricted.waitFor();
    expect((await restricted.getByRole('listitem').first().textContent())?.replace(/\s+/g, ' ')).toMatch(
      /^HSB-2026-0001, child R\. E\., allocated social worker Sam Social Worker\. Not accessible/,
    );
    expect(await page.getByText('Riley Example').count()).toBe(0);
    expect(await page.getByText('SC-4242').count()).toBe(0);
    expect(await restricted.getByRole('button', { name: 'Break glass' }).count()).toBe(0);
    await expectAccessible(page, 'restricted search result');

    await restricted.getByRole('button', { name: 'Ask for access' }).click();
    const form = page.getByRole('form', { name: 'Ask for access to HSB-2026-0001' });
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.getByText('Enter why you need access.').waitFor();
    await form.getByLabel('Why do you need access?').fill('Covering for Sam during leave');
    await form.getByRole('button', { name: 'Send request' }).click();
    await e2e.notice(page, 'Your request for access has been recorded.').waitFor();
    await expectAccessible(page, 'access requested');
  });

  it('lets an unallocated manager break the glass with a reason and open the case', async () => {
    const { page } = app;
    await e2e.signInThroughUi(page, MAX);
    await searchCases(page, 'HSB-2026-0001');
    const restricted = page.getByRole('region', { name: 'Cases you are not allocated to' });
    await restricted.getByRole('button', { name: 'Break glass' }).click();
    const form = page.getByRole('form', { name: 'Break glass on HSB-2026-0001' });
    expect(await form.getByText('Access lasts 8 hours').isVisible()).toBe(true);
    await expectAccessible(page, 'break glass form');
    await form.getByLabel('Why must you open this case now?').fill('Police at the door out of hours');
    await form.getByRole('button', { name: 'Break glass and open the case' }).click();
    await e2e.heading(page, 'Riley Example').waitFor();
  });

  it('shows the case’s manager who asked for access and who broke the glass, with their reasons', async () => {
    const { page } = app;
    await e2e.signInThroughUi(page, ADMIN);
    await searchCases(page, '');
    await page.getByRole('link', { name: 'Riley Example' }).click();
    await e2e.heading(page, 'Riley Example').waitFor();
    await e2e.casePart(page, 'Access by others');
    const section = page.getByRole('region', { name: 'Access by people not allocated' });
    await section.getByText('Max Manager').waitFor();
    expect(await section.getByText(/Police at the door out of hours/).isVisible()).toBe(true);
    expect(await section.getByText(/Una Outsider.*Covering for Sam during leave/).isVisible()).toBe(true);
    await expectAccessible(page, 'case page access section');
  });
});

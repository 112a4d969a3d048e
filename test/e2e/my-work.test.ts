import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchPage } from './harness.ts';
import {
  ADMIN,
  browserFile,
  heading,
  type Person,
  SW,
  screens,
  setUpTeamAndCase,
  signInByRouter,
  YOS,
} from './setup.ts';

// My work as an inbox, through the UI: the social worker asks the hub for a consultation, and the hub
// practitioner's My work shows "Screen the consultation request" under "Waiting for you", linking to the
// case's consultation page; the social worker's own My work does not. Axe runs on each screen.

const NOW = new Date('2026-11-26T10:00:00Z');
const HANA: Person = {
  username: 'hana.hub',
  password: 'hub practitioner pass 1',
  name: 'Hana Hub',
  agency: 'youth-justice',
  roles: ['practitioner'],
  aimTrained: true,
};

const suite = browserFile('hsb-my-work-e2e-', { now: NOW });
let app: WorkbenchPage;
const { expectAccessible } = screens('/tmp/hsb-my-work-screens', { fresh: true });
const { call } = suite;

beforeAll(async () => {
  app = suite.app;
  const { ids, hsbCase } = await setUpTeamAndCase(call, {
    team: { members: [SW, YOS, HANA] },
    child: { name: 'Riley Inbox', dateOfBirth: '2013-03-14' },
    profileId: 'lancashire',
  });
  await call('session.signOut', {});
  await call('session.signIn', { username: SW.username, password: SW.password });
  const mother = await call('people.add', {
    caseId: hsbCase.id,
    kind: 'parent-carer',
    name: 'Jo Inbox',
    anonymisedLabel: 'Mother',
    relationship: 'mother',
  });
  for (const [subject, personId] of [
    ['child', null],
    ['parent-carer', mother.id],
  ] as const) {
    await call('consents.record', {
      caseId: hsbCase.id,
      purpose: 'hub-referral',
      subject,
      personId,
      status: 'given',
      reason: 'Agreed at the home visit',
    });
  }
  await call('consultations.request', {
    caseId: hsbCase.id,
    managerId: ids[ADMIN.username] ?? '',
    request: 'Advice on next steps',
  });
});

describe('My work, as each person’s inbox', () => {
  it('shows the hub practitioner the consultation request to screen, and takes them to it', async () => {
    const { page } = app;
    await signInByRouter(app, HANA);
    await heading(page, 'My work').waitFor();
    const waiting = page.getByRole('region', { name: /Waiting for you/ });
    await expect(waiting.getByRole('heading', { name: 'Waiting for you (1)' }).isVisible()).resolves.toBe(
      true,
    );
    const link = waiting.getByRole('link', { name: 'Screen the consultation request' });
    expect(await waiting.textContent()).toContain('Riley Inbox');
    expect(await waiting.textContent()).toContain(`Requested by ${SW.name} on 26/11/2026.`);
    await expectAccessible(page, 'my work hub practitioner');
    await link.click();
    await page
      .getByRole('heading', { name: /consultation/i })
      .first()
      .waitFor();
    expect(page.url()).toMatch(/#\/cases\/[^/]+\/consultation/);
  });

  it('does not show the request to the social worker who made it', async () => {
    const { page } = app;
    await signInByRouter(app, SW);
    await heading(page, 'My work').waitFor();
    const waiting = page.getByRole('region', { name: /Waiting for you/ });
    await waiting.getByRole('heading', { name: 'Waiting for you (0)' }).waitFor();
    expect(await waiting.getByRole('link').count()).toBe(0);
    await expectAccessible(page, 'my work social worker');
  });
});

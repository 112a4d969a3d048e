import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { ADMIN, HANA, PAT, type Person, SW, YOS } from './setup.ts';

// My work as an inbox, through the UI: the social worker asks the hub for a consultation, and the hub
// practitioner's My work shows "Screen the consultation request" under "Waiting for you", linking to the
// case's consultation page; the social worker's own My work does not. Axe runs on each screen.

const NOW = new Date('2026-11-26T10:00:00Z');
const suite = e2e.browserFile('hsb-my-work-e2e-', { now: NOW });
let app: WorkbenchPage;
const { expectAccessible } = e2e.screens('/tmp/hsb-my-work-screens', { fresh: true });
const { call } = suite;

beforeAll(async () => {
  app = suite.app;
  const { ids, hsbCase } = await e2e.setUpTeamAndCase(call, {
    team: { members: [SW, YOS, HANA, PAT] },
    child: { name: 'Riley Inbox', dateOfBirth: '2013-03-14' },
    profileId: 'lancashire',
    managers: [ADMIN, PAT],
  });
  // An AIM assessment signed off on time, for the manager's chart.
  const as = async (person: Person) => {
    await call('session.signOut', {});
    await call('session.signIn', e2e.credentials(person));
  };
  await call('pathway.recordEvent', {
    caseId: hsbCase.id,
    event: 'first-meeting-with-child',
    occurredAt: '2026-11-02T00:00:00Z', // recorded by its day alone
    note: '',
  });
  const a = await e2e.startAimAssessment(call, {
    caseId: hsbCase.id,
    leadAssessorId: ids[YOS.username] ?? '',
    coAssessorId: ids[SW.username] ?? '',
    decisionAt: '2026-11-02T10:00:00Z',
  });
  await as(SW);
  await call('signOff.submit', { assessmentId: a.id, comments: '' });
  await as(PAT);
  await call('signOff.approve', { assessmentId: a.id, comments: '', jointReviewer: 'Chris Manager' });
  for (const person of [YOS, SW]) {
    await as(person);
    await call('signOff.sign', { assessmentId: a.id, password: person.password });
  }
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
    await e2e.signInByRouter(app, HANA);
    await e2e.heading(page, 'My work').waitFor();
    const waiting = page.getByRole('region', { name: /Waiting for you/ });
    await expect(waiting.getByRole('heading', { name: 'Waiting for you (1)' }).isVisible()).resolves.toBe(
      true,
    );
    // The count beside My work in the navigation, for the eye and, as the link's description, for the ear.
    const nav = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My work', exact: true });
    const description = page.getByText('1 thing is waiting for you', { exact: true });
    expect(await nav.getAttribute('aria-describedby')).toBe(await description.getAttribute('id'));
    expect(await nav.textContent()).toBe('My work1');
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

  it('shows a manager their team’s cases and the timeliness chart, with the figures in a table', async () => {
    const { page } = app;
    await e2e.signInByRouter(app, ADMIN);
    await e2e.heading(page, 'My work').waitFor();
    const team = page.getByRole('region', { name: 'Your team’s cases' });
    const cases = team.getByRole('table', { name: 'The open cases you manage' });
    expect(await cases.getByRole('row').count()).toBe(2);
    expect(await cases.textContent()).toContain('Riley Inbox');
    const chart = team.getByRole('figure', {
      name: 'AIM assessments completed within their window, by month',
    });
    const figures = chart.getByRole('table', { name: 'Timeliness of AIM assessments by month' });
    expect(await figures.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
      'Nov 2026',
      '1',
      '0',
      '100%',
    ]);
    // The chart's legend is drawn beside the bars; the table repeats its words as a column heading.
    expect(await chart.getByText('Within the window', { exact: true }).count()).toBe(2);
    await team.getByRole('button', { name: 'Save these figures as CSV' }).waitFor();
    await expectAccessible(page, 'my work manager');
  });

  it('shows a deadline started by a day-only step with its date and no time', async () => {
    // Caught before: "Started by …, 02/11/2026 00:00".
    const { page } = app;
    await e2e.signInByRouter(app, ADMIN);
    await page
      .getByRole('region', { name: 'Your team’s cases' })
      .getByRole('link', { name: /Riley Inbox/ })
      .click();
    const card = page.getByRole('article', { name: 'AIM assessment completed' });
    // The Started by fact reads the step and its day; were a time shown, the text would run on.
    const started = card.getByText(/^Initial meeting with the child for the AIM assessment, \d/);
    expect(await started.textContent()).toBe(
      'Initial meeting with the child for the AIM assessment, 02/11/2026',
    );
  });

  it('does not show the request to the social worker who made it', async () => {
    const { page } = app;
    await e2e.signInByRouter(app, SW);
    await e2e.heading(page, 'My work').waitFor();
    const waiting = page.getByRole('region', { name: /Waiting for you/ });
    await waiting.getByRole('heading', { name: 'Waiting for you (0)' }).waitFor();
    expect(await waiting.getByRole('link').count()).toBe(0);
    await expectAccessible(page, 'my work social worker');
  });
});

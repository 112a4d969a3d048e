import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillDate, type WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { ADMIN, type Person, SW, YOS } from './setup.ts';

// Issue 14 ("say it once", fewer steps, returned work on the page) in Chromium, on a Lancashire case:
// the mother already recorded on the case is offered as a session participant; the items both
// co-assessors rated the same are agreed in one step; and comments a manager attaches to a section when
// returning the work show on the assessment page, beside that section, until it is resubmitted.

/** Monday 01/06/2026 09:00 in London (BST). */
const START = new Date('2026-06-01T08:00:00Z');
const SHOTS = '/tmp/hsb-assessment-together-screens';
/** A youth-justice manager who did not co-assess: she quality-assures (Lancashire step 9). */
const PAT: Person = {
  ...YOS,
  username: 'pat.manager',
  name: 'Pat Manager',
  roles: ['manager'],
  aimTrained: false,
};
const CHILD = 'Riley Together';

const suite = e2e.browserFile('hsb-assessment-together-e2e-', { now: START });
let app: WorkbenchPage;
const { expectAccessible, closeUp } = e2e.screens(SHOTS, { fresh: true });
let assessmentId = '';
let ids: Record<string, string> = {};
const { call } = suite;

async function open(page: Page, hash: string, title: string) {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
  await e2e.heading(page, title).waitFor();
}
const openAssessment = (page: Page) =>
  open(page, `#/assessments/${assessmentId}`, `AIM assessment: ${CHILD}`);

beforeAll(async () => {
  app = suite.app;
  const setUp = await e2e.setUpTeamAndCase(call, {
    team: { members: [SW, YOS, PAT] },
    child: { name: CHILD, dateOfBirth: '2012-02-02' },
    profileId: 'lancashire',
    managers: [ADMIN, PAT],
  });
  ids = setUp.ids;
  const assessment = await e2e.startAimAssessment(call, {
    caseId: setUp.hsbCase.id,
    decisionAt: '2026-05-20T10:00:00+01:00',
    leadAssessorId: ids[YOS.username] ?? '',
    coAssessorId: ids[SW.username] ?? '',
  });
  assessmentId = assessment.id;
  await call('session.signOut', {});
  await call('session.signIn', e2e.credentials(SW));
  await call('people.add', {
    caseId: setUp.hsbCase.id,
    kind: 'parent-carer',
    name: 'Sarah Together',
    anonymisedLabel: 'Mother',
    relationship: 'mother',
  });
  // Sam, the co-assessor, opens the assessment on the sign-in screen.
  await e2e.signOutAndReload(app, SW);
});

describe('the assessment page, with less typed twice and fewer steps', () => {
  it('offers the mother recorded on the case as a session participant, and a new participant can still be typed', async () => {
    // Fails before the change: the session form offered no one already on the case.
    await openAssessment(app.page);
    const form = app.page.getByRole('form', { name: 'Record a session' });
    await form.getByRole('button', { name: 'Add Sarah Together (mother)' }).click();
    expect(await form.getByLabel('Who person 1 is').inputValue()).toBe('parent-carer');
    expect(await form.getByLabel('Name of person 1').inputValue()).toBe('Sarah Together (mother)');
    // Offered once: she is no longer offered while she is in the list.
    expect(await form.getByRole('button', { name: 'Add Sarah Together (mother)' }).count()).toBe(0);
    await form
      .getByRole('button', { name: 'Add a parent or carer, significant other or professional' })
      .click();
    await form.getByLabel('Who person 2 is').selectOption({ label: 'Professional' });
    await form.getByLabel('Name of person 2').fill('School DSL');
    await fillDate(form, 'Date of the session', '22/05/2026');
    await form.getByRole('checkbox', { name: 'Sam Social Worker' }).check();
    await closeUp(form, 'session with the mother');
    await form.getByRole('button', { name: 'Record session' }).click();
    await e2e.notice(form, 'Session recorded.').waitFor();
    const sessions = app.page.getByRole('table', { name: 'Sessions, in the order recorded' });
    const row = sessions.getByRole('row').nth(1);
    expect(await row.getByRole('listitem').allTextContents()).toEqual([
      'Sarah Together (mother) (parent or carer)',
      'School DSL (professional)',
    ]);
  });

  it('agrees the items both co-assessors rated the same in one step, naming them, and leaves the one that differs', async () => {
    // Fails before the change: each item needed a proposal by one assessor and a confirmation by the other.
    const labels = ['Plays football with peers', 'Doing well at school', 'Has a trusted adult'];
    const yasRatings = ['clear', 'some', 'some'];
    for (const label of labels)
      await call('assessments.addItem', { assessmentId, domainId: 'developmental', kind: 'strength', label });
    const items = (await call('assessments.get', { id: assessmentId })).domains.find(
      (d) => d.id === 'developmental',
    )?.items;
    for (const [who, ratings] of [
      [SW, ['clear', 'some', 'clear']],
      [YOS, yasRatings],
    ] as const) {
      await call('session.signOut', {});
      await call('session.signIn', e2e.credentials(who));
      for (const [i, it] of (items ?? []).entries())
        await call('assessments.rate', {
          itemId: it.id,
          rating: ratings[i] ?? '',
          evidence: 'Seen',
          source: 'School',
        });
      await call('assessments.finishDomain', { assessmentId, domainId: 'developmental' });
    }
    const { page } = app;
    await page.reload();
    await page.getByText('Signed in as').waitFor();
    await openAssessment(page);
    const developmental = page.getByRole('region', { name: 'Developmental', exact: true });
    const offer = developmental.getByRole('region', { name: 'You both gave these 2 items the same rating' });
    expect(await offer.getByRole('listitem').allTextContents()).toEqual([
      'Plays football with peers: Clear evidence',
      'Doing well at school: Some evidence',
    ]);
    await expectAccessible(page, 'agree matching ratings');
    await closeUp(offer, 'agree matching');
    await offer
      .getByRole('button', { name: 'Agree the 2 items you both rated the same in Developmental' })
      .click();
    await e2e
      .notice(developmental, 'You have agreed 2 items in Developmental as you both rated them.')
      .waitFor();
    const card = (label: string) => developmental.getByRole('article', { name: label });
    for (const label of labels.slice(0, 2))
      expect(await card(label).getByText('Agreed as both assessors rated it', { exact: false }).count()).toBe(
        1,
      );
    // The one they rated differently still needs a proposed position and a confirmation.
    expect(
      await card('Has a trusted adult')
        .getByRole('form', { name: 'Propose the agreed position for Has a trusted adult' })
        .count(),
    ).toBe(1);
    expect(await developmental.getByRole('region', { name: /the same rating/ }).count()).toBe(0);
  });

  it('shows the manager’s comments beside the section they are about until the work is resubmitted', async () => {
    // Fails before the change: a return took one comment, shown only in the QA table on the sign-off page.
    await call('signOff.submit', { assessmentId, comments: 'Ready for QA' });
    const { page } = app;
    await e2e.signInThroughUi(page, PAT);
    await open(page, `#/assessments/${assessmentId}/sign-off`, `Quality assurance and sign-off: ${CHILD}`);
    const form = page.getByRole('form', { name: 'Quality-assure this version' });
    await form.getByRole('button', { name: 'Add a comment on a section or domain' }).click();
    await form.getByLabel('What comment 1 is about').selectOption({ label: 'Formulation' });
    await form.getByLabel('Comment 1', { exact: true }).fill('Say what Riley was frightened of.');
    await expectAccessible(page, 'return with a comment on a section');
    e2e.minutesLater(app, 30);
    await form.getByRole('button', { name: 'Return with comments' }).click();
    await e2e.notice(page, 'Returned to the co-assessors with your comments.').waitFor();

    await e2e.signInThroughUi(page, SW);
    await openAssessment(page);
    const banner = page.getByRole('region', { name: 'Returned for changes' });
    expect((await banner.textContent())?.replace(/\s+/g, ' ')).toContain(
      'Pat Manager returned this assessment on 01/06/2026 09:30 with a comment:',
    );
    await banner.getByRole('link', { name: 'Formulation' }).click();
    const formulation = page.getByRole('region', { name: 'Formulation', exact: true });
    expect(
      await formulation
        .getByRole('heading', { name: 'Formulation' })
        .evaluate((h) => h === h.ownerDocument.activeElement),
    ).toBe(true);
    const comments = formulation.getByRole('list', { name: 'Comments from quality assurance' });
    expect((await comments.textContent())?.replace(/\s+/g, ' ')).toBe(
      'To answer — comment from Pat Manager, 01/06/2026 09:30Say what Riley was frightened of.',
    );
    await expectAccessible(page, 'returned assessment');
    await closeUp(formulation, 'comment beside formulation');

    await call('signOff.submit', { assessmentId, comments: 'Added' });
    await page.reload();
    await page.getByText('Signed in as').waitFor();
    await openAssessment(page);
    expect(await page.getByRole('region', { name: 'Returned for changes' }).count()).toBe(0);
    expect(await comments.getByText(/^Answered — comment from Pat Manager/).count()).toBe(1);
    const earlier = page.getByText('Earlier comments from quality assurance, answered by resubmitting (1)');
    await earlier.click();
    expect(await page.getByText('Formulation: Say what Riley was frightened of.').isVisible()).toBe(true);
  });

  it('gives each part of the assessment its own address, which a reload comes back to (issue 14)', async () => {
    // Bug caught: the contents moved within the page without an address, so a reload lost the place.
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Parts of this assessment' })
      .getByRole('link', { name: 'Sessions' })
      .click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/assessments/${assessmentId}/sessions`);
    const sessions = page.getByRole('heading', { name: 'Sessions', level: 2 });
    await expect.poll(() => sessions.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: `AIM assessment: ${CHILD}` }).waitFor();
    await expect.poll(() => sessions.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);
  });
});

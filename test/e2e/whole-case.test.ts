import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillDate, type WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { ADMIN, HANA, PAT, type Person, SW, YOS } from './setup.ts';

// Issue 14, "how it is checked": one Lancashire case walked from the concern to the final sign-off through
// the screens alone, as four people — Sam the social worker (Children's Social Care), Yas the YOS
// practitioner (Youth Justice), Hana at the CYJS HSB Hub and Pat, the youth-justice manager who
// quality-assures. At each hand-over the next person signs in, finds the item waiting for them on My
// work ("Waiting for you"), by its link's name, follows that link to the exact place the work is done,
// and does it there. The navigation's count follows the items as they arrive and leave. The 45-working-day
// window ("AIM assessment completed") closes itself on the final signature: the case page says "Met on"
// that day, no one marked it done, and it is no longer running on anyone's My work. Only the team and
// the child's case are set up through the router (no hand-over in that). Axe runs on each My work
// screen; pictures of them, of Pat's team view with its chart and of the case page are kept.

/** Monday 02/11/2026 09:00 in London (GMT). */
const START = new Date('2026-11-02T09:00:00Z');
const SHOTS = '/tmp/hsb-walk-screens';
const CHILD = 'Riley Walker';
const ITEM = 'Pressure on a younger child';
const RETURN_COMMENT = 'Add the school’s view of Riley’s friendships.';

const suite = e2e.browserFile('hsb-walk-e2e-', { now: START });
let app: WorkbenchPage;
const { checked, expectAccessible } = e2e.screens(SHOTS, { fresh: true });
const { call } = suite;
let caseId = '';
let assessmentId = '';

/** The workbench's clock and the page's move on to `iso` (London time in the name of each step below). */
async function clockAt(iso: string) {
  app.clock.now = new Date(iso);
  await app.context.clock.setFixedTime(app.clock.now);
  app.workbench.touch();
}

/**
 * The last person signs out; time passes (to `at`, if given, while no one is signed in, so the screen
 * does not lock meanwhile); the next person signs in on the sign-in screen.
 */
async function signInAt(person: Person, at?: string) {
  const { page } = app;
  if (await page.getByRole('button', { name: 'Sign out' }).count()) await e2e.signOutThroughUi(page);
  if (at) await clockAt(at);
  await e2e.signInThroughUi(page, person);
}

const mainNav = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work', exact: true });
const waitingRegion = (page: Page) => page.getByRole('region', { name: /^Waiting for you/ });

/**
 * The next person signs in on the sign-in screen and opens My work: the "Waiting for you" region holds
 * exactly `count` items, and the navigation shows the same count (for the eye, and as the link's
 * description for the ear). Axe runs and a picture is kept.
 */
async function myWorkOf(person: Person, count: number, screen: string, at?: string): Promise<Locator> {
  const { page } = app;
  await signInAt(person, at);
  await e2e.goTo(page, 'My work');
  await e2e.heading(page, 'My work').waitFor();
  const waiting = waitingRegion(page);
  await waiting.getByRole('heading', { name: `Waiting for you (${count})` }).waitFor();
  await expectNavCount(page, count);
  await expectAccessible(page, screen);
  return waiting;
}

async function expectNavCount(page: Page, count: number) {
  const described =
    count === 0
      ? 'Nothing is waiting for you'
      : `${count} ${count === 1 ? 'thing is' : 'things are'} waiting for you`;
  await expect.poll(() => mainNav(page).textContent()).toBe(`My work${count === 0 ? '' : count}`);
  const description = page.getByText(described, { exact: true });
  expect(await mainNav(page).getAttribute('aria-describedby')).toBe(await description.getAttribute('id'));
}

/** The one item in `waiting` whose link is `title`, on this case: its words, and the link to follow. */
async function itemFor(waiting: Locator, title: string) {
  const item = waiting
    .getByRole('listitem')
    .filter({ has: waiting.page().getByRole('link', { name: title }) });
  expect(await item.count(), title).toBe(1);
  const text = ((await item.textContent()) ?? '').replace(/\s+/g, ' ');
  expect(text).toContain(CHILD);
  return { text, link: item.getByRole('link', { name: title, exact: true }) };
}

const signOffTitle = `Quality assurance and sign-off: ${CHILD}`;
const domain = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const itemCard = (page: Page) => domain(page, 'Sexual behaviours').getByRole('article', { name: ITEM });

/** Rates the walk's item in Sexual behaviours and finishes this assessor's independent ratings there. */
async function rateAndFinish(page: Page, rating: string, evidence: string) {
  const form = itemCard(page).getByRole('form', { name: `Your rating of ${ITEM}` });
  await form.getByLabel('Your rating').selectOption({ label: rating });
  await form.getByLabel('Evidence', { exact: true }).fill(evidence);
  await form.getByLabel('Source of the evidence').fill('School DSL');
  await form.getByRole('button', { name: `Save my rating of ${ITEM}` }).click();
  await form.getByText('Your rating has been saved.', { exact: false }).waitFor();
  const sexual = domain(page, 'Sexual behaviours');
  await sexual.getByRole('button', { name: 'Finish my independent ratings of Sexual behaviours' }).click();
  await sexual.getByRole('button', { name: 'Yes, finish my ratings of Sexual behaviours' }).click();
  await sexual.getByText('You have finished your independent ratings of Sexual behaviours.').waitFor();
}

/** From the assessment page, through its link, to the sign-off page; and submits for quality assurance. */
async function submitForQualityAssurance(page: Page) {
  await page.getByRole('link', { name: 'Quality assurance, sign-off and the Word report' }).click();
  await e2e.heading(page, signOffTitle).waitFor();
  await page
    .getByRole('form', { name: 'Submit for quality assurance' })
    .getByRole('button', { name: 'Submit for quality assurance' })
    .click();
  await e2e.notice(page, 'Submitted for quality assurance.').waitFor();
}

/**
 * The link of a My work item took the person to the assessment page (at its domains, for ratings and
 * agreements, with the Domains heading focused), or to its sign-off page.
 */
async function expectArrivedAt(page: Page, place: 'assessment' | 'domains' | 'sign-off') {
  await e2e.heading(page, place === 'sign-off' ? signOffTitle : `AIM assessment: ${CHILD}`).waitFor();
  const address = new URL(page.url()).hash;
  const tail = { assessment: '', domains: '/domains', 'sign-off': '/sign-off' }[place];
  expect(address).toBe(`#/assessments/${assessmentId}${tail}`);
  if (place === 'domains') {
    const domains = page.getByRole('heading', { name: 'Domains', level: 2 });
    await expect.poll(() => domains.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);
  }
}

/** A co-assessor signs on the sign-off page with their password; `said` is the notice that follows. */
async function signWithPassword(person: Person, said: string) {
  const { page } = app;
  const form = page.getByRole('form', { name: 'Sign this version' });
  await form.getByLabel('Your password').fill(person.password);
  await form.getByRole('button', { name: 'Sign this version' }).click();
  await e2e.notice(page, said).waitFor();
  await expectNavCount(page, 0);
}

beforeAll(async () => {
  app = suite.app;
  const { hsbCase } = await e2e.setUpTeamAndCase(call, {
    team: { members: [SW, YOS, HANA, PAT] },
    child: { name: CHILD, dateOfBirth: '2013-03-14' },
    profileId: 'lancashire',
    managers: [PAT, ADMIN],
  });
  caseId = hsbCase.id;
  await e2e.signOutAndReload(app);
});

describe('a Lancashire case from the concern to the final sign-off, handed from person to person', () => {
  it('Sam records the concern and the consents, and asks the hub for a consultation', async () => {
    const { page } = app;
    await myWorkOf(SW, 0, 'my work social worker at the start');
    await e2e.openCasePage(page, CHILD);
    const status = page.getByRole('region', { name: 'Where things stand' });
    await status.getByRole('link', { name: 'Record a concern' }).click();
    await e2e.heading(page, 'Record a concern').waitFor();
    const form = page.getByRole('form', { name: 'Record a concern' });
    await fillDate(form, 'Date received', '02/11/2026');
    await form.getByLabel('Time received').fill('08:00');
    await form.getByLabel('Yes, a new referral').check();
    await form.getByLabel('Agency of the person reporting').selectOption({ label: 'Education' });
    await form.getByLabel('What was reported').fill('Pressuring a younger pupil into sexual touching.');
    await fillDate(form, 'Date of the most recent behaviour', '30/10/2026');
    const answer = (question: string, label: string) =>
      form.getByRole('group', { name: question }).getByLabel(label, { exact: true }).check();
    await answer('Does the child live in the area?', 'Yes');
    await answer('Is there an ongoing police investigation?', 'No');
    await answer('Is the child open to CSC at Continuum of Need (CoN) Level 4?', 'Yes');
    await answer('Is the child already open to CYJS?', 'No');
    await form.getByRole('button', { name: 'Record concern' }).click();
    await page.getByText(/^Concern recorded:/).waitFor();

    await page.getByRole('link', { name: 'Back to the case' }).click();
    await e2e.heading(page, CHILD).waitFor();
    await status.getByRole('link', { name: 'Consultation with the CYJS HSB Hub' }).click();
    await e2e.heading(page, 'Consultation with the CYJS HSB Hub').waitFor();
    const consent = page.getByRole('form', { name: 'Record consent' });
    await consent.getByLabel('Whose consent').selectOption({ label: 'The child' });
    await consent.getByLabel('Given').check();
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await consent.getByText('Consent recorded for the child: given.').waitFor();
    const carer = page.getByRole('form', { name: 'Add a parent or carer' });
    await carer.getByLabel('Name').fill('Jo Walker');
    await carer.getByLabel('Reference').fill('Mother');
    await carer.getByLabel('Relationship to the child').fill('mother');
    await carer.getByRole('button', { name: 'Add parent or carer' }).click();
    await carer.getByText('Mother added to the case. Record their consent above.').waitFor();
    await consent.getByLabel('Whose consent').selectOption({ label: 'Mother' });
    await consent.getByLabel('Given').check();
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await consent.getByText('Consent recorded for Mother: given.').waitFor();
    const request = page.getByRole('form', { name: 'Request a consultation' });
    await request
      .getByLabel('Manager who agreed the request')
      .selectOption({ label: `${PAT.name} (allocated to this case)` });
    await request
      .getByLabel('What the consultation is for')
      .fill('Advice on the behaviour and an AIM assessment');
    await request.getByRole('button', { name: 'Request a consultation' }).click();
    await page.getByText('Consultation requested: it is now with the CYJS HSB Hub to screen.').waitFor();
    // Sam handed it over: nothing of it waits for Sam.
    await expectNavCount(page, 0);
  });

  it('Hana at the hub finds the request to screen on My work, follows it, accepts and holds the consultation', async () => {
    const waiting = await myWorkOf(HANA, 1, 'my work hub practitioner', '2026-11-03T10:00:00Z');
    const { text, link } = await itemFor(waiting, 'Screen the consultation request');
    expect(text).toContain(`Requested by ${SW.name} on 02/11/2026.`);
    await link.click();
    const { page } = app;
    await e2e.heading(page, 'Consultation with the CYJS HSB Hub').waitFor();
    expect(page.url()).toContain(`#/cases/${caseId}/consultation`);
    const screen = page.getByRole('form', { name: 'Screen the request (CYJS HSB Hub)' });
    await screen.getByLabel('Accept the request').check();
    await screen.getByRole('button', { name: 'Record the screening decision' }).click();
    const held = page.getByRole('form', { name: 'Record the consultation meeting' });
    await held.waitFor();
    // Screened: the request has left Hana's My work.
    await expectNavCount(page, 0);
    await fillDate(held, 'Date held', '03/11/2026');
    await held.getByLabel('Time held').fill('09:30');
    await held.getByLabel('Chair').fill(HANA.name);
    await e2e.fillAttendee(held, 1, { name: SW.name, role: 'Allocated social worker' });
    await held.getByLabel('Harmful').check();
    await held.getByLabel('AIM assessment').check();
    await held.getByRole('button', { name: 'Record the consultation' }).click();
    await page
      .getByRole('article', { name: /^Consultation requested/ })
      .getByText('The behaviour is harmful')
      .waitFor();
  });

  it('Sam starts the AIM assessment from the concern, records the first session and rates: Yas has ratings to finish', async () => {
    await signInAt(SW, '2026-11-04T09:00:00Z');
    const { page } = app;
    await e2e.openCasePage(page, CHILD, 'AIM assessments');
    await page
      .getByRole('region', { name: 'AIM assessments' })
      .getByRole('link', { name: 'Start an AIM assessment' })
      .click();
    const form = page.getByRole('form', { name: 'Start an AIM assessment' });
    await form.getByText(/filled in from the concern recorded on 02\/11\/2026/).waitFor();
    await form.getByLabel('Assessment framework').selectOption({ label: 'AIM3' });
    await form.getByRole('radio', { name: 'Welfare' }).check();
    await form
      .getByLabel('Reasons for the decision to assess')
      .fill('Harmful behaviour towards a younger pupil.');
    await fillDate(form, 'Date of the decision', '04/11/2026');
    await form.getByLabel('Time of the decision').fill('09:00');
    await e2e.chooseAimAssessors(form);
    await form.getByRole('button', { name: 'Start the assessment' }).click();
    await e2e.heading(page, `AIM assessment: ${CHILD}`).waitFor();
    assessmentId = new URL(page.url()).hash.split('/')[2] ?? '';

    const session = page.getByRole('form', { name: 'Record a session' });
    await fillDate(session, 'Date of the session', '04/11/2026');
    await session.getByLabel(`The child (${CHILD})`).check();
    await session.getByLabel(SW.name).check();
    await session.getByLabel(YOS.name).check();
    await session.getByRole('button', { name: 'Record session' }).click();
    await session.getByText(/the assessment window has started/).waitFor();

    const add = domain(page, 'Sexual behaviours').getByRole('form', {
      name: 'Add a concern or strength to Sexual behaviours',
    });
    await add.getByLabel('Description').fill(ITEM);
    await add.getByRole('button', { name: 'Add a concern to Sexual behaviours' }).click();
    await itemCard(page).waitFor();
    await rateAndFinish(page, 'Some evidence', 'School report of pressure on a younger pupil');
    await expectNavCount(page, 0);
  });

  it('Yas finds the ratings to finish, rates, and proposes the agreed position: Sam has it to confirm', async () => {
    const waiting = await myWorkOf(YOS, 1, 'my work youth justice ratings to finish', '2026-11-05T09:00:00Z');
    const { text, link } = await itemFor(waiting, 'Finish your independent ratings');
    expect(text).toContain('Items you have not finished rating in Sexual behaviours.');
    await link.click();
    const { page } = app;
    await expectArrivedAt(page, 'domains');
    await rateAndFinish(page, 'Clear evidence', 'The younger pupil’s account');
    await expectNavCount(page, 0);
    const propose = itemCard(page).getByRole('form', { name: `Propose the agreed position for ${ITEM}` });
    await propose.getByLabel('Agreed rating').selectOption({ label: 'Clear evidence' });
    await propose.getByLabel('Rationale').fill('The younger pupil’s account corroborates the school report.');
    await propose.getByRole('button', { name: `Propose this position for ${ITEM}` }).click();
    await itemCard(page).getByText(`Proposed by ${YOS.name}; waiting for ${SW.name} to confirm.`).waitFor();
  });

  it('Sam finds the proposal to confirm, confirms it, and submits the assessment for quality assurance', async () => {
    const waiting = await myWorkOf(
      SW,
      1,
      'my work social worker proposal to confirm',
      '2026-11-06T09:00:00Z',
    );
    const { text, link } = await itemFor(waiting, 'Confirm the agreed positions proposed to you');
    expect(text).toContain(`1 proposed by your co-assessor: ${ITEM}.`);
    await link.click();
    const { page } = app;
    await expectArrivedAt(page, 'domains');
    await itemCard(page)
      .getByRole('button', { name: `Confirm the agreed position for ${ITEM}` })
      .click();
    await itemCard(page).getByText(`You have confirmed the agreed position for ${ITEM}.`).waitFor();
    await expectNavCount(page, 0);
    await submitForQualityAssurance(page);
  });

  it('Pat finds the assessment to quality-assure and returns it with a comment', async () => {
    const waiting = await myWorkOf(PAT, 1, 'my work manager quality assurance', '2026-11-09T09:00:00Z');
    const { text, link } = await itemFor(waiting, 'Quality-assure the assessment');
    expect(text).toContain(`Version 1, submitted by ${SW.name}.`);
    await link.click();
    const { page } = app;
    await expectArrivedAt(page, 'sign-off');
    const form = page.getByRole('form', { name: 'Quality-assure this version' });
    await form.getByLabel('Comments').fill(RETURN_COMMENT);
    await form.getByRole('button', { name: 'Return with comments' }).click();
    await e2e.notice(page, 'Returned to the co-assessors with your comments.').waitFor();
    await expectNavCount(page, 0);
  });

  it('Sam finds the returned work with Pat’s comment, reads it on the assessment page and resubmits', async () => {
    const waiting = await myWorkOf(SW, 1, 'my work social worker returned', '2026-11-10T09:00:00Z');
    const { text, link } = await itemFor(waiting, 'Returned with comments');
    expect(text).toContain(`${PAT.name}: “${RETURN_COMMENT}”`);
    await link.click();
    const { page } = app;
    await expectArrivedAt(page, 'assessment');
    const banner = page.getByRole('region', { name: 'Returned for changes' });
    expect((await banner.textContent())?.replace(/\s+/g, ' ')).toContain(RETURN_COMMENT);
    await submitForQualityAssurance(page);
    await expectNavCount(page, 0);
  });

  it('Pat finds it again and approves it: the team view shows the co-assessors holding it to sign', async () => {
    const waiting = await myWorkOf(PAT, 1, 'my work manager quality assurance again', '2026-11-11T09:00:00Z');
    const { link } = await itemFor(waiting, 'Quality-assure the assessment');
    await link.click();
    const { page } = app;
    await expectArrivedAt(page, 'sign-off');
    const form = page.getByRole('form', { name: 'Quality-assure this version' });
    await form.getByLabel('CSC Team Manager who reviewed it with you').fill('Chris Team Manager');
    await form.getByLabel('Comments').fill('Clear analysis.');
    await form.getByRole('button', { name: 'Approve' }).click();
    await e2e.notice(page, 'Approved. The approved content is now fixed').waitFor();
    await expectNavCount(page, 0);

    // The signature step, as Pat's team view shows it.
    await e2e.goTo(page, 'My work');
    const team = page.getByRole('region', { name: 'Your team’s cases' });
    const row = team
      .getByRole('table', { name: 'The open cases you manage' })
      .getByRole('row', { name: /Riley Walker/ });
    expect(((await row.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(
      `${YOS.name} and ${SW.name}, to sign`,
    );
    await expectAccessible(page, 'my work manager awaiting signatures');
  });

  it('Yas finds the signature needed and signs', async () => {
    const waiting = await myWorkOf(YOS, 1, 'my work youth justice signature', '2026-11-12T09:00:00Z');
    const { text, link } = await itemFor(waiting, 'Sign the approved assessment');
    expect(text).toContain(`Version 1, approved by ${PAT.name}.`);
    await link.click();
    await expectArrivedAt(app.page, 'sign-off');
    await signWithPassword(YOS, 'You have signed. The other co-assessor still needs to sign.');
  });

  it('Sam finds the signature needed and signs: the assessment is final', async () => {
    const waiting = await myWorkOf(SW, 1, 'my work social worker signature', '2026-11-13T09:00:00Z');
    // The window is still running on Sam's My work, where it stands in working days.
    const later = app.page.getByRole('table', { name: 'Your deadlines: later' });
    const row = later.getByRole('row', { name: /AIM assessment completed/ });
    expect(((await row.textContent()) ?? '').replace(/\s+/g, ' ')).toMatch(/day 7 of 45/);
    const { link } = await itemFor(waiting, 'Sign the approved assessment');
    await link.click();
    await expectArrivedAt(app.page, 'sign-off');
    await signWithPassword(SW, 'You have signed. Both co-assessors have now signed: version 1 is final.');
  });

  it('the 45-working-day window is met on the day of the final sign-off, with no one marking it done', async () => {
    const { page } = app;
    await e2e.openCasePage(page, CHILD);
    const card = page.getByRole('article', { name: 'AIM assessment completed' });
    const text = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
    // Closed by the final signature itself: no one marked it done (the note is the workbench's own).
    expect(text).toContain('Met on time (Fri 13/11/2026)');
    expect(text).toContain('StateMet on 13/11/2026 09:00');
    expect(text).toContain('13/11/2026 MetNote: final sign-off of the assessment.');
    expect(await card.getByRole('button', { name: /^Mark as done/ }).count()).toBe(0);
    await expectAccessible(page, 'case page after the final sign-off');

    // No longer running on anyone's My work.
    for (const person of [SW, YOS, PAT]) {
      await myWorkOf(person, 0, `my work ${person.username} after the final sign-off`);
      await page.getByText('You have no running deadlines.', { exact: true }).waitFor();
      expect(await page.getByRole('table', { name: /^Your deadlines/ }).count()).toBe(0);
    }
    // Pat's team: the window met on time in November, in the chart's figures.
    const figures = page
      .getByRole('region', { name: 'Your team’s cases' })
      .getByRole('table', { name: 'Timeliness of AIM assessments by month' });
    expect(await figures.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
      'Nov 2026',
      '1',
      '0',
      '100%',
    ]);
    await expectAccessible(page, 'my work manager team view with chart');
    expect(app.outsideRequests).toEqual([]);
    expect(checked.length).toBe(15);
  });
});

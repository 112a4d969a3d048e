import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillDate, type WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { SW, YOS } from './setup.ts';

// The HSB pathway on a case, through the UI in Chromium against the real router (issue 7):
// (1) Blackpool: an amber concern on an open case → the strategy meeting/discussion is due within 24 hours
//     → held → section 47 joint + AIM assessment alongside: the deadline is met, the history lists the
//     steps and the case asks for the AIM decision (AIM or AIM2, route, SQR notification). Then the risk category from descriptors and a plan.
// (2) Lancashire: a hub referral for a 9-year-old → "Consultation only" → consents → request → screened
//     by the hub (the YOS practitioner) → consultation held → problematic → pattern mapping next.
// (3) Islington: a no-further-action decision reaches the coordinator's list.
// Bad input through the UI is refused with a clear message and nothing saved. Axe runs on every screen.

/** Thursday 05/11/2026 09:00 in London (GMT). */
const NOW = new Date('2026-11-05T09:00:00Z');
const SHOTS = '/tmp/hsb-pathway-screens';
const BLACKPOOL_STEP = 'Sexually harmful behaviour strategy meeting/discussion held (where appropriate)';

const suite = e2e.browserFile('hsb-pathway-e2e-', { now: NOW });
let app: WorkbenchPage;
let allocation: ReturnType<typeof e2e.allocatedTo>;
let teamIds: Record<string, string> = {};
const { checked: screensChecked, expectAccessible, closeUp } = e2e.screens(SHOTS);

/** Set-up the other browser tests already drive through the UI, done through the router to save time. */
const { call } = suite;

/** A child and an open case, opened on Tuesday 03/11/2026 (before the concerns of the walk-throughs). */
async function openCase(profileId: string, name: string, dateOfBirth: string) {
  const now = app.clock.now;
  app.clock.now = new Date('2026-11-03T09:00:00Z');
  try {
    const child = { name, dateOfBirth, gender: 'female' } as const;
    return (await e2e.openAllocatedCase(call, { child: child as never, profileId, ...allocation })).hsbCase;
  } finally {
    app.clock.now = now;
    app.workbench.touch();
  }
}

/** Go to the case page the way a person would: from the case list. */
async function openCaseStatus(page: Page, childName: string) {
  await e2e.openCasePage(page, childName);
  await status(page).getByText('Where the child is now:').waitFor();
}

const status = (page: Page) => page.getByRole('region', { name: 'Where things stand' });
const lineText = async (page: Page, start: string) =>
  (
    (await status(page).getByRole('paragraph').filter({ hasText: start }).first().textContent()) ?? ''
  ).replace(/\s+/g, ' ');
const historyTable = (page: Page) => page.getByRole('table', { name: 'Steps and decisions, oldest first' });

/** The text of one column (0-based) of every body row, as a person reads down the table. */
async function columnTexts(table: Locator, column: number): Promise<string[]> {
  const texts: string[] = [];
  for (const row of await table.getByRole('row').all()) {
    const cells = row.getByRole('cell');
    if ((await cells.count()) > column) texts.push((await cells.nth(column).textContent()) ?? '');
  }
  return texts;
}

beforeAll(async () => {
  app = suite.app;
  const { ids } = await e2e.setUpTeam(call);
  teamIds = ids;
  allocation = e2e.allocatedTo(ids);
  await e2e.signInByRouter(app, SW);
});

describe('Blackpool: amber concern → strategy meeting within 24 hours → section 47 joint + AIM alongside', () => {
  let caseId = '';

  it('records the concern and the Brook screening (amber): the strategy meeting is due within 24 hours', async () => {
    const { page } = app;
    const hsbCase = await openCase('blackpool', 'Bailey Blackpool', '2012-04-04');
    caseId = hsbCase.id;
    await openCaseStatus(page, 'Bailey Blackpool');
    expect(await lineText(page, 'Where the child is now:')).toBe(
      'Where the child is now: Case opened: no concern recorded yet',
    );
    expect(await lineText(page, 'Next deadline:')).toBe('Next deadline: none running.');
    await expectAccessible(page, 'case page before the pathway');

    await status(page).getByRole('link', { name: 'Record a concern' }).click();
    await e2e.heading(page, 'Record a concern').waitFor();
    const form = page.getByRole('form', { name: 'Record a concern' });
    // An empty submit lists what is missing, linked to the fields.
    await form.getByRole('button', { name: 'Record concern' }).click();
    await form.getByText('There is a problem').waitFor();
    expect(await form.getByRole('link', { name: 'Enter what was reported' }).count()).toBe(1);

    await fillDate(form, 'Date received', '04/11/2026');
    await form.getByLabel('Time received').fill('10:00');
    await form.getByLabel('No, a further concern on this open case').check();
    await form.getByLabel('Agency of the person reporting').selectOption({ label: 'Education' });
    await form.getByLabel('Their role').fill('Designated safeguarding lead');
    await form
      .getByLabel('What was reported')
      .fill('Sexualised behaviour towards a younger pupil in the toilets.');
    // Another child by reference: a harmed child, known only by a reference.
    await form.getByLabel('Who they are').selectOption({ label: 'Harmed child' });
    await form.getByLabel('Reference').fill('Child A');
    await form.getByRole('button', { name: 'Add child to the case' }).click();
    await form.getByText('Child A added to the case and ticked above.').waitFor();
    expect(await form.getByLabel('Child A (harmed child)').isChecked()).toBe(true);
    await form.getByLabel('Missing', { exact: true }).check();
    await form.getByText('Also follow the missing pathway').waitFor();
    await form.getByLabel('Missing', { exact: true }).uncheck();
    await form.getByRole('button', { name: 'Check eligibility' }).click();
    await form.getByText('Outcome: No referral criteria in this profile.').waitFor();
    await expectAccessible(page, 'record a concern');
    await form.getByRole('button', { name: 'Record concern' }).click();

    await page.getByRole('heading', { name: 'Concern recorded', exact: true }).waitFor();
    await page.getByText('Concern recorded: No referral criteria in this profile.').waitFor();
    const screening = page.getByRole('form', { name: 'Screen the concern' });
    await fillDate(screening, 'Date screened', '04/11/2026');
    await screening.getByLabel('Time screened').fill('11:00');
    await screening.getByLabel('Amber').check();
    await screening.getByText('strategy meeting/discussion within 24 hours where appropriate').waitFor();
    await expectAccessible(page, 'concern recorded and screening');
    await screening.getByRole('button', { name: 'Record the screening' }).click();
    await page.getByText('Screening recorded: Amber.').waitFor();
    await page.getByText(`Deadline started: ${BLACKPOOL_STEP}, due Thu 05/11/2026 at 11:00.`).waitFor();
    const concerns = page.getByRole('table', { name: 'Concerns on this case, oldest first' });
    expect(await concerns.getByRole('cell', { name: 'Child A (harmed child)' }).count()).toBe(1);

    await page.getByRole('link', { name: 'Back to the case' }).click();
    await e2e.heading(page, 'Bailey Blackpool').waitFor();
    await status(page).getByText('Next deadline:').waitFor();
    expect(await lineText(page, 'Next deadline:')).toMatch(
      new RegExp(
        `^Next deadline: ${escapeRegExp(BLACKPOOL_STEP)}, due 05/11/2026 11:00 — Red: Due today by 11:00$`,
      ),
    );
    expect(await lineText(page, 'Where the child is now:')).toBe(
      'Where the child is now: Concern received: no referral criteria in this profile',
    );
    await closeUp(status(page), 'status amber concern');
  });

  it('refuses a meeting held before the concern, and a section 47 enquiry without single or joint; nothing is saved', async () => {
    const { page } = app;
    await status(page).getByRole('link', { name: 'Record a strategy discussion or meeting' }).click();
    await e2e.heading(page, 'Record a strategy discussion or meeting').waitFor();
    const form = page.getByRole('form', { name: 'Record a strategy discussion or meeting' });
    expect(await form.getByLabel('Chair', { exact: true }).inputValue()).toBe(
      'Current team manager (review and end meetings: the SQR service)',
    );
    await form.getByRole('radio', { name: 'Strategy meeting', exact: true }).check();
    await form.getByLabel('What triggered it').fill('Amber concern screened with the Brook tool');
    await fillDate(form, 'Date held', '03/11/2026');
    await form.getByLabel('Time held').fill('08:30');
    await e2e.fillAttendee(form, 1, {
      name: 'Sam Social Worker',
      role: 'Social worker',
      agency: "Children's Services",
    });
    await form.getByRole('button', { name: 'Add an attendee' }).click();
    await e2e.fillAttendee(form, 2, { name: 'DC Example', role: 'Police officer', agency: 'Police' });
    await form.getByRole('button', { name: 'Add an attendee' }).click();
    const third = await e2e.fillAttendee(form, 3, { name: 'School DSL', agency: 'Education' });
    await third.getByLabel('Attendance').selectOption({ label: 'Sent apologies' });
    const agenda = form.getByRole('group', { name: 'Agenda point 1' });
    expect(await agenda.getByLabel('Point').inputValue()).toBe('Share information');
    await agenda.getByLabel('Notes').fill('School and police accounts shared.');
    await form.getByLabel('Section 47 enquiry', { exact: true }).check();
    await form.getByLabel('AIM assessment alongside (after screening)').check();
    // Blackpool: a decision to screen for an AIM assessment, not one started for the meeting (issue 12).
    expect(await form.getByText(/Starts an AIM assessment on the case/).count()).toBe(0);
    const s47 = form.getByRole('group', { name: 'Section 47 enquiry: single or joint with police' });
    expect(await s47.isVisible()).toBe(true);
    await form
      .getByLabel(/^Rationale for the decision/)
      .fill('Risk of significant harm to the younger pupil.');
    await form.getByRole('button', { name: 'Add an action' }).click();
    const action = form.getByRole('group', { name: 'Action 1' });
    await action.getByLabel('What').fill('Police to interview the child');
    await action.getByLabel('Owner').fill('DC Example');
    await fillDate(action, 'Due', '10/11/2026');
    await expectAccessible(page, 'record a strategy meeting');

    await form.getByRole('button', { name: 'Save the record' }).click();
    await form.getByRole('link', { name: 'Date held is before the concern was received' }).waitFor();
    expect(await form.getByText('Error: Date held is before the concern was received').count()).toBe(1);
    expect((await call('pathway.summary', { caseId })).meetings).toEqual([]);
    await closeUp(form.getByRole('alert'), 'meeting before the concern');

    await fillDate(form, 'Date held', '05/11/2026');
    await form.getByRole('button', { name: 'Save the record' }).click();
    await form
      .getByRole('link', {
        name: 'Section 47 enquiry: single or joint with police is required for this outcome',
      })
      .waitFor();
    expect((await call('pathway.summary', { caseId })).meetings).toEqual([]);
    await expectAccessible(page, 'strategy meeting refused');
  });

  it('records the meeting: section 47 joint + AIM alongside; the deadline is met, the history lists the steps and the case asks for the AIM decision', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Record a strategy discussion or meeting' });
    await form.getByLabel('Joint with police').check();
    await form.getByRole('button', { name: 'Save the record' }).click();
    await e2e.heading(page, 'Strategy discussions and meetings').waitFor();
    await page
      .getByText('Strategy meeting recorded: Section 47 enquiry; AIM assessment alongside (after screening).')
      .waitFor();
    const record = page.getByRole('article', { name: 'Strategy meeting, 05/11/2026 08:30' });
    expect(await record.getByText('Section 47 enquiry joint with police').isVisible()).toBe(true);
    expect(await record.getByRole('cell', { name: 'Sent apologies' }).count()).toBe(1);
    await record.getByLabel(/^Police to interview the child/).check();
    await record.getByRole('button', { name: 'Save actions of the strategy meeting' }).click();
    await record.getByText('Actions saved: 1 of 1 done.').waitFor();
    expect((await call('pathway.summary', { caseId })).meetings[0]?.actions[0]?.done).toBe(true);
    app.host.saveFile = join(suite.folder, 'strategy-meeting.docx');
    await record.getByRole('button', { name: 'Export the record of the strategy meeting (Word)' }).click();
    await record.getByText(`Saved to ${app.host.saveFile}`).waitFor();
    expect(existsSync(app.host.saveFile)).toBe(true);
    await expectAccessible(page, 'strategy meetings');

    await page.getByRole('link', { name: 'Back to the case' }).click();
    await e2e.heading(page, 'Bailey Blackpool').waitFor();
    await status(page).getByText('Where the child is now:').waitFor();
    expect(await lineText(page, 'Where the child is now:')).toMatch(
      /^Where the child is now: Strategy meeting held: Section 47 enquiry; AIM assessment alongside/,
    );
    // The case asks for the AIM decision (AIM or AIM2, the route, the SQR notification).
    await page.getByText(/^Screen whether an AIM assessment is appropriate/).waitFor();
    await e2e.casePart(page, 'History');
    const history = historyTable(page);
    await history.waitFor();
    const kinds = await columnTexts(history, 1);
    expect(kinds).toEqual(expect.arrayContaining(['Concern', 'Step', 'Strategy meeting', 'Deadline']));
    const screened = history.getByRole('row', { name: /Concern screened by a social worker with the Brook/ });
    expect(await screened.getByRole('cell').first().textContent()).toBe('04/11/2026 11:00');
    expect(await screened.textContent()).toMatch(/Brook: Amber/);
    const met = history.getByRole('row', { name: new RegExp(`${escapeRegExp(BLACKPOOL_STEP)}: Met`) });
    expect(await met.getByRole('cell').first().textContent()).toBe('05/11/2026 08:30');
    expect(await met.textContent()).toMatch(/on time/i);
    const meetingRow = history.getByRole('row', { name: /Strategy meeting held, chaired by/ });
    expect(await meetingRow.textContent()).toMatch(
      /section 47 joint with police\. Rationale: Risk of significant harm/,
    );
    expect(await history.getByRole('cell', { name: '04/11/2026 10:00' }).count()).toBe(1);
    // No assessment was started for the meeting: the assessors decide it from the case.
    expect(await call('assessments.forCase', { caseId })).toEqual([]);
    await expectAccessible(page, 'case page after the strategy meeting');
    await closeUp(history, 'history blackpool');
    await e2e.casePart(page, 'Summary');
  });

  it('suggests a category from the descriptors; departing needs a rationale; the history keeps it', async () => {
    const { page } = app;
    await status(page).getByRole('link', { name: 'Risk category and descriptors' }).click();
    await e2e.heading(page, 'Risk category').waitFor();
    const form = page.getByRole('form', { name: 'Record the risk category' });
    const abusive = form.getByRole('group', { name: 'Abusive' });
    await abusive.getByLabel('Coercion and force to ensure victim compliance').check();
    await form.getByText('Suggested: Abusive').waitFor();
    await form.getByText(/it is the highest category with a ticked descriptor/).waitFor();
    await form.getByLabel('Category agreed').selectOption({ label: 'Problematic' });
    await form.getByLabel('Rationale (required: your decision differs from the suggestion)').waitFor();
    await form.getByLabel('Agreed by').fill('Strategy meeting: team manager and police');
    await fillDate(form, 'Date agreed', '05/11/2026');
    await form.getByLabel('Time agreed').fill('08:45');
    await form.getByRole('button', { name: 'Record category' }).click();
    await form
      .getByRole('link', {
        name: 'Enter the rationale: the descriptors ticked suggest Abusive, and you chose Problematic',
      })
      .waitFor();
    expect((await call('pathway.timeline', { caseId })).categoryHistory).toEqual([]);
    await expectAccessible(page, 'risk category refused');
    await form
      .getByLabel('Rationale (required: your decision differs from the suggestion)')
      .fill('Police found no coercion: the younger pupil’s account was of pressure, not force.');
    await form.getByRole('button', { name: 'Record category' }).click();
    await form.getByText('Problematic recorded as agreed.').waitFor();
    const table = page.getByRole('table', { name: 'Risk categories agreed, oldest first' });
    const row = table.getByRole('row', { name: /Problematic/ });
    expect(await row.getByRole('cell').first().textContent()).toBe('05/11/2026 08:45');
    expect(await row.textContent()).toMatch(/Police found no coercion/);
    await expectAccessible(page, 'risk category');
  });

  it('records a plan (Islington §8 list of records) and lists it', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Back to the case' }).click();
    await e2e.heading(page, 'Bailey Blackpool').waitFor();
    await status(page)
      .getByRole('link', { name: /^Plans and records/ })
      .click();
    await e2e.heading(page, 'Plans and records').waitFor();
    const form = page.getByRole('form', { name: 'Add a plan or record' });
    await form.getByLabel('Kind of record').selectOption({ label: 'Safety plan' });
    await fillDate(form, 'Date', '05/11/2026');
    await form.getByLabel('Title').fill('Safety plan at school');
    await form.getByLabel('Details').fill('Supervised break times; no unsupervised toilet visits.');
    await form.getByLabel('With whom').fill('Child and mother');
    await form.getByRole('button', { name: 'Record plan' }).click();
    await form.getByText('Safety plan recorded.').waitFor();
    const table = page.getByRole('table', { name: 'Plans and records on this case, oldest first' });
    expect(await table.getByRole('cell', { name: 'Safety plan at school' }).count()).toBe(1);
    await expectAccessible(page, 'plans and records');
  });
});

describe('Lancashire: hub referral for a 9-year-old → consultation only → consultation held → problematic → pattern mapping next', () => {
  let caseId = '';

  it('records the referral: eligibility says consultation only, line by line', async () => {
    const { page } = app;
    caseId = (await openCase('lancashire', 'Lee Lancashire', '2017-06-01')).id;
    await openCaseStatus(page, 'Lee Lancashire');
    await status(page).getByRole('link', { name: 'Record a concern' }).click();
    await e2e.heading(page, 'Record a concern').waitFor();
    const form = page.getByRole('form', { name: 'Record a concern' });
    await fillDate(form, 'Date received', '05/11/2026');
    await form.getByLabel('Time received').fill('08:00');
    await form.getByLabel('Yes, a new referral').check();
    await form.getByLabel('Agency of the person reporting').selectOption({ label: 'Education' });
    await form.getByLabel('What was reported').fill('Touching other pupils over their clothes in class.');
    await fillDate(form, 'Date of the most recent behaviour', '02/11/2026');
    await form
      .getByRole('group', { name: 'Does the child live in the area?' })
      .getByLabel('Yes', { exact: true })
      .check();
    await form
      .getByRole('group', { name: 'Is there an ongoing police investigation?' })
      .getByLabel('No', { exact: true })
      .check();
    // Asked because the Lancashire criteria ask them (open to CSC at CoN Level 4; not open to CYJS).
    await form
      .getByRole('group', { name: 'Is the child open to CSC at Continuum of Need (CoN) Level 4?' })
      .getByLabel('Yes', { exact: true })
      .check();
    await form
      .getByRole('group', { name: 'Is the child already open to CYJS?' })
      .getByLabel('No', { exact: true })
      .check();
    await form.getByRole('button', { name: 'Check eligibility' }).click();
    await form.getByText(/^Outcome: Consultation only\./).waitFor();
    const criteria = form.getByRole('list', { name: 'Referral criteria' });
    const aim = criteria.getByRole('listitem').filter({ hasText: 'Aged 10 to 17 for an AIM assessment' });
    expect(await aim.textContent()).toMatch(/^Not met/);
    expect(await aim.textContent()).toMatch(/9/);
    expect(await criteria.getByRole('listitem').filter({ hasText: /^Met/ }).count()).toBe(6);
    // Live: the answer changes, the check follows.
    const lives = form.getByRole('group', { name: 'Does the child live in the area?' });
    await lives.getByLabel('Not known').check();
    await form.getByText(/^Outcome: More information needed\./).waitFor();
    await form.getByLabel('Reason to proceed although a criterion is not met').waitFor();
    await lives.getByLabel('Yes', { exact: true }).check();
    await form.getByText(/^Outcome: Consultation only\./).waitFor();
    expect(await form.getByLabel('Reason to proceed although a criterion is not met').count()).toBe(0);
    await expectAccessible(page, 'record a concern eligibility');
    await closeUp(form.getByRole('group', { name: 'Eligibility' }), 'eligibility consultation only');
    await form.getByRole('button', { name: 'Record concern' }).click();
    await page.getByText('Concern recorded: Consultation only.').waitFor();
    expect(await page.getByRole('form', { name: 'Screen the concern' }).count()).toBe(0);
  });

  it('records consent (offering only people on the case), then the social worker’s request', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Back to the case' }).click();
    await e2e.heading(page, 'Lee Lancashire').waitFor();
    await status(page).getByRole('link', { name: 'Consultation with the CYJS HSB Hub' }).click();
    await e2e.heading(page, 'Consultation with the CYJS HSB Hub').waitFor();

    // Without consent the request is refused, with each missing consent named; nothing is saved.
    const request = page.getByRole('form', { name: 'Request a consultation' });
    await request.getByLabel('What the consultation is for').fill('Advice on the behaviour and next steps');
    await request.getByRole('button', { name: 'Request a consultation' }).click();
    await request
      .getByText(
        'The request cannot go to the CYJS HSB Hub yet. The consent of the child is not recorded. No parent or carer is recorded on the case',
        { exact: false },
      )
      .waitFor();
    expect((await call('pathway.summary', { caseId })).consultations).toEqual([]);

    const consent = page.getByRole('form', { name: 'Record consent' });
    const options = async () => consent.getByLabel('Whose consent').getByRole('option').allTextContents();
    expect(await options()).toEqual(['Choose a person', 'The child']);
    await consent.getByLabel('Whose consent').selectOption({ label: 'The child' });
    await consent.getByLabel('Refused').check();
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await consent.getByRole('link', { name: 'Enter why consent was refused or not sought' }).waitFor();
    await consent.getByLabel('Given').check();
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await consent.getByText('Consent recorded for the child: given.').waitFor();

    const carer = page.getByRole('form', { name: 'Add a parent or carer' });
    await carer.getByLabel('Name').fill('Mo Lancashire');
    await carer.getByLabel('Reference').fill('Mother');
    await carer.getByLabel('Relationship to the child').fill('mother');
    await carer.getByRole('button', { name: 'Add parent or carer' }).click();
    await carer.getByText('Mother added to the case. Record their consent above.').waitFor();
    // Only the child and the parents or carers on this case can be chosen.
    expect(await options()).toEqual(['Choose a person', 'The child', 'Mother']);
    await consent.getByLabel('Whose consent').selectOption({ label: 'Mother' });
    await consent.getByLabel('Given').check();
    // How and when, so the map's sharing can offer it again (issue 14).
    await consent.getByLabel('How it was given (optional)').selectOption({ label: 'By phone' });
    await fillDate(consent, 'Date given (optional)', '04/11/2026');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await consent.getByText('Consent recorded for Mother: given.').waitFor();
    const table = page.getByRole('table', { name: 'Consent to the referral, by person' });
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([
      'The child',
      'MotherParent or carer: Mo Lancashire, mother',
    ]);
    expect(await table.getByText('Given', { exact: true }).count()).toBe(2);
    expect(await table.getByText('Given on 04/11/2026 by phone').count()).toBe(1);
    await expectAccessible(page, 'consultation consent');

    expect(await request.getByLabel('Manager who agreed the request').inputValue()).toBe(
      allocation.managerIds[0],
    );
    await request.getByRole('button', { name: 'Request a consultation' }).click();
    await page.getByText('Consultation requested: it is now with the CYJS HSB Hub to screen.').waitFor();
    await page.getByText('Waiting for the CYJS HSB Hub to screen the request.').waitFor();
    await expectAccessible(page, 'consultation requested');
  });

  it('is screened by the hub (the CYJS practitioner), held, problematic: pattern mapping is next', async () => {
    const { page } = app;
    await e2e.signOutThroughUi(page);
    await e2e.signInThroughUi(page, YOS);
    await openCaseStatus(page, 'Lee Lancashire');
    await status(page).getByRole('link', { name: 'Consultation with the CYJS HSB Hub' }).click();
    await e2e.heading(page, 'Consultation with the CYJS HSB Hub').waitFor();
    expect(
      await page
        .getByText('Only the allocated social worker, Sam Social Worker, can request a consultation.')
        .count(),
    ).toBe(1);
    const screen = page.getByRole('form', { name: 'Screen the request (CYJS HSB Hub)' });
    await screen.getByLabel('Decline the request').check();
    await screen.getByRole('button', { name: 'Record the screening decision' }).click();
    await screen
      .getByRole('link', { name: 'Enter the rationale for declining: the referrer will see it' })
      .waitFor();
    await expectAccessible(page, 'consultation screening');
    await screen.getByLabel('Accept the request').check();
    await screen.getByRole('button', { name: 'Record the screening decision' }).click();

    e2e.minutesLater(app, 60);
    const held = page.getByRole('form', { name: 'Record the consultation meeting' });
    await held.waitFor();
    await fillDate(held, 'Date held', '05/11/2026');
    await held.getByLabel('Time held').fill('09:30');
    await held.getByLabel('Chair').fill('Yas Youth Justice');
    await e2e.fillAttendee(held, 1, { name: 'Sam Social Worker', role: 'Allocated social worker' });
    await held.getByRole('button', { name: 'Add an attendee' }).click();
    await e2e.fillAttendee(held, 2, { name: 'Yas Youth Justice', agency: 'CYJS HSB Hub' });
    await held.getByLabel('Problematic').check();
    await held.getByLabel('Resources shared').fill('Brook guidance for parents');
    await held.getByLabel('Pattern mapping').check();
    await expectAccessible(page, 'consultation meeting form');
    await held.getByRole('button', { name: 'Record the consultation' }).click();
    const record = page.getByRole('article', { name: /^Consultation requested/ });
    await record.getByText('The behaviour is problematic').waitFor();
    expect(await record.getByText('Accepted by Yas Youth Justice').count()).toBe(1);
    expect(await record.getByRole('link', { name: 'open the pattern map' }).count()).toBe(1);
    await expectAccessible(page, 'consultation held');

    await page.getByRole('link', { name: 'Back to the case' }).click();
    await e2e.heading(page, 'Lee Lancashire').waitFor();
    await status(page).getByText('Where the child is now:').waitFor();
    expect(await lineText(page, 'Where the child is now:')).toBe(
      'Where the child is now: Consultation held (problematic): next, pattern mapping',
    );
    await e2e.casePart(page, 'History');
    const titles = await columnTexts(historyTable(page), 2);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Consultation with the CYJS HSB Hub requested',
        'Accepted by the CYJS HSB Hub',
        'Consultation held: the behaviour is problematic',
      ]),
    );
    await e2e.casePart(page, 'Summary');
    const checklist = status(page).getByRole('list', { name: 'What the profile asks to be recorded' });
    const outcome = checklist.getByRole('listitem').filter({ hasText: 'Outcome of the HSB consultation' });
    expect(await outcome.textContent()).toMatch(/^Recorded/);
    // Issue 17: the request is to be recorded on LCS, which the workbench cannot see, even with a
    // request on the case; the AIM appointments are the assessment's sessions.
    const lcs = checklist.getByRole('listitem').filter({ hasText: 'consultation request recorded on LCS' });
    expect(await lcs.textContent()).toMatch(
      /^Check by hand.*Record this on LCS: the workbench cannot see it\.$/,
    );
    const appointments = checklist.getByRole('listitem').filter({ hasText: 'AIM appointments' });
    expect(await appointments.textContent()).toMatch(
      /^Not recorded yet.*No AIM assessment has been started yet, so no session is recorded\.$/,
    );
    await expectAccessible(page, 'case page after the consultation');
    await closeUp(status(page), 'status lancashire');
  });

  it('counts the AIM assessment’s sessions, with their dates, as the AIM appointments (issue 17)', async () => {
    const { page } = app;
    app.clock.now = new Date('2026-11-13T09:00:00Z');
    app.workbench.touch();
    const assessment = await e2e.startAimAssessment(call, {
      caseId,
      proceedReason: 'The consultation advised an assessment despite his age',
      decisionAt: '2026-11-05T10:00:00Z',
      leadAssessorId: teamIds[YOS.username] ?? '',
      coAssessorId: teamIds[SW.username] ?? '',
    });
    for (const heldOn of ['2026-11-12', '2026-11-05'])
      await call('assessments.addSession', {
        assessmentId: assessment.id,
        heldOn,
        participants: [{ kind: 'child', label: 'Lee' }],
        assessorIds: [teamIds[SW.username] ?? ''],
        place: 'School',
        notes: { blocks: [] },
      });
    await openCaseStatus(page, 'Lee Lancashire');
    const checklist = status(page).getByRole('list', { name: 'What the profile asks to be recorded' });
    const appointments = checklist.getByRole('listitem').filter({ hasText: 'AIM appointments' });
    await appointments
      .getByText('2 sessions recorded with the AIM assessment: 05/11/2026, 12/11/2026.')
      .waitFor();
    expect(await appointments.textContent()).toMatch(/^Recorded here/);
    const lcs = checklist.getByRole('listitem').filter({ hasText: 'consultation request recorded on LCS' });
    expect(await lcs.textContent()).toMatch(/^Check by hand/);
  });
});

describe('Islington: a no-further-action decision reaches the coordinator’s list', () => {
  it('records the decision with its rationale and lead agency, and lists it', async () => {
    const { page } = app;
    const hsbCase = await openCase('islington', 'Indy Islington', '2012-04-04');
    await call('pathway.recordConcern', {
      caseId: hsbCase.id,
      receivedAt: '2026-11-05T08:00:00Z',
      newReferral: true,
      sourceAgency: 'education',
      sourceRole: 'Teacher',
      reported: 'Age-appropriate curiosity reported by a teacher.',
      children: [],
      exploitation: { cse: false, cce: false, missing: false, trafficking: false },
      facts: {},
      proceedReason: '',
    });
    await openCaseStatus(page, 'Indy Islington');
    await status(page).getByRole('link', { name: 'Record a strategy discussion or meeting' }).click();
    const form = page.getByRole('form', { name: 'Record a strategy discussion or meeting' });
    await form.getByRole('radio', { name: 'Strategy discussion', exact: true }).check();
    await form.getByLabel('What triggered it').fill('Concern from school');
    await fillDate(form, 'Date held', '05/11/2026');
    await form.getByLabel('Time held').fill('09:45');
    await e2e.fillAttendee(form, 1, { name: 'Yas Youth Justice', agency: 'Youth Justice' });
    await form.getByLabel('Not at risk of significant harm: no further action').check();
    await form.getByLabel('Lead agency agreed').fill('Education');
    await form
      .getByLabel('Rationale for the decision (required for the outcome chosen)')
      .fill('Age-appropriate exploration; no harm');
    await expectAccessible(page, 'strategy discussion no further action');
    await form.getByRole('button', { name: 'Save the record' }).click();
    await e2e.heading(page, 'Strategy discussions and meetings').waitFor();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'No further action decisions' })
      .click();
    await e2e.heading(page, 'No further action decisions').waitFor();
    const table = page.getByRole('table', { name: 'No further action decisions, oldest first' });
    const row = table.getByRole('row', { name: new RegExp(hsbCase.reference) });
    expect(await row.textContent()).toMatch(/Indy Islington/);
    expect(await row.textContent()).toMatch(/Age-appropriate exploration; no harm/);
    expect(await row.textContent()).toMatch(/CSE, Missing and Trafficking Coordinator/);
    expect(await row.getByRole('cell', { name: '05/11/2026 09:45' }).count()).toBe(1);
    await expectAccessible(page, 'no further action decisions');
  });

  it('made no request outside the workbench, and ran axe on every screen visited', () => {
    expect(app.outsideRequests).toEqual([]);
    expect(screensChecked.length).toBe(19);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

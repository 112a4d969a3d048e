import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillDate, type WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';

// Issue 14 in the browser: the child's record (ethnicity, language, interpreter, SEND, address, GP) added
// on the edit form and read back by its words on the case page; a case note added and listed; and the AIM
// start form filled in from the concern already recorded, saying so.

/** Thursday 26/11/2026 10:00 in London (GMT). */
const NOW = new Date('2026-11-26T10:00:00Z');
const CHILD = 'Robin Ashworth';
const suite = e2e.browserFile('hsb-record-e2e-', { now: NOW });
const { expectAccessible } = e2e.screens(process.env.HSB_SHOTS);
const { call } = suite;

let app: WorkbenchPage;
let caseId = '';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
/** The value beside `key` in a summary list, as shown (line breaks kept). */
const shownBeside = (scope: Locator, key: string) =>
  scope
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${key.replace(/[()]/g, '\\$&')}$`) })
    .locator('xpath=..')
    .getByRole('definition')
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, which keeps line breaks.
    .innerText();

beforeAll(async () => {
  app = suite.app;
  const { hsbCase } = await e2e.setUpTeamAndCase(call, {
    child: { name: CHILD, dateOfBirth: '2013-03-14' },
    profileId: 'lancashire',
  });
  caseId = hsbCase.id;
  await e2e.signOutAndReload(app);
});

describe('the child’s record and case notes on the case page', () => {
  it('adds the child’s details on the edit form and reads them back on the case page', async () => {
    // Bug caught: the form, the contract and the store had none of these details.
    const { page } = app;
    await e2e.signInThroughUi(page, e2e.SW);
    await e2e.openCasePage(page, CHILD);
    const child = region(page, 'Child');
    expect(await shownBeside(child, 'Ethnicity')).toBe('Not recorded');
    expect(await shownBeside(child, 'GP')).toBe('Not recorded');

    await page.getByRole('button', { name: 'Edit child details' }).click();
    const form = page.getByRole('region', { name: 'Edit child details' });
    await form.getByLabel('Ethnicity').fill('White and Black Caribbean');
    await form.getByLabel('First language').fill('Polish');
    await form.getByRole('group', { name: 'Interpreter needed' }).getByLabel('Yes').check();
    await form
      .getByRole('group', { name: 'Special educational needs and disabilities (SEND)' })
      .getByLabel('Education, health and care (EHC) plan')
      .check();
    await form.getByLabel('About the child’s SEND').fill('Autism; communicates best with pictures.');
    await form.getByLabel('Home address').fill('14 Larkhill Crescent\nPreston PR1 4XY');
    await form.getByLabel('GP practice').fill('Ribbleton Medical Centre');
    await form.getByLabel('GP’s address and phone').fill('Tower Road, Preston PR2 6XX, 01772 555 010');
    await expectAccessible(page, 'edit child with the record');
    await form.getByRole('button', { name: 'Save child' }).click();
    await e2e.notice(page, 'The child’s details have been saved.').waitFor();

    expect(await shownBeside(child, 'Ethnicity')).toBe('White and Black Caribbean');
    expect(await shownBeside(child, 'First language')).toBe('Polish');
    expect(await shownBeside(child, 'Interpreter needed')).toBe('Yes');
    expect(await shownBeside(child, 'Special educational needs and disabilities (SEND)')).toBe(
      'Education, health and care (EHC) plan\nAutism; communicates best with pictures.',
    );
    expect(await shownBeside(child, 'Home address')).toBe('14 Larkhill Crescent\nPreston PR1 4XY');
    expect(await shownBeside(child, 'GP')).toBe(
      'Ribbleton Medical Centre\nTower Road, Preston PR2 6XX, 01772 555 010',
    );
  });

  it('adds a dated case note, refuses one dated tomorrow, and lists them newest first with who added them', async () => {
    const { page } = app;
    await e2e.casePart(page, 'Case notes');
    const notes = region(page, 'Case notes');
    await notes.getByText('A note cannot be changed or removed once it is added.').waitFor();
    await notes.getByText('No case notes have been added yet.').waitFor();
    const add = async (day: string, text: string) => {
      await fillDate(notes, 'Date of the event', day);
      await notes.getByLabel('Note', { exact: true }).fill(text);
      await notes.getByRole('button', { name: 'Add case note' }).click();
    };
    await add('27/11/2026', 'Written a day early.');
    await notes.getByRole('link', { name: 'Date of the event must be today or in the past' }).waitFor();
    expect(await call('caseNotes.list', { caseId })).toEqual([]);

    await add('20/11/2026', 'Home visit: mother present.');
    await e2e.notice(notes, 'The case note has been added.').waitFor();
    await add('24/11/2026', 'Corrects the note of 20/11/2026: the visit was on 19/11/2026.');
    await notes.getByText('Corrects the note of 20/11/2026').waitFor();
    const listed = notes.getByRole('list', { name: 'Case notes, newest first' }).getByRole('listitem');
    expect((await listed.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      '24/11/2026 Corrects the note of 20/11/2026: the visit was on 19/11/2026. Added by Sam Social Worker on 26/11/2026 10:00',
      '20/11/2026 Home visit: mother present. Added by Sam Social Worker on 26/11/2026 10:00',
    ]);
    await expectAccessible(page, 'case page with case notes');
  });

  it('gives each part of the case page its own address: a reload comes back to it, a new sign-in starts at home', async () => {
    // Bugs caught: the whole case on one 4,500-pixel page, and a reload that returned to My work.
    const { page } = app;
    const parts = page.getByRole('navigation', { name: 'Parts of this case' });
    expect(await parts.getByRole('link').allTextContents()).toEqual([
      'Summary',
      'AIM assessments',
      'Case notes',
      'History',
      'Access by others',
      'Pattern map',
      'Working with other computers',
    ]);
    // Only the part asked for is on the page.
    expect(await region(page, 'Child').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe(`#/cases/${caseId}/notes`);

    await page.reload();
    await e2e.heading(page, CHILD).waitFor();
    await region(page, 'Case notes').getByText('Home visit: mother present.').waitFor();
    expect(await parts.getByRole('link', { name: 'Case notes' }).getAttribute('aria-current')).toBe('page');

    // Another part by its link; its heading takes the focus.
    await e2e.casePart(page, 'Summary');
    await region(page, 'Child').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/cases/${caseId}`);
    await e2e.casePart(page, 'History');
    const historyHeading = page.getByRole('heading', { name: 'History of steps and decisions' });
    await expect.poll(() => historyHeading.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);

    // Signing out and in again starts at home, not where the last session was.
    await e2e.signOutAndReload(app, e2e.SW);
    await e2e.heading(page, 'My work').waitFor();
  });
});

describe('say it once: the AIM start form', () => {
  it('is filled in from the concern already recorded, says so, and stays editable', async () => {
    // Bug caught: the start form asked again for the referral date and every fact the concern gave.
    const { page } = app;
    await call('pathway.recordConcern', {
      caseId,
      receivedAt: '2026-11-24T10:00:00Z',
      newReferral: true,
      sourceAgency: 'education',
      sourceRole: 'Designated safeguarding lead',
      referrerName: 'Priya Okafor',
      referrerPhone: '01772 555 123',
      referrerEmail: 'p.okafor@fulwood.sch.uk',
      reported: 'Sexualised behaviour towards a younger pupil.',
      children: [],
      exploitation: { cse: false, cce: false, missing: false, trafficking: false },
      facts: {
        lastBehaviourDate: '2026-11-20',
        residesInArea: true,
        ongoingPoliceInvestigation: false,
        openToChildrensSocialCare: true,
        openToYouthJusticeService: false,
      },
      proceedReason: '',
    });
    await e2e.openCasePage(page, CHILD, 'History');
    await page
      .getByText('Referrer: Priya Okafor, phone 01772 555 123, e-mail p.okafor@fulwood.sch.uk')
      .waitFor();

    await e2e.casePart(page, 'AIM assessments');
    await region(page, 'AIM assessments').getByRole('link', { name: 'Start an AIM assessment' }).click();
    await e2e.heading(page, 'Start an AIM assessment').waitFor();
    const form = page.getByRole('form', { name: 'Start an AIM assessment' });
    await form
      .getByText(
        'The referral date and the facts below are filled in from the concern recorded on 26/11/2026.',
      )
      .waitFor();
    const referral = form.getByRole('group', { name: 'Referral date', exact: true });
    const behaviour = form.getByRole('group', { name: 'Date of the most recent behaviour', exact: true });
    const boxes = async (group: Locator) =>
      Promise.all(['Day', 'Month', 'Year'].map((b) => group.getByLabel(b, { exact: true }).inputValue()));
    expect(await boxes(referral)).toEqual(['24', '11', '2026']);
    expect(await boxes(behaviour)).toEqual(['20', '11', '2026']);
    await referral.getByText('from the concern recorded on 26/11/2026').waitFor();
    const lives = form.getByRole('group', { name: 'Does the child live in the area?' });
    expect(await lives.getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    const police = form.getByRole('group', { name: 'Is there an ongoing police investigation?' });
    expect(await police.getByLabel('No', { exact: true }).isChecked()).toBe(true);
    await expectAccessible(page, 'start form filled in from the concern');

    // Still editable: a changed date no longer claims to be the concern's.
    await fillDate(form, 'Date of the most recent behaviour', '21/11/2026');
    expect(await boxes(behaviour)).toEqual(['21', '11', '2026']);
    expect(await behaviour.getByText('from the concern recorded on').count()).toBe(0);
    expect(await referral.getByText('from the concern recorded on 26/11/2026').count()).toBe(1);
  });
});

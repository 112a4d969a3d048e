import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillDate, type WorkbenchPage } from './harness.ts';
import { ADMIN, browserFile, heading, routerCall, screens, setUpTeam, startNewChild, YOS } from './setup.ts';

// The one date field and the one time field, typed as a person would, in browsers whose locale would
// show a native date input as mm/dd/yyyy with AM/PM (en-US, in New York) and as dd/mm/yyyy (en-GB, in
// London). Whatever the browser, the screen reads dd/mm/yyyy and 24-hour London time, and the store
// keeps the ISO day and the London instant. Bad dates and times are refused with the GOV.UK error
// summary and the message beside the field, and nothing is saved.

/** Thursday 26/11/2026 10:00 in London (GMT). */
const NOW = new Date('2026-11-26T10:00:00Z');
const SHOTS = '/tmp/dates-screens';

const suite = browserFile('hsb-dates-e2e-', { now: NOW, open: false });
mkdirSync(SHOTS, { recursive: true });
const { expectAccessible } = screens();

const isFocused = (box: Locator) => box.evaluate((el) => el === el.ownerDocument.activeElement);

describe.each([
  { locale: 'en-US', timezoneId: 'America/New_York' },
  { locale: 'en-GB', timezoneId: 'Europe/London' },
])('dates and times in a browser set to $locale ($timezoneId)', ({ locale, timezoneId }) => {
  let app: WorkbenchPage;
  let caseId = '';
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${locale}-${name}.png`), fullPage: true });

  const call = routerCall(() => app);

  beforeAll(async () => {
    app = await suite.open(join(suite.folder, locale), { locale, timezoneId });
    // The administrator is a practitioner too, and records the child and the case here; Yas is the
    // case's YOS practitioner and never signs in.
    await setUpTeam(call, {
      administrator: { ...ADMIN, roles: ['administrator', 'manager', 'practitioner'], aimTrained: true },
      members: [YOS],
      choosePasswords: [],
    });
    await app.page.reload();
    await app.page.getByText('Signed in as').waitFor();
  });

  it('takes a date of birth typed as day, month and year, reads it back as dd/mm/yyyy and stores the ISO day', async () => {
    const { page } = app;
    await startNewChild(page);
    await page.getByLabel('Full name').fill('Jordan Canary-Example');
    await page.getByLabel('Gender').selectOption({ label: 'Female' });
    const dob = page.getByRole('group', { name: 'Date of birth', exact: true });
    await dob.getByText('For example, 27 3 2007').waitFor();
    for (const box of ['Day', 'Month', 'Year']) {
      expect(await dob.getByLabel(box, { exact: true }).getAttribute('inputmode')).toBe('numeric');
      expect(await dob.getByLabel(box, { exact: true }).getAttribute('type')).toBe('text');
    }
    const create = page.getByRole('button', { name: 'Create child' });
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    const refused = async (typed: string, message: string, boxesInError: string[]) => {
      await fillDate(page, 'Date of birth', typed);
      await create.click();
      await summary.getByRole('link', { name: message, exact: true }).waitFor();
      expect(await dob.getByText(message).isVisible(), `message beside the field for ${typed}`).toBe(true);
      for (const box of ['Day', 'Month', 'Year']) {
        const invalid = await dob.getByLabel(box, { exact: true }).getAttribute('aria-invalid');
        expect(invalid === 'true', `${box} marked in error for ${typed}`).toBe(boxesInError.includes(box));
      }
      // The summary's link goes to the first box in error.
      await summary.getByRole('link', { name: message, exact: true }).click();
      const first = boxesInError[0] ?? 'Day';
      await expect.poll(() => isFocused(dob.getByLabel(first, { exact: true }))).toBe(true);
      expect(await heading(page, 'New child').isVisible()).toBe(true);
    };

    await refused('31/02/2026', 'Date of birth must be a real date', ['Day']);
    await shot(page, 'date-of-birth-error');
    await expectAccessible(page, 'new child with a date in error');
    await refused('14//2013', 'Date of birth must include a month', ['Month']);
    await refused('ab/cd/2013', 'Date of birth must be a real date', ['Day', 'Month']);
    // Nothing was saved.
    expect((await call('cases.search', { query: 'Jordan' })).length).toBe(0);

    await fillDate(page, 'Date of birth', '14/03/2013');
    await dob.getByText('14/03/2013 (age 13)').waitFor();
    // Put right, no box stays marked (the message stays until the next submit, as GOV.UK does).
    for (const box of ['Day', 'Month', 'Year']) {
      expect(await dob.getByLabel(box, { exact: true }).getAttribute('aria-invalid'), box).not.toBe('true');
    }
    await shot(page, 'date-of-birth');
    await expectAccessible(page, 'new child');
    await create.click();

    await heading(page, 'Open an HSB case').waitFor();
    await page.getByLabel('Protocol profile').selectOption({ label: 'Blackpool, version 2' });
    await page.getByLabel('Allocated social worker').selectOption({ index: 1 });
    await page.getByLabel('YOS practitioner').selectOption({ index: 1 });
    await page.getByLabel('Alex Administrator', { exact: true }).check();
    await page.getByRole('button', { name: 'Open case' }).click();
    await heading(page, 'Jordan Canary-Example').waitFor();
    expect(await page.getByText('14/03/2013 (age 13)').first().isVisible()).toBe(true);

    const found = await call('cases.search', { query: 'Jordan' });
    expect(found.length).toBe(1);
    caseId = found[0]?.caseId ?? '';
    const stored = await call('cases.get', { id: caseId });
    expect(stored.child.dateOfBirth).toBe('2013-03-14');
  });

  it('takes the date and 24-hour time a concern was received, as London time, and refuses a bad time', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Record a concern' }).first().click();
    await heading(page, 'Record a concern').waitFor();
    const form = page.getByRole('form', { name: 'Record a concern' });
    await form.getByText('Use the 24-hour clock, for example 14:30').waitFor();
    await form.getByLabel('No, a further concern on this open case').check();
    await form.getByLabel('Agency of the person reporting').selectOption({ label: 'Education' });
    await form.getByLabel('What was reported').fill('Sexualised behaviour towards a younger pupil.');

    await fillDate(form, 'Date received', '12/11/2026');
    await form.getByLabel('Time received').fill('2:30pm');
    await form.getByRole('button', { name: 'Record concern' }).click();
    const message = 'Time received must be a real time on the 24-hour clock, for example 14:30';
    await form.getByRole('link', { name: message }).waitFor();
    await shot(page, 'concern-time-error');
    await expectAccessible(page, 'concern with a time in error');
    expect((await call('pathway.summary', { caseId })).referrals).toEqual([]);

    await fillDate(form, 'Date received', '12//2026');
    await form.getByLabel('Time received').fill('14:30');
    await form.getByRole('button', { name: 'Record concern' }).click();
    await form.getByRole('link', { name: 'Date received must include a month' }).waitFor();
    expect((await call('pathway.summary', { caseId })).referrals).toEqual([]);

    await fillDate(form, 'Date received', '12/11/2026');
    await shot(page, 'concern-date-and-time');
    await form.getByRole('button', { name: 'Check eligibility' }).click();
    await form.getByText('Outcome:').first().waitFor();
    await form.getByRole('button', { name: 'Record concern' }).click();
    await page.getByRole('heading', { name: 'Concern recorded', exact: true }).waitFor();

    // 12 November, 14:30 in London (GMT) — not 11 December, not 19:30 in New York's terms.
    const referrals = (await call('pathway.summary', { caseId })).referrals;
    expect(referrals.map((r) => r.receivedAt)).toEqual(['2026-11-12T14:30:00.000Z']);
    const concerns = page.getByRole('table', { name: 'Concerns on this case, oldest first' });
    await concerns.getByText('12/11/2026 14:30').waitFor();
    await expectAccessible(page, 'concern recorded');
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST } from '#store/crypto.ts';
import { fillDate, type WorkbenchPage } from './harness.ts';
import { allocateNewCase, browserFile, heading, screens, startNewChild } from './setup.ts';

// The foundation, end to end through the UI in Chromium, on a real encrypted file with the production KDF:
// first-run setup → administrator adds two people → sign out → a practitioner signs in → creates a child
// and a case → the workbench locks → unlock → the data is there → a wrong password is refused.

// The workbench's clock and the page's: the ages shown must not depend on the day the tests run.
const NOW = new Date('2026-11-26T10:00:00Z');
const suite = browserFile('hsb-e2e-', { now: NOW, kdfCost: DEFAULT_KDF_COST });
const { checked: screensChecked, expectAccessible } = screens();
let app: WorkbenchPage;
beforeAll(() => {
  app = suite.app;
});

async function addUser(
  page: Page,
  user: { name: string; username: string; agency: string; roles: string[]; password: string },
) {
  const form = page.getByRole('region', { name: 'Add user', exact: true });
  await form.getByLabel('Full name').fill(user.name);
  await form.getByLabel('Username').fill(user.username);
  await form.getByLabel('Agency').selectOption({ label: user.agency });
  for (const role of user.roles) await form.getByLabel(role, { exact: true }).check();
  await form.getByLabel('AIM-trained').check();
  await form.getByLabel('Initial password', { exact: true }).fill(user.password);
  await form.getByLabel('Confirm initial password').fill(user.password);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect.poll(() => page.getByRole('cell', { name: user.username, exact: true }).count()).toBe(1);
}

describe('the workbench foundation, through the UI', () => {
  it('sets up the first administrator and shows the recovery key once', async () => {
    const { page } = app;
    await heading(page, 'Set up the workbench').waitFor();
    await expect.poll(() => page.getByText('OFFICIAL-SENSITIVE').first().isVisible()).toBe(true);
    await expectAccessible(page, 'setup');
    await page.getByLabel('Full name').fill('Alex Administrator');
    await page.getByLabel('Username').fill('alex.admin');
    await page.getByLabel('Agency').selectOption({ label: "Children's Social Care" });
    await page.getByLabel('Manager', { exact: true }).check();
    await page.getByLabel('Password', { exact: true }).fill('administrator password 1');
    await page.getByLabel('Confirm password').fill('administrator password 1');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Your recovery key' }).waitFor();
    // Eight groups of five letters and digits, shown once under "Your recovery key".
    const shownKey = page
      .getByRole('region', { name: 'Your recovery key' })
      .getByText(/^\s*[0-9A-Z]{5}(-[0-9A-Z]{5}){7}\s*$/);
    expect(await shownKey.count()).toBe(1);
    await expectAccessible(page, 'recovery key');
    const continueButton = page.getByRole('button', { name: 'Continue' });
    expect(await continueButton.isDisabled()).toBe(true);
    await page.getByLabel('I have stored the recovery key safely').check();
    await continueButton.click();
    await page.getByText('Signed in as').waitFor();
  });

  it('lets the administrator add a social worker and a YOS practitioner', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await heading(page, 'Users').waitFor();
    await addUser(page, {
      name: 'Sam Social Worker',
      username: 'sam.sw',
      agency: "Children's Social Care",
      roles: ['Practitioner'],
      password: 'first password 123',
    });
    await addUser(page, {
      name: 'Yas Youth Justice',
      username: 'yas.yos',
      agency: 'Youth Justice / YOS',
      roles: ['Practitioner'],
      password: 'first password 456',
    });
    await expectAccessible(page, 'users');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in').waitFor();
    await expectAccessible(page, 'sign in');
  });

  it('signs the practitioner in, makes them choose their own password, and opens a case', async () => {
    const { page } = app;
    await page.getByLabel('Username').fill('sam.sw');
    await page.getByLabel('Password').fill('first password 123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Change password').waitFor();
    await expectAccessible(page, 'forced password change');
    await page.getByLabel('Current password').fill('first password 123');
    await page.getByLabel('New password', { exact: true }).fill('sams own password 789');
    await page.getByLabel('Confirm new password').fill('sams own password 789');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Signed in as').waitFor();
    expect(await page.getByText('Sam Social Worker').first().isVisible()).toBe(true);

    await startNewChild(page);
    await page.getByLabel('Full name').fill('Jordan Canary-Example');
    await page.getByLabel('Preferred name').fill('Jo');
    await fillDate(page, 'Date of birth', '14/03/2013');
    await page.getByLabel('Gender').selectOption({ label: 'Female' });
    await page.getByLabel('Social care system number').fill('LCS-40417');
    await page.getByLabel('Youth justice system number').fill('YJ-2231');
    await page.getByLabel('Area of residence').fill('Preston');
    await page.getByLabel('School').fill('Riverside Academy');
    await expect.poll(() => page.getByText('14/03/2013 (age 13)').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'new child');
    await page.getByRole('button', { name: 'Create child' }).click();

    await heading(page, 'Open an HSB case').waitFor();
    await allocateNewCase(page, 'Lancashire, version 2');
    await expectAccessible(page, 'open case');
    await page.getByRole('button', { name: 'Open case' }).click();

    await heading(page, 'Jordan Canary-Example').waitFor();
    const reference = 'HSB-2026-0001';
    expect(await page.getByText(`Case ${reference}`).first().isVisible()).toBe(true);
    expect(await page.getByText('14/03/2013 (age 13)').first().isVisible()).toBe(true);
    await expectAccessible(page, 'case page');

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByLabel('Search by name or identifier').fill('40417');
    await expect.poll(() => page.getByRole('link', { name: 'Jordan Canary-Example' }).count()).toBe(1);
    await page.getByLabel('Search by name or identifier').fill('nobody-like-this');
    await expect.poll(() => page.getByRole('link', { name: 'Jordan Canary-Example' }).count()).toBe(0);
    await expectAccessible(page, 'cases');
  });

  it('locks, refuses a wrong password with a clear message, and unlocks to the same data', async () => {
    const { page, workbench } = app;
    // Lock straight after typing: the search runs while locked, is refused, and runs again after unlocking.
    await page.getByLabel('Search by name or identifier').fill('Jordan');
    await page.getByRole('button', { name: 'Lock' }).click();
    const dialog = page.getByRole('dialog', { name: 'Workbench locked' });
    await dialog.waitFor();
    expect(workbench.session.state).toBe('locked');
    await expectAccessible(page, 'lock screen');

    await dialog.getByLabel('Password').fill('not my password');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await dialog.getByText('That password is not right').waitFor();
    expect(workbench.session.state).toBe('locked');

    await dialog.getByLabel('Password').fill('sams own password 789');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Search by name or identifier').inputValue()).toBe('Jordan');
    await expect.poll(() => page.getByRole('link', { name: 'Jordan Canary-Example' }).count()).toBe(1);
  });

  it('keeps the data across a restart, and refuses a wrong password at sign-in', async () => {
    await app.close();
    app = await suite.open(suite.folder, { now: new Date(NOW.getTime() + 3_600_000) });
    const { page } = app;
    await heading(page, 'Sign in').waitFor();
    await page.getByLabel('Username').fill('sam.sw');
    await page.getByLabel('Password').fill('first password 123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The username or password is not right').waitFor();
    await page.getByLabel('Password').fill('sams own password 789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as').waitFor();
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('link', { name: 'Jordan Canary-Example' }).click();
    await heading(page, 'Jordan Canary-Example').waitFor();
    expect(await page.getByText('Riverside Academy').isVisible()).toBe(true);
    expect(app.outsideRequests).toEqual([]);
    expect(screensChecked.length).toBeGreaterThanOrEqual(10);
  });
});

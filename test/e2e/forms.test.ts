import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '#contract/errors.ts';
import { seriousAxeViolations, type WorkbenchPage } from './harness.ts';
import {
  ADMIN,
  behindQueuedWork,
  browserFile,
  goTo,
  heading,
  setUpAlone,
  twiceInOneTick,
  watchCalls,
} from './setup.ts';

// The one form foundation (src/renderer/src/ui/form/) through two converted forms, Add user and Change
// password: two quick submits send one request, a problem found in the page shows the summary and moves focus
// to it (and from it to the field), a refusal from the main process shows against the right field, and axe
// passes with the errors showing.

const NOW = new Date('2026-11-05T09:00:00Z');

const suite = browserFile('hsb-forms-e2e-', { now: NOW });
let app: WorkbenchPage;
/** Every call the page sent through the router binding, by name. */
let sent: string[] = [];
/** A refusal to send back instead of making the next call of that name (the fault is injected at the binding). */
let refuseNext = new Map<string, Result<never>>();

const { call } = suite;

interface PageGlobals {
  document: { activeElement: unknown };
}
/** Whether the element a person would find by its role or label has the keyboard focus. */
const hasFocus = (element: Locator) =>
  element.evaluate((el) => el === (globalThis as unknown as PageGlobals).document.activeElement);

beforeAll(async () => {
  app = suite.app;
  ({ sent, refuseNext } = watchCalls(app, ['users.create', 'account.changePassword']));
  await setUpAlone(app);
});

describe('Add user, on the form foundation', () => {
  const form = () => app.page.locator('form', { has: app.page.getByRole('button', { name: 'Add user' }) });

  async function fill(username: string) {
    await form().getByLabel('Full name').fill('Sam Social Worker');
    await form().getByLabel('Username').fill(username);
    await form().getByLabel('Agency').selectOption({ label: "Children's Social Care" });
    await form().getByLabel('Practitioner', { exact: true }).check();
    await form().getByLabel('Initial password', { exact: true }).fill('first password 123');
    await form().getByLabel('Confirm initial password').fill('first password 123');
  }

  it('shows problems found in the page in the summary, focuses it, and leads from it to the field', async () => {
    const { page } = app;
    await goTo(page, 'Users');
    await heading(page, 'Users').waitFor();
    const before = sent.length;
    await form().getByRole('button', { name: 'Add user' }).click();
    const summary = form().getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      'Enter their full name',
      'Enter a username',
      'Choose an agency',
      'Choose at least one role',
      'Enter an initial password',
    ]);
    await expect.poll(() => hasFocus(summary)).toBe(true);
    expect(sent.slice(before)).not.toContain('users.create');
    await summary.getByRole('link', { name: 'Enter a username' }).click();
    expect(await hasFocus(form().getByLabel('Username'))).toBe(true);
    expect(await form().getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('sends one request for two quick submits, and adds the person once', async () => {
    const { page } = app;
    await fill('sam.sw');
    const before = sent.filter((n) => n === 'users.create').length;
    await twiceInOneTick(form(), 'requestSubmit');
    await page.getByText('Sam Social Worker has been added with the username sam.sw.').waitFor();
    await behindQueuedWork(page);
    expect(sent.filter((n) => n === 'users.create').length - before).toBe(1);
    const users = await call('users.list', {});
    expect(users.filter((u) => u.username === 'sam.sw')).toHaveLength(1);
    expect(await form().getByRole('alert').count()).toBe(0);
  });

  it('shows the main process’s refusal of a taken username against the Username field', async () => {
    const { page } = app;
    await fill('sam.sw');
    await form().getByRole('button', { name: 'Add user' }).click();
    const summary = form().getByRole('alert');
    await summary.getByText('The username “sam.sw” is already taken. Choose another.').waitFor();
    await expect.poll(() => hasFocus(summary)).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Username is already taken']);
    expect(await form().getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(await form().getByLabel('Full name').getAttribute('aria-invalid')).toBeNull();
    // What they typed is kept, so they only change the username.
    expect(await form().getByLabel('Full name').inputValue()).toBe('Sam Social Worker');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe('Change password, on the form foundation', () => {
  const form = () =>
    app.page.locator('form', { has: app.page.getByRole('button', { name: 'Change password' }) });

  async function fill(current: string, next: string, confirm = next) {
    await form().getByLabel('Current password').fill(current);
    await form().getByLabel('New password', { exact: true }).fill(next);
    await form().getByLabel('Confirm new password').fill(confirm);
  }

  it('shows a mismatched confirmation in the summary and focuses it, sending nothing', async () => {
    const { page } = app;
    await goTo(page, 'Change password');
    await heading(page, 'Change password').waitFor();
    await fill(ADMIN.password, 'a brand new password', 'a different password');
    const before = sent.length;
    await form().getByRole('button', { name: 'Change password' }).click();
    const summary = form().getByRole('alert');
    await summary.getByRole('link', { name: 'The two passwords do not match' }).waitFor();
    await expect.poll(() => hasFocus(summary)).toBe(true);
    expect(sent.slice(before)).not.toContain('account.changePassword');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('shows a refusal’s problem against the field it names, and the wrong-password refusal in the summary', async () => {
    const { page } = app;
    refuseNext.set('account.changePassword', {
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'The request was not valid.',
        problems: [{ path: 'newPassword', message: 'must not be a password you have used before' }],
      },
    });
    await fill(ADMIN.password, 'a brand new password');
    await form().getByRole('button', { name: 'Change password' }).click();
    const summary = form().getByRole('alert');
    await summary
      .getByRole('link', { name: 'New password must not be a password you have used before' })
      .waitFor();
    expect(await form().getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await form().getByLabel('Current password').getAttribute('aria-invalid')).toBeNull();

    await fill('not my password at all', 'a brand new password');
    await form().getByRole('button', { name: 'Change password' }).click();
    await summary.getByText('Your current password is not right. Nothing has been changed.').waitFor();
    await expect.poll(() => hasFocus(summary)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('sends one request for two quick submits, and the new password works', async () => {
    const { page } = app;
    await fill(ADMIN.password, 'a brand new password');
    const before = sent.filter((n) => n === 'account.changePassword').length;
    await twiceInOneTick(form(), 'requestSubmit');
    await page.getByText('Your password has been changed.').waitFor();
    await behindQueuedWork(page);
    expect(sent.filter((n) => n === 'account.changePassword').length - before).toBe(1);
    expect(await form().getByLabel('Current password').inputValue()).toBe('');
    await call('session.signOut', {});
    await call('session.signIn', { username: ADMIN.username, password: 'a brand new password' });
  });
});

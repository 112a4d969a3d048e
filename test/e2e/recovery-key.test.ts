import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchPage } from './harness.ts';
import { browserFile, heading, notice, screens } from './setup.ts';

// Issue 17, through the UI in Chromium on a real encrypted file: first-run setup with a username typed
// with capitals (the hint says it is kept in lower case, and the confirmation names the stored username),
// then the recovery key: laid out in whole groups of five that never break across lines at a narrow
// width, copied to the clipboard (and a refusal said plainly), and printed alone (window.print is the
// browser's, stubbed in the page; the print media shows only the key sheet). Then an administrator adds
// someone typed "Robin.SW": the hint speaks of them, and the notice gives the stored username.

const NOW = new Date('2026-12-01T09:00:00Z');
const suite = browserFile('hsb-recovery-key-e2e-', { now: NOW });
const { expectAccessible } = screens(process.env.HSB_SHOTS);
let app: WorkbenchPage;
beforeAll(() => {
  app = suite.app;
});

const KEY_PATTERN = /^\s*[0-9A-Z]{5}(-[0-9A-Z]{5}){7}\s*$/;

/** The page's window, as far as these tests touch it (the test files are not typed for the DOM). */
interface PageWindow {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
  print(): void;
  printed: number;
}

/** How many lines the text of `element` is laid out on (its text's line boxes, not its own box). */
const linesOfText = (element: Locator) =>
  element.evaluate((el) => {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });

describe('the recovery key and a username with capitals, through the UI', () => {
  let recoveryKey = '';

  it('says as the administrator types that the username is kept in lower case, and names it once created', async () => {
    const { page } = app;
    await heading(page, 'Set up the workbench').waitFor();
    await page.getByLabel('Full name').fill('Morgan Administrator');
    const username = page.getByLabel('Username');
    await username.fill('morgan.admin');
    expect(await page.getByText('Usernames are kept in lower case', { exact: false }).count()).toBe(0);
    await username.fill('Morgan.Admin');
    const hint = page.getByText('Usernames are kept in lower case: you will sign in as morgan.admin', {
      exact: true,
    });
    await hint.waitFor();
    // A hint, not an error: the field is not marked invalid.
    expect(await username.getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('Agency').selectOption({ label: "Children's Social Care" });
    await page.getByLabel('Password', { exact: true }).fill('administrator password 1');
    await page.getByLabel('Confirm password').fill('administrator password 1');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Your recovery key' }).waitFor();
    const panel = page.getByRole('region', { name: 'Your recovery key' });
    await panel
      .getByText('The administrator account has been created with the username morgan.admin.', {
        exact: false,
      })
      .waitFor();
    // What the service stored: the words on screen must match it.
    const status = await suite.call('session.status', {});
    expect(status.user?.username).toBe('morgan.admin');
    recoveryKey = ((await panel.getByText(KEY_PATTERN).textContent()) ?? '').trim();
    expect(recoveryKey).toMatch(KEY_PATTERN);
    await expectAccessible(page, 'recovery key with copy and print');
  });

  it('lays the key out in whole groups of five: a narrow window breaks lines only between groups', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 360, height: 900 });
    const panel = page.getByRole('region', { name: 'Your recovery key' });
    const groups = recoveryKey.split('-');
    expect(groups).toHaveLength(8);
    const tops = new Set<number>();
    for (const group of groups) {
      const shown = panel.getByText(group, { exact: true });
      expect(await shown.count(), `group ${group}`).toBe(1);
      expect(await linesOfText(shown), `group ${group} on one line`).toBe(1);
      const box = await shown.boundingBox();
      if (box) tops.add(Math.round(box.y));
    }
    // The key did need more than one line at this width, so the groups were really put to the test.
    expect(tops.size).toBeGreaterThan(1);
    const family = await panel
      .getByText(KEY_PATTERN)
      .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).fontFamily);
    expect(family).toContain('monospace');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('copies the key to the clipboard and says so; a clipboard that refuses is named plainly', async () => {
    const { page, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url });
    const panel = page.getByRole('region', { name: 'Your recovery key' });
    await panel.getByRole('button', { name: 'Copy recovery key' }).click();
    await notice(panel, /^Copied\./).waitFor();
    expect(
      await page.evaluate(() => (globalThis as unknown as PageWindow).navigator.clipboard.readText()),
    ).toBe(recoveryKey);

    // The browser's clipboard refusing (as a locked-down computer may): stubbed in the page.
    await page.evaluate(() => {
      (globalThis as unknown as PageWindow).navigator.clipboard.writeText = () =>
        Promise.reject(new Error('NotAllowedError'));
    });
    await panel.getByRole('button', { name: 'Copy recovery key' }).click();
    await notice(
      panel,
      'This computer did not let the workbench copy the key. Write it down or print it instead.',
    ).waitFor();
  });

  it('prints the key sheet alone: its heading, what the key is for and the key, nothing else', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const window = globalThis as unknown as PageWindow;
      window.printed = 0;
      window.print = () => {
        window.printed += 1;
      };
    });
    const panel = page.getByRole('region', { name: 'Your recovery key' });
    await panel.getByRole('button', { name: 'Print recovery key' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).printed)).toBe(1);

    expect(await page.getByRole('heading', { name: 'HSB Workbench recovery key' }).count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    try {
      await page.getByRole('heading', { name: 'HSB Workbench recovery key' }).waitFor();
      expect(
        await page
          .getByText('If anyone forgets their password, this key lets them set a new one. Keep it', {
            exact: false,
          })
          .first()
          .isVisible(),
      ).toBe(true);
      // The section around the sheet is hidden in print, so the key is looked for on the whole page.
      expect(await page.getByText(KEY_PATTERN).isVisible()).toBe(true);
      for (const other of [
        page.getByRole('heading', { name: 'Set up the workbench', includeHidden: true }),
        page.getByRole('heading', { name: 'Your recovery key', includeHidden: true }),
        page.getByText('OFFICIAL-SENSITIVE').first(),
        page.getByText('I have stored the recovery key safely'),
        page.getByRole('button', { name: 'Continue', includeHidden: true }),
        page.getByRole('button', { name: 'Copy recovery key', includeHidden: true }),
        page.getByRole('button', { name: 'Print recovery key', includeHidden: true }),
        page.getByText('shown only once', { exact: false }),
      ]) {
        expect(await other.count(), `${other} on the page`).toBe(1);
        expect(await other.isVisible(), `${other} hidden in print`).toBe(false);
      }
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await page.getByLabel('I have stored the recovery key safely').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Signed in as').waitFor();
  });

  it('tells an administrator adding "Robin.SW" that they will sign in as robin.sw, and says so once added', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await heading(page, 'Users').waitFor();
    const form = page.getByRole('region', { name: 'Add user', exact: true });
    await form.getByLabel('Full name').fill('Robin Social Worker');
    await form.getByLabel('Username').fill('Robin.SW');
    await form
      .getByText('Usernames are kept in lower case: they will sign in as robin.sw', { exact: true })
      .waitFor();
    await form.getByLabel('Agency').selectOption({ label: "Children's Social Care" });
    await form.getByLabel('Practitioner', { exact: true }).check();
    await form.getByLabel('Initial password', { exact: true }).fill('first password 123');
    await form.getByLabel('Confirm initial password').fill('first password 123');
    await form.getByRole('button', { name: 'Add user' }).click();
    await notice(form, 'Robin Social Worker has been added with the username robin.sw.').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'robin.sw', exact: true }).count()).toBe(1);
    await expectAccessible(page, 'add user with capitals');
  });
});

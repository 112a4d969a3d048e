import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#store/database.ts';
import type { WorkbenchPage } from './harness.ts';
import {
  ADMIN,
  browserFile,
  goTo,
  heading,
  minutesLater,
  notice,
  screens,
  setUpTeamAndCase,
  signOutAndReload,
} from './setup.ts';

// The Administration screen through the UI in Chromium, against the real router and a real encrypted
// file: back up now into the folder the test host "chooses", restore from that backup after its
// confirmation (a child recorded since the backup is gone), set the automatic lock to 5 minutes and let
// the workbench clock pass it (the unlock form appears; the password returns to the same screen),
// change the database key (the password is required, a wrong one is refused with the message, then the
// success notice), and check the audit trail: intact, then, after one entry is altered in the database
// file through a second connection of the store, the first altered entry is named. Axe runs on each.

/** Tuesday 01/12/2026 09:00 in London (GMT). */
const NOW = new Date('2026-12-01T09:00:00Z');

const suite = browserFile('hsb-administration-e2e-', { now: NOW, dataDir: 'data' });
let app: WorkbenchPage;
const { call } = suite;
const { checked: screensChecked, expectAccessible } = screens();

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

const childCount = () =>
  (app.workbench.db().prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;

async function openAdministration(page: Page) {
  await goTo(page, 'Administration');
  await heading(page, 'Administration').waitFor();
}

beforeAll(async () => {
  app = suite.app;
  mkdirSync(join(suite.folder, 'backups'));
  await setUpTeamAndCase(call, {
    child: { name: 'Riley Example', dateOfBirth: '2012-04-04' },
    profileId: 'blackpool',
  });
  await signOutAndReload(app, ADMIN);
  await openAdministration(app.page);
});

describe('the Administration screen, through the UI', () => {
  it('backs up now into the chosen folder, and restores from it only after its confirmation', async () => {
    const { page } = app;
    const backups = section(page, 'Backups');
    app.host.backupFolder = join(suite.folder, 'backups');
    await backups.getByRole('button', { name: 'Back up now' }).click();
    const made = notice(backups, 'Backup made.');
    await made.waitFor();
    const [folder, ...others] = readdirSync(join(suite.folder, 'backups'));
    expect(others).toEqual([]);
    expect(folder).toMatch(/^hsb-workbench-backup-/);
    for (const file of ['workbench.db', 'keyring.json', 'manifest.json']) {
      expect(existsSync(join(suite.folder, 'backups', folder ?? '', file)), file).toBe(true);
    }
    expect(await made.textContent()).toContain(
      `Saved to ${join(suite.folder, 'backups', folder ?? '')} on 01/12/2026`,
    );
    await expectAccessible(page, 'backup made');

    // A child recorded after the backup: restoring the backup takes the workbench back to before it.
    minutesLater(app, 5);
    const before = childCount();
    await call('children.create', {
      name: 'Rowan After-Backup',
      dateOfBirth: '2013-05-05',
      gender: 'female',
    } as never);
    expect(childCount()).toBe(before + 1);

    app.host.restoreFolder = join(suite.folder, 'backups', folder ?? '');
    await backups.getByRole('button', { name: 'Restore from backup…' }).click();
    await backups.getByRole('heading', { name: 'Restore from a backup?' }).waitFor();
    await backups.getByText('Anything recorded since that backup was made will be lost.').waitFor();
    await expectAccessible(page, 'restore confirmation');
    // Cancel restores nothing.
    await backups.getByRole('button', { name: 'Cancel' }).click();
    await backups.getByRole('button', { name: 'Restore from backup…' }).click();
    expect(childCount()).toBe(before + 1);

    await backups.getByRole('button', { name: 'Yes, restore from backup' }).click();
    const restored = notice(backups, `Restored from ${app.host.restoreFolder}.`);
    await restored.waitFor();
    expect(childCount()).toBe(before);
    await heading(page, 'Administration').waitFor();
    await expectAccessible(page, 'restored');
  });

  it('locks after the 5 minutes set, shows the unlock form, and the password returns to the same screen', async () => {
    const { page } = app;
    minutesLater(app, 1);
    const autoLock = section(page, 'Automatic lock');
    await autoLock.getByLabel('Minutes before the workbench locks').fill('5');
    await autoLock.getByRole('button', { name: 'Save auto-lock setting' }).click();
    await autoLock.getByText('The workbench now locks after 5 minutes without use.').waitFor();
    await expectAccessible(page, 'auto-lock saved');

    // Nobody touches the workbench for 5 minutes and a second: its clock moves on, the screen sees it.
    app.clock.now = new Date((app.clock.now ?? NOW).getTime() + 5 * 60_000 + 1_000);
    const dialog = page.getByRole('dialog', { name: 'Workbench locked' });
    await dialog.waitFor({ timeout: 30_000 });
    expect(app.workbench.session.state).toBe('locked');
    await expectAccessible(page, 'locked after 5 minutes');

    await dialog.getByLabel('Password').fill(ADMIN.password);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await dialog.waitFor({ state: 'detached' });
    await heading(page, 'Administration').waitFor();
    expect(await autoLock.getByLabel('Minutes before the workbench locks').inputValue()).toBe('5');
  }, 60_000);

  it('changes the database key only with the right password', async () => {
    const { page } = app;
    minutesLater(app, 1);
    const rotate = section(page, 'Change the database key');
    const button = rotate.getByRole('button', { name: 'Change the database key' });
    await button.click();
    const problem = rotate.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problem.getByRole('link', { name: 'Your password is required' }).waitFor();
    await expectAccessible(page, 'database key: password required');

    const keyBefore = Buffer.from(app.workbench.signedIn().keys.databaseKey).toString('hex');
    await rotate.getByLabel('Your password').fill('not the administrator password');
    await button.click();
    await problem.getByText('That password is not right', { exact: false }).waitFor();
    expect(Buffer.from(app.workbench.signedIn().keys.databaseKey).toString('hex')).toBe(keyBefore);
    await expectAccessible(page, 'database key: wrong password');

    // Past the delay a failed password check earns.
    minutesLater(app, 1);
    await rotate.getByLabel('Your password').fill(ADMIN.password);
    await button.click();
    await notice(rotate, 'The database key has been changed.').waitFor();
    expect(await problem.count()).toBe(0);
    expect(Buffer.from(app.workbench.signedIn().keys.databaseKey).toString('hex')).not.toBe(keyBefore);
    await expectAccessible(page, 'database key changed');
  }, 60_000);

  it('checks the audit trail: intact, then names the first entry altered in the database file', async () => {
    const { page } = app;
    minutesLater(app, 1);
    const audit = section(page, 'Audit trail');
    await audit.getByRole('button', { name: 'Check audit trail' }).click();
    const intact = notice(audit, /^Audit trail intact: \d+ entries checked$/);
    await intact.waitFor();
    await expectAccessible(page, 'audit trail intact');

    // Someone edits the file with the database key but without the audit key: entry 3's summary.
    const tamper = openDatabase(
      join(suite.folder, 'data', 'workbench.db'),
      app.workbench.signedIn().keys.databaseKey,
      {
        migrate: false,
      },
    );
    try {
      expect(
        tamper.prepare("UPDATE audit_log SET summary = 'nothing to see' WHERE seq = 3").run().changes,
      ).toBe(1);
    } finally {
      tamper.close();
    }
    await audit.getByRole('button', { name: 'Check audit trail' }).click();
    const problem = audit.getByRole('alert').filter({ hasText: 'Audit trail problem found' });
    await problem.waitFor();
    expect(await intact.count()).toBe(0);
    expect(await problem.textContent()).toMatch(/\(entry 3\)\./);
    await expectAccessible(page, 'audit trail altered');
    expect(screensChecked).toHaveLength(10);
    expect(app.outsideRequests).toEqual([]);
  });
});

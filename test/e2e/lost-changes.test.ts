import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, harness, seededTeam } from '../support/workbench.ts';
import { seriousAxeViolations } from './harness.ts';
import { browserFile } from './setup.ts';

// Changes lost from the database (here: the -wal gone after acknowledged writes) are shown on every
// screen until an administrator restores a backup or accepts the loss.

const suite = browserFile('hsb-e2e-', { now: new Date('2026-11-26T11:00:00Z'), open: false });

beforeAll(async () => {
  const h = harness(join(suite.folder, 'data'));
  await seededTeam(h);
  for (let i = 1; i <= 5; i++) {
    await h.call('children.create', {
      name: `Lost Child ${i}`,
      dateOfBirth: '2011-02-03',
      gender: 'not-known',
    });
  }
  // The folder as it is on disk while running, then the -wal lost.
  cpSync(join(suite.folder, 'data'), join(suite.folder, 'copy'), { recursive: true });
  h.wb.close();
  rmSync(join(suite.folder, 'copy', 'workbench.db-wal'));
}, 60_000);

describe('lost changes, through the UI', () => {
  it('shows what was lost on every screen, and lets an administrator accept it', async () => {
    const app = await suite.open(join(suite.folder, 'copy'));
    const { page } = app;
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'Changes are missing from the database' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /Changes recorded after \d\d\/\d\d\/\d{4} \d\d:\d\d \(audit entries \d+ to \d+/,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Administration', exact: true }).click();
    await banner.waitFor();
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Record that the loss is accepted…' }).click();
    await banner.getByRole('button', { name: 'Accept the loss and carry on' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    expect(app.outsideRequests).toEqual([]);
  }, 60_000);
});

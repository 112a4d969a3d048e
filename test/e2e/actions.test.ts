import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchPage } from './harness.ts';
import { ADMIN, browserFile, goTo, heading, setUpAlone, twiceInOneTick, watchCalls } from './setup.ts';

// A button that makes one call outside a form (here a profile's Export) holds a second click while the
// first call runs, however fast it comes: two clicks in the same tick open one save dialog and record one
// export. A hold kept in React state (`if (busy) return`) lets the second click of the same tick through,
// since the state has not changed yet when it arrives; the form foundation's hold is a ref.

const NOW = new Date('2026-11-05T09:00:00Z');

const suite = browserFile('hsb-actions-e2e-', { now: NOW });
/** Every call the page sent through the router binding, by name (an export waits a little). */
let sent: string[] = [];
let app: WorkbenchPage;

beforeAll(async () => {
  app = suite.app;
  sent = watchCalls(app, ['profiles.export']).sent;
  await setUpAlone(app);
});

describe('a button outside a form, on the form foundation', () => {
  it('exports a profile once for two clicks in the same tick', async () => {
    const { page } = app;
    expect(ADMIN.roles).toContain('administrator');
    await goTo(page, 'Profiles');
    await page
      .getByRole('table', { name: 'Protocol profiles' })
      .getByRole('link', { name: 'Lancashire', exact: true })
      .click();
    await heading(page, 'Lancashire').waitFor();
    app.host.saveFile = join(suite.folder, 'lancashire-v1.json');

    await twiceInOneTick(page.getByRole('button', { name: /^Export Lancashire/ }), 'click');
    await page.getByText(`Saved to ${app.host.saveFile}`).waitFor();

    expect(sent.filter((name) => name === 'profiles.export')).toHaveLength(1);
    expect(existsSync(app.host.saveFile)).toBe(true);
    const audited = app.workbench
      .db()
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'profile.export'`)
      .get() as { n: number };
    expect(audited.n).toBe(1);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp.ts';
import { TEST_KDF_COST } from '../support/workbench.ts';
import { launchChromium, openWorkbench, serveRenderer, type WorkbenchPage } from './harness.ts';
import { ADMIN, heading, routerCall, setUpTeam } from './setup.ts';

// A button that makes one call outside a form (here a profile's Export) holds a second click while the
// first call runs, however fast it comes: two clicks in the same tick open one save dialog and record one
// export. A hold kept in React state (`if (busy) return`) lets the second click of the same tick through,
// since the state has not changed yet when it arrives; the form foundation's hold is a ref.

const NOW = new Date('2026-11-05T09:00:00Z');

let browser: Browser;
let server: Awaited<ReturnType<typeof serveRenderer>>;
let data: ReturnType<typeof tempFolder>;
let app: WorkbenchPage;
/** Every call the page sent through the router binding, by name. */
const sent: string[] = [];

const call = routerCall(() => app);

/** Two clicks in the same tick: faster than any double click. */
const clickTwice = (button: Locator) =>
  button.evaluate((element) => {
    const b = element as unknown as { click(): void };
    b.click();
    b.click();
  });

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
  data = tempFolder('hsb-actions-e2e-');
  app = await openWorkbench(browser, server.url, data.path, { kdfCost: TEST_KDF_COST, now: NOW });
  const route = app.router.call.bind(app.router);
  // The page's binding looks the router's `call` up on each request, so this sees every call it sends; an
  // export waits a little, so that a second click would still find the first one in flight.
  app.router.call = async (name: unknown, request: unknown) => {
    sent.push(String(name));
    if (name === 'profiles.export') await new Promise((r) => setTimeout(r, 300));
    return route(name, request);
  };
  await setUpTeam(call, { members: [] });
  await app.page.reload();
  await app.page.getByText('Signed in as').waitFor();
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
  data?.remove();
});

describe('a button outside a form, on the form foundation', () => {
  it('exports a profile once for two clicks in the same tick', async () => {
    const { page } = app;
    expect(ADMIN.roles).toContain('administrator');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles' }).click();
    await page
      .getByRole('table', { name: 'Protocol profiles' })
      .getByRole('link', { name: 'Lancashire', exact: true })
      .click();
    await heading(page, 'Lancashire').waitFor();
    app.host.saveFile = join(data.path, 'lancashire-v1.json');

    await clickTwice(page.getByRole('button', { name: /^Export Lancashire/ }));
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

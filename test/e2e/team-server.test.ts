import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_CODE_REFUSED } from '#services/sync/server-link.ts';
import { openPglite } from '../../src/server/db.ts';
import { type RunningServer, startServer } from '../../src/server/server.ts';
import { joinTeamByFiles, lifeEvent } from '../support/sync-team.ts';
import { TEAM_SETUP_CODE } from '../support/team-setup-code.ts';
import type { Harness } from '../support/workbench.ts';
import { seriousAxeViolations, type WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { ADMIN, type Person, SW, YOS } from './setup.ts';
import { BELLA, region } from './sync-steps.ts';

// The team server, live: two computers in one team, each connected to a team server on this machine
// (embedded PGlite, loopback). The administrator on A enters its address and the server's team set-up
// code under Administration → Team server (a wrong code is refused first); B's is set through its
// router, with no code (joining a team needs none). A change made on A appears on the pattern map open on B's
// screen, with nobody on B doing anything.

/** Thursday 26/11/2026 10:00 in London (GMT). */
const NOW = new Date('2026-11-26T10:00:00Z');
const CHILD = 'Robin Example';

const suite = e2e.browserFile('hsb-team-server-e2e-', { now: NOW, open: false });
let teamServer: RunningServer;
let closeServerDb: () => Promise<void>;
let a: WorkbenchPage;
let b: WorkbenchPage;
const callA = e2e.routerCall(() => a);
const callB = e2e.routerCall(() => b);
/** What `joinTeamByFiles` uses of a workbench: its host's file dialogs and its router. */
const asHarness = (app: WorkbenchPage) =>
  ({ host: app.host, call: e2e.routerCall(() => app) }) as unknown as Harness;

beforeAll(async () => {
  mkdirSync(join(suite.folder, 'files'));
  const serverDb = await openPglite(join(suite.folder, 'server-data'));
  closeServerDb = () => serverDb.close();
  a = await suite.open(join(suite.folder, 'a'));
  b = await suite.open(join(suite.folder, 'b'));
  teamServer = await startServer({
    db: serverDb,
    log: () => undefined,
    now: () => a.clock.now ?? new Date(),
    setupCode: TEAM_SETUP_CODE,
  });
  await e2e.setUpTeam(callA, { members: [SW] });
  await e2e.setUpTeam(callB, { administrator: BELLA, members: [YOS] });
  // B joins A's team by the files its administrator swaps with A's (as in the sync browser test).
  await callB('session.signIn', { username: BELLA.username, password: BELLA.password }).catch(
    () => undefined,
  );
  await joinTeamByFiles(asHarness(a), asHarness(b), join(suite.folder, 'files'));
  await callB('sync.setServer', { address: teamServer.url });
  await e2e.signOutAndReload(a, ADMIN);
});

afterAll(async () => {
  // The workbenches first (they are connected to the team server), then the server (Chromium after).
  for (const app of [a, b]) await app?.close();
  await teamServer?.close();
  await closeServerDb?.();
});

describe('the team server, live, through the UI', () => {
  it('is set up under Administration → Team server, and a change on A appears on B’s open pattern map', async () => {
    await e2e.goTo(a.page, 'Administration');
    const section = region(a.page, 'Team server');
    await section.getByText('No team server: cases travel in case bundles only.').waitFor();
    await section.getByLabel('Team server address').fill(teamServer.url);
    // The team goes on the server only with the set-up code its administrator gave out.
    const code = section.getByLabel('Team set-up code');
    const save = section.getByRole('button', { name: 'Save the team server address' });
    await code.fill('WRONG-SETUP-CODE1');
    await save.click();
    const problem = section.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problem.getByRole('link', { name: SETUP_CODE_REFUSED }).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect((await callA('sync.serverStatus', {})).address).toBeNull();
    expect(await seriousAxeViolations(a.page)).toEqual([]);
    await section.screenshot({ path: '/tmp/hsb-team-server-code-refused.png' });
    await code.fill(TEAM_SETUP_CODE);
    await save.click();
    await section
      .getByText(`This computer now uses the team server at ${teamServer.url}, and your team is on it.`)
      .waitFor();
    expect(await seriousAxeViolations(a.page)).toEqual([]);
    await section.screenshot({ path: '/tmp/hsb-team-server-section.png' });

    const users = await callA('users.list', {});
    // Yas is a member of B, so A knows her by name (under a team username).
    const idOf = (person: Person) => users.find((u) => u.name === person.name)?.id ?? '';
    const ids = Object.fromEntries([ADMIN, SW, YOS].map((person) => [person.username, idOf(person)]));
    const { hsbCase } = await e2e.openAllocatedCase(callA, {
      child: { name: CHILD, dateOfBirth: '2013-03-14', gender: 'male' },
      profileId: 'lancashire',
      ...e2e.allocatedTo(ids),
    } as never);
    await callA('map.addItem', { caseId: hsbCase.id, item: lifeEvent('Moved house') });
    await callA('sync.syncNow', {});

    // Yas signs in on B: the live link opens, and the case is there without opening any file.
    await e2e.signOutAndReload(b, YOS);
    await e2e.goTo(b.page, 'Cases');
    await b.page.getByRole('link', { name: CHILD }).click({ timeout: 10_000 });
    await e2e.heading(b.page, CHILD).waitFor();
    await b.page.getByRole('link', { name: 'Pattern map' }).click();
    const chronology = b.page.getByRole('table', { name: /^Chronology of / });
    await chronology.getByText('Moved house', { exact: true }).first().waitFor();

    // Sam's colleague on A adds to the map; it appears on B's screen with no one on B doing anything.
    const before = Date.now();
    await callA('map.addItem', { caseId: hsbCase.id, item: lifeEvent('Started a new school') });
    await chronology.getByText('Started a new school', { exact: true }).first().waitFor({ timeout: 10_000 });
    expect(Date.now() - before).toBeLessThan(5_000);
    expect(a.outsideRequests).toEqual([]);
    expect(b.outsideRequests).toEqual([]);
  });
});

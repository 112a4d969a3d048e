import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lifeEvent } from '../support/sync-team.ts';
import type { WorkbenchPage } from './harness.ts';
import * as e2e from './setup.ts';
import { ADMIN, SW, YOS } from './setup.ts';
import {
  BELLA,
  changeWhatHappened,
  openBundle,
  openSyncPanel,
  PAT,
  pinnedKey,
  region,
  sendCase,
  teamSection,
  teamStep,
} from './sync-steps.ts';

// Two agencies, two laptops, one case, and a manager on a third, in Chromium against three real routers
// on three data folders. Machine A (Children's Social Care) has Alex, the administrator and manager, and
// Sam, the social worker; machine B (Youth Justice) has Bella, its administrator, and Yas, the co-assessor;
// machine C has Pat, a manager. A sets up the team under Administration → Team; B and C save requests to
// join, A adds their people and saves the signed roster, B and C take it (the administrator key each
// pinned is the one A shows). A case opened on A, allocated to Sam, Yas and both managers, is sent from the
// sync panel ("Working with other computers") and opened on B from the cases list. Sam and Yas change the
// same pattern-map item through the map while apart, swap case bundles, and both sync panels show the
// conflict side by side with who wrote each version; Sam keeps Yas's, sends again, and both show the same
// value and no conflict. Pat opens the case on C, sees it with the agreed value, approves the co-assessors'
// assessment (submitted on A) on the sign-off screen and sends it back: A shows it approved by Pat. Axe
// runs on the Team section and on each state of the sync panel.

/** Thursday 26/11/2026 10:00 in London (GMT). */
const NOW = new Date('2026-11-26T10:00:00Z');
const SHOTS = '/tmp/hsb-sync-screens';
const CHILD = 'Jordan Example';

const suite = e2e.browserFile('hsb-sync-e2e-', { now: NOW, open: false });
let a: WorkbenchPage;
let b: WorkbenchPage;
let c: WorkbenchPage;
const callA = e2e.routerCall(() => a);
const callB = e2e.routerCall(() => b);
const { checked: screensChecked, expectAccessible } = e2e.screens(SHOTS);
let caseId = '';
let reference = '';
const ids: Record<string, string> = {};

const file = (name: string) => join(suite.folder, 'files', name);

const whatOnMap = async (app: WorkbenchPage) =>
  (await e2e.routerCall(() => app)('map.get', { caseId })).items.map((i) => i.what);

beforeAll(async () => {
  mkdirSync(join(suite.folder, 'files'));
  a = await suite.open(join(suite.folder, 'a'));
  b = await suite.open(join(suite.folder, 'b'));
  c = await suite.open(join(suite.folder, 'c'));
  Object.assign(ids, (await e2e.setUpTeam(callA, { members: [SW] })).ids);
  Object.assign(ids, (await e2e.setUpTeam(callB, { administrator: BELLA, members: [YOS] })).ids);
  Object.assign(
    ids,
    (
      await e2e.setUpTeam(
        e2e.routerCall(() => c),
        { administrator: PAT, members: [] },
      )
    ).ids,
  );
  for (const [app, person] of [
    [a, ADMIN],
    [b, BELLA],
    [c, PAT],
  ] as const) {
    await e2e.signOutAndReload(app, person);
  }
});

describe('two co-assessors on two computers and a manager on a third, through the UI', () => {
  it('joins the three computers into one team under Administration → Team', async () => {
    const teamA = await teamSection(a.page);
    await teamA.getByText('This computer is not in a team yet.').waitFor();
    await expectAccessible(a.page, 'team not set up');
    await teamStep(
      teamA,
      'Set up a team from this computer',
      'The team has been set up from this computer: team roster version 1, with 2 people.',
    );

    for (const [app, name] of [
      [b, 'join-b.json'],
      [c, 'join-c.json'],
    ] as const) {
      const team = await teamSection(app.page);
      app.host.saveFile = file(name);
      await teamStep(team, 'Save a request to join the team', `Saved to ${file(name)}.`);
    }
    a.host.openFile = file('join-b.json');
    await teamStep(teamA, 'Add people from a join request', 'the team roster is now version 2');
    a.host.openFile = file('join-c.json');
    await teamStep(teamA, 'Add people from a join request', 'the team roster is now version 3');
    a.host.saveFile = file('roster.json');
    await teamStep(teamA, 'Save the team roster', `Saved to ${file('roster.json')}.`);

    const members = teamA.getByRole('table', { name: 'Team members' });
    for (const [name, where] of [
      ['Alex Administrator', 'On this computer'],
      ['Sam Social Worker', 'On this computer'],
      ['Bella Admin', 'Another computer'],
      ['Yas Youth Justice', 'Another computer'],
      ['Pat Manager', 'Another computer'],
    ]) {
      await members.getByRole('row').filter({ hasText: name }).filter({ hasText: where }).waitFor();
    }
    const pinnedOnA = await pinnedKey(teamA).textContent();
    expect(pinnedOnA).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    // Alex's own device fingerprint is the administrator key A trusts.
    await members
      .getByRole('row')
      .filter({ hasText: 'Alex Administrator' })
      .getByText(pinnedOnA ?? '')
      .waitFor();
    await teamA.getByText(/telephone the administrator who set it up/).waitFor();
    await expectAccessible(a.page, 'team on A');
    await teamA.screenshot({ path: join(SHOTS, 'close-up-team-on-A.png') });

    for (const app of [b, c]) {
      const team = await teamSection(app.page);
      app.host.openFile = file('roster.json');
      await teamStep(team, 'Take a team roster', 'Took the team roster, version 3.');
      expect(await pinnedKey(team).textContent()).toBe(pinnedOnA);
    }
    // Taking the same roster again is refused, saying why, and changes nothing.
    const teamC = region(c.page, 'Team');
    await teamC.getByRole('button', { name: 'Take a team roster' }).click();
    await teamC
      .getByRole('alert')
      .getByText(/not newer than the one this computer already has/)
      .waitFor();
    await expectAccessible(b.page, 'team on B');

    // On A, the people from B and C are listed under Users as working on another computer, not editable here.
    await e2e.goTo(a.page, 'Users');
    const yas = a.page.getByRole('row').filter({ hasText: 'Yas Youth Justice' });
    await yas.getByText('On another computer').waitFor();
    expect(await yas.getByRole('link').count()).toBe(0);
    await a.page
      .getByRole('row')
      .filter({ hasText: 'Sam Social Worker' })
      .getByRole('link', { name: /Edit/ })
      .waitFor();
  });

  it('sends a case from A to the co-assessor on B, who opens it from the cases list', async () => {
    const { hsbCase } = await e2e.openAllocatedCase(callA, {
      child: { name: CHILD, dateOfBirth: '2013-03-14', gender: 'male' } as never,
      profileId: 'lancashire',
      ...e2e.allocatedTo(ids, [ADMIN, PAT]),
    });
    caseId = hsbCase.id;
    reference = hsbCase.reference;
    await callA('map.addItem', { caseId, item: lifeEvent('Moved house') });
    await e2e.signInThroughUi(a.page, SW);
    await openSyncPanel(a.page, CHILD);
    const state = region(a.page, 'Where this case stands');
    await state.getByText('Not sent from this computer yet').waitFor();
    const waiting = state.getByRole('table', { name: 'Waiting to go' });
    for (const name of ['Yas Youth Justice', 'Pat Manager'])
      await waiting
        .getByRole('row')
        .filter({ hasText: name })
        .filter({ hasText: 'The whole case: it has not been sent to them yet' })
        .waitFor();
    // Alex works on this computer too: he already has everything, so he is not offered.
    expect(await waiting.getByText('Alex Administrator').count()).toBe(0);
    await expectAccessible(a.page, 'sync panel before sending');

    // Nobody chosen: the form says what to do and saves nothing.
    const send = region(a.page, 'Send case to…');
    await send.getByRole('button', { name: 'Save the case bundle…' }).click();
    await a.page
      .getByRole('alert')
      .getByText('Choose at least one person to send the case to')
      .first()
      .waitFor();

    expect(await sendCase(a, CHILD, ['Yas Youth Justice'], file('to-b.hsbcase'))).toMatch(
      /with \d+ change sets?\.$/,
    );
    await region(a.page, 'Where this case stands').getByText('26/11/2026 10:00').waitFor();

    await e2e.signInThroughUi(b.page, YOS);
    const opened = await openBundle(b, file('to-b.hsbcase'), reference);
    expect(await opened.textContent()).toMatch(
      new RegExp(`^Brought case ${reference} up to date with \\d+ change sets? from Sam Social Worker\\.`),
    );
    await opened.getByRole('link', { name: 'Go to the case' }).click();
    await e2e.heading(b.page, CHILD).waitFor();
    expect(await whatOnMap(b)).toEqual(['Moved house']);

    // The same bundle again changes nothing, and says so.
    const again = await openBundle(b, file('to-b.hsbcase'), reference);
    expect(await again.textContent()).toContain(`Case ${reference} was already up to date`);
  });

  it('shows the same item changed on both computers side by side on both, until one version is kept', async () => {
    e2e.minutesLater(a, 2);
    await changeWhatHappened(a.page, CHILD, 'Moved to Preston');
    e2e.minutesLater(b, 3);
    await changeWhatHappened(b.page, CHILD, 'Moved to Blackpool');

    await sendCase(a, CHILD, ['Yas Youth Justice'], file('a-edit.hsbcase'));
    await openBundle(b, file('a-edit.hsbcase'), reference);
    await sendCase(b, CHILD, ['Sam Social Worker', 'Alex Administrator'], file('b-edit.hsbcase'));
    await openBundle(a, file('b-edit.hsbcase'), reference);

    for (const app of [a, b]) {
      await openSyncPanel(app.page, CHILD);
      const conflict = region(
        region(app.page, 'Conflicts needing a decision'),
        'Pattern map item: What happened',
      );
      await region(conflict, 'Sam Social Worker’s version').getByText('Moved to Preston').waitFor();
      await region(conflict, 'Yas Youth Justice’s version').getByText('Moved to Blackpool').waitFor();
    }
    // Both computers show the same value meanwhile.
    expect(await whatOnMap(a)).toEqual(await whatOnMap(b));

    // The history lists who did what from either computer, each signature checked.
    const history = a.page.getByRole('table', { name: /Changes to the case from this and other computers/ });
    const fromB = history.getByRole('row').filter({ hasText: 'Yas Youth Justice' });
    await fromB.filter({ hasText: 'Another computer' }).first().waitFor();
    await fromB.filter({ hasText: 'Signature checked' }).first().waitFor();
    expect(await history.getByText(/Warning/).count()).toBe(0);
    await expectAccessible(a.page, 'sync panel with a conflict');
    await region(a.page, 'Pattern map item: What happened').screenshot({
      path: join(SHOTS, 'close-up-conflict.png'),
    });

    const conflicts = region(a.page, 'Conflicts needing a decision');
    await region(conflicts, 'Yas Youth Justice’s version')
      .getByRole('button', { name: 'Keep this version' })
      .click();
    await conflicts
      .getByRole('status')
      .getByText(/^Kept Yas Youth Justice’s version/)
      .waitFor();
    await conflicts.getByText('There are no conflicts to decide.').waitFor();
    await expectAccessible(a.page, 'sync panel after keeping a version');

    await sendCase(a, CHILD, ['Yas Youth Justice'], file('resolved.hsbcase'));
    await openBundle(b, file('resolved.hsbcase'), reference);
    await openSyncPanel(b.page, CHILD);
    await region(b.page, 'Conflicts needing a decision')
      .getByText('There are no conflicts to decide.')
      .waitFor();
    expect(await whatOnMap(a)).toEqual(['Moved to Blackpool']);
    expect(await whatOnMap(b)).toEqual(['Moved to Blackpool']);
  });

  it('lets the manager on the third computer open the case, see the agreed version and approve the assessment', async () => {
    // The co-assessors' AIM assessment, submitted for quality assurance on A (seeded through A's router).
    const assessment = await e2e.startAimAssessment(callA, {
      caseId,
      decisionAt: '2026-11-20T10:00:00Z',
      facts: { referralDate: '2026-11-02', lastBehaviourDate: '2026-10-20' },
      leadAssessorId: ids[YOS.username] ?? '',
      coAssessorId: ids[SW.username] ?? '',
    });
    await callA('signOff.submit', { assessmentId: assessment.id, comments: '' });
    // A bundle meant for someone else is refused, saying why, and opens nothing.
    await e2e.goTo(c.page, 'Cases');
    c.host.openFile = file('to-b.hsbcase');
    await c.page.getByRole('button', { name: 'Open a case bundle' }).click();
    const refused = c.page.getByRole('alert').filter({ hasText: 'The case bundle was not used' });
    await refused.getByText(/addressed to someone else.*Nothing has been changed\./).waitFor();
    expect(await c.page.getByRole('link', { name: CHILD }).count()).toBe(0);
    await expectAccessible(c.page, 'case bundle refused');

    await sendCase(a, CHILD, ['Pat Manager'], file('to-c.hsbcase'));
    const opened = await openBundle(c, file('to-c.hsbcase'), reference);
    expect(await opened.textContent()).toMatch(new RegExp(`^Brought case ${reference} up to date`));
    await opened.getByRole('link', { name: 'Go to the case' }).click();
    await e2e.heading(c.page, CHILD).waitFor();
    expect(await whatOnMap(c)).toEqual(['Moved to Blackpool']);
    await c.page.getByRole('link', { name: 'Working with other computers' }).click();
    await region(c.page, 'Conflicts needing a decision')
      .getByText('There are no conflicts to decide.')
      .waitFor();
    await expectAccessible(c.page, 'sync panel on C');

    // Pat quality-assures on C, through the sign-off screen, and sends the approval back to Sam.
    e2e.minutesLater(c, 5);
    await c.page.evaluate((hash) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
    }, `#/assessments/${assessment.id}/sign-off`);
    const qa = c.page.getByRole('form', { name: 'Quality-assure this version' });
    await qa.getByLabel('CSC Team Manager who reviewed it with you').fill('Chris Team Manager');
    await qa.getByLabel('Comments').fill('Clear analysis.');
    await qa.getByRole('button', { name: 'Approve' }).click();
    await e2e.notice(c.page, 'Approved. The approved content is now fixed').waitFor();
    await sendCase(c, CHILD, ['Sam Social Worker'], file('approved.hsbcase'));
    await openBundle(a, file('approved.hsbcase'), reference);
    const onA = await callA('signOff.status', { assessmentId: assessment.id });
    expect(onA.state).toBe('approved');
    expect(onA.transitions.map((t) => [t.action, t.byName])).toEqual([
      ['submit', 'Sam Social Worker'],
      ['approve', 'Pat Manager'],
    ]);
  });

  it('made no request to anywhere but the local page, and checked every screen', () => {
    for (const app of [a, b, c]) expect(app.outsideRequests).toEqual([]);
    expect(screensChecked.length).toBeGreaterThanOrEqual(8);
  });
});

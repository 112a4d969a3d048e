import type { Locator, Page } from 'playwright-core';
import type { WorkbenchPage } from './harness.ts';
import { goTo, heading, notice, openCasePage, type Person } from './setup.ts';

// What a person does on the Team section, the sync panel and the cases list, for the browser test of
// working with other computers (test/e2e/sync.test.ts).

/** Machine B's administrator (Youth Justice). */
export const BELLA: Person = {
  username: 'bella.admin',
  password: 'youth justice admin password',
  name: 'Bella Admin',
  agency: 'youth-justice',
  roles: ['administrator'],
  aimTrained: false,
};
/** The youth justice team manager (Lancashire: the CYJS manager quality-assures), administrator of machine C. */
export const PAT: Person = {
  username: 'pat.manager',
  password: 'pat manager password 1',
  name: 'Pat Manager',
  agency: 'youth-justice',
  roles: ['administrator', 'manager'],
  aimTrained: false,
};

export const region = (scope: Page | Locator, name: string) =>
  scope.getByRole('region', { name, exact: true });

export async function teamSection(page: Page): Promise<Locator> {
  await goTo(page, 'Administration');
  await heading(page, 'Administration').waitFor();
  const team = region(page, 'Team');
  await team.getByRole('button').first().waitFor();
  return team;
}

/** Clicks a button of the Team section and waits for the notice it gives. */
export async function teamStep(team: Locator, button: string, says: string | RegExp) {
  await team.getByRole('button', { name: button, exact: true }).click();
  await notice(team, says).waitFor();
}

export const pinnedKey = (team: Locator) =>
  team.getByRole('note', { name: 'Administrator key this computer trusts', exact: true });

export async function openSyncPanel(page: Page, child: string) {
  await openCasePage(page, child);
  await page.getByRole('link', { name: 'Working with other computers' }).click();
  await heading(page, 'Working with other computers').waitFor();
  await region(page, 'Where this case stands').waitFor();
}

/** "Send case to…" the people named, saving the bundle at `path`; returns the notice's text. */
export async function sendCase(app: WorkbenchPage, child: string, to: string[], path: string) {
  const { page } = app;
  await openSyncPanel(page, child);
  const send = region(page, 'Send case to…');
  for (const person of to) await send.getByLabel(person, { exact: true }).check();
  app.host.saveFile = path;
  await send.getByRole('button', { name: 'Save the case bundle…' }).click();
  const saved = notice(send, `Saved to ${path}, with `);
  await saved.waitFor();
  return (await saved.textContent()) ?? '';
}

/** Opens the case bundle at `path` from the cases list; returns the notice naming case `reference`. */
export async function openBundle(app: WorkbenchPage, path: string, reference: string): Promise<Locator> {
  const { page } = app;
  await goTo(page, 'Cases');
  await heading(page, 'Cases').waitFor();
  app.host.openFile = path;
  await page.getByRole('button', { name: 'Open a case bundle' }).click();
  const opened = notice(page, `case ${reference}`);
  await opened.waitFor();
  return opened;
}

/** Changes the first map item's "What happened" through the pattern map's chronology, as a person would. */
export async function changeWhatHappened(page: Page, child: string, to: string) {
  await goTo(page, 'Cases');
  await page.getByRole('link', { name: child }).click();
  await page.getByRole('link', { name: 'Pattern map' }).click();
  const table = page.getByRole('table', { name: /^Chronology of / });
  await table.getByRole('button', { name: /^Edit item 1,/ }).click();
  const form = page.getByRole('form', { name: 'Edit the life event', exact: true });
  await form.getByLabel('What happened').fill(to);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('The life event has been changed.').waitFor();
}

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CallName, CallRequest, CallResponse } from '#contract/calls.ts';
import type { Result } from '#contract/errors.ts';
import type { Agency, Role } from '#contract/vocabulary.ts';
import type { KdfCost } from '#store/crypto.ts';
import { tempFolder } from '../support/temp.ts';
import { TEST_KDF_COST } from '../support/workbench.ts';
import {
  launchChromium,
  openWorkbench,
  seriousAxeViolations,
  serveRenderer,
  type WorkbenchPage,
} from './harness.ts';

// The one place for what the browser tests share: the people and the case every test starts from, set
// up through the router (the foundation test drives the same steps through the screens); `browserFile`,
// which launches Chromium and opens the workbench on the file's own temporary data folder and clock; and
// the steps a person takes through the screens (signing in, the main navigation, a case page, a new child
// and case, a meeting's attendees; the date boxes are `fillDate` in harness.ts). Each test file calls
// these from its own hooks, so the files share no state and run alone or in any order. The steps of
// working with other computers are in sync-steps.ts.

export interface Person {
  username: string;
  password: string;
  name: string;
  agency: Agency;
  roles: Role[];
  aimTrained: boolean;
}

/** The initial password an administrator gives each person; they choose their own at first sign-in. */
export const FIRST_PASSWORD = 'first password 123';

export const ADMIN: Person = {
  username: 'alex.admin',
  password: 'administrator password 1',
  name: 'Alex Administrator',
  agency: 'childrens-social-care',
  roles: ['administrator', 'manager'],
  aimTrained: false,
};
/** The allocated social worker (Children's Social Care). */
export const SW: Person = {
  username: 'sam.sw',
  password: 'social worker password 1',
  name: 'Sam Social Worker',
  agency: 'childrens-social-care',
  roles: ['practitioner'],
  aimTrained: true,
};
/** The allocated YOS/CYJS practitioner. */
export const YOS: Person = {
  username: 'yas.yos',
  password: 'youth justice password 1',
  name: 'Yas Youth Justice',
  agency: 'youth-justice',
  roles: ['practitioner'],
  aimTrained: true,
};

/** A practitioner at the CYJS HSB Hub (hub staff: a youth-justice practitioner). */
export const HANA: Person = {
  username: 'hana.hub',
  password: 'hub practitioner pass 1',
  name: 'Hana Hub',
  agency: 'youth-justice',
  roles: ['practitioner'],
  aimTrained: true,
};
/** A youth-justice manager who does not co-assess: under Lancashire, the one who quality-assures. */
export const PAT: Person = {
  username: 'pat.manager',
  password: 'youth justice manager pass 1',
  name: 'Pat Manager',
  agency: 'youth-justice',
  roles: ['manager'],
  aimTrained: false,
};

/** What a person types at the sign-in screen (the call refuses any other keys). */
export const credentials = (person: Person) => ({ username: person.username, password: person.password });

export type Call = <K extends CallName>(name: K, request: CallRequest<K>) => Promise<CallResponse<K>>;

/** Calls the page's router directly (for set-up), throwing with the refusal's message. */
export function routerCall(app: () => WorkbenchPage): Call {
  return async (name, request) => {
    const result = await app().router.call(name, request);
    if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
    return result.data as never;
  };
}

export interface Team {
  /** Account ids by username, the administrator's included. */
  ids: Record<string, string>;
}

/**
 * Sets the workbench up with `administrator`, adds `members`, and lets each of `choosePasswords`
 * (by default every member) sign in once and choose their own password, as the workbench requires.
 * Ends signed in as the administrator.
 */
export async function setUpTeam(
  call: Call,
  options: { administrator?: Person; members?: Person[]; choosePasswords?: Person[] } = {},
): Promise<Team> {
  const administrator = options.administrator ?? ADMIN;
  const members = options.members ?? [SW, YOS];
  const setUp = await call('session.setUp', {
    administrator: {
      username: administrator.username,
      name: administrator.name,
      agency: administrator.agency,
      roles: administrator.roles,
      aimTrained: administrator.aimTrained,
    },
    password: administrator.password,
  });
  const ids: Record<string, string> = { [administrator.username]: setUp.status.user?.id ?? '' };
  for (const person of members) {
    const user = await call('users.create', {
      username: person.username,
      name: person.name,
      agency: person.agency,
      roles: person.roles,
      aimTrained: person.aimTrained,
      initialPassword: FIRST_PASSWORD,
    });
    ids[person.username] = user.id;
  }
  const choosing = options.choosePasswords ?? members;
  if (choosing.length) {
    for (const person of choosing) {
      await call('session.signOut', {});
      await call('session.signIn', { username: person.username, password: FIRST_PASSWORD });
      await call('account.changePassword', { currentPassword: FIRST_PASSWORD, newPassword: person.password });
    }
    await call('session.signOut', {});
    await call('session.signIn', { username: administrator.username, password: administrator.password });
  }
  return { ids };
}

export interface CaseSetUp {
  child: CallRequest<'children.create'>;
  profileId: string;
  /** The case's allocation (need-to-know access follows it). */
  socialWorkerId: string;
  yosPractitionerId: string;
  managerIds: string[];
}

/** Records a child and opens their case, allocated, as the signed-in person. */
export async function openAllocatedCase(call: Call, setUp: CaseSetUp) {
  const child = await call('children.create', setUp.child);
  const hsbCase = await call('cases.open', {
    childId: child.id,
    profileId: setUp.profileId,
    socialWorkerId: setUp.socialWorkerId,
    yosPractitionerId: setUp.yosPractitionerId,
    managerIds: setUp.managerIds,
  });
  return { child, hsbCase };
}

/** The page's one level-1 heading, by its exact text (or matching a pattern). */
export const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });

/** Signs in on the sign-in screen as a person would (signing out first if someone is signed in). */
export async function signInThroughUi(page: Page, who: { username: string; password: string }) {
  if (await page.getByRole('button', { name: 'Sign out' }).count()) await signOutThroughUi(page);
  await heading(page, 'Sign in').waitFor();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}

export async function signOutThroughUi(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in').waitFor();
}

type OpenOptions = Parameters<typeof openWorkbench>[3];

export interface BrowserFile {
  readonly browser: Browser;
  /** The built renderer's address. */
  readonly url: string;
  /** The file's temporary folder (removed after its tests). */
  readonly folder: string;
  /** The workbench opened before the tests (unless the file asked for none). */
  readonly app: WorkbenchPage;
  /** Calls that workbench's router directly, for set-up (see `routerCall`). */
  readonly call: Call;
  /** Opens a workbench on `dataDir` at the file's clock (closed after the tests if not before). */
  open(dataDir: string, options?: OpenOptions): Promise<WorkbenchPage>;
}

/**
 * The set-up every browser test file shares, as its first `beforeAll` and last `afterAll`: Chromium, the
 * built renderer, a temporary folder named `prefix…`, and the workbench opened on it (in `dataDir` below
 * it, if given) with the workbench's and the page's clocks at `now`. Everything is closed and removed
 * afterwards, so each file runs alone and in any order.
 */
export function browserFile(
  prefix: string,
  options: { now?: Date; kdfCost?: KdfCost; dataDir?: string; open?: boolean } = {},
): BrowserFile {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveRenderer>> | undefined;
  let data: ReturnType<typeof tempFolder> | undefined;
  let first: WorkbenchPage | undefined;
  const opened: WorkbenchPage[] = [];
  const file: BrowserFile = {
    get browser() {
      if (!browser) throw new Error('Chromium is not running yet.');
      return browser;
    },
    get url() {
      if (!server) throw new Error('The renderer is not being served yet.');
      return server.url;
    },
    get folder() {
      if (!data) throw new Error('The temporary folder is not made yet.');
      return data.path;
    },
    get app() {
      if (!first) throw new Error('No workbench is open yet.');
      return first;
    },
    call: routerCall(() => file.app),
    async open(dataDir, more = {}) {
      mkdirSync(dataDir, { recursive: true });
      const app = await openWorkbench(file.browser, file.url, dataDir, {
        kdfCost: options.kdfCost ?? TEST_KDF_COST,
        now: options.now,
        ...more,
      });
      // Closed once, whether the test closes it (a restart) or the file's `afterAll` does.
      const close = app.close.bind(app);
      let closing: Promise<void> | undefined;
      app.close = () => {
        closing ??= close();
        return closing;
      };
      opened.push(app);
      return app;
    },
  };
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
    data = tempFolder(prefix);
    if (options.open !== false) first = await file.open(join(data.path, options.dataDir ?? ''));
  });
  afterAll(async () => {
    for (const app of opened.splice(0)) await app.close();
    await browser?.close();
    await server?.close();
    data?.remove();
  });
  return file;
}

/**
 * Axe on each screen a test looks at (there must be no serious or critical violation), with a full-page
 * picture of it in `shots` when a folder is given (emptied first if `fresh`). `checked` lists the screens.
 */
export function screens(shots?: string, options: { fresh?: boolean } = {}) {
  if (shots && options.fresh) rmSync(shots, { recursive: true, force: true });
  if (shots) mkdirSync(shots, { recursive: true });
  const checked: string[] = [];
  return {
    checked,
    async expectAccessible(page: Page, screen: string) {
      expect(await seriousAxeViolations(page), `axe on ${screen}`).toEqual([]);
      checked.push(screen);
      if (shots)
        await page.screenshot({ path: join(shots, `${screen.replaceAll(' ', '-')}.png`), fullPage: true });
    },
    /** A picture of one part of a screen, to look at closely (not an assertion). */
    async closeUp(part: Locator, name: string) {
      if (shots) await part.screenshot({ path: join(shots, `close-up-${name.replaceAll(' ', '-')}.png`) });
    },
  };
}

/** Some minutes pass on the workbench, as if its person had been working (so it does not lock). */
export function minutesLater(app: WorkbenchPage, minutes: number) {
  app.clock.now = new Date((app.clock.now ?? new Date()).getTime() + minutes * 60_000);
  app.workbench.touch();
}

/** Signs `person` in through the router (signing out whoever was), then reloads the page signed in. */
export async function signInByRouter(app: WorkbenchPage, person: Person) {
  const call = routerCall(() => app);
  await call('session.signOut', {});
  await call('session.signIn', credentials(person));
  await app.page.reload();
  await app.page.getByText('Signed in as').waitFor();
}

/** Sets the team up (see `setUpTeam`) and opens one child's case allocated to Sam and Yas, managed by `managers`. */
export async function setUpTeamAndCase(
  call: Call,
  options: {
    team?: Parameters<typeof setUpTeam>[1];
    child: Partial<CallRequest<'children.create'>>;
    profileId: string;
    managers?: Person[];
  },
) {
  const { ids } = await setUpTeam(call, options.team);
  const opened = await openAllocatedCase(call, {
    child: { gender: 'male', ...options.child } as never,
    profileId: options.profileId,
    ...allocatedTo(ids, options.managers),
  });
  return { ids, ...opened };
}

/** A case's allocation: Sam the social worker, Yas the YOS practitioner, and `managers` (Alex by default). */
export const allocatedTo = (ids: Team['ids'], managers: Person[] = [ADMIN]) => ({
  socialWorkerId: ids[SW.username] ?? '',
  yosPractitionerId: ids[YOS.username] ?? '',
  managerIds: managers.map((person) => ids[person.username] ?? ''),
});

/** The facts of an AIM3 decision the browser tests start assessments from (a referral in May 2026). */
export const AIM_FACTS = {
  referralDate: '2026-05-01',
  lastBehaviourDate: '2026-04-20',
  residesInArea: true,
  ongoingPoliceInvestigation: false,
  openToChildrensSocialCare: true,
  openToYouthJusticeService: false,
};

/** Starts an AIM3 assessment on the welfare route through the router, decided at `decisionAt`. */
export function startAimAssessment(
  call: Call,
  request: {
    caseId: string;
    decisionAt: string;
    leadAssessorId: string;
    coAssessorId: string;
    /** Facts that differ from `AIM_FACTS`. */
    facts?: Partial<typeof AIM_FACTS>;
    /** Why the assessment goes ahead against the profile's criteria. */
    proceedReason?: string;
  },
) {
  const { facts, ...rest } = request;
  return call('assessments.start', {
    frameworkId: 'aim3',
    route: 'welfare',
    reasons: 'Harmful behaviour towards a peer',
    qualityReviewNotified: '',
    facts: { ...AIM_FACTS, ...facts },
    proceedReason: '',
    ...rest,
  });
}

/** On "Start an AIM assessment": Yas leads and Sam co-assesses. */
export async function chooseAimAssessors(form: Locator) {
  await form
    .getByLabel('Lead assessor')
    .selectOption({ label: 'Yas Youth Justice — Youth Justice / YOS, AIM-trained' });
  await form
    .getByLabel('Co-assessor')
    .selectOption({ label: "Sam Social Worker — Children's Social Care, AIM-trained" });
}

/** Follows a link of the main navigation, as a person would. */
export const goTo = (page: Page, link: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();

/** From the cases list to the child's case page. */
export async function openCasePage(page: Page, child: string, part?: string) {
  await goTo(page, 'Cases');
  await heading(page, 'Cases').waitFor();
  await page.getByRole('link', { name: child }).click();
  await heading(page, child).waitFor();
  if (part) await casePart(page, part);
}

/** Moves to a part of the case page ("AIM assessments", "Case notes", …) by its link, as a person does. */
export async function casePart(page: Page, part: string) {
  const link = page
    .getByRole('navigation', { name: 'Parts of this case' })
    .getByRole('link', { name: part, exact: true });
  await link.click();
  await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
}

/**
 * Records every call the page sends through the router binding, by name (in `sent`), and makes each of
 * `slow` wait a little, so that a second click or submit would still find the first one in flight. A
 * refusal put in `refuseNext` is sent back instead of the next call of that name (the fault is injected
 * at the binding).
 */
export function watchCalls(app: WorkbenchPage, slow: CallName[]) {
  const sent: string[] = [];
  const refuseNext = new Map<string, Result<never>>();
  const route = app.router.call.bind(app.router);
  // The page's binding looks the router's `call` up on each request, so this sees every call it sends.
  app.router.call = async (name: unknown, request: unknown) => {
    sent.push(String(name));
    const refusal = refuseNext.get(String(name));
    if (refusal) {
      refuseNext.delete(String(name));
      return refusal;
    }
    if (slow.includes(name as CallName)) await new Promise((r) => setTimeout(r, 300));
    return route(name, request);
  };
  return { sent, refuseNext };
}

/**
 * Returns once the page has run everything it had queued (a second request sent when the first was
 * answered, say): a task posted now runs after them, and the page's calls reach the router in order.
 */
export async function behindQueuedWork(page: Page) {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** On "Open an HSB case": the profile, and the case allocated to Sam and Yas with Alex as manager. */
export async function allocateNewCase(page: Page, profile: string) {
  await page.getByLabel('Protocol profile').selectOption({ label: profile });
  await page.getByLabel('Allocated social worker').selectOption({ label: `${SW.name} (AIM-trained)` });
  await page.getByLabel('YOS practitioner').selectOption({ label: `${YOS.name} (AIM-trained)` });
  await page.getByLabel(ADMIN.name).check();
}

/** From the cases list to the "New child" form. */
export async function startNewChild(page: Page) {
  await goTo(page, 'Cases');
  await heading(page, 'Cases').waitFor();
  await page.getByRole('button', { name: 'New child and case' }).click();
  await heading(page, 'New child').waitFor();
}

/** Fills in attendee `n` of a meeting form (the group "Attendee n"), and returns the group. */
export async function fillAttendee(
  form: Locator,
  n: number,
  who: { name: string; role?: string; agency?: string },
) {
  const group = form.getByRole('group', { name: `Attendee ${n}` });
  await group.getByLabel('Name').fill(who.name);
  if (who.role !== undefined) await group.getByLabel('Role').fill(who.role);
  if (who.agency !== undefined) await group.getByLabel('Agency').fill(who.agency);
  return group;
}

/** From the cases list to version `version` of the child's AIM assessment, through the case page. */
export async function openAssessment(page: Page, child: string, version = 1) {
  await openCasePage(page, child, 'AIM assessments');
  await page
    .getByRole('region', { name: 'AIM assessments' })
    .getByRole('link', { name: `AIM3, version ${version}` })
    .click();
  await heading(page, `AIM assessment: ${child}`).waitFor();
}

/** Signs out through the router and reloads the page; then signs `person` in on the sign-in screen, if given. */
export async function signOutAndReload(app: WorkbenchPage, person?: Person) {
  await routerCall(() => app)('session.signOut', {});
  await app.page.reload();
  if (person) await signInThroughUi(app.page, person);
}

/** The notice (a status message) in `scope` that says `text`. */
export const notice = (scope: Page | Locator, text: string | RegExp) =>
  scope.getByRole('status').filter({ hasText: text });

/** Calls `method` of the element twice in the same tick: faster than any double click or double submit. */
export const twiceInOneTick = (element: Locator, method: 'click' | 'requestSubmit') =>
  element.evaluate((el, name) => {
    const target = el as unknown as { click(): void; requestSubmit(): void };
    target[name]();
    target[name]();
  }, method);

/** Sets the workbench up with the administrator alone (see `setUpTeam`), and reloads the page signed in. */
export async function setUpAlone(app: WorkbenchPage) {
  await setUpTeam(
    routerCall(() => app),
    { members: [] },
  );
  await app.page.reload();
  await app.page.getByText('Signed in as').waitFor();
}

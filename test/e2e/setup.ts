import type { Page } from 'playwright-core';
import type { CallName, CallRequest, CallResponse } from '#contract/calls.ts';
import type { Agency, Role } from '#contract/vocabulary.ts';
import type { WorkbenchPage } from './harness.ts';

// The people and the case every browser test starts from, set up through the router (the foundation
// test drives the same steps through the screens). Each test file calls these in its own `beforeAll`
// on its own temporary data folder, so the files share no state and run alone or in any order.

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

/** The page's one level-1 heading, by its exact text. */
export const heading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true });

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

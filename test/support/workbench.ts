import type { CallName, CallRequest, CallResponse } from '#contract/calls.ts';
import type { AppError } from '#contract/errors.ts';
import type { Agency, Role } from '#contract/vocabulary.ts';
import type { Host } from '#services/host.ts';
import { createRouter, type Router } from '#services/router.ts';
import { Workbench } from '#services/workbench.ts';
import type { KdfCost } from '#store/crypto.ts';

/** A cheaper scrypt for tests that make many accounts; one suite keeps the production cost. */
export const TEST_KDF_COST: KdfCost = { N: 2 ** 12, r: 8, p: 1 };

export interface TestHost extends Host {
  backupFolder: string | null;
  restoreFolder: string | null;
  saveFile: string | null;
  openFile: string | null;
}

export function testHost(): TestHost {
  const host: TestHost = {
    backupFolder: null,
    restoreFolder: null,
    saveFile: null,
    openFile: null,
    chooseBackupFolder: async () => host.backupFolder,
    chooseRestoreFolder: async () => host.restoreFolder,
    chooseSaveFile: async () => host.saveFile,
    chooseOpenFile: async () => host.openFile,
  };
  return host;
}

export interface Harness {
  wb: Workbench;
  router: Router;
  host: TestHost;
  clock: { now: Date };
  /** Moves the clock as if the person had been working at that moment (so auto-lock does not fire). */
  travelTo(when: Date): void;
  /** Calls through the router and returns the data, or throws with the error message. */
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>>;
  /** Calls through the router and returns the error (fails the test if the call succeeded). */
  refuse(name: string, request: unknown): Promise<AppError>;
}

export function harness(
  dataDir: string,
  options: { kdfCost?: KdfCost; start?: Date; syncSchema?: number } = {},
): Harness {
  const clock = { now: options.start ?? new Date('2026-11-26T10:00:00Z') };
  const host = testHost();
  const wb = new Workbench({
    dataDir,
    host,
    kdfCost: options.kdfCost ?? TEST_KDF_COST,
    now: () => clock.now,
    ...(options.syncSchema === undefined ? {} : { syncSchema: options.syncSchema }),
  });
  const unexpected: unknown[] = [];
  const router = createRouter(wb, (error) => unexpected.push(error));
  return {
    wb,
    router,
    host,
    clock,
    travelTo(when) {
      clock.now = when;
      wb.touch();
    },
    async call(name, request) {
      const result = await router.call(name, request);
      if (!result.ok) {
        const cause = result.error.code === 'internal' ? ` (${String(unexpected.at(-1))})` : '';
        throw new Error(`${name} refused: ${result.error.code}: ${result.error.message}${cause}`);
      }
      return result.data as never;
    },
    async refuse(name, request) {
      const result = await router.call(name, request);
      if (result.ok) throw new Error(`${name} was expected to be refused but succeeded`);
      return result.error;
    },
  };
}

export const ADMIN_PASSWORD = 'correct horse battery';
export const SW_PASSWORD = 'social worker pass 1';
export const YOS_PASSWORD = 'youth justice pass 1';

/**
 * Adds a person as the administrator does, then lets them choose their own password (the workbench
 * refuses everything else until they have; on this computer it also learns their device key), and signs
 * the administrator back in (by default the seeded team's).
 */
export async function addTeamMember(
  h: Harness,
  person: { username: string; name: string; agency: Agency; roles: Role[]; aimTrained: boolean },
  password: string,
  administrator = { username: 'admin', password: ADMIN_PASSWORD },
) {
  const user = await h.call('users.create', { ...person, initialPassword: `${password} (first)` });
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: person.username, password: `${password} (first)` });
  await h.call('account.changePassword', { currentPassword: `${password} (first)`, newPassword: password });
  await h.call('session.signOut', {});
  await h.call('session.signIn', administrator);
  return user;
}

/** Yas, the youth justice practitioner who co-assesses the team's cases. */
export const YAS = {
  username: 'yas.yos',
  name: 'Yas Youth Justice',
  agency: 'youth-justice',
  roles: ['practitioner'],
  aimTrained: true,
} satisfies Parameters<typeof addTeamMember>[1];

/**
 * Sets up the youth justice service's own computer, with Bella as its administrator (signed in when this
 * returns), as the second machine of a team.
 */
export async function setUpYouthJusticeMachine(h: Harness, bellaPassword: string) {
  await h.call('session.setUp', {
    administrator: {
      username: 'bella.admin',
      name: 'Bella Admin',
      agency: 'youth-justice',
      roles: ['administrator'],
      aimTrained: false,
    },
    password: bellaPassword,
  });
  return { username: 'bella.admin', password: bellaPassword };
}

export const PAT_PASSWORD = 'pat manager pass 1';

/** Adds Pat, a youth justice manager (a CYJS Team Manager), as the administrator (by default the team's). */
export function addYouthJusticeManager(h: Harness, administrator?: { username: string; password: string }) {
  return addTeamMember(
    h,
    {
      username: 'pat.manager',
      name: 'Pat Manager',
      agency: 'youth-justice',
      roles: ['manager'],
      aimTrained: false,
    },
    PAT_PASSWORD,
    administrator,
  );
}

/** Sets up a workbench with an administrator (also a manager), a CSC social worker and a YOS practitioner. */
export async function seededTeam(h: Harness) {
  const setUp = await h.call('session.setUp', {
    administrator: {
      username: 'admin',
      name: 'Alex Administrator',
      agency: 'childrens-social-care',
      roles: ['administrator', 'manager'],
      aimTrained: false,
    },
    password: ADMIN_PASSWORD,
  });
  const socialWorker = await addTeamMember(
    h,
    {
      username: 'sam.sw',
      name: 'Sam Social Worker',
      agency: 'childrens-social-care',
      roles: ['practitioner'],
      aimTrained: true,
    },
    SW_PASSWORD,
  );
  const yos = await addTeamMember(h, YAS, YOS_PASSWORD);
  const admin = setUp.status.user;
  if (!admin) throw new Error('set-up returned no user');
  return { recoveryKey: setUp.recoveryKey, admin, socialWorker, yos };
}

export type Team = Awaited<ReturnType<typeof seededTeam>>;

/** Who a case is allocated to: a social worker, a youth justice practitioner and a manager. */
export interface Allocation {
  socialWorker: { id: string };
  yos: { id: string };
  admin: { id: string };
}

/**
 * Records a child (a boy born on 14/03/2013 unless `child` says otherwise) and opens their case, as
 * whoever is signed in: under Lancashire's profile, allocated to the team's social worker and youth justice
 * practitioner with its administrator as manager, unless `allocation` says otherwise. Returns the case.
 */
export async function openCaseFor(
  h: Harness,
  team: Allocation,
  child: { name: string } & Partial<CallRequest<'children.create'>>,
  allocation: Partial<CallRequest<'cases.open'>> = {},
) {
  const created = await h.call('children.create', { dateOfBirth: '2013-03-14', gender: 'male', ...child });
  return h.call('cases.open', { childId: created.id, ...teamAllocation(team), ...allocation });
}

/** A Lancashire case's allocation to the team: its social worker, youth justice practitioner and administrator as manager. */
export function teamAllocation(team: Allocation) {
  return {
    profileId: 'lancashire',
    socialWorkerId: team.socialWorker.id,
    yosPractitionerId: team.yos.id,
    managerIds: [team.admin.id],
  };
}

/**
 * Records a child and opens their Lancashire case allocated to the seeded team (social worker, YOS
 * practitioner, the administrator as manager), as the administrator; returns the case id.
 */
export async function openTeamCase(h: Harness, team: Team, child: { name: string; dateOfBirth: string }) {
  return (await openCaseFor(h, team, child)).id;
}

/** Adds Max Manager, a second children's social care manager (manager of no case until allocated). */
export function addOtherManager(h: Harness, password: string) {
  return addTeamMember(
    h,
    {
      username: 'max.manager',
      name: 'Max Manager',
      agency: 'childrens-social-care',
      roles: ['manager'],
      aimTrained: false,
    },
    password,
  );
}

/** The seeded team's passwords by username. */
export const TEAM_PASSWORDS: Readonly<Record<string, string>> = {
  admin: ADMIN_PASSWORD,
  'sam.sw': SW_PASSWORD,
  'yas.yos': YOS_PASSWORD,
};

/** Signs out whoever is signed in and signs this person in (by default with their seeded-team password). */
export async function signInAs(h: Harness, username: string, password = TEAM_PASSWORDS[username] ?? '') {
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username, password });
}

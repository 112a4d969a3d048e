import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import type { ChangeSet } from '#domain/sync/replica.ts';
import { wrapCaseKey } from '#sync/bundle.ts';
import { type CaseKey, changeSetId, type Envelope, sealChangeSet } from '#sync/envelope.ts';
import { type CaseMembership, type SignedCaseMembership, signMembership } from '#sync/membership.ts';
import { type SignedRoster, signRoster } from '#sync/roster.ts';
import { TeamClient, type TeamClientOptions } from '#sync/team-client.ts';
import { type Db, openPglite, openPostgres } from '../../src/server/db.ts';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server/server.ts';
import { rosterOf, type TeamMember, teamMember } from '../support/team-keys.ts';
import { TEAM_SETUP_CODE } from '../support/team-setup-code.ts';
import { tempFolder } from '../support/temp.ts';

/**
 * The team server's tests run against the embedded PGlite always, and against a real PostgreSQL
 * when `HSB_TEST_DATABASE_URL` names one (`.ci/run` starts one). Each test gets a fresh database.
 */

export const POSTGRES_URL = process.env.HSB_TEST_DATABASE_URL;
if (!POSTGRES_URL) {
  console.log(
    'HSB_TEST_DATABASE_URL is not set: the PostgreSQL variants of the team server tests are skipped.',
  );
}

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** The PGlite data folder, or the PostgreSQL connection string of this test's own database. */
  where: string;
  /** Another connection to the same database (PostgreSQL only; PGlite allows one). */
  reopen(): Promise<Db>;
  dispose(): Promise<void>;
}

export const VARIANTS = [
  { kind: 'pglite' as const, skip: false },
  { kind: 'postgres' as const, skip: !POSTGRES_URL },
];

export async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hsb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL as string);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const folder = tempFolder('hsb-server-');
    const where = join(folder.path, 'data');
    const db = await openPglite(where);
    return {
      kind,
      db,
      where,
      reopen: async () => {
        throw new Error('PGlite has one connection');
      },
      dispose: async () => {
        await db.close();
        folder.remove();
      },
    };
  }
  const { url, drop } = await freshPostgresUrl();
  const db = await openPostgres(url);
  const others: Db[] = [];
  return {
    kind,
    db,
    where: url,
    reopen: async () => {
      const other = await openPostgres(url);
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const o of others) await o.close();
      await db.close();
      await drop();
    },
  };
}

export const NOW = new Date('2026-11-26T10:00:00Z');

/** A clock the test moves by hand; the server and clients read it. */
export function testClock(start = NOW) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), set: (d: Date) => (t = d.getTime()) };
}

export function quietServer(db: Db, options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ db, log: () => undefined, setupCode: TEAM_SETUP_CODE, ...options });
}

/** The database and server a test runs against; a test that restarts the server puts the new one here. */
export interface ServerUnderTest {
  store: TestDatabase;
  server: RunningServer;
}

/**
 * Before each test: the clock set to NOW, a fresh database of this kind and a quiet server on it that reads
 * the clock (with `options()`, asked for first); after each, the server (the one here now, if the test
 * restarted it) closed and the database disposed.
 */
export function serverEachTest(
  kind: 'pglite' | 'postgres',
  clock: ReturnType<typeof testClock>,
  options: () => Partial<ServerOptions> = () => ({}),
): ServerUnderTest {
  const live = {} as ServerUnderTest;
  beforeEach(async () => {
    clock.set(NOW);
    const extra = options();
    live.store = await openTestDatabase(kind);
    live.server = await quietServer(live.store.db, { now: clock.now, ...extra });
  });
  afterEach(async () => {
    await live.server.close();
    await live.store.dispose();
  });
  return live;
}

/** A team: an administrator (also a manager), two co-assessors and an outsider, with a roster signed by the administrator. */
export function team() {
  const admin = teamMember('admin', { administrator: true, roles: ['manager'] });
  const sw = teamMember('sw');
  const yos = teamMember('yos');
  const outsider = teamMember('outsider');
  const members = [admin, sw, yos, outsider];
  const signedRoster = signRoster(
    rosterOf(members, NOW),
    { memberId: admin.id, deviceId: admin.deviceId },
    admin.device.privateKey,
  );
  return { admin, sw, yos, outsider, members, signedRoster, pinned: admin.device.publicKey };
}
export type Team = ReturnType<typeof team>;

export function clientFor(
  url: string,
  t: Team,
  m: TeamMember,
  extra: Partial<TeamClientOptions> = {},
): TeamClient {
  return new TeamClient({
    serverUrl: url,
    device: { teamId: 'team-1', memberId: m.id, deviceId: m.deviceId, signingKey: m.device.privateKey },
    pinnedAdministratorKey: t.pinned,
    retry: { attempts: 3, baseDelayMs: 20 },
    ...extra,
  });
}

/** A case allocated by the administrator to `members`, with its content key. */
export function allocation(
  t: Team,
  caseId: string,
  members: TeamMember[],
  generation = 1,
): { key: CaseKey; signed: SignedCaseMembership } {
  const key = { id: `${caseId}-k${generation}`, key: randomBytes(32) };
  const membership: CaseMembership = {
    format: 'hsb-case-membership/1',
    teamId: 'team-1',
    caseId,
    generation,
    caseKeyId: key.id,
    members: members.map((m) => m.id),
    keys: members.map((m) => wrapCaseKey(caseId, key.id, key.key, m.member)),
    issuedAt: NOW.toISOString(),
  };
  return {
    key,
    signed: signMembership(
      membership,
      { memberId: t.admin.id, deviceId: t.admin.deviceId },
      t.admin.device.privateKey,
    ),
  };
}

/** A change set by `m` on a case, its text holding `text` (a canary in the secrecy tests). */
export function change(
  m: TeamMember,
  caseId: string,
  seq: number,
  key: CaseKey,
  text = `note ${seq}`,
): Envelope {
  const cs: ChangeSet = {
    id: changeSetId(m.id, m.deviceId, caseId, seq),
    author: m.id,
    device: m.deviceId,
    seq,
    caseId,
    schema: 1,
    ops: [
      {
        table: 'case_notes',
        id: `note-${m.id}-${seq}`,
        field: 'text',
        edit: { at: `2026-11-26T10:00:00.000Z-${seq}-${m.id}`, replaces: [], value: text, by: m.id },
      },
    ],
  };
  return sealChangeSet(cs, key, m.device.privateKey);
}

/** Sets up the team on a running server: creates it and allocates case-1 to sw and yos. */
export async function teamWithCase(url: string, now: () => Date, t: Team = team()) {
  await TeamClient.createTeam(url, t.signedRoster, TEAM_SETUP_CODE);
  const admin = clientFor(url, t, t.admin, { now });
  const c1 = allocation(t, 'case-1', [t.sw, t.yos, t.admin]);
  await admin.publishMembership(c1.signed);
  return { t, admin, c1 };
}

/** A server in a child process (`npm run server`'s entry point), for kill and scale-out tests. */
export async function serverProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess; exited: Promise<void>; printed: string }> {
  const child = spawn(process.execPath, ['src/server/main.ts', ...args], {
    env: { ...process.env, HSB_SERVER_PORT: '0', HSB_SERVER_SETUP_CODE: TEAM_SETUP_CODE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it started: ${out}`));
    });
  });
  child.stdout?.resume();
  return { url, child, exited, printed: out };
}

export type { SignedRoster };

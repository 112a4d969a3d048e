import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETUP_CODE_REFUSED } from '#services/sync/server-link.ts';
import { openPglite } from '../../src/server/db.ts';
import { type RunningServer, startServer } from '../../src/server/server.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { joinTeamByFiles, lifeEvent, twoAgencyMachines } from '../support/sync-team.ts';
import { TEAM_SETUP_CODE } from '../support/team-setup-code.ts';
import { tempFolder } from '../support/temp.ts';
import type { Harness } from '../support/workbench.ts';
import { harness, openCaseFor, seededTeam, signInAs } from '../support/workbench.ts';

// Two machines and the team server (embedded PGlite, on loopback): the same signed, sealed change sets
// as case bundles, brought in by "Sync now" and, while connected, as the server announces them.

const START = new Date('2026-11-26T10:00:00Z');
const B_ADMIN = { username: 'bella.admin', password: 'youth justice admin pw' };

let folder: ReturnType<typeof tempFolder>;
let server: RunningServer;
let closeDb: () => Promise<void>;
let serverDb: Awaited<ReturnType<typeof openPglite>>;
const opened: Harness[] = [];
const clock = { now: START };

beforeEach(async () => {
  folder = tempFolder();
  const db = await openPglite(join(folder.path, 'server-data'));
  serverDb = db;
  closeDb = () => db.close();
  server = await startServer({ db, log: () => undefined, now: () => clock.now, setupCode: TEAM_SETUP_CODE });
});
afterEach(async () => {
  for (const h of opened.splice(0)) h.wb.close();
  await server.close();
  await closeDb();
  folder.remove();
});

const as = signInAs;

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function teamOnServer() {
  const {
    a,
    b,
    teamA: team,
    yosB,
  } = await twoAgencyMachines(folder.path, START, B_ADMIN.password, ['a', 'b']);
  opened.push(a, b);
  a.clock.now = clock.now;
  await joinTeamByFiles(a, b, folder.path);
  await a.call('sync.setServer', { address: server.url, setupCode: TEAM_SETUP_CODE });
  await b.call('sync.setServer', { address: server.url });
  return { a, b, team, yosB };
}

describe('the team server from the desktop', () => {
  it('refuses an address that is not https (other than this computer), saving nothing', async () => {
    const a = harness(join(folder.path, 'solo'), { start: START });
    opened.push(a);
    await seededTeam(a);
    expect((await a.refuse('sync.setServer', { address: 'http://team.example.org' })).message).toMatch(
      /must start with https:\/\//,
    );
    expect((await a.call('sync.serverStatus', {})).state).toBe('not-configured');
  });

  it('puts the team on the server only with the server’s set-up code: a wrong one saves nothing here or there', async () => {
    const { a, b } = await twoAgencyMachines(folder.path, START, B_ADMIN.password, ['a', 'b']);
    opened.push(a, b);
    a.clock.now = clock.now;
    await joinTeamByFiles(a, b, folder.path);
    const before = tableFingerprint(a.wb.db());

    const refused = await a.refuse('sync.setServer', { address: server.url, setupCode: 'WRONG-SETUP-CODE1' });
    expect(refused.message).toBe(SETUP_CODE_REFUSED);
    expect(refused.problems).toEqual([{ path: 'setupCode', message: SETUP_CODE_REFUSED }]);
    expect(tableFingerprint(a.wb.db())).toBe(before);
    expect((await a.call('sync.serverStatus', {})).state).toBe('not-configured');
    expect(await serverDb.query('SELECT team_id FROM teams')).toEqual([]);

    // Without the code the address is kept, but the team is not put on the server: Sync now says why.
    await a.call('sync.setServer', { address: server.url });
    expect((await a.refuse('sync.syncNow', {})).message).toMatch(/enter.* team set-up code/);
    expect(await serverDb.query('SELECT team_id FROM teams')).toEqual([]);

    // The right code puts it there; B, joining the team, needs none.
    await a.call('sync.setServer', { address: server.url, setupCode: TEAM_SETUP_CODE.toLowerCase() });
    expect(await serverDb.query('SELECT count(*)::int AS n FROM teams')).toEqual([{ n: 1 }]);
    await a.call('sync.syncNow', {});
    await b.call('sync.setServer', { address: server.url });
    await as(b, 'yas.yos');
    await b.call('sync.syncNow', {});
    expect((await b.call('sync.serverStatus', {})).problem).toBeNull();
  });

  it('carries a case to the co-assessor on another machine through the server, and live changes arrive without asking', async () => {
    const { a, b, team, yosB } = await teamOnServer();
    const hsbCase = await openCaseFor(a, { ...team, yos: yosB }, { name: 'Riley Server' });
    await a.call('map.addItem', { caseId: hsbCase.id, item: lifeEvent('Moved house') });
    // Sync now signs who may see the case (it is allocated to someone on another computer) and sends it.
    // (Connected since the administrator set the address, A may already have sent it by itself.)
    await a.call('sync.syncNow', {});
    expect((await a.call('sync.serverStatus', {})).problem).toBeNull();

    await as(b, 'yas.yos');
    const got = await b.call('sync.syncNow', {});
    expect(got.received).toBeGreaterThan(0);
    expect((await b.call('map.get', { caseId: hsbCase.id })).items.map((i) => i.what)).toEqual([
      'Moved house',
    ]);

    // Live: B is connected; A's next change reaches B's store with no call on B.
    const connected = await until(
      () => b.call('sync.serverStatus', {}),
      (s) => s.state === 'connected',
    );
    expect(connected.state).toBe('connected');
    await as(a, 'sam.sw');
    await until(
      () => a.call('sync.serverStatus', {}),
      (s) => s.state === 'connected',
    );
    const startedAt = Date.now();
    await a.call('map.addItem', { caseId: hsbCase.id, item: lifeEvent('Started a new school') });
    const seen = await until(
      () => b.call('map.get', { caseId: hsbCase.id }),
      (m) => m.items.length === 2,
    );
    expect(seen.items.map((i) => i.what).sort()).toEqual(['Moved house', 'Started a new school']);
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });
});

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signRoster } from '#sync/roster.ts';
import type { RunningServer, ServerOptions } from '../../src/server/server.ts';
import { rosterOf } from '../support/team-keys.ts';
import { TEAM_SETUP_CODE } from '../support/team-setup-code.ts';
import { tempFolder } from '../support/temp.ts';
import {
  NOW,
  openTestDatabase,
  quietServer,
  serverProcess,
  type TestDatabase,
  team,
  testClock,
  VARIANTS,
} from './support.ts';

// Only someone the server's administrator gives the team set-up code to can create a team: a missing,
// wrong or used-up code gets 403 and creates nothing; the code the server makes is printed once and
// kept only as a hash; wrong codes are rate-limited per address.

/** A second team, properly signed by its own administrator, under the id `team-2`. */
function secondTeam() {
  const t = team();
  return signRoster(
    rosterOf(t.members, NOW, 1, 'team-2'),
    { memberId: t.admin.id, deviceId: t.admin.deviceId },
    t.admin.device.privateKey,
  );
}

const PRINTED = /Give this code to the workbench administrator who will create the team: ([0-9A-Z-]+)/;

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(`team set-up codes on ${variant.kind}`, () => {
    const clock = testClock(NOW);

    /** A server on `store` with the code it makes itself (none configured); its log lines in `logged`. */
    async function start(store: TestDatabase, options: Partial<ServerOptions> = {}) {
      const logged: string[] = [];
      const server = await quietServer(store.db, {
        now: clock.now,
        setupCode: undefined,
        log: (l) => logged.push(l),
        ...options,
      });
      return { server, logged, printed: logged.map((l) => PRINTED.exec(l)?.[1]).filter(Boolean) };
    }
    const createTeam = async (server: RunningServer, body: Record<string, unknown>) => {
      const res = await fetch(new URL('/v1/teams', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, error: ((await res.json()) as { error?: string }).error };
    };
    const count = async (store: TestDatabase, table: 'teams' | 'rosters') =>
      Number((await store.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

    it('refuses a team with no code or a wrong one (403, nothing stored), creates it with the printed code, and not a second with it', async () => {
      const store = await openTestDatabase(variant.kind);
      const { server, printed } = await start(store);
      try {
        expect(printed).toHaveLength(1);
        const code = printed[0] as string;
        expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
        const first = team();

        expect(await createTeam(server, { signedRoster: first.signedRoster })).toEqual({
          status: 403,
          error: expect.stringMatching(/needs its team set-up code/),
        });
        expect(
          await createTeam(server, { signedRoster: first.signedRoster, setupCode: 'ABCDE-FGHJK' }),
        ).toEqual({
          status: 403,
          error: expect.stringMatching(/set-up code is not valid/),
        });
        expect(await count(store, 'teams')).toBe(0);
        expect(await count(store, 'rosters')).toBe(0);

        // Typed as a person might: lower case, spaces for dashes.
        const typed = code.toLowerCase().replaceAll('-', ' ');
        expect(await createTeam(server, { signedRoster: first.signedRoster, setupCode: typed })).toEqual({
          status: 201,
          error: undefined,
        });
        expect(await store.db.query('SELECT team_id FROM teams')).toEqual([{ team_id: 'team-1' }]);
        // The same request again (its answer lost, or the workbench could not save its side): the team
        // is there, which is what the workbench needs to hear, not that the code is wrong.
        expect(await createTeam(server, { signedRoster: first.signedRoster, setupCode: code })).toEqual({
          status: 409,
          error: 'A team with this id already exists on this server.',
        });

        // One team per code: another team (another id) with the same code is refused.
        expect(await createTeam(server, { signedRoster: secondTeam(), setupCode: code })).toMatchObject({
          status: 403,
        });
        expect(await count(store, 'teams')).toBe(1);
      } finally {
        await server.close();
        await store.dispose();
      }
    });

    it('keeps only a hash of the code, prints it only at the first start, and a new code withdraws the unused one', async () => {
      const store = await openTestDatabase(variant.kind);
      let run = await start(store);
      try {
        const code = run.printed[0] as string;
        const rows = await store.db.query('SELECT * FROM setup_codes');
        const held = JSON.stringify(rows);
        expect(rows).toHaveLength(1);
        for (const form of [code, code.replaceAll('-', ''), code.toLowerCase()])
          expect(held).not.toContain(form);
        expect(rows[0]?.code_hash).toBe(
          createHash('sha256')
            .update(`hsb-setup:${code.replaceAll('-', '')}`)
            .digest('hex'),
        );

        await run.server.close();
        run = await start(store);
        expect(run.logged.join('\n')).not.toMatch(/code/i);

        await run.server.close();
        run = await start(store, { newSetupCode: true });
        const renewed = run.printed[0] as string;
        expect(renewed).toBeDefined();
        expect(renewed).not.toBe(code);
        expect(
          await createTeam(run.server, { signedRoster: team().signedRoster, setupCode: code }),
        ).toMatchObject({
          status: 403,
        });
        expect(
          await createTeam(run.server, { signedRoster: team().signedRoster, setupCode: renewed }),
        ).toMatchObject({ status: 201 });
      } finally {
        await run.server.close();
        await store.dispose();
      }
    });

    it('takes the administrator’s own code instead (never printed), once; refuses one too short to start', async () => {
      const store = await openTestDatabase(variant.kind);
      let run = await start(store, { setupCode: TEAM_SETUP_CODE });
      try {
        expect(run.printed).toEqual([]);
        expect(await store.db.query('SELECT code_hash FROM setup_codes')).toHaveLength(1);
        expect(
          await createTeam(run.server, { signedRoster: team().signedRoster, setupCode: TEAM_SETUP_CODE }),
        ).toMatchObject({ status: 201 });

        await run.server.close();
        run = await start(store, { setupCode: TEAM_SETUP_CODE });
        expect(run.logged.join('\n')).toMatch(/already created a team/);
        expect(
          await createTeam(run.server, { signedRoster: secondTeam(), setupCode: TEAM_SETUP_CODE }),
        ).toMatchObject({ status: 403 });
        await expect(start(store, { setupCode: 'short-code' })).rejects.toThrow(/too short/);
      } finally {
        await run.server.close();
        await store.dispose();
      }
    });

    it('counts wrong codes against the address: once they are used up even the right code waits (429), and nothing is created', async () => {
      const store = await openTestDatabase(variant.kind);
      const { server } = await start(store, {
        setupCode: TEAM_SETUP_CODE,
        rateLimits: { setupFailures: { perSecond: 0.001, burst: 3 } },
      });
      try {
        const t = team();
        for (const wrong of [undefined, 'WRONG-CODE1', 'WRONG-CODE2']) {
          expect(await createTeam(server, { signedRoster: t.signedRoster, setupCode: wrong })).toMatchObject({
            status: 403,
          });
        }
        expect(
          await createTeam(server, { signedRoster: t.signedRoster, setupCode: TEAM_SETUP_CODE }),
        ).toEqual({
          status: 429,
          error: expect.stringMatching(/Too many wrong team set-up codes/),
        });
        expect(await count(store, 'teams')).toBe(0);
      } finally {
        await server.close();
        await store.dispose();
      }
    });
  });
}

describe('npm run server', () => {
  it('prints the code it makes on its console at the first start only, and a new one with --new-setup-code', async () => {
    const folder = tempFolder('hsb-setup-code-');
    const env = { HSB_SERVER_DATA: join(folder.path, 'data'), HSB_SERVER_SETUP_CODE: '' };
    const run = async (args: string[] = []) => {
      const proc = await serverProcess(env, args);
      proc.child.kill('SIGTERM');
      await proc.exited;
      return proc.printed.match(new RegExp(PRINTED, 'g')) ?? [];
    };
    try {
      const first = await run();
      expect(first).toHaveLength(1);
      expect(await run()).toEqual([]);
      const renewed = await run(['--new-setup-code']);
      expect(renewed).toHaveLength(1);
      expect(renewed[0]).not.toBe(first[0]);
    } finally {
      folder.remove();
    }
  });
});

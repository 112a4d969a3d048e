import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '#sync/team-protocol.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { tempFolder } from '../support/temp.ts';
import { freePort, keepUploading, sleep } from './crash-support.ts';
import {
  change,
  clientFor,
  freshPostgresUrl,
  NOW,
  openTestDatabase,
  POSTGRES_URL,
  quietServer,
  serverProcess,
  teamWithCase,
  testClock,
  VARIANTS,
} from './support.ts';

// Real server processes: SIGKILLed in the middle of uploads and started again, every acknowledged
// change is on the server exactly once; and two processes on one PostgreSQL see each other's uploads.
// These run the server on the real clock (a child process cannot share the test's).

// HSB_SERVER_KILLS lowers the 50 for a quick run; HSB_SERVER_KILL_SEED replays the delays.
const KILLS = Number(process.env.HSB_SERVER_KILLS ?? 50);

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(`a ${variant.kind} server process`, () => {
    it(`killed ${KILLS} times mid-upload loses and duplicates nothing that was acknowledged`, async () => {
      const random = seededRandom('HSB_SERVER_KILL_SEED');
      const folder = tempFolder('hsb-kill-');
      const pgdb = variant.kind === 'postgres' ? await freshPostgresUrl() : null;
      const port = await freePort();
      const env = {
        HSB_SERVER_PORT: String(port),
        ...(pgdb ? { DATABASE_URL: pgdb.url } : { HSB_SERVER_DATA: join(folder.path, 'data') }),
      };
      let proc = await serverProcess(env);
      try {
        const { t, c1 } = await teamWithCase(proc.url, () => new Date());
        const sw = clientFor(proc.url, t, t.sw, { retry: { attempts: 2, baseDelayMs: 50 } });
        const run = keepUploading(sw, t.sw, 'case-1', c1.key);
        for (let k = 0; k < KILLS; k++) {
          await sleep(150 + random.below(400));
          proc.child.kill('SIGKILL');
          await proc.exited;
          proc = await serverProcess(env);
        }
        await run.finish(60);

        const yos = clientFor(proc.url, t, t.yos);
        const pulled = (await yos.syncAll()).get('case-1');
        expect(pulled?.tampering).toBeUndefined();
        const ids = pulled?.envelopes.map((e) => e.header.id) ?? [];
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of run.acknowledged) expect(ids, random.replay).toContain(id);
        expect(ids).toHaveLength(run.sent());
        expect(run.interrupted, 'no upload met a dead server: the kills were not mid-upload').toBeGreaterThan(
          0,
        );
      } finally {
        proc.child.kill('SIGKILL');
        await proc.exited;
        await pgdb?.drop();
        folder.remove();
      }
    }, 480_000);
  });
}

describe.skipIf(!POSTGRES_URL)('two server processes on one PostgreSQL', () => {
  it('serve clients attached to either, each told of the other’s uploads within 2 s; killing one loses nothing', async () => {
    const pgdb = await freshPostgresUrl();
    const one = await serverProcess({ DATABASE_URL: pgdb.url });
    const two = await serverProcess({ DATABASE_URL: pgdb.url });
    try {
      const { t, c1 } = await teamWithCase(one.url, () => new Date());
      const sw = clientFor(one.url, t, t.sw);
      const yos = clientFor(two.url, t, t.yos);
      const heard: LiveMessage[] = [];
      await new Promise<void>((resolve) => {
        const sub = yos.subscribe({
          onMessage: (m) => {
            heard.push(m);
            if (m.type === 'ready') resolve();
          },
        });
        subs.push(sub);
      });
      const started = performance.now();
      const [ack] = await sw.upload([change(t.sw, 'case-1', 1, c1.key)]);
      while (!heard.some((m) => m.type === 'case') && performance.now() - started < 2000) await sleep(10);
      expect(heard).toContainEqual({ type: 'case', caseId: 'case-1', cursor: ack?.cursor });
      expect(performance.now() - started).toBeLessThan(2000);

      await sw.upload([change(t.sw, 'case-1', 2, c1.key)]);
      one.child.kill('SIGKILL');
      await one.exited;
      const pulled = (await yos.syncAll()).get('case-1');
      expect(pulled?.envelopes.map((e) => e.header.seq)).toEqual([1, 2]);
    } finally {
      for (const s of subs.splice(0)) s.close();
      for (const p of [one, two]) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
      await pgdb.drop();
    }
  });
});

const subs: { close: () => void }[] = [];

describe.skipIf(!POSTGRES_URL)('a server whose PostgreSQL listening connection is cut', () => {
  it('tells its live clients to catch up, and relays notices again', async () => {
    const clock = testClock(NOW);
    const store = await openTestDatabase('postgres');
    const server = await quietServer(store.db, { now: clock.now });
    try {
      const { t, c1 } = await teamWithCase(server.url, clock.now);
      const yos = clientFor(server.url, t, t.yos, { now: clock.now });
      const heard: LiveMessage[] = [];
      const sub = yos.subscribe({ onMessage: (m) => heard.push(m) });
      subs.push(sub);
      const until = async (test: () => boolean) => {
        const started = performance.now();
        while (!test() && performance.now() - started < 10_000) await sleep(20);
        expect(test()).toBe(true);
      };
      await until(() => heard.some((m) => m.type === 'ready'));
      const other = await store.reopen();
      const cut = await other.query(
        `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      expect(cut).toHaveLength(1);
      await until(() => heard.filter((m) => m.type === 'ready').length === 2);
      const sw = clientFor(server.url, t, t.sw, { now: clock.now });
      const [ack] = await sw.upload([change(t.sw, 'case-1', 1, c1.key)]);
      await until(() => heard.some((m) => m.type === 'case' && m.cursor === ack?.cursor));
    } finally {
      for (const s of subs.splice(0)) s.close();
      await server.close();
      await store.dispose();
    }
  });
});

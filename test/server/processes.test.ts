import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '#sync/envelope.ts';
import type { LiveMessage } from '#sync/team-protocol.ts';
import { tempFolder } from '../support/temp.ts';
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

// HSB_SERVER_KILLS raises it (the 50) when there is time.
const KILLS = Number(process.env.HSB_SERVER_KILLS ?? 5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(`a ${variant.kind} server process`, () => {
    it(`killed ${KILLS} times mid-upload loses and duplicates nothing that was acknowledged`, async () => {
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
        const acknowledged: string[] = [];
        let next = 1;
        let killing = true;
        let failed = false;
        let interrupted = 0;
        const outbox = new Map<number, Envelope>();
        const uploader = (async () => {
          // Until the kills are over, 60 are sent, and the last batch tried was acknowledged.
          while (killing || next <= 60 || failed) {
            // A client seals a change set once and keeps it until acknowledged: a retry sends the same bytes.
            const batch = [0, 1, 2].map((k) => {
              const seq = next + k;
              const sealed = outbox.get(seq) ?? change(t.sw, 'case-1', seq, c1.key);
              outbox.set(seq, sealed);
              return sealed;
            });
            try {
              const results = await sw.upload(batch);
              acknowledged.push(...results.map((r) => r.id));
              next += 3;
              failed = false;
            } catch {
              interrupted++;
              failed = true;
              await sleep(50); // the same batch again: uploads are idempotent
            }
          }
        })();
        for (let k = 0; k < KILLS; k++) {
          await sleep(150 + Math.floor(Math.random() * 400));
          proc.child.kill('SIGKILL');
          await proc.exited;
          proc = await serverProcess(env);
        }
        killing = false;
        await uploader;

        const yos = clientFor(proc.url, t, t.yos);
        const pulled = (await yos.syncAll()).get('case-1');
        expect(pulled?.tampering).toBeUndefined();
        const ids = pulled?.envelopes.map((e) => e.header.id) ?? [];
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of acknowledged) expect(ids).toContain(id);
        expect(ids).toHaveLength(next - 1);
        expect(interrupted).toBeGreaterThan(0);
      } finally {
        proc.child.kill('SIGKILL');
        await proc.exited;
        await pgdb?.drop();
        folder.remove();
      }
    }, 240_000);
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

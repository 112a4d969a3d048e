import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/seeded-random.ts';
import { keepUploading, ownPostgres, postgresBinaries, sleep } from './crash-support.ts';
import { clientFor, serverProcess, teamWithCase } from './support.ts';

// The database under the team server dies mid-sync, as in a power cut: every PostgreSQL process is
// SIGKILLed together, then the cluster is started again and recovers from its write-ahead log. The
// server process stays up throughout; every change set it acknowledged is there exactly once.
// HSB_ENGINE_KILLS lowers the 50 for a quick run; HSB_ENGINE_CRASH_SEED replays the delays.

const KILLS = Number(process.env.HSB_ENGINE_KILLS ?? 50);
const BIN = postgresBinaries();
if (!BIN) console.log('No PostgreSQL binaries in /usr/lib/postgresql: the database crash test is skipped.');

describe.skipIf(!BIN)('a team server whose PostgreSQL is killed', () => {
  it(`${KILLS} times mid-upload keeps every acknowledged change set exactly once`, async () => {
    const random = seededRandom('HSB_ENGINE_CRASH_SEED');
    const engine = await ownPostgres(BIN as string);
    const server = await serverProcess({ DATABASE_URL: engine.url });
    let log = '';
    for (const stream of [server.child.stdout, server.child.stderr]) {
      stream?.on('data', (d: Buffer) => {
        log += d.toString();
      });
    }
    try {
      const { t, c1 } = await teamWithCase(server.url, () => new Date());
      const sw = clientFor(server.url, t, t.sw, { retry: { attempts: 2, baseDelayMs: 50 } });
      const run = keepUploading(sw, t.sw, 'case-1', c1.key);
      for (let k = 0; k < KILLS; k++) {
        await sleep(100 + random.below(300));
        await engine.kill();
        await sleep(random.below(200)); // uploads meet a database that is not there
        engine.start();
        expect(server.child.exitCode, `the server process died: ${log.slice(-2000)}`).toBeNull();
      }
      await Promise.race([
        run.finish(60),
        server.exited.then(() => {
          throw new Error(`the server process died: ${log.slice(-2000)}`);
        }),
      ]);

      const yos = clientFor(server.url, t, t.yos);
      const pulled = (await yos.syncAll()).get('case-1');
      expect(pulled?.tampering).toBeUndefined();
      const ids = pulled?.envelopes.map((e) => e.header.id) ?? [];
      expect(new Set(ids).size, random.replay).toBe(ids.length);
      for (const id of run.acknowledged) expect(ids, random.replay).toContain(id);
      expect(ids).toHaveLength(run.sent());
      expect(run.interrupted, 'no upload met the dead database: the kills were not mid-sync').toBeGreaterThan(
        0,
      );
      // Uploads that met the dead database were told so (503, try again), not given an internal error.
      expect(log).toMatch(/envelopes 503 /);
      expect(log).not.toMatch(/envelopes 500 /);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      engine.remove();
    }
  }, 480_000);
});

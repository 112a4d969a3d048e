import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allocation,
  change,
  clientFor,
  NOW,
  openTestDatabase,
  quietServer,
  teamWithCase,
  testClock,
  VARIANTS,
} from './support.ts';

// Canaries written on two clients never appear on the server: not in the PGlite data folder's bytes,
// not in a pg_dump of PostgreSQL. The routing id written beside them is found, so the search works.

const CANARIES = ['CANARY-Jessamine-Oakridge-7731', 'CANARY-Thornbury-Lane-4409'];
const ROUTE_MARKER = 'case-route-marker-5512';

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function occurrences(haystacks: Buffer[], needle: string): number {
  const bytes = Buffer.from(needle, 'utf8');
  return haystacks.reduce((n, h) => n + (h.indexOf(bytes) >= 0 ? 1 : 0), 0);
}

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(`the server's ${variant.kind} database`, () => {
    it('holds none of the canaries two clients wrote, only ciphertext and routing ids', async () => {
      const clock = testClock(NOW);
      const store = await openTestDatabase(variant.kind);
      const server = await quietServer(store.db, { now: clock.now });
      try {
        const { t, admin } = await teamWithCase(server.url, clock.now);
        const c = allocation(t, ROUTE_MARKER, [t.sw, t.yos]);
        await admin.publishMembership(c.signed);
        const sw = clientFor(server.url, t, t.sw, { now: clock.now });
        const yos = clientFor(server.url, t, t.yos, { now: clock.now });
        for (let i = 1; i <= 20; i++) {
          await sw.upload([change(t.sw, ROUTE_MARKER, i, c.key, `${CANARIES[0]} said on visit ${i}`)]);
          await yos.upload([change(t.yos, ROUTE_MARKER, i, c.key, `${CANARIES[1]} note ${i}`)]);
        }
        expect((await yos.syncAll()).get(ROUTE_MARKER)?.envelopes).toHaveLength(40);
        await store.db.query('CHECKPOINT');

        let haystacks: Buffer[];
        if (store.kind === 'pglite') {
          await server.close();
          await store.db.close();
          haystacks = filesUnder(store.where).map((f) => readFileSync(f));
          expect(haystacks.length).toBeGreaterThan(100);
        } else {
          const dump = execFileSync('pg_dump', ['--no-owner', store.where], { maxBuffer: 256 * 1024 * 1024 });
          haystacks = [dump];
        }
        expect(occurrences(haystacks, ROUTE_MARKER)).toBeGreaterThan(0);
        for (const canary of CANARIES) expect(occurrences(haystacks, canary)).toBe(0);
      } finally {
        await server.close();
        await store.dispose();
      }
    });
  });
}

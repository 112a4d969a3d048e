import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityOk, openDatabase } from '#store/database.ts';
import { runWriterAndKill } from '../support/kill.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { tempFolder } from '../support/temp.ts';

const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const writer = join(import.meta.dirname, 'crash-writer.ts');

let folder: ReturnType<typeof tempFolder>;
beforeAll(() => {
  folder = tempFolder();
});
afterAll(() => folder.remove());

/** Runs the writer, kills it with SIGKILL after the given delay, and returns the last acknowledged row. */
const runAndKill = (path: string, keyHex: string, run: number, delayMs: number) =>
  runWriterAndKill(writer, [path, keyHex, String(run)], delayMs);

describe('crash safety', () => {
  it(`keeps every acknowledged row through ${KILLS} SIGKILLs at random moments`, async () => {
    // The delays come from a logged seed: a failure names it, and CRASH_SEED=<seed> replays the delays.
    const random = seededRandom('CRASH_SEED');
    const path = join(folder.path, 'crash.db');
    const key = randomBytes(32);
    openDatabase(path, key).close();
    const ackedByRun = new Map<number, number>();
    const countsByRun = () => {
      const db = openDatabase(path, key);
      try {
        expect(integrityOk(db)).toBe(true);
        const rows = db.prepare('SELECT run, count(*) AS n FROM crash_rows GROUP BY run').all() as {
          run: number;
          n: number;
        }[];
        return new Map(rows.map((r) => [r.run, r.n]));
      } finally {
        db.close();
      }
    };
    for (let run = 1; run <= KILLS; run++) {
      const delayMs = random.below(40);
      const acked = await runAndKill(path, key.toString('hex'), run, delayMs);
      ackedByRun.set(run, acked);
      // Rows are numbered 1, 2, 3 … in one run, so a count at least the last acknowledged number means all are there.
      expect(
        countsByRun().get(run) ?? 0,
        `run ${run}, killed ${delayMs} ms after ready (${random.replay})`,
      ).toBeGreaterThanOrEqual(acked);
    }
    const finalCounts = countsByRun();
    for (const [run, acked] of ackedByRun)
      expect(finalCounts.get(run) ?? 0, `run ${run} (${random.replay})`).toBeGreaterThanOrEqual(acked);
    expect(
      [...ackedByRun.values()].reduce((a, b) => a + b, 0),
      `acknowledged rows in all (${random.replay})`,
    ).toBeGreaterThan(KILLS);
  }, 600_000);
});

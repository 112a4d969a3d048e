import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityOk, openDatabase } from '../../src/store/database.ts';
import { tempFolder } from '../support/temp.ts';

const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const writer = join(import.meta.dirname, 'crash-writer.ts');

let folder: ReturnType<typeof tempFolder>;
beforeAll(() => {
  folder = tempFolder();
});
afterAll(() => folder.remove());

/** Runs the writer, kills it with SIGKILL after a random delay, and returns the last acknowledged row. */
function runAndKill(path: string, keyHex: string, run: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, path, keyHex, String(run)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acked = 0;
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        const match = /^ack (\d+)$/.exec(line);
        if (match) acked = Number(match[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed: ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged row through ${KILLS} SIGKILLs at random moments`, async () => {
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
      const acked = await runAndKill(path, key.toString('hex'), run, Math.floor(Math.random() * 40));
      ackedByRun.set(run, acked);
      // Rows are numbered 1, 2, 3 … in one run, so a count at least the last acknowledged number means all are there.
      expect(countsByRun().get(run) ?? 0).toBeGreaterThanOrEqual(acked);
    }
    const finalCounts = countsByRun();
    for (const [run, acked] of ackedByRun)
      expect(finalCounts.get(run) ?? 0, `run ${run}`).toBeGreaterThanOrEqual(acked);
    expect([...ackedByRun.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(KILLS);
  }, 600_000);
});

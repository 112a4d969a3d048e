import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { type Db, openDatabase, storeCipher } from '#store/database.ts';

// The encrypted store against the same workload unencrypted, side by side in one run.

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const LOOKUPS = 20_000;

function workload(db: Db, ids: string[]) {
  db.exec(`CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, name TEXT NOT NULL, dob TEXT NOT NULL,
    notes TEXT NOT NULL) STRICT`);
  const times: Record<string, number> = {};
  let t = performance.now();
  const insert = db.prepare('INSERT INTO bench_rows (id, name, dob, notes) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const [i, id] of ids.entries()) insert.run(id, `Child ${i}`, '2012-01-01', `note ${i} `.repeat(10));
  })();
  times.insert = performance.now() - t;

  t = performance.now();
  let total = 0;
  for (const row of db.prepare('SELECT notes FROM bench_rows').iterate() as Iterable<{ notes: string }>) {
    total += row.notes.length;
  }
  times.scan = performance.now() - t;

  const lookup = db.prepare('SELECT name FROM bench_rows WHERE id = ?');
  t = performance.now();
  for (let i = 0; i < LOOKUPS; i++) lookup.get(ids[(i * 7919) % ids.length]);
  times.lookups = performance.now() - t;
  if (total === 0) throw new Error('scan read nothing');
  return times;
}

function plainDatabase(path: string): Db {
  const db = new Database(path);
  for (const pragma of [
    'temp_store = MEMORY',
    'journal_mode = WAL',
    'synchronous = FULL',
    'foreign_keys = ON',
    'secure_delete = ON',
    'cache_size = -32768',
  ]) {
    db.pragma(pragma);
  }
  return db;
}

export function benchStore(): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'hsb-bench-'));
  try {
    const ids = Array.from({ length: ROWS }, () => randomUUID());
    const ROUNDS = 3;
    const results: Record<'encrypted' | 'plain', Record<string, number>[]> = { encrypted: [], plain: [] };
    let cipher = '';
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so neither always gets the warmer machine.
      const order = round % 2 === 0 ? (['encrypted', 'plain'] as const) : (['plain', 'encrypted'] as const);
      for (const side of order) {
        const path = join(folder, `${side}-${round}.db`);
        const db = side === 'encrypted' ? openDatabase(path, randomBytes(32)) : plainDatabase(path);
        if (side === 'encrypted') cipher = storeCipher(db);
        results[side].push(workload(db, ids));
        db.close();
      }
    }
    const median = (side: 'encrypted' | 'plain', key: string) =>
      results[side].map((r) => r[key] ?? 0).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
    const lines = [
      `store: ${ROWS.toLocaleString('en-GB')} rows, ${LOOKUPS.toLocaleString('en-GB')} lookups by id (median of ${ROUNDS} rounds), encrypted with ${cipher === 'aegis' ? 'AEGIS-256' : cipher}`,
    ];
    lines.push('  workload     encrypted    unencrypted   ratio');
    for (const key of ['insert', 'scan', 'lookups'] as const) {
      const e = median('encrypted', key);
      const p = median('plain', key);
      lines.push(
        `  ${key.padEnd(10)} ${e.toFixed(1).padStart(9)} ms ${p.toFixed(1).padStart(11)} ms   ${(e / p).toFixed(2)}×`,
      );
    }
    return lines;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

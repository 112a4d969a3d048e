import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '#store/database.ts';

const AUDIT_TABLES = new Set(['audit_log', 'audit_head']);

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v instanceof Uint8Array ? `hex:${Buffer.from(v).toString('hex')}` : typeof v === 'bigint' ? `${v}n` : v,
  );
}

/** Every table's rows, canonically (rows sorted), except the audit tables (see `auditRows`). */
export function dumpTables(db: Db): Record<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const dump: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (AUDIT_TABLES.has(name)) continue;
    dump[name] = (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map(canonical).sort();
  }
  return dump;
}

export interface AuditRow {
  seq: number;
  action: string;
  record_type: string;
  record_id: string;
  summary: string;
}

/** The audit trail, in order, and its head. */
export function auditRows(db: Db): { rows: AuditRow[]; head: string } {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  return { rows, head: canonical(db.prepare('SELECT * FROM audit_head').all()) };
}

/** Every file under `dir` with its mode and a digest of its bytes. */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  if (!existsSync(dir)) return state;
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else {
        const full = join(dir, rel);
        const digest = createHash('sha256').update(readFileSync(full)).digest('hex');
        state[rel] = `${(statSync(full).mode & 0o777).toString(8)} ${digest}`;
      }
    }
  };
  walk('');
  return state;
}

/** Every table's rows but the search index's shadow tables: what "nothing was saved" is checked against. */
export function tableFingerprint(db: Db): string {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_search_%' ORDER BY name",
    )
    .all() as { name: string }[];
  return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}

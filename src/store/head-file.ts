import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { hmac, sameHex } from './crypto.ts';
import type { Db } from './database.ts';
import { writeFileAtomic } from './files.ts';

/**
 * `workbench.head`, kept beside the database: the databaseId, the latest audit entry's number, time and
 * MAC, MAC'd with the audit key. It is rewritten after every commit that adds audit entries, so a
 * database that has lost commits (a deleted or damaged -wal, an older copy put back, wiped audit
 * tables) is noticed at the next sign-in instead of looking intact.
 */

export const HEAD_FILE = 'workbench.head';
/** Settings row saying the head file has been kept for this database (absent before the upgrade). */
const SINCE_KEY = 'headFileSince';

const headSchema = z.strictObject({
  format: z.literal('hsb-workbench-head'),
  version: z.literal(1),
  databaseId: z.string(),
  seq: z.number().int().min(0),
  at: z.string(),
  entryMac: z.string(),
  mac: z.string(),
});
type HeadFile = z.infer<typeof headSchema>;

export interface LossFinding {
  /** lost: the database is behind the head file; damaged: SQLite's quick_check failed at sign-in. */
  kind: 'lost' | 'damaged';
  /** First audit entry the database is missing (or the one that differs); 0 for a damaged store. */
  fromSeq: number;
  toSeq: number;
  message: string;
}

const fileMac = (key: Buffer, h: Omit<HeadFile, 'mac'>) =>
  hmac(key, JSON.stringify(['head-file', h.format, h.version, h.databaseId, h.seq, h.at, h.entryMac]));

interface LatestEntry {
  seq: number;
  at: string;
  mac: string;
}

const latestEntry = (db: Db): LatestEntry | undefined =>
  db.prepare('SELECT seq, at, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as LatestEntry | undefined;

/** Records the database's latest audit entry in the head file (atomically). */
export function writeHeadFile(path: string, db: Db, databaseId: string, auditKey: Buffer): void {
  const latest = latestEntry(db);
  const body = {
    format: 'hsb-workbench-head' as const,
    version: 1 as const,
    databaseId,
    seq: latest?.seq ?? 0,
    at: latest?.at ?? '',
    entryMac: latest?.mac ?? '',
  };
  writeFileAtomic(path, `${JSON.stringify({ ...body, mac: fileMac(auditKey, body) }, null, 2)}\n`);
}

export function headFileKept(db: Db): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(SINCE_KEY) !== undefined;
}

/** Call inside the transaction that writes the first head file's audit entry. */
export function markHeadFileKept(db: Db, at: string): void {
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(SINCE_KEY, JSON.stringify(at));
}

const LOSS_KEY = 'lostChanges';
const lossSchema = z.strictObject({
  kind: z.enum(['lost', 'damaged']),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  message: z.string(),
});

/**
 * A loss, once found, is recorded in the database too (with an audit entry), so that the sign-ins made
 * while it stands, which add entries of their own, do not change what is reported.
 */
export function recordedLoss(db: Db): LossFinding | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LOSS_KEY) as
    | string
    | undefined;
  if (row === undefined) return null;
  const parsed = lossSchema.safeParse(JSON.parse(row));
  return parsed.success ? parsed.data : null;
}

export function recordLoss(db: Db, finding: LossFinding): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(LOSS_KEY, JSON.stringify(finding));
}

export function clearRecordedLoss(db: Db): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(LOSS_KEY);
}

/** "26/11/2026 10:05", Europe/London. */
export function londonDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

const RESTORE =
  'Restore from your last backup (Administration → Restore from backup); if there is none, an administrator can record that the loss is accepted. Until then the workbench will not save changes.';

/**
 * Compares the open database with the head file. Returns null when they agree (or the database is
 * ahead: a crash after a commit and before the file was rewritten), 'not-kept-yet' when no head file
 * has ever been written for this database, or what was lost.
 */
export function compareWithHeadFile(
  path: string,
  db: Db,
  databaseId: string,
  auditKey: Buffer,
): LossFinding | 'not-kept-yet' | null {
  const latest = latestEntry(db);
  const dbSeq = latest?.seq ?? 0;
  if (!existsSync(path)) {
    if (!headFileKept(db) && dbSeq > 0) return 'not-kept-yet';
    return {
      kind: 'lost',
      fromSeq: dbSeq + 1,
      toSeq: dbSeq + 1,
      message: `The file ${HEAD_FILE}, which records the workbench’s latest change, is missing from the data folder, so changes may have been lost without trace. ${RESTORE}`,
    };
  }
  let head: HeadFile | undefined;
  try {
    head = headSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    head = undefined;
  }
  if (!head || head.databaseId !== databaseId || !sameHex(fileMac(auditKey, head), head.mac)) {
    return {
      kind: 'lost',
      fromSeq: dbSeq + 1,
      toSeq: dbSeq + 1,
      message: `The file ${HEAD_FILE}, which records the workbench’s latest change, is damaged or was altered, so changes may have been lost without trace. ${RESTORE}`,
    };
  }
  if (dbSeq < head.seq) {
    const since = latest ? `Changes recorded after ${londonDateTime(latest.at)}` : 'All changes';
    return {
      kind: 'lost',
      fromSeq: dbSeq + 1,
      toSeq: head.seq,
      message: `${since} (audit entries ${dbSeq + 1} to ${head.seq}, the last at ${londonDateTime(head.at)}) are missing from the database: it has lost changes or been replaced by an older copy. ${RESTORE}`,
    };
  }
  if (head.seq === 0) return null;
  const entry = db.prepare('SELECT mac FROM audit_log WHERE seq = ?').get(head.seq) as
    | { mac: string }
    | undefined;
  if (!entry || entry.mac !== head.entryMac) {
    return {
      kind: 'lost',
      fromSeq: head.seq,
      toSeq: head.seq,
      message: `The database does not hold the change the workbench recorded as audit entry ${head.seq} at ${londonDateTime(head.at)}: it has been replaced or changed outside the workbench, and changes are missing. ${RESTORE}`,
    };
  }
  return null;
}

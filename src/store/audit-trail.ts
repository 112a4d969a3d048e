import type { AuditCheck, AuditEntry } from '../contract/schemas.ts';
import { hmac, sameHex } from './crypto.ts';
import type { Db } from './database.ts';

/**
 * The tamper-evident audit trail: an append-only chain in which each entry's HMAC covers its own
 * fields and the previous entry's HMAC. The HMAC key lives in the keyring, not in the database, so
 * someone who can edit the database file cannot forge an entry. A MAC'd head records the latest
 * entry, so entries removed from the end are noticed too.
 */

export interface AuditRecord {
  at: string;
  userId: string;
  action: string;
  recordType: string;
  recordId: string;
  summary: string;
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string;
  action: string;
  record_type: string;
  record_id: string;
  summary: string;
  prev_mac: string;
  mac: string;
}

const GENESIS = '0'.repeat(64);
export const SET_UP_ACTION = 'workbench.set-up';

const entryMac = (key: Buffer, seq: number, prevMac: string, e: AuditRecord) =>
  hmac(
    key,
    JSON.stringify(['entry', seq, e.at, e.userId, e.action, e.recordType, e.recordId, e.summary, prevMac]),
  );

const headMac = (key: Buffer, seq: number, mac: string) => hmac(key, JSON.stringify(['head', seq, mac]));

/** Appends one entry. Call inside the transaction that makes the change it records. */
export function appendAudit(db: Db, key: Buffer, entry: AuditRecord): number {
  const head = db.prepare('SELECT seq, mac FROM audit_head WHERE id = 1').get() as
    | { seq: number; mac: string }
    | undefined;
  const seq = (head?.seq ?? 0) + 1;
  const prevMac = head?.mac ?? GENESIS;
  const mac = entryMac(key, seq, prevMac, entry);
  db.prepare(
    `INSERT INTO audit_log (seq, at, user_id, action, record_type, record_id, summary, prev_mac, mac)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    seq,
    entry.at,
    entry.userId,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.summary,
    prevMac,
    mac,
  );
  db.prepare(
    `INSERT INTO audit_head (id, seq, mac, head_mac) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac, head_mac = excluded.head_mac`,
  ).run(seq, mac, headMac(key, seq, mac));
  return seq;
}

const toRecord = (row: AuditRow): AuditRecord => ({
  at: row.at,
  userId: row.user_id,
  action: row.action,
  recordType: row.record_type,
  recordId: row.record_id,
  summary: row.summary,
});

/** Walks the whole chain and reports the first entry that was altered, removed or reordered. */
export function checkAuditTrail(db: Db, key: Buffer): AuditCheck {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  const problem = (
    seq: number,
    kind: NonNullable<AuditCheck['firstProblem']>['problem'],
    message: string,
  ) => ({
    intact: false,
    entriesChecked: rows.length,
    firstProblem: { seq, problem: kind, message },
  });

  // A set-up workbench always has at least its first entry: an empty trail has been wiped.
  if (rows.length === 0) {
    return {
      intact: false,
      entriesChecked: 0,
      firstProblem: {
        seq: 1,
        problem: 'removed',
        message: 'The audit trail is empty: its entries have been removed.',
      },
    };
  }
  let prevMac = GENESIS;
  let expected = 1;
  for (const row of rows) {
    if (row.seq > expected) {
      return problem(expected, 'removed', `Audit entry ${expected} has been removed.`);
    }
    if (!sameHex(entryMac(key, row.seq, row.prev_mac, toRecord(row)), row.mac)) {
      // An intact entry moved to another position still verifies at its original number.
      const original = rows.find(
        (other) =>
          other.seq !== row.seq && sameHex(entryMac(key, other.seq, row.prev_mac, toRecord(row)), row.mac),
      );
      if (original) {
        return problem(
          row.seq,
          'reordered',
          `Audit entry ${row.seq} is out of order: it was written as entry ${original.seq}.`,
        );
      }
      return problem(row.seq, 'altered', `Audit entry ${row.seq} has been altered since it was written.`);
    }
    if (row.prev_mac !== prevMac) {
      const pointsToExisting = rows.some((other) => other.mac === row.prev_mac);
      return pointsToExisting
        ? problem(row.seq, 'reordered', `Audit entry ${row.seq} is out of order.`)
        : problem(
            row.seq,
            'removed',
            `The audit entry before entry ${row.seq} has been removed or replaced.`,
          );
    }
    // A set-up workbench's trail starts with its setting up; one that starts otherwise was wiped and begun again.
    if (row.seq === 1 && row.action !== SET_UP_ACTION) {
      return problem(
        1,
        'removed',
        'The audit trail does not begin with the setting up of the workbench: its earlier entries have been removed.',
      );
    }
    prevMac = row.mac;
    expected = row.seq + 1;
  }

  const head = db.prepare('SELECT seq, mac, head_mac FROM audit_head WHERE id = 1').get() as
    | { seq: number; mac: string; head_mac: string }
    | undefined;
  const lastSeq = expected - 1;
  if (head) {
    if (!sameHex(headMac(key, head.seq, head.mac), head.head_mac)) {
      return problem(head.seq, 'altered', 'The record of the latest audit entry has been altered.');
    }
    if (head.seq > lastSeq) {
      return problem(
        lastSeq + 1,
        'tail-removed',
        `Audit entries from ${lastSeq + 1} to ${head.seq} have been removed.`,
      );
    }
    if (head.seq < lastSeq || head.mac !== prevMac) {
      return problem(
        head.seq + 1,
        'inserted',
        `Audit entry ${head.seq + 1} was added outside the workbench.`,
      );
    }
  } else if (rows.length > 0) {
    return problem(1, 'altered', 'The record of the latest audit entry is missing.');
  }
  return { intact: true, entriesChecked: rows.length, firstProblem: null };
}

export function recentAudit(db: Db, limit: number): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT a.seq, a.at, a.user_id, coalesce(u.name, a.user_id) AS user_name, a.action, a.record_type,
              a.record_id, a.summary
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       ORDER BY a.seq DESC LIMIT ?`,
    )
    .all(limit) as (Omit<AuditRow, 'prev_mac' | 'mac'> & { user_name: string })[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    userName: r.user_name,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    summary: r.summary,
  }));
}

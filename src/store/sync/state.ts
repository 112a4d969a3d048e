import { randomBytes, randomUUID } from 'node:crypto';
import {
  applyEdit,
  conflictVersions,
  EMPTY_FIELD,
  type FieldState,
  type FieldValue,
} from '../../domain/sync/field-merge.ts';
import { formatHlc, type Hlc, parseHlc, receive, tick } from '../../domain/sync/hlc.ts';
import type { ChangeSet } from '../../domain/sync/replica.ts';
import type { Envelope } from '../../sync/envelope.ts';
import type { Db } from '../database.ts';
import { prepared } from './statements.ts';

// The sync engine's rows in the store: per-field merge state, the clock, change sets, case keys.

export function readField(db: Db, tbl: string, rowId: string, field: string): FieldState {
  const row = prepared(db, 'SELECT state FROM sync_fields WHERE tbl = ? AND row_id = ? AND field = ?').get(
    tbl,
    rowId,
    field,
  ) as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as FieldState) : EMPTY_FIELD;
}

/**
 * Fields that only say when and by whom a record was last touched: concurrent values of these are
 * not anyone's work, so the later simply wins and no conflict is shown (the record's real fields
 * carry any conflict).
 */
export const BOOKKEEPING_FIELDS: readonly string[] = ['updated_at', 'updated_by'];

export function writeField(db: Db, tbl: string, rowId: string, field: string, state: FieldState): void {
  const conflicted = !BOOKKEEPING_FIELDS.includes(field) && conflictVersions(state).length > 0;
  prepared(
    db,
    `INSERT INTO sync_fields (tbl, row_id, field, state, conflicted) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_id, field) DO UPDATE SET state = excluded.state, conflicted = excluded.conflicted`,
  ).run(tbl, rowId, field, JSON.stringify(state), conflicted ? 1 : 0);
}

/** Merges one edit into the stored state; true when it changed anything. */
export function mergeField(
  db: Db,
  op: { table: string; id: string; field: string; edit: FieldState['current'][number] },
): boolean {
  const before = readField(db, op.table, op.id, op.field);
  const after = applyEdit(before, op.edit);
  if (after === before) return false;
  writeField(db, op.table, op.id, op.field, after);
  return true;
}

export function recordFields(db: Db, tbl: string, rowId: string): Map<string, FieldState> {
  const rows = prepared(db, 'SELECT field, state FROM sync_fields WHERE tbl = ? AND row_id = ?').all(
    tbl,
    rowId,
  ) as {
    field: string;
    state: string;
  }[];
  return new Map(rows.map((r) => [r.field, JSON.parse(r.state) as FieldState]));
}

function meta(db: Db, key: string): string | undefined {
  return (prepared(db, 'SELECT value FROM sync_meta WHERE key = ?').get(key) as { value: string } | undefined)
    ?.value;
}

function setMeta(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)').run(key, value);
}

export const readMeta = meta;
export const writeMeta = setMeta;

/** The next hybrid-logical-clock time on this machine for `device`. */
export function nextTime(db: Db, device: string, wallMillis: number): string {
  const last = parseHlc(meta(db, 'hlc') ?? '') ?? { millis: 0, counter: 0, device };
  const next = tick({ ...last, device }, wallMillis);
  setMeta(db, 'hlc', formatHlc(next));
  return formatHlc(next);
}

/** Moves this machine's clock past a time seen in a received change. */
export function observeTime(db: Db, seen: string, wallMillis: number): void {
  const remote = parseHlc(seen);
  if (!remote) return;
  const last: Hlc = parseHlc(meta(db, 'hlc') ?? '') ?? { millis: 0, counter: 0, device: remote.device };
  setMeta(db, 'hlc', formatHlc(receive(last, remote, wallMillis)));
}

/**
 * The next change-set number for an author's device on a case: 1, 2, 3 … with no gaps, so anyone on
 * the case can tell when one has not reached them (dropped by a relay, left out of a bundle).
 */
export function nextSequence(db: Db, author: string, device: string, caseId: string): number {
  const row = prepared(
    db,
    'SELECT max(seq) AS seq FROM sync_change_sets WHERE author = ? AND device = ? AND case_id = ?',
  ).get(author, device, caseId) as { seq: number | null };
  return (row.seq ?? 0) + 1;
}

/** Per author and device, the change-set numbers of a case this computer has not received. */
export function missingOfCase(db: Db, caseId: string): { author: string; device: string; missing: number }[] {
  return prepared(
    db,
    `SELECT author, device, max(seq) - count(*) AS missing FROM sync_change_sets
         WHERE case_id = ? GROUP BY author, device HAVING max(seq) > count(*)`,
  ).all(caseId) as { author: string; device: string; missing: number }[];
}

export interface CaseKeyRow {
  caseId: string;
  keyId: string;
  generation: number;
  key: Buffer;
}

export function currentCaseKey(db: Db, caseId: string): CaseKeyRow | undefined {
  return prepared(
    db,
    `SELECT case_id AS caseId, key_id AS keyId, generation, key FROM sync_case_keys
       WHERE case_id = ? ORDER BY generation DESC, key_id DESC LIMIT 1`,
  ).get(caseId) as CaseKeyRow | undefined;
}

export function caseKeyById(db: Db, caseId: string, keyId: string): Buffer | undefined {
  return (
    prepared(db, 'SELECT key FROM sync_case_keys WHERE case_id = ? AND key_id = ?').get(caseId, keyId) as
      | { key: Buffer }
      | undefined
  )?.key;
}

export function caseKeysOf(db: Db, caseId: string): CaseKeyRow[] {
  return prepared(
    db,
    'SELECT case_id AS caseId, key_id AS keyId, generation, key FROM sync_case_keys WHERE case_id = ? ORDER BY generation',
  ).all(caseId) as CaseKeyRow[];
}

export function keepCaseKey(db: Db, row: CaseKeyRow): void {
  prepared(
    db,
    'INSERT OR IGNORE INTO sync_case_keys (case_id, key_id, generation, key) VALUES (?, ?, ?, ?)',
  ).run(row.caseId, row.keyId, row.generation, row.key);
}

/** A case's first content key, made the first time anything on it is recorded. */
export function caseKeyFor(db: Db, caseId: string): CaseKeyRow {
  const held = currentCaseKey(db, caseId);
  if (held) return held;
  const made = { caseId, keyId: randomUUID(), generation: 1, key: randomBytes(32) };
  keepCaseKey(db, made);
  return made;
}

export interface StoredChangeSet {
  id: string;
  caseId: string;
  author: string;
  device: string;
  seq: number;
  schema: number;
  madeAt: string;
  envelope: Envelope;
  origin: 'here' | 'received';
  state: 'applied' | 'waiting';
  receivedAt: string;
}

export function hasChangeSet(db: Db, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM sync_change_sets WHERE id = ?').get(id) !== undefined;
}

export function keepChangeSet(db: Db, cs: Omit<StoredChangeSet, 'envelope'> & { envelope: Envelope }): void {
  const arrival =
    (prepared(db, 'SELECT max(arrival) AS n FROM sync_change_sets').get() as { n: number | null }).n ?? 0;
  prepared(
    db,
    `INSERT INTO sync_change_sets (id, arrival, case_id, author, device, seq, schema, made_at, envelope, origin, state, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    cs.id,
    arrival + 1,
    cs.caseId,
    cs.author,
    cs.device,
    cs.seq,
    cs.schema,
    cs.madeAt,
    JSON.stringify(cs.envelope),
    cs.origin,
    cs.state,
    cs.receivedAt,
  );
}

const STORED_SELECT = `SELECT id, case_id AS caseId, author, device, seq, schema, made_at AS madeAt, envelope,
  origin, state, received_at AS receivedAt FROM sync_change_sets`;

type StoredRow = Omit<StoredChangeSet, 'envelope'> & { envelope: string };
const fromRow = (r: StoredRow): StoredChangeSet => ({ ...r, envelope: JSON.parse(r.envelope) as Envelope });

export function changeSetsOfCase(db: Db, caseId: string): StoredChangeSet[] {
  return (prepared(db, `${STORED_SELECT} WHERE case_id = ? ORDER BY arrival`).all(caseId) as StoredRow[]).map(
    fromRow,
  );
}

export function waitingChangeSets(db: Db): StoredChangeSet[] {
  return (prepared(db, `${STORED_SELECT} WHERE state = 'waiting' ORDER BY arrival`).all() as StoredRow[]).map(
    fromRow,
  );
}

/**
 * Change sets held apart because they edit a record not yet on this machine (migration 025): kept as
 * waiting (and passed on), with the record they wait for.
 */
export function holdChangeSet(db: Db, id: string, record: { tbl: string; rowId: string }): void {
  prepared(db, 'INSERT OR REPLACE INTO sync_held_change_sets (id, tbl, row_id) VALUES (?, ?, ?)').run(
    id,
    record.tbl,
    record.rowId,
  );
}

export function heldChangeSets(db: Db): StoredChangeSet[] {
  return (
    prepared(
      db,
      `${STORED_SELECT} WHERE state = 'waiting' AND id IN (SELECT id FROM sync_held_change_sets) ORDER BY arrival`,
    ).all() as StoredRow[]
  ).map(fromRow);
}

export const isHeld = (db: Db, id: string) =>
  prepared(db, 'SELECT 1 FROM sync_held_change_sets WHERE id = ?').get(id) !== undefined;

export function releaseHeld(db: Db, id: string): void {
  prepared(db, 'DELETE FROM sync_held_change_sets WHERE id = ?').run(id);
}

/** Forgets a change set held apart that turned out to be refused: nothing of it stays on this machine. */
export function forgetHeld(db: Db, id: string): void {
  releaseHeld(db, id);
  prepared(db, 'DELETE FROM sync_sent WHERE change_set_id = ?').run(id);
  prepared(db, 'DELETE FROM sync_change_sets WHERE id = ?').run(id);
}

export function markApplied(db: Db, id: string): void {
  prepared(db, "UPDATE sync_change_sets SET state = 'applied' WHERE id = ?").run(id);
}

/** Values as the store holds them, and as they travel. */
export function toFieldValue(value: unknown): FieldValue {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return { base64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  if (value === undefined) return null;
  return value as FieldValue;
}

export function toStoreValue(value: FieldValue | undefined): unknown {
  if (value !== null && typeof value === 'object') return Buffer.from(value.base64, 'base64');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

export type { ChangeSet };

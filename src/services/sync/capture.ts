import { WorkbenchError } from '#contract/errors.ts';
import { applyEdit, type FieldEdit, replacesFor } from '#domain/sync/field-merge.ts';
import {
  type ChangeSet,
  type ChangeSetAuditEntry,
  DELETED_FIELD,
  type FieldOp,
} from '#domain/sync/replica.ts';
import type { Db } from '#store/database.ts';
import { LATEST_VERSION } from '#store/migrations/index.ts';
import {
  caseKeyFor,
  keepChangeSet,
  nextSequence,
  nextTime,
  readField,
  recordFields,
  toFieldValue,
  writeField,
} from '#store/sync/state.ts';
import { prepared } from '#store/sync/statements.ts';
import { SYNCED_TABLES, syncedColumns, syncedTable } from '#store/sync/tables.ts';
import { changeSetId, sealChangeSet } from '#sync/envelope.ts';
import { MembershipRefused } from '#sync/membership.ts';
import type { DeviceIdentity } from './identity.ts';
import { latestMembership, refreshMembership, rosterOfStore } from './trust.ts';

/** The data schema a change set is written in: a machine that knows less keeps it for later. */
export const SYNC_SCHEMA = LATEST_VERSION;

interface OutboxRow {
  seq: number;
  tbl: string;
  row_id: string;
  case_id: string | null;
  field: string;
  value: unknown;
  kind: 'insert' | 'set' | 'delete';
}

/** The cases a captured row travels with: a child's with each of its cases. */
function casesOf(db: Db, row: OutboxRow): string[] {
  if (row.tbl === 'children') {
    const [childId] = JSON.parse(row.row_id) as string[];
    return (prepared(db, 'SELECT id FROM cases WHERE child_id = ?').all(childId) as { id: string }[]).map(
      (c) => c.id,
    );
  }
  return row.case_id ? [row.case_id] : [];
}

/**
 * Every current edit of a record as ops, so a record written before it was ever sent (or before this
 * machine had sync) travels whole: fields with no merge state yet get a first edit now.
 */
function recordSnapshot(
  db: Db,
  tbl: string,
  rowId: string,
  makeEdit: (value: unknown) => FieldEdit,
  untrackedOnly = false,
): FieldOp[] {
  const t = syncedTable(tbl);
  if (!t) return [];
  const keys = JSON.parse(rowId) as unknown[];
  const row = prepared(
    db,
    `SELECT * FROM ${t.name} WHERE ${t.key.map((k) => `${k} IS ?`).join(' AND ')}`,
  ).get(...keys) as Record<string, unknown> | undefined;
  if (!row) return [];
  const held = recordFields(db, tbl, rowId);
  const ops: FieldOp[] = [];
  for (const field of syncedColumns(db, t)) {
    const state = held.get(field);
    if (state?.current.length) {
      if (!untrackedOnly) for (const edit of state.current) ops.push({ table: tbl, id: rowId, field, edit });
      continue;
    }
    const edit = makeEdit(row[field]);
    writeField(db, tbl, rowId, field, { current: [edit], replaced: [] });
    ops.push({ table: tbl, id: rowId, field, edit });
  }
  return ops;
}

/** The times of every version shown in a record's fields (what a removal of it had seen). */
export function seenVersions(db: Db, tbl: string, rowId: string): string[] {
  return [...recordFields(db, tbl, rowId).entries()]
    .filter(([field]) => field !== DELETED_FIELD)
    .flatMap(([, state]) => state.current.map((e) => e.at));
}

/** Every record of a case as ops: what a first bundle to a new recipient or a baseline carries. */
export function caseSnapshot(
  db: Db,
  caseId: string,
  makeEdit: (value: unknown) => FieldEdit,
  untrackedOnly = false,
): FieldOp[] {
  const ops: FieldOp[] = [];
  const childId = (
    prepared(db, 'SELECT child_id AS id FROM cases WHERE id = ?').get(caseId) as { id: string }
  )?.id;
  if (childId)
    ops.push(...recordSnapshot(db, 'children', JSON.stringify([childId]), makeEdit, untrackedOnly));
  for (const t of SYNCED_TABLES) {
    if (t.name === 'children') continue;
    const rows = prepared(
      db,
      `SELECT json_array(${t.key.map((k) => `r.${k}`).join(', ')}) AS rowId FROM ${t.name} r
         WHERE ${t.caseOf.replaceAll('$', 'r')} = ?`,
    ).all(caseId) as { rowId: string }[];
    for (const { rowId } of rows) ops.push(...recordSnapshot(db, t.name, rowId, makeEdit, untrackedOnly));
  }
  return ops;
}

/**
 * Turns the fields the capture triggers recorded in this transaction into one signed, sealed change
 * set per case, before the commit: the change and its change set are kept together or not at all.
 */
export function captureChanges(
  db: Db,
  device: DeviceIdentity | null,
  now: Date,
  audit: ChangeSetAuditEntry[],
): ChangeSet[] {
  // Without a device key (a recovery-key sign-in) nothing can be signed: the captured fields wait
  // for the next signed-in write rather than being lost.
  if (!device) return [];
  const rows = prepared(db, 'SELECT * FROM sync_outbox ORDER BY seq').all() as OutboxRow[];
  if (rows.length === 0) return [];
  prepared(db, 'DELETE FROM sync_outbox').run();
  const author = device.memberId;
  const { deviceId } = device;
  const wall = now.getTime();
  const makeEdit = (value: unknown, replaces: string[] = []): FieldEdit => ({
    at: nextTime(db, deviceId, wall),
    replaces,
    value: toFieldValue(value),
    by: author,
  });

  // The last value of each field in this transaction, in the order fields were first touched.
  const last = new Map<string, OutboxRow>();
  for (const row of rows) {
    const key = `${row.tbl}\u0000${row.row_id}\u0000${row.field}`;
    if (last.has(key) && row.kind !== 'insert') last.delete(key);
    last.set(key, row);
  }

  const opsByCase = new Map<string, FieldOp[]>();
  const add = (caseIds: string[], ops: FieldOp[]) => {
    for (const caseId of caseIds) opsByCase.set(caseId, [...(opsByCase.get(caseId) ?? []), ...ops]);
  };
  for (const row of last.values()) {
    const state = readField(db, row.tbl, row.row_id, row.field);
    // A first insert needs no "not deleted" mark; a row inserted again after a deletion does.
    if (row.kind === 'insert' && state.current.length === 0) continue;
    // The triggers record a deletion as 1 and a re-insertion as 0; a tombstone travels as true/false.
    const value = row.field === DELETED_FIELD ? row.value === 1 : row.value;
    // A removal names every version of the record's fields its author had seen, so a change made
    // elsewhere without seeing the removal is kept as a conflict, never silently dropped.
    const seen = row.kind === 'delete' ? seenVersions(db, row.tbl, row.row_id) : [];
    const edit = makeEdit(value, [...replacesFor(state), ...seen]);
    writeField(db, row.tbl, row.row_id, row.field, applyEdit(state, edit));
    add(casesOf(db, row), [{ table: row.tbl, id: row.row_id, field: row.field, edit }]);
    if (row.tbl === 'cases' && row.field === 'child_id' && row.kind === 'set') {
      // A case opened for a child carries the child's record with it.
      add(
        casesOf(db, row),
        recordSnapshot(db, 'children', JSON.stringify([row.value]), (v) => makeEdit(v)),
      );
    }
  }
  const made: ChangeSet[] = [];
  for (const [caseId, ops] of opsByCase) {
    // A reallocation writes a new generation of the case key before anything more is sealed, so a
    // removed worker never holds the key of what is written from now on.
    const reallocated = ops.some(
      (op) =>
        op.table === 'case_managers' ||
        (op.table === 'cases' && ['social_worker_id', 'yos_practitioner_id'].includes(op.field)) ||
        (op.table === 'assessments' && ['lead_assessor_id', 'co_assessor_id'].includes(op.field)) ||
        // A consultation opening or closing lets the hub in or out.
        (op.table === 'consultations' && op.field === 'state'),
    );
    if (reallocated && rosterOfStore(db) && latestMembership(db, caseId)) {
      try {
        refreshMembership(db, caseId, device, now);
      } catch (error) {
        // Nobody allocated is in the roster yet, or the writer may not allocate: the case keeps its
        // key until someone who may shares it again ("Send case to…" refreshes it then).
        if (!(error instanceof WorkbenchError || error instanceof MembershipRefused)) throw error;
      }
    }
    made.push(sealAndKeep(db, device, caseId, ops, audit, now));
  }
  return made;
}

/** Makes one change set of `ops` on a case: numbered, sealed under the case key, signed and kept. */
export function sealAndKeep(
  db: Db,
  device: DeviceIdentity,
  caseId: string,
  ops: FieldOp[],
  audit: ChangeSetAuditEntry[],
  now: Date,
): ChangeSet {
  const author = device.memberId;
  const seq = nextSequence(db, author, device.deviceId, caseId);
  const cs: ChangeSet = {
    id: changeSetId(author, device.deviceId, caseId, seq),
    author,
    device: device.deviceId,
    seq,
    caseId,
    schema: SYNC_SCHEMA,
    ops,
    audit,
  };
  const key = caseKeyFor(db, caseId);
  const envelope = sealChangeSet(cs, { id: key.keyId, key: key.key }, device.privateKey);
  keepChangeSet(db, {
    id: cs.id,
    caseId,
    author,
    device: device.deviceId,
    seq,
    schema: SYNC_SCHEMA,
    madeAt: ops[0]?.edit.at ?? '',
    envelope,
    origin: 'here',
    state: 'applied',
    receivedAt: now.toISOString(),
  });
  return cs;
}

/** Edits for a case's fields that have never been captured (written before sync, or by a migration). */
export function baselineOps(db: Db, device: DeviceIdentity, caseId: string, now: Date): FieldOp[] {
  const makeEdit = (value: unknown): FieldEdit => ({
    at: nextTime(db, device.deviceId, now.getTime()),
    replaces: [],
    value: toFieldValue(value),
    by: device.memberId,
  });
  return caseSnapshot(db, caseId, makeEdit, true);
}

import { shownValue } from '../../domain/sync/field-merge.ts';
import { DELETED_FIELD } from '../../domain/sync/replica.ts';
import type { Db } from '../database.ts';
import { readField, toStoreValue } from './state.ts';
import { prepared } from './statements.ts';
import { syncedTable } from './tables.ts';

/** A record that lies in another case than the one asked about. */
export const ANOTHER_CASE = Symbol('another case');

/**
 * The value of one column of a synced record on this machine: from its table when the record is
 * written there, otherwise from the merge state (a record waiting for its parent, or deleted);
 * undefined when neither knows it.
 */
export function recordValue(db: Db, tbl: string, rowId: string, column: string): unknown {
  const t = syncedTable(tbl);
  if (!t) return undefined;
  const keys = JSON.parse(rowId) as unknown[];
  const keyAt = t.key.indexOf(column);
  if (keyAt >= 0) return keys[keyAt];
  const where = t.key.map((k) => `${k} = ?`).join(' AND ');
  const row = prepared(db, `SELECT ${column} AS v FROM ${t.name} WHERE ${where}`).get(...keys) as
    | { v: unknown }
    | undefined;
  if (row) return row.v;
  const state = readField(db, tbl, rowId, column);
  return state.current.length > 0 ? toStoreValue(shownValue(state)) : undefined;
}

/**
 * Which case a synced record lies in, as far as this machine can tell: `forCase` or ANOTHER_CASE, or
 * null when it cannot place the record yet (neither the record nor the parent that names its case has
 * reached this machine). A child lies in every case that names it, so it is placed in `forCase` when
 * that case names it.
 */
export function placeRecord(
  db: Db,
  tbl: string,
  rowId: string,
  forCase: string,
): string | typeof ANOTHER_CASE | null {
  if (tbl === 'children') {
    const childOfCase = recordValue(db, 'cases', JSON.stringify([forCase]), 'child_id');
    if (childOfCase === undefined || childOfCase === null) return null;
    return childOfCase === (JSON.parse(rowId) as unknown[])[0] ? forCase : ANOTHER_CASE;
  }
  const link = syncedTable(tbl)?.link;
  if (!link) return null;
  const value = recordValue(db, tbl, rowId, link.column);
  if (value === undefined || value === null) return null;
  if (link.parent) return placeRecord(db, link.parent, JSON.stringify([value]), forCase);
  return value === forCase ? forCase : ANOTHER_CASE;
}

/** Whether a synced record is written in its table on this machine. */
function inTable(db: Db, tbl: string, rowId: string): boolean {
  const t = syncedTable(tbl);
  if (!t) return false;
  const where = t.key.map((k) => `${k} = ?`).join(' AND ');
  return (
    prepared(db, `SELECT 1 FROM ${t.name} WHERE ${where}`).get(...(JSON.parse(rowId) as unknown[])) !==
    undefined
  );
}

/** Whether a synced record is on this machine: in its table, or merged and not deleted. */
export function recordExists(db: Db, tbl: string, rowId: string): boolean {
  if (inTable(db, tbl, rowId)) return true;
  const deleted = readField(db, tbl, rowId, DELETED_FIELD);
  return deleted.current.length > 0 && shownValue(deleted) !== true;
}

/** Whether this machine knows a synced record at all: in its table, or in the merge state (even deleted). */
export function recordKnown(db: Db, tbl: string, rowId: string): boolean {
  return (
    inTable(db, tbl, rowId) ||
    prepared(db, 'SELECT 1 FROM sync_fields WHERE tbl = ? AND row_id = ? LIMIT 1').get(tbl, rowId) !==
      undefined
  );
}

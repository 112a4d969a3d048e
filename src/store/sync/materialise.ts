import { shownValue } from '../../domain/sync/field-merge.ts';
import { DELETED_FIELD } from '../../domain/sync/replica.ts';
import type { Db } from '../database.ts';
import { recordFields, toStoreValue } from './state.ts';
import { prepared } from './statements.ts';
import { columnsOf, SYNCED_TABLES, type SyncedTable, syncedColumns, syncedTable } from './tables.ts';

/**
 * Writes a record's merged state into its table: the shown value of each field, or a deletion. Runs
 * with capture off (see withoutCapture). A record that cannot be written yet (its parent has not
 * arrived, or a required field is missing) is kept in `sync_pending_rows` and tried again after the
 * next change sets; nothing of it is lost, since the merge state holds every edit.
 */
/** Values of a table's local columns for a record arriving from elsewhere, made by this machine. */
export type LocalColumns = (table: string, values: Record<string, unknown>) => Record<string, unknown>;

function writeRecord(db: Db, t: SyncedTable, rowId: string, local?: LocalColumns): void {
  const fields = recordFields(db, t.name, rowId);
  const keys = JSON.parse(rowId) as unknown[];
  const where = t.key.map((k) => `${k} = ?`).join(' AND ');
  if (shownValue(fields.get(DELETED_FIELD) ?? { current: [], replaced: [] }) === true) {
    prepared(db, `DELETE FROM ${t.name} WHERE ${where}`).run(...keys);
    return;
  }
  const known = syncedColumns(db, t).filter((c) => fields.get(c)?.current.length);
  const values = known.map((c) => toStoreValue(shownValue(fields.get(c) ?? { current: [], replaced: [] })));
  const exists = prepared(db, `SELECT 1 FROM ${t.name} WHERE ${where}`).get(...keys) !== undefined;
  const hasVersion = columnsOf(db, t.name).some((c) => c.name === 'version');
  if (exists) {
    const sets = known.filter((c) => !t.key.includes(c));
    const bump = hasVersion ? ['version = version + 1'] : [];
    if (sets.length === 0) return;
    prepared(
      db,
      `UPDATE ${t.name} SET ${[...sets.map((c) => `${c} = ?`), ...bump].join(', ')} WHERE ${where}`,
    ).run(...sets.map((c) => values[known.indexOf(c)]), ...keys);
    return;
  }
  // A version column with no default starts at 1 here, as it does where the record was made.
  const made: Record<string, unknown> = hasVersion && !known.includes('version') ? { version: 1 } : {};
  if (t.local?.some((c) => c !== 'version') && local) {
    Object.assign(made, local(t.name, Object.fromEntries(known.map((c, i) => [c, values[i]]))));
  }
  const columns = [...known, ...Object.keys(made)];
  prepared(
    db,
    `INSERT INTO ${t.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...values, ...Object.values(made));
}

const tableOrder = (name: string) => SYNCED_TABLES.findIndex((t) => t.name === name);

/**
 * Writes each touched record, parents first, each in its own savepoint so one that cannot be written
 * yet does not undo the others; then tries the records waiting from earlier until none moves.
 * Returns the records still waiting.
 */
export function materialise(
  db: Db,
  touched: { tbl: string; rowId: string }[],
  local?: LocalColumns,
  options: { retryPending?: boolean } = {},
): number {
  const pending = (
    options.retryPending === false
      ? []
      : prepared(db, 'SELECT tbl, row_id AS rowId FROM sync_pending_rows').all()
  ) as { tbl: string; rowId: string }[];
  const seen = new Set<string>();
  let queue = [...touched, ...pending]
    .filter((r) => {
      const k = `${r.tbl}\u0000${r.rowId}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => tableOrder(a.tbl) - tableOrder(b.tbl));
  const clear = prepared(db, 'DELETE FROM sync_pending_rows WHERE tbl = ? AND row_id = ?');
  const keep = prepared(
    db,
    'INSERT OR REPLACE INTO sync_pending_rows (tbl, row_id, problem) VALUES (?, ?, ?)',
  );
  let progress = true;
  while (queue.length > 0 && progress) {
    progress = false;
    const failed: typeof queue = [];
    for (const record of queue) {
      const t = syncedTable(record.tbl);
      if (!t) continue;
      db.exec('SAVEPOINT sync_record');
      try {
        writeRecord(db, t, record.rowId, local);
        db.exec('RELEASE sync_record');
        clear.run(record.tbl, record.rowId);
        progress = true;
      } catch (error) {
        db.exec('ROLLBACK TO sync_record');
        db.exec('RELEASE sync_record');
        keep.run(record.tbl, record.rowId, String((error as Error).message).slice(0, 200));
        failed.push(record);
      }
    }
    queue = failed;
  }
  return queue.length;
}

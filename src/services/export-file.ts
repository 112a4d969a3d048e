import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../contract/errors.ts';
import type { Db } from '../store/database.ts';
import { renameInto, tempPathBeside, writeNewFile } from '../store/files.ts';
import { sameSessionAfterDialog } from './after-dialog.ts';
import { requireCaseAccess } from './case-access.ts';
import type { AuditNote, Session, Workbench } from './workbench.ts';

// The one way an export leaves the store as a file. The export is audited exactly when the file
// exists, and no plaintext temporary file is left behind:
//   1. one transaction records a pending-export row, the export's own record and its audit entry;
//   2. the bytes go to a temporary file beside the target (unique name, owner-only), flushed to disk,
//      then renamed onto the target;
//   3. the pending row is cleared.
// If step 2 fails, the temporary file is removed and one transaction removes the pending row and the
// export's record and appends an audit entry saying no file was kept. If the process dies part-way,
// the next sign-in finishes the pending row (`finishPendingExports`).

/** The fixed points of an export, where the crash tests stop the process. */
export type ExportStep =
  | 'before-record'
  | 'before-temp-write'
  | 'after-temp-write'
  | 'after-rename'
  | 'after-commit';

let stepHook: ((step: ExportStep) => void) | null = null;

/** Test-only seam: `hook` is called at each fixed point of every export (null removes it). */
export function onExportStep(hook: ((step: ExportStep) => void) | null): void {
  stepHook = hook;
}

export type ExportTable = 'report_exports' | 'map_exports';

export interface ExportFile {
  /**
   * The session the export started in, read before the save dialog: the file is saved only if the same
   * person is still signed in in it once the dialog closes (auto-lock, or someone else unlocking, while
   * it was open refuses the export), and never under whoever is signed in now.
   */
  startedIn: Extract<Session, { state: 'signed-in' }>;
  /** The case the export is of: the case guard runs again once the dialog has closed. */
  caseId: string | null;
  /** Where the person chose to save it. */
  path: string;
  content: Buffer | string;
  /** What is exported, in a few words for the audit trail ("the case chronology"); no child's details. */
  what: string;
  /** The export's audit entry, written in the same transaction as the pending row. */
  audit: AuditNote;
  /** The row that records the export, written (and, if no file is kept, removed) with the audit entry. */
  record?: { table: ExportTable; id: string; insert: (db: Db) => void };
}

interface PendingRow {
  id: string;
  target: string;
  temp: string;
  started_at: string;
  what: string;
  record_type: string;
  record_id: string;
  export_table: ExportTable | null;
  export_id: string | null;
  /** SHA-256 of the content (hex); null on rows written before migration 012. */
  sha256: string | null;
}

function step(name: ExportStep): void {
  stepHook?.(name);
}

/** Why a file could not be written, and what to do about it, in plain words. */
function explain(error: unknown): { reason: string; remedy: string } {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        reason: 'there is no space left on that drive',
        remedy: 'Free some space there or choose another folder',
      };
    case 'EACCES':
    case 'EPERM':
      return {
        reason: 'the workbench is not allowed to write in that folder',
        remedy: 'Choose a folder you can save into',
      };
    case 'EROFS':
      return { reason: 'that drive is read-only', remedy: 'Choose a folder on another drive' };
    case 'ENOENT':
    case 'ENOTDIR':
      return {
        reason: 'that folder is no longer there',
        remedy: 'Check the drive is connected, or choose another folder',
      };
    default:
      return {
        reason: 'the drive reported an error',
        remedy: 'Check the drive, or choose another folder',
      };
  }
}

/** Removes a pending row (and, when no file was kept, the export's record) with an audit entry. */
function settle(db: Db, audit: (note: AuditNote) => void, row: PendingRow, kept: boolean, summary: string) {
  db.prepare('DELETE FROM pending_exports WHERE id = ?').run(row.id);
  if (!kept && row.export_table && row.export_id) {
    const table = row.export_table === 'map_exports' ? 'map_exports' : 'report_exports';
    db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(row.export_id);
  }
  audit({
    action: kept ? 'export.completed' : 'export.failed',
    recordType: row.record_type,
    recordId: row.record_id,
    summary,
  });
}

/**
 * Writes an exported file as described above. Returns when the file is in place and audited; throws
 * a WorkbenchError saying no file was kept if it could not be written.
 */
export function saveExportFile(wb: Workbench, file: ExportFile): void {
  const { user } = sameSessionAfterDialog(wb, file.startedIn);
  if (file.caseId !== null) requireCaseAccess(wb, wb.db(), file.caseId);
  const row: PendingRow = {
    id: randomUUID(),
    target: file.path,
    temp: tempPathBeside(file.path),
    started_at: wb.now().toISOString(),
    what: file.what,
    record_type: file.audit.recordType,
    record_id: file.audit.recordId,
    export_table: file.record?.table ?? null,
    export_id: file.record?.id ?? null,
    sha256: createHash('sha256').update(file.content).digest('hex'),
  };
  step('before-record');
  wb.write((db, audit) => {
    db.prepare(
      `INSERT INTO pending_exports (id, target, temp, started_at, started_by, what, record_type, record_id, export_table, export_id, sha256)
       VALUES (@id, @target, @temp, @started_at, @started_by, @what, @record_type, @record_id, @export_table, @export_id, @sha256)`,
    ).run({ ...row, started_by: user.id });
    file.record?.insert(db);
    audit(file.audit);
  });
  try {
    step('before-temp-write');
    writeNewFile(row.temp, file.content);
    step('after-temp-write');
    renameInto(row.temp, row.target);
  } catch (error) {
    rmSync(row.temp, { force: true });
    const { reason, remedy } = explain(error);
    try {
      wb.write((db, audit) =>
        settle(
          db,
          audit,
          row,
          false,
          `the export of ${row.what} to ${row.target} failed (${reason}); no file was kept`,
        ),
      );
    } catch {
      // The store refused too: the pending row stays and the next sign-in records the outcome.
    }
    throw new WorkbenchError(
      'store-refused',
      `The file could not be saved to ${dirname(row.target)}: ${reason}. Nothing was saved there, and the attempt is recorded in the audit trail. ${remedy}, then export again.`,
    );
  }
  step('after-rename');
  try {
    wb.write((db) => {
      db.prepare('DELETE FROM pending_exports WHERE id = ?').run(row.id);
    });
  } catch {
    // The file is in place and its export audited; the next sign-in clears the pending row.
  }
  step('after-commit');
}

/** SHA-256 of a file, read in chunks (an export may be large); null if it cannot be read. */
function sha256OfFile(path: string): string | null {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 16);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
    }
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Whether the export's file is at its target: the file's content has the digest recorded when the export
 * started (a file of that name that was already there, say an earlier export overwritten, does not count).
 */
function exportFound(row: PendingRow): boolean {
  if (!existsSync(row.target)) return false;
  return row.sha256 === null || sha256OfFile(row.target) === row.sha256;
}

/**
 * Finishes exports that a crash interrupted: removes a leftover temporary file and records in the
 * trail whether the file was saved. Called once the store is open at sign-in. A row whose folder cannot
 * be reached (a drive that is not connected) is left for a later sign-in.
 */
export function finishPendingExports(wb: Workbench): void {
  const rows = wb.db().prepare('SELECT * FROM pending_exports ORDER BY started_at, id').all() as PendingRow[];
  for (const row of rows) {
    try {
      if (!existsSync(dirname(row.target))) continue;
      rmSync(row.temp, { force: true });
      const kept = exportFound(row);
      const other =
        !kept && existsSync(row.target) ? ' (the file of that name there is not this export)' : '';
      wb.write((db, audit) =>
        settle(
          db,
          audit,
          row,
          kept,
          kept
            ? `the export of ${row.what} to ${row.target}, interrupted on ${row.started_at}, was found complete: the file is there`
            : `the export of ${row.what} to ${row.target}, interrupted on ${row.started_at}, did not finish; no file was kept${other}`,
        ),
      );
    } catch {
      // Left for the next sign-in; signing in must not fail because an old export cannot be settled.
    }
  }
}

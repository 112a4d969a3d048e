import { existsSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { installStaged } from './backup.ts';
import type { Db } from './database.ts';
import { writeFileAtomic } from './files.ts';
import { reached } from './steps.ts';

/**
 * A small journal in the data folder, written atomically before the first file step of a backup or a
 * restore, naming what is under way. After a crash, `finishInterruptedSteps` (first thing when the
 * workbench starts) rolls a restore back (still staging: nothing was replaced) or forward (installing:
 * the staged files are complete), so the data folder is never left without its keyring or database.
 * What needs the database key — the audit entries — is finished at the next sign-in
 * (`finishAfterSignIn`).
 */

export const JOURNAL_FILE = 'interrupted-step.json';

const backupJournal = z.strictObject({
  operation: z.literal('backup'),
  /** The backup folder's final name, and the `.partial` folder it is written in first. */
  folder: z.string(),
  partial: z.string(),
  at: z.string(),
  userId: z.string(),
});
const restoreJournal = z.strictObject({
  operation: z.literal('restore'),
  /** staging: checking a copy, nothing replaced; installing: renames under way; installed: audit entry next. */
  phase: z.enum(['staging', 'installing', 'installed']),
  from: z.string(),
  staging: z.string(),
  aside: z.string(),
  at: z.string(),
  userId: z.string(),
});
const journalSchema = z.discriminatedUnion('operation', [backupJournal, restoreJournal]);
export type Journal = z.infer<typeof journalSchema>;
export type RestoreJournal = z.infer<typeof restoreJournal>;
export type BackupJournal = z.infer<typeof backupJournal>;

const journalPath = (dataDir: string) => join(dataDir, JOURNAL_FILE);

export function writeJournal(dataDir: string, journal: Journal): void {
  writeFileAtomic(journalPath(dataDir), `${JSON.stringify(journal, null, 2)}\n`);
  reached(journal.operation === 'restore' ? `restore-journal:${journal.phase}` : 'backup-journal:started');
}

export function readJournal(dataDir: string): Journal | null {
  const path = journalPath(dataDir);
  if (!existsSync(path)) return null;
  try {
    return journalSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    // A journal is written atomically, so an unreadable one was not written by the workbench.
    return null;
  }
}

export function clearJournal(dataDir: string): void {
  rmSync(journalPath(dataDir), { force: true });
}

/** The name of every folder a restore makes in the data folder: `<kind>-<stamp>` (see backup.ts `stamp`). */
const RESTORE_FOLDER = (kind: 'restore-staging' | 'before-restore') =>
  new RegExp(`^${kind}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}$`);

/** The real path of `path`, or of its existing parent with the rest appended; null if neither resolves. */
function realPathOf(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return null;
    }
  }
}

/** True when `path` is `dataDir/<kind>-<stamp>` once both are resolved (no link, no `..`, no other folder). */
function isRestoreFolder(dataDir: string, path: string, kind: 'restore-staging' | 'before-restore'): boolean {
  const name = basename(path);
  if (!RESTORE_FOLDER(kind).test(name)) return false;
  const real = realPathOf(path);
  const dir = realPathOf(dataDir);
  return real !== null && dir !== null && real === join(dir, name);
}

/**
 * Whether a restore journal names only the folders a restore makes in the data folder. The journal is
 * read before anyone signs in and its paths are removed and renamed, so an edited journal must not be
 * able to point anywhere else.
 */
export function trustedRestoreJournal(dataDir: string, journal: RestoreJournal): boolean {
  return (
    isRestoreFolder(dataDir, journal.staging, 'restore-staging') &&
    isRestoreFolder(dataDir, journal.aside, 'before-restore')
  );
}

/** A journal naming folders it should not: left untouched for the next sign-in to record and set aside. */
export function untrustedJournal(dataDir: string): boolean {
  const journal = readJournal(dataDir);
  return journal?.operation === 'restore' && !trustedRestoreJournal(dataDir, journal);
}

/** Moves an ignored journal aside (kept for whoever investigates), so it blocks no later backup. */
export function setJournalAside(dataDir: string, stampText: string): string {
  const name = `interrupted-step.ignored-${stampText}.json`;
  renameSync(journalPath(dataDir), join(dataDir, name));
  return name;
}

/**
 * File steps only, no keys needed: run before anything looks at the data folder. A restore still
 * staging is rolled back (the staging copy is removed); one installing is rolled forward. Temporary
 * files left by an interrupted atomic write of the head file or the journal are removed. A restore
 * journal naming anything but this data folder's own restore folders is ignored (nothing removed or
 * installed) and left for the next sign-in, which records it.
 */
export function finishInterruptedSteps(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (/^\.(workbench\.head|interrupted-step\.json)\.[0-9a-f-]+\.tmp$/.test(name))
      rmSync(join(dataDir, name), { force: true });
  }
  const journal = readJournal(dataDir);
  if (journal?.operation === 'restore' && trustedRestoreJournal(dataDir, journal)) {
    if (journal.phase === 'staging') {
      rmSync(journal.staging, { recursive: true, force: true });
      clearJournal(dataDir);
    } else if (journal.phase === 'installing') {
      installStaged(journal.staging, journal.aside, dataDir);
      writeJournal(dataDir, { ...journal, phase: 'installed' });
    }
  }
}

/** True when a restore was installed but its audit entry may not have been written yet. */
export const restoreAwaitingAudit = (dataDir: string): RestoreJournal | null => {
  const journal = readJournal(dataDir);
  return journal?.operation === 'restore' &&
    journal.phase === 'installed' &&
    trustedRestoreJournal(dataDir, journal)
    ? journal
    : null;
};

/** Whether the audit entry of a restore (or backup) with this journal has been committed. */
export function auditedAlready(db: Db, action: string, recordId: string, at: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM audit_log WHERE action = ? AND record_id = ? AND at = ? LIMIT 1')
      .get(action, recordId, at) !== undefined
  );
}

/** How an interrupted backup was settled, or why it is left for a later sign-in. */
export type BackupSettled = 'none' | 'renamed' | 'removed' | 'ignored' | 'waiting';

/**
 * An interrupted backup, once the database is open: its `.partial` folder is renamed into place only if
 * its audit entry was committed (so no backup exists without its entry), and removed otherwise. The
 * journal is cleared only once this is settled: while the backup's parent folder cannot be reached (a
 * drive not connected) or the rename or removal fails (a folder now read-only or busy) it is kept, and
 * the next sign-in tries again. A journal whose partial folder is not `<folder>.partial` of a backup
 * folder is ignored (nothing removed) and cleared.
 */
export function finishInterruptedBackup(dataDir: string, db: Db): BackupSettled {
  const journal = readJournal(dataDir);
  if (journal?.operation !== 'backup') return 'none';
  if (
    journal.partial !== `${journal.folder}.partial` ||
    !/^hsb-workbench-backup-[0-9T-]+$/.test(basename(journal.folder))
  ) {
    clearJournal(dataDir);
    return 'ignored';
  }
  if (!existsSync(dirname(journal.folder))) return 'waiting';
  let settled: BackupSettled = 'removed';
  try {
    reached('backup-finish:settling');
    if (existsSync(journal.partial)) {
      if (auditedAlready(db, 'backup.create', journal.folder, journal.at) && !existsSync(journal.folder)) {
        renameSync(journal.partial, journal.folder);
        settled = 'renamed';
      } else {
        rmSync(journal.partial, { recursive: true, force: true });
      }
    }
  } catch {
    return 'waiting';
  }
  clearJournal(dataDir);
  return settled;
}

import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * File steps only, no keys needed: run before anything looks at the data folder. A restore still
 * staging is rolled back (the staging copy is removed); one installing is rolled forward. Temporary
 * files left by an interrupted atomic write of the head file or the journal are removed.
 */
export function finishInterruptedSteps(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (/^(workbench\.head|interrupted-step\.json)\.\d+\.tmp$/.test(name))
      rmSync(join(dataDir, name), { force: true });
  }
  const journal = readJournal(dataDir);
  if (journal?.operation === 'restore') {
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
  return journal?.operation === 'restore' && journal.phase === 'installed' ? journal : null;
};

/** Whether the audit entry of a restore (or backup) with this journal has been committed. */
export function auditedAlready(db: Db, action: string, recordId: string, at: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM audit_log WHERE action = ? AND record_id = ? AND at = ? LIMIT 1')
      .get(action, recordId, at) !== undefined
  );
}

/**
 * An interrupted backup, once the database is open: its `.partial` folder is renamed into place only if
 * its audit entry was committed (so no backup exists without its entry), and removed otherwise.
 */
export function finishInterruptedBackup(dataDir: string, db: Db): void {
  const journal = readJournal(dataDir);
  if (journal?.operation !== 'backup') return;
  if (existsSync(journal.partial)) {
    if (auditedAlready(db, 'backup.create', journal.folder, journal.at) && !existsSync(journal.folder)) {
      renameSync(journal.partial, journal.folder);
    } else {
      rmSync(journal.partial, { recursive: true, force: true });
    }
  }
  clearJournal(dataDir);
}

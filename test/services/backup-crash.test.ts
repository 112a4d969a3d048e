import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '#store/restore-journal.ts';
import { aChild } from '../support/backups.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, harness, seededTeam } from '../support/workbench.ts';

const child = join(import.meta.dirname, 'backup-crash-child.ts');

let root: ReturnType<typeof tempFolder>;
let template: string;
let backupFolder: string;

/** A workbench with a backup holding 'Before Backup' only, and 'After Backup' added since; closed. */
beforeAll(async () => {
  root = tempFolder();
  template = join(root.path, 'template');
  const h = harness(template);
  await seededTeam(h);
  await h.call('children.create', aChild('Before Backup'));
  h.host.backupFolder = join(root.path, 'backups');
  mkdirSync(h.host.backupFolder);
  const made = await h.call('backup.create', {});
  if (!made) throw new Error('no backup');
  backupFolder = made.folder;
  await h.call('children.create', aChild('After Backup'));
  await h.call('session.signOut', {});
  h.wb.close();
}, 60_000);
afterAll(() => root.remove());

/** Runs the child with the kill step; resolves when it has been killed (rejects if it finished). */
function runChild(dataDir: string, operation: string, folder: string, killAt: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dataDir, operation, folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HSB_TEST_KILL_AT: killAt },
    });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    proc.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the child was not killed at ${killAt}: ${output}`));
    });
  });
}

let run = 0;
function freshCopy() {
  run++;
  const dataDir = join(root.path, `run-${run}`, 'data');
  const parent = join(root.path, `run-${run}`, 'backups');
  cpSync(template, dataDir, { recursive: true });
  mkdirSync(parent);
  return { dataDir, parent };
}

/** A new workbench on the folder: it must be set up, sign in, check intact and report no loss. */
async function reopen(dataDir: string) {
  const h = harness(dataDir, { start: new Date('2026-11-26T13:00:00Z') });
  const before = await h.call('session.status', {});
  expect(before.setUp).toBe(true);
  const status = await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  expect(status.lostChanges).toBeNull();
  expect(await h.call('audit.check', {})).toMatchObject({ intact: true });
  const names = h.wb.db().prepare('SELECT name FROM children ORDER BY name').pluck().all();
  const actions = h.wb.db().prepare('SELECT action, record_id FROM audit_log ORDER BY seq').all() as {
    action: string;
    record_id: string;
  }[];
  return { h, names, actions };
}

const leftovers = (dir: string) =>
  readdirSync(dir).filter(
    (f) =>
      f.endsWith('.partial') || f.startsWith('restore-staging-') || f === JOURNAL_FILE || f.endsWith('.tmp'),
  );

const BACKUP_STEPS = ['backup-journal:started', 'backup-files-written', 'backup-audited', 'backup-renamed'];

const RESTORE_STEPS = [
  'restore-journal:staging',
  'restore-staged',
  'restore-journal:installing',
  'restore-moved-aside:workbench.db',
  'restore-moved-aside:keyring.json',
  'restore-moved-aside:workbench.head',
  'restore-installed:workbench.db',
  'restore-installed:keyring.json',
  'restore-installed:workbench.head',
  'restore-journal:installed',
  'restore-audited',
  'restore-head-written',
];

describe('a backup interrupted by SIGKILL', () => {
  it.each(BACKUP_STEPS)(
    'after %s: no backup without its audit entry, and no leftovers',
    async (step) => {
      const { dataDir, parent } = freshCopy();
      await runChild(dataDir, 'backup', parent, step);
      const { h, actions } = await reopen(dataDir);
      try {
        const folders = readdirSync(parent).filter((f) => !f.endsWith('.partial'));
        const audited = actions.filter((a) => a.action === 'backup.create' && a.record_id.startsWith(parent));
        // Before (no folder, no entry) or after (the folder under its final name, and its entry).
        expect(folders.length).toBeLessThanOrEqual(1);
        expect(audited.map((a) => a.record_id)).toEqual(folders.map((f) => join(parent, f)));
        if (step === 'backup-audited' || step === 'backup-renamed') expect(folders).toHaveLength(1);
        expect(leftovers(parent)).toEqual([]);
        expect(leftovers(dataDir)).toEqual([]);
      } finally {
        h.wb.close();
      }
    },
    30_000,
  );
});

describe('a restore interrupted by SIGKILL', () => {
  it.each(RESTORE_STEPS)(
    'after %s: the workbench as it was, or the restore finished',
    async (step) => {
      const { dataDir } = freshCopy();
      await runChild(dataDir, 'restore', backupFolder, step);
      const { h, names, actions } = await reopen(dataDir);
      try {
        const restored = actions.filter((a) => a.action === 'backup.restore' && a.record_id === backupFolder);
        const aside = readdirSync(dataDir).filter((f) => f.startsWith('before-restore-'));
        if (step === 'restore-journal:staging' || step === 'restore-staged') {
          expect(names).toEqual(['After Backup', 'Before Backup']);
          expect(restored).toEqual([]);
          expect(aside).toEqual([]);
        } else {
          expect(names).toEqual(['Before Backup']);
          expect(restored).toHaveLength(1);
          expect(aside).toHaveLength(1);
          const kept = readdirSync(join(dataDir, aside[0] ?? ''));
          expect(kept).toEqual(expect.arrayContaining(['workbench.db', 'keyring.json']));
        }
        expect(leftovers(dataDir)).toEqual([]);
      } finally {
        h.wb.close();
      }
    },
    30_000,
  );
});

describe('a restore killed, then killed again while the next start finishes it', () => {
  it.each([
    ['restore-moved-aside:keyring.json', 'restore-moved-aside:workbench.head'],
    ['restore-moved-aside:keyring.json', 'restore-installed:workbench.db'],
    ['restore-installed:workbench.db', 'restore-installed:keyring.json'],
    ['restore-installed:workbench.head', 'restore-journal:installed'],
  ])(
    'after %s and then %s: finished on the start after',
    async (first, second) => {
      const { dataDir } = freshCopy();
      await runChild(dataDir, 'restore', backupFolder, first);
      await runChild(dataDir, 'start', backupFolder, second);
      const { h, names, actions } = await reopen(dataDir);
      try {
        expect(names).toEqual(['Before Backup']);
        expect(
          actions.filter((a) => a.action === 'backup.restore' && a.record_id === backupFolder),
        ).toHaveLength(1);
        expect(leftovers(dataDir)).toEqual([]);
      } finally {
        h.wb.close();
      }
    },
    30_000,
  );
});

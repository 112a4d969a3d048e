import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCKED_DURING_DIALOG } from '#services/after-dialog.ts';
import { recentAudit } from '#store/audit-trail.ts';
import { openDatabase } from '#store/database.ts';
import { JOURNAL_FILE } from '#store/restore-journal.ts';
import { stepHooks } from '#store/steps.ts';
import { aChild, type DataFolderWorkbench, dataFolderEachTest } from '../support/backups.ts';

import { ADMIN_PASSWORD, type Harness, SW_PASSWORD } from '../support/workbench.ts';

// Review findings 7, 8, 9, 11, 12, 13 and 14 (backup and restore): interrupted backups and restores,
// the journal that finishes them, the checks at sign-in, and the session after a folder dialog.

let root: DataFolderWorkbench['root'];
let h: Harness;
let databaseKey: Buffer;

const dataDir = () => join(root.path, 'data');
const backupsDir = () => join(root.path, 'usb');
const journalPath = () => join(dataDir(), JOURNAL_FILE);

const open = dataFolderEachTest((w) => {
  ({ root, h, databaseKey } = w);
  mkdirSync(backupsDir());
  h.host.backupFolder = backupsDir();
});
afterEach(() => {
  stepHooks.onStep = () => {};
});

/** The next step named `name` throws (as a failing disk or a busy folder would at that point). */
function failAt(name: string, error: Error = new Error(`injected fault at ${name}`)) {
  stepHooks.onStep = (step) => {
    if (step === name) {
      stepHooks.onStep = () => {};
      throw error;
    }
  };
}

/** A fresh start of the workbench on the same data folder (as after a crash), signed in. */
async function restart(as = { username: 'admin', password: ADMIN_PASSWORD }) {
  h.wb.close();
  h = open(dataDir());
  return h.call('session.signIn', as);
}

const children = () => h.wb.db().prepare('SELECT name FROM children ORDER BY name').pluck().all();

describe('a backup interrupted after its audit entry (finding 7)', () => {
  async function interruptedBackup(): Promise<string> {
    failAt('backup-audited');
    const result = await h.router.call('backup.create', {});
    expect(result.ok).toBe(false);
    const partial = readdirSync(backupsDir()).find((n) => n.endsWith('.partial'));
    expect(partial).toBeDefined();
    expect(existsSync(journalPath())).toBe(true);
    return join(backupsDir(), (partial ?? '').replace(/\.partial$/, ''));
  }

  it('while the drive is not connected: sign-in works, the journal is kept, and the backup is put in place once the drive is back', async () => {
    const folder = await interruptedBackup();
    renameSync(backupsDir(), `${backupsDir()}-unplugged`);
    expect((await restart()).state).toBe('signed-in');
    expect(existsSync(journalPath())).toBe(true);
    renameSync(`${backupsDir()}-unplugged`, backupsDir());
    expect((await restart()).state).toBe('signed-in');
    expect(existsSync(journalPath())).toBe(false);
    expect(readdirSync(folder).sort()).toEqual(['keyring.json', 'manifest.json', 'workbench.db']);
  });

  it('when the folder is read-only or busy at the clean-up: sign-in still works, and the next sign-in finishes it', async () => {
    const folder = await interruptedBackup();
    failAt('backup-finish:settling', Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' }));
    expect((await restart()).state).toBe('signed-in');
    expect(existsSync(journalPath())).toBe(true);
    expect(existsSync(folder)).toBe(false);
    expect((await restart()).state).toBe('signed-in');
    expect(existsSync(journalPath())).toBe(false);
    expect(existsSync(folder)).toBe(true);
  });
});

describe('a restore that fails after the files were swapped (finding 8)', () => {
  it('answers success, and the next sign-in audits it as the person who restored', async () => {
    await h.call('children.create', aChild('Before Backup'));
    const backup = await h.call('backup.create', {});
    await h.call('children.create', aChild('After Backup'));
    h.host.restoreFolder = backup?.folder ?? null;
    failAt('restore-journal:installed');
    expect(await h.call('backup.restore', {})).toEqual({ restoredFrom: backup?.folder });
    expect(h.wb.session.state).toBe('signed-out');
    // Someone else signs in next: the entry is still the administrator's, who restored.
    await restart({ username: 'sam.sw', password: SW_PASSWORD });
    expect(existsSync(journalPath())).toBe(false);
    const entry = recentAudit(h.wb.db(), 5).find((e) => e.action === 'backup.restore');
    expect(entry).toMatchObject({ userName: 'Alex Administrator', recordId: backup?.folder });
    await restart();
    expect(children()).toEqual(['Before Backup']);
    expect((await h.call('audit.check', {})).intact).toBe(true);
  });

  it('no backup or restore starts while an interrupted one waits to be finished, so its journal is never overwritten', async () => {
    failAt('backup-audited');
    expect((await h.router.call('backup.create', {})).ok).toBe(false);
    const journal = readFileSync(journalPath(), 'utf8');
    for (const call of ['backup.create', 'backup.restore'] as const) {
      const refused = await h.refuse(call, {});
      expect(refused.code).toBe('conflict');
      expect(refused.message).toMatch(/interrupted and has not been finished yet.*Nothing was saved\.$/);
    }
    expect(readFileSync(journalPath(), 'utf8')).toBe(journal);
  });
});

describe('a journal naming folders outside the data folder (finding 9)', () => {
  const stampText = '2026-11-26T10-00-00';

  function writeRestoreJournal(phase: 'staging' | 'installing', staging: string, aside: string) {
    writeFileSync(
      journalPath(),
      JSON.stringify({
        operation: 'restore',
        phase,
        from: join(root.path, 'somewhere'),
        staging,
        aside,
        at: '2026-11-26T10:00:00.000Z',
        userId: 'nobody',
      }),
    );
  }

  function victim(): string {
    const dir = join(root.path, 'precious');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    return dir;
  }

  it('is ignored at start (nothing removed or installed), recorded at sign-in and set aside', async () => {
    const precious = victim();
    await h.call('session.signOut', {});
    h.wb.close();
    writeRestoreJournal('staging', precious, join(dataDir(), `before-restore-${stampText}`));
    const status = await restart();
    expect(status.state).toBe('signed-in');
    expect(readFileSync(join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(journalPath())).toBe(false);
    expect(readdirSync(dataDir()).filter((n) => n.startsWith('interrupted-step.ignored-'))).toHaveLength(1);
    const entry = recentAudit(h.wb.db(), 5).find((e) => e.action === 'backup.journal-ignored');
    expect(entry?.summary).toMatch(/outside the data folder.*nothing was removed or installed/);
  });

  it('a restore folder name that is a link to another folder is not trusted either', async () => {
    const precious = victim();
    await h.call('session.signOut', {});
    h.wb.close();
    const staging = join(dataDir(), `restore-staging-${stampText}`);
    symlinkSync(precious, staging);
    writeRestoreJournal('installing', staging, join(dataDir(), '..', `before-restore-${stampText}`));
    await restart();
    expect(readFileSync(join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(root.path, `before-restore-${stampText}`))).toBe(false);
    expect(children()).toEqual([]);
  });
});

describe('temporary files of atomic writes (finding 13)', () => {
  it('the head file’s and the journal’s are removed at start', async () => {
    h.wb.close();
    const leftovers = [`.workbench.head.${randomUUID()}.tmp`, `.interrupted-step.json.${randomUUID()}.tmp`];
    for (const name of leftovers) writeFileSync(join(dataDir(), name), 'half written');
    h = open(dataDir(), new Date('2026-11-26T10:00:00Z'));
    for (const name of leftovers) expect(existsSync(join(dataDir(), name)), name).toBe(false);
  });
});

describe('findings at sign-in (findings 11 and 12)', () => {
  it('a damaged database cannot be accepted: refused plainly, and nothing is written to it', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    const db = openDatabase(join(dataDir(), 'workbench.db'), databaseKey);
    const page = (
      db.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_report_map_images_1'").get() as {
        pageno: number;
      }
    ).pageno;
    db.close();
    const fd = openSync(join(dataDir(), 'workbench.db'), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (page - 1) * 4096);
    closeSync(fd);
    const status = await restart();
    expect(status.lostChanges?.kind).toBe('damaged');
    const entries = () => h.wb.db().prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = entries();
    const refused = await h.refuse('audit.acceptLoss', {});
    expect(refused.code).toBe('rule-broken');
    expect(refused.message).toMatch(
      /cannot be accepted.*Restore from your last backup.*Nothing was saved\.$/,
    );
    expect(entries()).toBe(before);
    expect((await h.call('session.status', {})).lostChanges?.kind).toBe('damaged');
  });

  it('an upgraded store whose trail does not check out is a finding, and no head file is started', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    rmSync(join(dataDir(), 'workbench.head'));
    const db = openDatabase(join(dataDir(), 'workbench.db'), databaseKey);
    db.exec("DELETE FROM settings WHERE key = 'headFileSince'");
    db.exec("UPDATE audit_log SET summary = 'nothing to see' WHERE seq = 2");
    db.close();
    const status = await restart();
    expect(status.lostChanges).toMatchObject({
      kind: 'lost',
      message: expect.stringMatching(/audit trail does not check out/),
    });
    expect(existsSync(join(dataDir(), 'workbench.head'))).toBe(false);
    // Still reported at the next sign-in: it does not read as "not kept yet".
    expect((await restart()).lostChanges?.message).toMatch(/audit trail does not check out/);
    expect(existsSync(join(dataDir(), 'workbench.head'))).toBe(false);
  });
});

describe('the session after a folder dialog (finding 14)', () => {
  it('a restore whose dialog stayed open until auto-lock is refused plainly, and nothing changes', async () => {
    await h.call('children.create', aChild('Before Backup'));
    const backup = await h.call('backup.create', {});
    await h.call('children.create', aChild('After Backup'));
    h.host.chooseRestoreFolder = async () => {
      h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000);
      h.wb.lockIfIdle();
      return backup?.folder ?? null;
    };
    const refused = await h.refuse('backup.restore', {});
    expect(refused).toEqual({ code: 'locked', message: LOCKED_DURING_DIALOG });
    expect(existsSync(journalPath())).toBe(false);
    expect(readdirSync(dataDir()).some((n) => n.startsWith('restore-staging-'))).toBe(false);
    await h.call('session.unlock', { password: ADMIN_PASSWORD });
    expect(children()).toEqual(['After Backup', 'Before Backup']);
  });

  it('a backup whose dialog stayed open while someone else unlocked is refused, not saved under their session', async () => {
    h.host.chooseBackupFolder = async () => {
      h.wb.lock();
      await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
      return backupsDir();
    };
    expect(await h.refuse('backup.create', {})).toEqual({ code: 'locked', message: LOCKED_DURING_DIALOG });
    expect(readdirSync(backupsDir())).toEqual([]);
    expect(existsSync(journalPath())).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestMac } from '#store/backup.ts';
import { isPlaintextSqlite, openDatabase } from '#store/database.ts';
import { aChild, backUp as backUpNow, seededWorkbenchWithBackupDriveEachTest } from '../support/backups.ts';
import type { SeededWorkbench } from '../support/each-test.ts';
import type { Harness } from '../support/workbench.ts';

let data: SeededWorkbench['folder'];
let backups: SeededWorkbench['folder'];
let h: Harness;

seededWorkbenchWithBackupDriveEachTest((w) => ({ folder: data, backups, h } = w));

const backUp = () => backUpNow(h);

describe('backup and restore', () => {
  it('writes an encrypted copy with its keyring and a manifest, and audits it', async () => {
    await h.call('children.create', aChild('Backed Up Child'));
    const folder = await backUp();
    expect(readdirSync(folder).sort()).toEqual(['keyring.json', 'manifest.json', 'workbench.db']);
    expect(isPlaintextSqlite(join(folder, 'workbench.db'))).toBe(false);
    expect(readFileSync(join(folder, 'workbench.db')).includes('Backed Up Child')).toBe(false);
    expect((await h.call('audit.recent', { limit: 1 }))[0]?.action).toBe('backup.create');
  });

  it('returns nothing when the person cancels the folder dialog', async () => {
    h.host.backupFolder = null;
    expect(await h.call('backup.create', {})).toBeNull();
  });

  it('restores a checked backup, keeping the replaced files aside', async () => {
    await h.call('children.create', aChild('Before Backup'));
    const folder = await backUp();
    await h.call('children.create', aChild('After Backup'));
    h.host.restoreFolder = folder;
    expect(await h.call('backup.restore', {})).toEqual({ restoredFrom: folder });
    const names = () => h.wb.db().prepare('SELECT name FROM children ORDER BY name').pluck().all();
    expect(names()).toEqual(['Before Backup']);
    expect(readdirSync(data.path).some((f) => f.startsWith('before-restore-'))).toBe(true);
    expect((await h.call('audit.recent', { limit: 1 }))[0]?.action).toBe('backup.restore');
    expect((await h.call('audit.check', {})).intact).toBe(true);
  });

  it.each([
    [
      'an altered database file',
      (folder: string) => {
        const path = join(folder, 'workbench.db');
        const bytes = readFileSync(path);
        bytes[5000] = (bytes[5000] ?? 0) ^ 1;
        writeFileSync(path, bytes);
      },
      /do not match the digests/,
    ],
    [
      'a missing keyring',
      (folder: string) => writeFileSync(join(folder, 'keyring.json'), '{}'),
      /do not match the digests/,
    ],
    [
      'a folder that is not a backup',
      (folder: string) => writeFileSync(join(folder, 'manifest.json'), 'nope'),
      /no readable workbench backup manifest/,
    ],
  ])('refuses %s and replaces nothing', async (_what, damage, message) => {
    await h.call('children.create', aChild('Current Child'));
    const folder = await backUp();
    damage(folder);
    await h.call('children.create', aChild('Newer Child'));
    const dbBefore = h.wb.db().prepare('SELECT count(*) FROM children').pluck().get();
    h.host.restoreFolder = folder;
    const error = await h.refuse('backup.restore', {});
    expect(error.code).toBe('store-refused');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Nothing has been changed/);
    expect(h.wb.db().prepare('SELECT count(*) FROM children').pluck().get()).toBe(dbBefore);
    expect(readdirSync(data.path).some((f) => f.startsWith('before-restore-'))).toBe(false);
    expect(existsSync(h.wb.keyringPath)).toBe(true);
  });

  it('restores from the same backup twice: checking it does not change it', async () => {
    await h.call('children.create', aChild('Only Child'));
    const folder = await backUp();
    h.host.restoreFolder = folder;
    await h.call('children.create', aChild('Second'));
    expect(await h.call('backup.restore', {})).toEqual({ restoredFrom: folder });
    await h.call('children.create', aChild('Third'));
    expect(await h.call('backup.restore', {})).toEqual({ restoredFrom: folder });
    expect(h.wb.db().prepare('SELECT name FROM children').pluck().all()).toEqual(['Only Child']);
    expect(readdirSync(data.path).some((f) => f.startsWith('restore-staging-'))).toBe(false);
  });

  it('refuses a backup from another installation, one from a newer version, and one whose trail was altered', async () => {
    const folder = await backUp();
    const manifestPath = join(folder, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const rewrite = (change: () => void) => {
      change();
      const digest = (f: string) =>
        createHash('sha256')
          .update(readFileSync(join(folder, f)))
          .digest('hex');
      manifest.files = { database: digest('workbench.db'), keyring: digest('keyring.json') };
      // Re-sealed with this workbench's audit key: these checks stand behind the seal.
      manifest.mac = manifestMac(h.wb.signedIn().keys.auditKey, manifest);
      writeFileSync(manifestPath, JSON.stringify(manifest));
    };
    h.host.restoreFolder = folder;
    rewrite(() => {
      manifest.databaseId = 'another-installation';
    });
    expect((await h.refuse('backup.restore', {})).message).toMatch(/different workbench installation/);
    manifest.databaseId = h.wb.keyring().databaseId;

    const key = h.wb.signedIn().keys.databaseKey;
    const edit = (sql: string) => {
      const db = openDatabase(join(folder, 'workbench.db'), key, { migrate: false });
      db.exec(sql);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      db.close();
    };
    rewrite(() => edit("UPDATE audit_log SET summary = 'nothing to see' WHERE seq = 1"));
    expect((await h.refuse('backup.restore', {})).message).toMatch(/audit trail has been altered/);
    rewrite(() => edit('PRAGMA user_version = 999'));
    expect((await h.refuse('backup.restore', {})).message).toMatch(/newer version of the workbench/);
    expect(
      readdirSync(data.path).some((f) => f.startsWith('before-restore-') || f.startsWith('restore-staging-')),
    ).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backUp as backUpNow, seededWorkbenchWithBackupDriveEachTest } from '../support/backups.ts';
import type { SeededWorkbench } from '../support/each-test.ts';
import type { Harness } from '../support/workbench.ts';
import { ADMIN_PASSWORD, SW_PASSWORD, YOS_PASSWORD } from '../support/workbench.ts';

let data: SeededWorkbench['folder'];
let backups: SeededWorkbench['folder'];
let h: Harness;

seededWorkbenchWithBackupDriveEachTest((w) => ({ folder: data, backups, h } = w));

const backUp = () => backUpNow(h);

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** What someone without the audit key can do: change the keyring and put its new digest in the manifest. */
function editKeyring(
  folder: string,
  change: (keyring: Record<string, unknown> & { users: { username: string }[] }) => void,
) {
  const path = join(folder, 'keyring.json');
  const keyring = JSON.parse(readFileSync(path, 'utf8'));
  change(keyring);
  writeFileSync(path, JSON.stringify(keyring));
  const manifestPath = join(folder, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.files.keyring = digest(path);
  writeFileSync(manifestPath, JSON.stringify(manifest));
}

describe('a backup’s keyring and manifest are sealed', () => {
  it('refuses a backup whose keyring was given a planted throttle entry, and the administrator can still sign in', async () => {
    const folder = await backUp();
    editKeyring(folder, (k) => {
      k.throttle = { 't:admin': { failures: 40, lastFailureAt: '2098-11-26T10:00:00.000Z' } };
    });
    h.host.restoreFolder = folder;
    const error = await h.refuse('backup.restore', {});
    expect(error.code).toBe('store-refused');
    expect(error.message).toMatch(/manifest or keyring has been altered.*Nothing has been changed/);
    await h.call('session.signOut', {});
    expect((await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD })).state).toBe(
      'signed-in',
    );
  });

  it('refuses a backup whose keyring entry was relabelled, so the administrator’s password cannot sign in as someone else', async () => {
    const folder = await backUp();
    editKeyring(folder, (k) => {
      k.users = k.users
        .filter((u) => u.username !== 'sam.sw')
        .map((u) => (u.username === 'admin' ? { ...u, username: 'sam.sw' } : u));
    });
    h.host.restoreFolder = folder;
    expect((await h.refuse('backup.restore', {})).message).toMatch(/manifest or keyring has been altered/);
    await h.call('session.signOut', {});
    expect((await h.refuse('session.signIn', { username: 'sam.sw', password: ADMIN_PASSWORD })).code).toBe(
      'wrong-password',
    );
    // One failure made: Sam's own password still works once the short wait has passed.
    h.travelTo(new Date('2026-11-26T10:30:00Z'));
    expect(
      (await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD })).user?.username,
    ).toBe('sam.sw');
  });

  it('refuses a manifest whose recorded time was changed', async () => {
    const folder = await backUp();
    const manifestPath = join(folder, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.createdAt = '2020-01-01T00:00:00.000Z';
    writeFileSync(manifestPath, JSON.stringify(manifest));
    h.host.restoreFolder = folder;
    expect((await h.refuse('backup.restore', {})).message).toMatch(/manifest or keyring has been altered/);
  });

  it('keeps the current failed sign-in counts on restore, not the backup’s', async () => {
    // Yas mistypes three times before the backup…
    for (let i = 0; i < 3; i++) {
      const error = await h.refuse('session.signIn', { username: 'yas.yos', password: 'not the password' });
      expect(error.code).toBe('wrong-password');
    }
    const folder = await backUp();
    // …then signs in properly later, which clears them in the current keyring.
    h.travelTo(new Date('2026-11-26T10:30:00Z'));
    await h.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
    await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    h.host.restoreFolder = folder;
    expect(await h.call('backup.restore', {})).toEqual({ restoredFrom: folder });
    // Failed sign-ins are kept in throttle.json, never in a keyring a backup carries.
    expect(JSON.parse(readFileSync(h.wb.keyringPath, 'utf8')).throttle).toBeUndefined();
    expect(JSON.parse(readFileSync(join(h.wb.dataDir, 'throttle.json'), 'utf8')).accounts).toEqual({});
    // So one more mistake is Yas's first (free), not a fourth that would make Yas wait.
    await h.call('session.signOut', {});
    await h.refuse('session.signIn', { username: 'yas.yos', password: 'wrong again' });
    const status = await h.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
    expect(status.user?.username).toBe('yas.yos');
  });
});

describe('bad files give the right message', () => {
  it('refuses a backup whose database is a 2 GB sparse file, plainly and not as an internal error', async () => {
    const folder = await backUp();
    truncateSync(join(folder, 'workbench.db'), 2 ** 31 + 4096);
    h.host.restoreFolder = folder;
    const error = await h.refuse('backup.restore', {});
    expect(error.code).toBe('store-refused');
    expect(error.message).toMatch(/do not match the digests.*Nothing has been changed/);
  }, 60_000);

  it('keeps the database and its -wal and -shm sidecars readable by their owner only', async () => {
    await h.call('settings.update', { autoLockMinutes: 15 });
    for (const file of [
      'workbench.db',
      'workbench.db-wal',
      'workbench.db-shm',
      'keyring.json',
      'workbench.head',
    ]) {
      expect((statSync(join(data.path, file)).mode & 0o777).toString(8), file).toBe('600');
    }
  });
});

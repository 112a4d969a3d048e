import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKey, newBoxKeyPair, newScryptParams, seal } from '#store/crypto.ts';
import { openDatabase } from '#store/database.ts';
import { Keyring, packKeys, type StoreKeys } from '#store/keyring.ts';
import { type FreshWorkbench, workbenchEachTest } from '../support/each-test.ts';
import { cipherOfFile, encryptWithChaCha20 } from '../support/legacy-store.ts';
import {
  ADMIN_PASSWORD,
  type Harness,
  harness,
  SW_PASSWORD,
  seededTeam,
  TEST_KDF_COST,
  YOS_PASSWORD,
} from '../support/workbench.ts';

let folder: FreshWorkbench['folder'];
let h: Harness;

workbenchEachTest({}, (w) => ({ folder, h } = w));

const keyringText = () => readFileSync(h.wb.keyringPath, 'utf8');

/** The database key an old keyring file and password unwrap, if any. */
function keyFrom(keyringPath: string, username: string, password: string): Buffer | null {
  const unwrapped = Keyring.load(keyringPath, TEST_KDF_COST).unwrapWithPassword(username, password);
  return unwrapped.ok ? Buffer.from(unwrapped.keys.databaseKey) : null;
}

async function signInAs(target: Harness, username: string, password: string) {
  if (target.wb.session.state !== 'signed-out') await target.call('session.signOut', {});
  return target.call('session.signIn', { username, password });
}

describe('the database key can be taken away', () => {
  it('after a deactivation and a rotation, an old keyring and an old password no longer open the live database', async () => {
    const { socialWorker } = await seededTeam(h);
    // Sam keeps a copy of the keyring as it was, and knows their password.
    const stolen = join(folder.path, '..', `${folder.path.split('/').pop()}-stolen-keyring.json`);
    copyFileSync(h.wb.keyringPath, stolen);
    // A folder a restore moved aside still holds the old key's copy of everything.
    mkdirSync(join(folder.path, 'before-restore-2026-11-20T10-00-00'));
    copyFileSync(h.wb.keyringPath, join(folder.path, 'before-restore-2026-11-20T10-00-00', 'keyring.json'));
    const { username: _username, ...details } = socialWorker;
    await h.call('users.update', { ...details, active: false });

    const wrong = await h.refuse('keys.rotate', { password: 'not the admin password', confirm: true });
    expect(wrong.code).toBe('wrong-password');
    const result = await h.call('keys.rotate', { password: ADMIN_PASSWORD, confirm: true });
    expect(result).toEqual({ accountsNeedingNewPassword: [], recoveryKey: null });

    const oldKey = keyFrom(stolen, 'sam.sw', SW_PASSWORD);
    expect(oldKey).not.toBeNull();
    expect(cipherOfFile(h.wb.databasePath, oldKey as Buffer)).toBeNull();
    expect(readdirSync(folder.path).filter((n) => n.startsWith('before-restore-'))).toEqual([]);

    // Everyone who kept access signs in with their own password; the data and the trail are intact.
    await signInAs(h, 'yas.yos', YOS_PASSWORD);
    await signInAs(h, 'admin', ADMIN_PASSWORD);
    expect((await h.call('users.list', {})).map((u) => u.username).sort()).toEqual([
      'admin',
      'sam.sw',
      'yas.yos',
    ]);
    expect((await h.call('audit.check', {})).intact).toBe(true);
    const recent = await h.call('audit.recent', { limit: 10 });
    expect(recent.map((e) => e.action)).toContain('keys.rotate');
  });

  it('the recovery key still works after a rotation', async () => {
    const { recoveryKey } = await seededTeam(h);
    await h.call('keys.rotate', { password: ADMIN_PASSWORD, confirm: true });
    await h.call('session.signOut', {});
    const status = await h.call('session.recover', {
      recoveryKey,
      username: 'admin',
      newPassword: 'after rotation 12',
    });
    expect(status.state).toBe('signed-in');
    expect((await h.call('audit.check', {})).intact).toBe(true);
  });

  it('only an administrator can rotate, and a practitioner is refused', async () => {
    await seededTeam(h);
    await signInAs(h, 'sam.sw', SW_PASSWORD);
    expect((await h.refuse('keys.rotate', { password: SW_PASSWORD, confirm: true })).code).toBe('forbidden');
  });
});

describe('a committed keyring change is never undone', () => {
  it('a deactivation committed just before a crash stays in force through a recovery and later changes', async () => {
    const { recoveryKey } = await seededTeam(h);
    h.wb.close();
    expect(await runChild(folder.path, 'deactivate', 'keyring-committed')).toBe('killed');
    // The keyring file still lets Sam in; the pending one, which the database committed, does not.
    const after = harness(folder.path);
    await after.call('session.recover', { recoveryKey, username: 'admin', newPassword: 'recovered admin 1' });
    await after.call('users.create', {
      username: 'later.person',
      name: 'Later Person',
      agency: 'health',
      roles: ['practitioner'],
      aimTrained: false,
      initialPassword: 'initial password three',
    });
    await after.call('session.signOut', {});
    expect((await after.refuse('session.signIn', { username: 'sam.sw', password: SW_PASSWORD })).code).toBe(
      'wrong-password',
    );
    expect(keyFrom(after.wb.keyringPath, 'sam.sw', SW_PASSWORD)).toBeNull();
    expect(leftovers(folder.path)).toEqual([]);
    after.wb.close();
  });
});

describe('keys the database did not record are not trusted', () => {
  it('a public key swapped into the keyring file receives nothing: the rotation is refused and the entry reads as damaged', async () => {
    await seededTeam(h);
    const before = keyringText();
    const file = JSON.parse(before);
    const attacker = newBoxKeyPair();
    file.recovery.publicKey = attacker.publicKey;
    const yas = file.users.find((u: { username: string }) => u.username === 'yas.yos');
    yas.publicKey = attacker.publicKey;
    writeFileSync(h.wb.keyringPath, JSON.stringify(file));
    h.wb.forgetKeyring();
    const refused = await h.refuse('keys.rotate', { password: ADMIN_PASSWORD, confirm: true });
    expect(refused.code).toBe('store-refused');
    expect(refused.message).toMatch(/keys the database did not record/);
    expect(keyringText()).toBe(JSON.stringify(file));
    await h.call('session.signOut', {});
    expect(
      (await h.refuse('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD })).message,
    ).toMatch(/entry in the keyring is damaged/);
  });

  it('an administrator can issue a new recovery key; the old one stops working', async () => {
    const { recoveryKey } = await seededTeam(h);
    expect((await h.refuse('keys.newRecoveryKey', { password: 'wrong password here' })).code).toBe(
      'wrong-password',
    );
    const { recoveryKey: fresh } = await h.call('keys.newRecoveryKey', { password: ADMIN_PASSWORD });
    expect(fresh).not.toBe(recoveryKey);
    await h.call('session.signOut', {});
    expect(
      (await h.refuse('session.recover', { recoveryKey, username: 'admin', newPassword: 'never used 12' }))
        .code,
    ).toBe('wrong-password');
    expect(
      (
        await h.call('session.recover', {
          recoveryKey: fresh,
          username: 'admin',
          newPassword: 'after new key 1',
        })
      ).state,
    ).toBe('signed-in');
  });
});

describe('new and existing stores use AEGIS', () => {
  it('a new store is encrypted with AEGIS', async () => {
    await seededTeam(h);
    const key = Buffer.from((h.wb.session as { keys: { databaseKey: Buffer } }).keys.databaseKey);
    h.wb.closeStore();
    expect(cipherOfFile(h.wb.databasePath, key)).toBe('aegis');
  });

  it('a ChaCha20 store is re-encrypted with AEGIS at the next sign-in, keeping its data and trail', async () => {
    await seededTeam(h);
    const key = Buffer.from((h.wb.session as { keys: { databaseKey: Buffer } }).keys.databaseKey);
    const entriesBefore = (await h.call('audit.check', {})).entriesChecked;
    await h.call('session.signOut', {});
    encryptWithChaCha20(h.wb.databasePath, key);
    expect(cipherOfFile(h.wb.databasePath, key)).toBe('chacha20');
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    await signInAs(h, 'admin', ADMIN_PASSWORD);
    const check = await h.call('audit.check', {});
    expect(check.intact).toBe(true);
    // sign-out, the re-encryption, Sam's sign-in and sign-out, the administrator's sign-in
    expect(check.entriesChecked).toBe(entriesBefore + 5);
    h.wb.closeStore();
    expect(cipherOfFile(h.wb.databasePath, key)).toBe('aegis');
  });
});

describe('passwords are checked with throttling everywhere, and the throttle cannot be turned into a lock-out', () => {
  it('wrong signing passwords are throttled like sign-in', async () => {
    await seededTeam(h);
    // The signing password is checked before the assessment is looked at, as for sign-in.
    const attempt = () =>
      h.refuse('signOff.sign', {
        assessmentId: '00000000-0000-4000-8000-000000000000',
        password: 'wrong one here',
      });
    expect((await attempt()).code).toBe('wrong-password');
    expect((await attempt()).code).toBe('wrong-password');
    expect((await attempt()).code).toBe('wrong-password');
    const throttled = await attempt();
    expect(throttled.code).toBe('throttled');
    expect(throttled.retryAfterSeconds).toBe(5);
  });

  it('a failure recorded in the future (a clock that was ahead, or a planted entry) never locks anyone out for longer than 15 minutes', async () => {
    await seededTeam(h);
    await h.call('session.signOut', {});
    h.wb.close();
    const planted = JSON.parse(keyringText());
    planted.throttle = { 't:admin': { failures: 60, lastFailureAt: '2098-01-01T00:00:00.000Z' } };
    writeFileSync(h.wb.keyringPath, JSON.stringify(planted));
    const restarted = harness(folder.path);
    const refused = await restarted.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(refused.code).toBe('throttled');
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    restarted.travelTo(new Date(restarted.clock.now.getTime() + 15 * 60_000));
    expect(
      (await restarted.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD })).state,
    ).toBe('signed-in');
    restarted.wb.close();
  });

  it('sign-in attempts with unknown usernames grow no file', async () => {
    await seededTeam(h);
    await h.call('session.signOut', {});
    const before = readdirSync(folder.path)
      .sort()
      .map((n) => `${n}:${readFileSync(join(folder.path, n)).length}`);
    const keyringBefore = keyringText();
    for (let i = 0; i < 30; i++) {
      expect(
        (await h.refuse('session.signIn', { username: `nobody.${i}`, password: 'guess guess' })).code,
      ).toBe('wrong-password');
    }
    expect(keyringText()).toBe(keyringBefore);
    expect(existsSync(join(folder.path, 'throttle.json'))).toBe(false);
    expect(
      readdirSync(folder.path)
        .filter((n) => !n.startsWith('workbench.db'))
        .sort(),
    ).toEqual(before.map((n) => n.split(':')[0]).filter((n) => !n?.startsWith('workbench.db')));
  });
});

describe('the keyring cannot be relabelled or quietly damaged', () => {
  it("a keyring entry relabelled with someone else's username does not sign in as them", async () => {
    await seededTeam(h);
    await h.call('session.signOut', {});
    const file = JSON.parse(keyringText());
    for (const entry of file.users) {
      if (entry.username === 'admin') entry.username = 'sam.sw';
      else if (entry.username === 'sam.sw') entry.username = 'admin';
    }
    writeFileSync(h.wb.keyringPath, JSON.stringify(file));
    h.wb.forgetKeyring();
    const refused = await h.refuse('session.signIn', { username: 'sam.sw', password: ADMIN_PASSWORD });
    expect(refused.code).toBe('store-refused');
    expect(h.wb.session.state).toBe('signed-out');
  });

  it('a damaged wrapped key is reported as damaged, not as a wrong password', async () => {
    await seededTeam(h);
    await h.call('session.signOut', {});
    const file = JSON.parse(keyringText());
    const entry = file.users.find((u: { username: string }) => u.username === 'sam.sw');
    const data = Buffer.from(entry.secrets.data, 'base64');
    data[3] = (data[3] ?? 0) ^ 0x01;
    entry.secrets.data = data.toString('base64');
    writeFileSync(h.wb.keyringPath, JSON.stringify(file));
    h.wb.forgetKeyring();
    const damaged = await h.refuse('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    expect(damaged.code).toBe('store-refused');
    expect(damaged.message).toMatch(/entry in the keyring is damaged/);
    const wrong = await h.refuse('session.signIn', { username: 'sam.sw', password: 'not sams password' });
    expect(wrong.code).toBe('wrong-password');
  });
});

/** Runs the child that makes one keyring change, killed at the named step; resolves when it has ended. */
function runChild(dataDir: string, action: string, crashAt: string): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, 'keyring-crash-child.ts'), dataDir, action],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, HSB_TEST_CRASH_AT: crashAt },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`child failed: ${stderr}`));
    });
  });
}

/** Nothing half-done is left in the data folder. */
const leftovers = (dir: string) => readdirSync(dir).filter((n) => /\.next\.json$|\.rekeying|\.tmp$/.test(n));

describe('a keyring change and its database change are one step, whatever moment a crash comes', () => {
  it.each([
    ['keyring-pending-written', 'old'],
    ['keyring-committed', 'new'],
  ])('a password change killed at %s leaves the %s password in force', async (point, inForce) => {
    await seededTeam(h);
    h.wb.close();
    expect(await runChild(folder.path, 'change-password', point)).toBe('killed');
    const after = harness(folder.path);
    const [good, bad] =
      inForce === 'old' ? [SW_PASSWORD, 'a brand new password'] : ['a brand new password', SW_PASSWORD];
    expect((await after.refuse('session.signIn', { username: 'sam.sw', password: bad })).code).toBe(
      'wrong-password',
    );
    expect((await after.call('session.signIn', { username: 'sam.sw', password: good })).state).toBe(
      'signed-in',
    );
    expect(leftovers(folder.path)).toEqual([]);
    await signInAs(after, 'admin', ADMIN_PASSWORD);
    const trail = await after.call('audit.recent', { limit: 5 });
    expect(trail.some((e) => e.action === 'account.change-password')).toBe(inForce === 'new');
    expect((await after.call('audit.check', {})).intact).toBe(true);
    after.wb.close();
  });

  it.each(['keyring-pending-written', 'keyring-committed'])(
    'a new person killed at %s exists with their password, or not at all; a retry leaves one entry',
    async (point) => {
      await seededTeam(h);
      h.wb.close();
      expect(await runChild(folder.path, 'create-user', point)).toBe('killed');
      const after = harness(folder.path);
      await after.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
      const exists = (await after.call('users.list', {})).some((u) => u.username === 'new.person');
      expect(exists).toBe(point === 'keyring-committed');
      if (!exists) {
        await after.call('users.create', {
          username: 'new.person',
          name: 'New Person',
          agency: 'health',
          roles: ['practitioner'],
          aimTrained: false,
          initialPassword: 'initial password two',
        });
      }
      const entries = JSON.parse(readFileSync(after.wb.keyringPath, 'utf8')).users.filter(
        (u: { username: string }) => u.username === 'new.person',
      );
      expect(entries).toHaveLength(1);
      const password = exists ? 'initial password one' : 'initial password two';
      await after.call('session.signOut', {});
      expect(
        (await after.call('session.signIn', { username: 'new.person', password })).mustChangePassword,
      ).toBe(true);
      expect(leftovers(folder.path)).toEqual([]);
      after.wb.close();
    },
  );

  it.each([
    ['rekey-copy-written', false],
    ['rekey-keyring-pending', false],
    ['rekey-swapped', true],
    ['rekey-keyring-promoted', true],
  ] as const)('a rotation killed at %s leaves one consistent store (rotated: %s)', async (point, rotated) => {
    await seededTeam(h);
    const oldKeyring = join(folder.path, '..', `${folder.path.split('/').pop()}-old-keyring.json`);
    copyFileSync(h.wb.keyringPath, oldKeyring);
    h.wb.close();
    expect(await runChild(folder.path, 'rotate', point)).toBe('killed');
    const after = harness(folder.path);
    expect((await after.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD })).state).toBe(
      'signed-in',
    );
    expect(leftovers(folder.path)).toEqual([]);
    await signInAs(after, 'admin', ADMIN_PASSWORD);
    expect((await after.call('users.list', {})).length).toBe(3);
    expect((await after.call('audit.check', {})).intact).toBe(true);
    const oldKey = keyFrom(oldKeyring, 'yas.yos', YOS_PASSWORD) as Buffer;
    after.wb.closeStore();
    expect(cipherOfFile(after.wb.databasePath, oldKey)).toBe(rotated ? null : 'aegis');
    after.wb.close();
  });

  it.each(['rekey-copy-written', 'rekey-keyring-pending', 'rekey-swapped', 'rekey-keyring-promoted'])(
    'the move of an older store to AEGIS killed at %s loses nothing and finishes at the next sign-in',
    async (point) => {
      await seededTeam(h);
      const key = Buffer.from((h.wb.session as { keys: { databaseKey: Buffer } }).keys.databaseKey);
      const users = (await h.call('users.list', {})).length;
      h.wb.close();
      encryptWithChaCha20(h.wb.databasePath, key);
      expect(await runChild(folder.path, 'sign-in', point)).toBe('killed');
      const after = harness(folder.path);
      await after.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
      expect((await after.call('users.list', {})).length).toBe(users);
      expect((await after.call('audit.check', {})).intact).toBe(true);
      expect(leftovers(folder.path)).toEqual([]);
      after.wb.closeStore();
      expect(cipherOfFile(after.wb.databasePath, key)).toBe('aegis');
      after.wb.close();
    },
  );
});

/** Rewrites the keyring in the first format (keys wrapped directly by each password), as before this version. */
function writeFirstFormatKeyring(path: string, passwords: Record<string, string>, recoveryKey: string) {
  const current = Keyring.load(path, TEST_KDF_COST);
  const file = current.snapshot();
  let keys: StoreKeys | null = null;
  const users = file.users.map((entry) => {
    const password = passwords[entry.username] as string;
    const unwrapped = current.unwrapWithPassword(entry.username, password);
    if (!unwrapped.ok) throw new Error(`cannot unwrap ${entry.username}`);
    keys = unwrapped.keys;
    const kdf = newScryptParams(TEST_KDF_COST);
    const wrap = deriveKey(password, kdf);
    return {
      userId: entry.userId,
      username: entry.username,
      kdf,
      keys: seal(wrap, packKeys(unwrapped.keys), `hsb-keys:${file.databaseId}:${entry.userId}`),
      signingKey: seal(wrap, unwrapped.signingKey, `hsb-signing:${file.databaseId}:${entry.userId}`),
      mustChangePassword: entry.mustChangePassword,
    };
  });
  const kdf = newScryptParams(TEST_KDF_COST);
  const legacy = {
    format: 'hsb-workbench-keyring',
    version: 1,
    databaseId: file.databaseId,
    createdAt: file.createdAt,
    users,
    recovery: {
      kdf,
      keys: seal(
        deriveKey(recoveryKey, kdf),
        packKeys(keys as unknown as StoreKeys),
        `hsb-keys:${file.databaseId}:recovery`,
      ),
    },
    throttle: {},
  };
  writeFileSync(path, JSON.stringify(legacy));
  return keys as unknown as StoreKeys;
}

describe('a workbench made before this version', () => {
  it('signs in with its first-format keyring and ChaCha20 store, upgrades each person at their sign-in, and a rotation asks for new passwords for the rest', async () => {
    const { recoveryKey } = await seededTeam(h);
    await h.call('session.signOut', {});
    h.wb.close();
    const keys = writeFirstFormatKeyring(
      h.wb.keyringPath,
      { admin: ADMIN_PASSWORD, 'sam.sw': SW_PASSWORD, 'yas.yos': YOS_PASSWORD },
      recoveryKey,
    );
    // A store of that version recorded no keyring generation or public keys.
    const store = openDatabase(h.wb.databasePath, keys.databaseKey);
    store.prepare("DELETE FROM settings WHERE key IN ('keyringGeneration', 'keyringPublicKeys')").run();
    store.close();
    encryptWithChaCha20(h.wb.databasePath, keys.databaseKey);
    const old = harness(folder.path);
    await old.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    const upgraded = JSON.parse(readFileSync(old.wb.keyringPath, 'utf8'));
    expect(upgraded.version).toBe(2);
    const byName = (name: string) => upgraded.users.find((u: { username: string }) => u.username === name);
    expect(byName('admin').verifier).toEqual(expect.any(String));
    expect(byName('sam.sw').verifier).toBeUndefined();
    old.wb.closeStore();
    expect(cipherOfFile(old.wb.databasePath, keys.databaseKey)).toBe('aegis');
    await old.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });

    const rotated = await old.call('keys.rotate', { password: ADMIN_PASSWORD, confirm: true });
    expect(rotated.accountsNeedingNewPassword.sort()).toEqual(['sam.sw', 'yas.yos']);
    expect(rotated.recoveryKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){7}$/);
    const sam = (await old.call('users.list', {})).find((u) => u.username === 'sam.sw');
    await old.call('users.resetPassword', { id: sam?.id as string, newPassword: 'reset by the admin 1' });
    await signInAs(old, 'sam.sw', 'reset by the admin 1');
    expect(old.wb.session.state).toBe('signed-in');
    await old.call('session.signOut', {});
    const recovered = await old.call('session.recover', {
      recoveryKey: rotated.recoveryKey as string,
      username: 'admin',
      newPassword: 'after the upgrade 1',
    });
    expect(recovered.state).toBe('signed-in');
    old.wb.close();
  });
});

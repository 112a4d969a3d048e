import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type FreshWorkbench, workbenchEachTest } from '../support/each-test.ts';
import { ADMIN_PASSWORD, type Harness, harness, SW_PASSWORD, seededTeam } from '../support/workbench.ts';

let folder: FreshWorkbench['folder'];
let h: Harness;

workbenchEachTest({}, (w) => ({ folder, h } = w));

describe('sign-in, lock and passwords', () => {
  it('sets up once, then signs people in with their own passwords', async () => {
    const { socialWorker } = await seededTeam(h);
    expect(
      (
        await h.refuse('session.setUp', {
          administrator: {
            username: 'again',
            name: 'Again',
            agency: 'other',
            roles: ['administrator'],
            aimTrained: false,
          },
          password: 'another password',
        })
      ).code,
    ).toBe('already-set-up');
    await h.call('session.signOut', {});
    const status = await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    expect(status.state).toBe('signed-in');
    expect(status.user?.id).toBe(socialWorker.id);
    expect(status.mustChangePassword).toBe(false);
  });

  it('someone given a password by the administrator must choose their own before anything else', async () => {
    await seededTeam(h);
    await h.call('users.create', {
      username: 'new.starter',
      name: 'New Starter',
      agency: 'health',
      roles: ['practitioner'],
      aimTrained: false,
      initialPassword: 'set by the admin 1',
    });
    await h.call('session.signOut', {});
    const status = await h.call('session.signIn', {
      username: 'new.starter',
      password: 'set by the admin 1',
    });
    expect(status.mustChangePassword).toBe(true);
    const refused = await h.refuse('cases.search', { query: '' });
    expect(refused).toMatchObject({
      code: 'forbidden',
      message: 'Choose your own password first: the one you were given was set by an administrator.',
    });
    await h.call('account.changePassword', {
      currentPassword: 'set by the admin 1',
      newPassword: 'my very own password',
    });
    expect(await h.call('cases.search', { query: '' })).toEqual([]);
  });

  it('throttles failed sign-ins with growing delays that survive a restart', async () => {
    await seededTeam(h);
    await h.call('session.signOut', {});
    for (let i = 0; i < 3; i++) {
      expect(
        (await h.refuse('session.signIn', { username: 'admin', password: 'wrong password!' })).code,
      ).toBe('wrong-password');
    }
    const throttled = await h.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(throttled.code).toBe('throttled');
    expect(throttled.retryAfterSeconds).toBe(5);
    expect(throttled.message).toMatch(/Wait 5 seconds/);

    // A restart: a new workbench on the same folder still remembers the failures.
    h.wb.close();
    const restarted = harness(folder.path, { start: h.clock.now });
    expect(
      (await restarted.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD })).code,
    ).toBe('throttled');
    restarted.clock.now = new Date(restarted.clock.now.getTime() + 6_000);
    expect(
      (await restarted.refuse('session.signIn', { username: 'admin', password: 'still wrong!' })).code,
    ).toBe('wrong-password');
    // The fourth failure doubles the wait.
    restarted.clock.now = new Date(restarted.clock.now.getTime() + 6_000);
    expect(
      (await restarted.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD }))
        .retryAfterSeconds,
    ).toBe(4);
    restarted.clock.now = new Date(restarted.clock.now.getTime() + 5_000);
    const ok = await restarted.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(ok.state).toBe('signed-in');
    const recent = await restarted.call('audit.recent', { limit: 1 });
    expect(recent[0]?.summary).toBe('signed in after 4 failed attempts');
    restarted.wb.close();
  });

  it('locks itself after the inactivity setting and drops the key until the password is entered', async () => {
    await seededTeam(h);
    await h.call('settings.update', { autoLockMinutes: 5 });
    h.clock.now = new Date(h.clock.now.getTime() + 4 * 60_000);
    expect((await h.call('session.status', {})).state).toBe('signed-in');
    h.clock.now = new Date(h.clock.now.getTime() + 5 * 60_000 + 1);
    expect((await h.refuse('users.list', {})).code).toBe('locked');
    expect(h.wb.session.state).toBe('locked');
    expect((await h.refuse('session.unlock', { password: 'not my password' })).code).toBe('wrong-password');
    const unlocked = await h.call('session.unlock', { password: ADMIN_PASSWORD });
    expect(unlocked.state).toBe('signed-in');
    expect((await h.call('users.list', {})).length).toBe(3);
  });

  it('changing a password re-wraps the key and never rewrites the database', async () => {
    await seededTeam(h);
    const salt = () => readFileSync(h.wb.databasePath).subarray(0, 16).toString('hex');
    const before = salt();
    const keyringBefore = readFileSync(h.wb.keyringPath, 'utf8');
    await h.call('account.changePassword', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(readFileSync(h.wb.keyringPath, 'utf8')).not.toBe(keyringBefore);
    expect(salt()).toBe(before);
    await h.call('session.signOut', {});
    expect((await h.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'wrong-password',
    );
    expect(
      (await h.call('session.signIn', { username: 'admin', password: 'a brand new password' })).state,
    ).toBe('signed-in');
  });

  it('the one-time recovery key sets a new password; a wrong one is refused', async () => {
    const { recoveryKey } = await seededTeam(h);
    await h.call('session.signOut', {});
    const wrong = await h.refuse('session.recover', {
      username: 'admin',
      recoveryKey: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA',
      newPassword: 'recovered password',
    });
    expect(wrong.code).toBe('wrong-password');
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const status = await h.call('session.recover', {
      username: 'admin',
      recoveryKey: typed,
      newPassword: 'recovered password',
    });
    expect(status.state).toBe('signed-in');
    await h.call('session.signOut', {});
    expect(
      (await h.call('session.signIn', { username: 'admin', password: 'recovered password' })).state,
    ).toBe('signed-in');
  });

  it('a deactivated person can no longer unwrap the key', async () => {
    const { socialWorker } = await seededTeam(h);
    await h.call('users.update', {
      id: socialWorker.id,
      name: socialWorker.name,
      agency: socialWorker.agency,
      roles: socialWorker.roles,
      aimTrained: true,
      active: false,
    });
    expect(readFileSync(h.wb.keyringPath, 'utf8')).not.toContain('sam.sw');
    await h.call('session.signOut', {});
    expect((await h.refuse('session.signIn', { username: 'sam.sw', password: SW_PASSWORD })).code).toBe(
      'wrong-password',
    );
  });

  it('keeps at least one active administrator', async () => {
    const { admin } = await seededTeam(h);
    const error = await h.refuse('users.update', {
      id: admin.id,
      name: admin.name,
      agency: admin.agency,
      roles: ['manager'],
      aimTrained: false,
      active: true,
    });
    expect(error.code).toBe('rule-broken');
    expect((await h.call('users.list', {})).find((u) => u.id === admin.id)?.roles).toContain('administrator');
  });
});

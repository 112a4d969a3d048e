// Child process for the keyring crash tests: signs in and makes one change that touches both the
// keyring and the database. The parent names a step in HSB_TEST_CRASH_AT; the child is killed there.
import { writeSync } from 'node:fs';
import { ADMIN_PASSWORD, harness, SW_PASSWORD } from '../support/workbench.ts';

const [dataDir, action] = process.argv.slice(2);
if (!dataDir || !action) throw new Error('usage: keyring-crash-child <data-dir> <action>');
const h = harness(dataDir);
if (action === 'change-password') {
  await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
  await h.call('account.changePassword', {
    currentPassword: SW_PASSWORD,
    newPassword: 'a brand new password',
  });
} else if (action === 'create-user') {
  await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  await h.call('users.create', {
    username: 'new.person',
    name: 'New Person',
    agency: 'health',
    roles: ['practitioner'],
    aimTrained: false,
    initialPassword: 'initial password one',
  });
} else if (action === 'deactivate') {
  await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  const sam = (await h.call('users.list', {})).find((u) => u.username === 'sam.sw');
  if (!sam) throw new Error('no sam');
  const { username: _username, ...details } = sam;
  await h.call('users.update', { ...details, active: false });
} else if (action === 'rotate') {
  await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  await h.call('keys.rotate', { password: ADMIN_PASSWORD, confirm: true });
} else if (action === 'sign-in') {
  // An older store is re-encrypted with AEGIS during the first sign-in.
  await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
} else {
  throw new Error(`unknown action ${action}`);
}
writeSync(1, 'done\n');
h.wb.close();

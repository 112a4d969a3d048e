// Child process for the backup/restore crash test: signs in, then backs up or restores. The step named
// in HSB_TEST_KILL_AT (read here only) ends the process with SIGKILL when the workbench reaches it.
import { writeSync } from 'node:fs';
import { stepHooks } from '#store/steps.ts';
import { ADMIN_PASSWORD, harness } from '../support/workbench.ts';

const [dataDir, operation, folder] = process.argv.slice(2);
if (!dataDir || !folder || !['backup', 'restore', 'start'].includes(operation ?? ''))
  throw new Error('usage: backup-crash-child <data-dir> backup|restore|start <folder>');
const killAt = process.env.HSB_TEST_KILL_AT;
stepHooks.onStep = (name) => {
  if (name === killAt) process.kill(process.pid, 'SIGKILL');
};
// Starting the workbench runs the recovery of an interrupted step, which can itself be killed.
const h = harness(dataDir, { start: new Date('2026-11-26T12:00:00Z') });
if (operation === 'start') {
  writeSync(1, 'done\n');
  process.exit(0);
}
await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
if (operation === 'backup') {
  h.host.backupFolder = folder;
  await h.call('backup.create', {});
} else {
  h.host.restoreFolder = folder;
  await h.call('backup.restore', {});
}
writeSync(1, 'done\n');

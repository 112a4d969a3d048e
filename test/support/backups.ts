import { afterEach } from 'vitest';
import { type SeededWorkbench, seededWorkbenchEachTest } from './each-test.ts';
import { tempFolder } from './temp.ts';
import type { Harness } from './workbench.ts';

// Backing up and restoring, as the tests do it through the router.

/** A child with only the details a backup test needs (born 03/02/2011, gender not known). */
export const aChild = (name: string) => ({
  name,
  preferredName: '',
  dateOfBirth: '2011-02-03',
  gender: 'not-known' as const,
  socialCareNumber: '',
  youthJusticeNumber: '',
  areaOfResidence: '',
  school: '',
});

/** Backs up now into the folder the test host picks; returns the backup's folder. */
export async function backUp(h: Harness): Promise<string> {
  const result = await h.call('backup.create', {});
  if (!result) throw new Error('no backup written');
  return result.folder;
}

/**
 * Before each test: the seeded workbench (see seededWorkbenchEachTest) and a second fresh folder that
 * stands for the USB drive, chosen whenever the workbench asks where to back up; both removed after.
 */
export function seededWorkbenchWithBackupDriveEachTest(
  ready: (w: SeededWorkbench & { backups: ReturnType<typeof tempFolder> }) => unknown,
) {
  let backups: ReturnType<typeof tempFolder> | undefined;
  seededWorkbenchEachTest({}, (w) => {
    backups = tempFolder();
    w.h.host.backupFolder = backups.path;
    return ready({ ...w, backups });
  });
  afterEach(() => {
    backups?.remove();
    backups = undefined;
  });
}

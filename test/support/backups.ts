import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type SeededWorkbench, seededWorkbenchEachTest } from './each-test.ts';
import { tempFolder } from './temp.ts';
import { type Harness, harness, seededTeam } from './workbench.ts';

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

export interface DataFolderWorkbench {
  /** The fresh folder; the workbench's data folder is `data` inside it. */
  root: ReturnType<typeof tempFolder>;
  h: Harness;
  /** The database key, for opening the file directly as a crash or a copy left it. */
  databaseKey: Buffer;
}

/**
 * Before each test: the seeded workbench on the folder `data` inside a fresh folder (so that a test can
 * copy, damage or restore beside it), handed to `ready`; after each test every workbench opened (that one
 * and each from the `open` returned) is closed and the folder removed. `open` starts another workbench on
 * a folder, as after a restart: by default at 12:00 on 26 November 2026.
 */
export function dataFolderEachTest(ready: (w: DataFolderWorkbench) => unknown) {
  const opened: Harness[] = [];
  let root: ReturnType<typeof tempFolder> | undefined;
  beforeEach(async () => {
    root = tempFolder();
    const h = harness(join(root.path, 'data'));
    opened.push(h);
    await seededTeam(h);
    await ready({ root, h, databaseKey: Buffer.from(h.wb.signedIn().keys.databaseKey) });
  });
  afterEach(() => {
    for (const each of opened.splice(0)) each.wb.close();
    root?.remove();
    root = undefined;
  });
  return function open(dir: string, start = new Date('2026-11-26T12:00:00Z')): Harness {
    const next = harness(dir, { start });
    opened.push(next);
    return next;
  };
}

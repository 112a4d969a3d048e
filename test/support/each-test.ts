import { afterEach, beforeEach } from 'vitest';
import { tempFolder } from './temp.ts';
import { type Harness, harness, seededTeam, type Team } from './workbench.ts';

export interface FreshWorkbench {
  folder: ReturnType<typeof tempFolder>;
  h: Harness;
}

export interface SeededWorkbench extends FreshWorkbench {
  team: Team;
}

/**
 * Before each test: a fresh data folder and a workbench on it, not yet set up, with its own clock (at
 * `start`), handed to `ready`; after each test the workbench is closed and the folder removed.
 */
export function workbenchEachTest(options: { start?: Date }, ready: (w: FreshWorkbench) => unknown) {
  let w: FreshWorkbench | undefined;
  beforeEach(async () => {
    const folder = tempFolder();
    w = { folder, h: harness(folder.path, { start: options.start ?? new Date('2026-11-26T10:00:00Z') }) };
    await ready(w);
  });
  afterEach(() => {
    w?.h.wb.close();
    w?.folder.remove();
    w = undefined;
  });
}

/** As workbenchEachTest, with the workbench set up and the seeded team added before `ready`. */
export function seededWorkbenchEachTest(options: { start?: Date }, ready: (w: SeededWorkbench) => unknown) {
  workbenchEachTest(options, async (w) => ready({ ...w, team: await seededTeam(w.h) }));
}

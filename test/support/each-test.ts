import { afterEach, beforeEach } from 'vitest';
import { tempFolder } from './temp.ts';
import { type Harness, harness, seededTeam, type Team } from './workbench.ts';

export interface SeededWorkbench {
  folder: ReturnType<typeof tempFolder>;
  h: Harness;
  team: Team;
}

/**
 * Before each test: a fresh data folder, a workbench on it with its own clock (at `start`), and the seeded
 * team, handed to `ready`; after each test the workbench is closed and the folder removed.
 */
export function seededWorkbenchEachTest(options: { start?: Date }, ready: (w: SeededWorkbench) => unknown) {
  let w: SeededWorkbench | undefined;
  beforeEach(async () => {
    const folder = tempFolder();
    const h = harness(folder.path, { start: options.start ?? new Date('2026-11-26T10:00:00Z') });
    w = { folder, h, team: await seededTeam(h) };
    await ready(w);
  });
  afterEach(() => {
    w?.h.wb.close();
    w?.folder.remove();
    w = undefined;
  });
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '#contract/errors.ts';
import { whenTeamChangesArrive } from '../app/team-changes.ts';
import { whenUnlocked } from '../app/unlocked.ts';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: AppError };

/**
 * Load data for a screen with one or more calls. `load` is re-run by `reload()`; a result that
 * arrives after a newer load started is dropped.
 */
export function useLoad<T>(load: () => Promise<Result<T>>): [Loaded<T>, () => Promise<void>] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const refusedWhileLocked = useRef(false);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const result = await loadRef.current();
    if (mine !== generation.current) return;
    refusedWhileLocked.current = !result.ok && result.error.code === 'locked';
    setLoaded(result.ok ? { state: 'ready', data: result.data } : { state: 'failed', error: result.error });
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  // A load refused because the workbench was locked runs again once it is unlocked.
  useEffect(
    () =>
      whenUnlocked(() => {
        if (refusedWhileLocked.current) void reload();
      }),
    [reload],
  );

  // Changes from other computers: the screen loads its data again, keeping what it shows meanwhile.
  useEffect(() => whenTeamChangesArrive(() => void reload()), [reload]);

  return [loaded, reload];
}

/** Combine results: the first failure, or all the data. */
export function all<T extends readonly unknown[]>(results: { [K in keyof T]: Result<T[K]> }): Result<T> {
  for (const result of results) if (!result.ok) return result;
  return { ok: true, data: results.map((r) => (r as { ok: true; data: unknown }).data) as unknown as T };
}

import { useCallback, useEffect, useRef } from 'react';
import { call } from './api.ts';
import { usePoll } from './useIdleLock.ts';

// Changes from other computers arrive in the main process (the team server's live link); the screens
// hear of them here and load their data again, quietly (what is shown stays until the new data is in,
// and forms keep what is being typed). The check is an IPC call, not a network request, and does not
// count as activity, so it never keeps the workbench from locking.

const listeners = new Set<() => void>();

export function whenTeamChangesArrive(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const CHECK_EVERY_MS = 1000;

export function useTeamChanges(active: boolean): void {
  const seen = useRef<number | null>(null);
  const check = useCallback(() => {
    void call('sync.serverStatus', {}).then((result) => {
      if (!result.ok) return;
      const { received } = result.data;
      if (seen.current !== null && received !== seen.current) for (const l of [...listeners]) l();
      seen.current = received;
    });
  }, []);
  // The first count is taken at once, so changes arriving in the first second are not taken as the start.
  useEffect(() => {
    if (active) check();
  }, [active, check]);
  usePoll(active, CHECK_EVERY_MS, check);
}

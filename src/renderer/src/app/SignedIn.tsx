import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { SessionStatus, UserSummary } from '#contract/schemas.ts';
import { LockScreen } from '../features/session/LockScreen.tsx';
import { call } from './api.ts';
import { DEFAULT_ROUTE, RouterProvider } from './router.tsx';
import { canDoCasework, SessionContext, type SessionValue } from './session.tsx';
import { useTeamChanges } from './team-changes.ts';
import { announceUnlocked } from './unlocked.ts';
import { useIdleLock, usePoll } from './useIdleLock.ts';
import { Workbench } from './Workbench.tsx';

const POLL_EVERY_MS = 15_000;

interface Props {
  status: SessionStatus;
  user: UserSummary;
  setStatus: (status: SessionStatus) => void;
  refresh: () => Promise<void>;
  /** After a reload of the window: the address it was showing, to come back to. */
  resumeAt?: string;
}

/**
 * A signed-in (or locked) session. Locking never unmounts the workbench: it is made inert and hidden
 * under the lock screen, so whatever the person was typing is still there after they unlock.
 */
export function SignedIn({ status, user, setStatus, refresh, resumeAt }: Props) {
  const locked = status.state === 'locked';
  const lastFocused = useRef<HTMLElement | null>(null);

  const lock = useCallback(async () => {
    const result = await call('session.lock', {});
    // Lock the screen even if the main process could not be told: showing data is the worse failure.
    setStatus(result.ok ? result.data : { ...status, state: 'locked' });
  }, [setStatus, status]);

  const signOut = useCallback(async () => {
    const result = await call('session.signOut', {});
    if (result.ok) setStatus(result.data);
  }, [setStatus]);

  useIdleLock(!locked, status.autoLockMinutes, () => void lock());
  usePoll(true, POLL_EVERY_MS, () => void refresh());
  useTeamChanges(!locked);

  // Remember where the person was working, so unlocking can put them back there.
  const contentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const content = contentRef.current;
    if (!content) return;
    const remember = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) lastFocused.current = event.target;
    };
    content.addEventListener('focusin', remember);
    return () => content.removeEventListener('focusin', remember);
  }, []);

  // After unlocking, put the person back where they were.
  const wasLocked = useRef(locked);
  useEffect(() => {
    if (wasLocked.current && !locked) {
      announceUnlocked();
      const target = lastFocused.current;
      if (target?.isConnected) target.focus();
      else document.querySelector<HTMLElement>('main h1')?.focus();
    }
    wasLocked.current = locked;
  }, [locked]);

  const value = useMemo<SessionValue>(
    () => ({ status, user, setStatus, refresh, lock, signOut }),
    [status, user, setStatus, refresh, lock, signOut],
  );

  return (
    <SessionContext.Provider value={value}>
      <div className="stage">
        <div
          ref={contentRef}
          className={locked ? 'stage__content stage__content--hidden' : 'stage__content'}
          inert={locked}
        >
          {/* A different person signing in at the lock screen starts afresh. */}
          <RouterProvider
            key={user.id}
            userId={user.id}
            home={canDoCasework(user) ? { name: 'my-work' } : DEFAULT_ROUTE}
            resumeAt={resumeAt}
          >
            <Workbench />
          </RouterProvider>
        </div>
        {locked ? <LockScreen userName={user.name} onStatus={setStatus} /> : null}
      </div>
    </SessionContext.Provider>
  );
}

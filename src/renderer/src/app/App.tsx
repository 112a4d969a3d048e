import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionStatus } from '#contract/schemas.ts';
import { SignInScreen } from '../features/session/SignInScreen.tsx';
import { SetupScreen } from '../features/setup/SetupScreen.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { call, onSessionInterrupted } from './api.ts';
import { ClassificationBanner, PublicLayout } from './PublicLayout.tsx';
import { lastAddress } from './router.tsx';
import { SignedIn } from './SignedIn.tsx';

/** Decides, from the session status, which of the four worlds to show: setup, sign-in, or the workbench. */
export function App() {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [unreachable, setUnreachable] = useState<string | null>(null);

  // While locked, the main process reports only the person's id and name (no roles). Keep showing the
  // workbench as it was for that person, so no screen behind the lock is swapped out and loses its input.
  const lastSignedIn = useRef<SessionStatus | null>(null);
  if (status?.state === 'signed-in') lastSignedIn.current = status;
  const shown =
    status?.state === 'locked' && status.user && lastSignedIn.current?.user?.id === status.user.id
      ? { ...lastSignedIn.current, state: 'locked' as const }
      : status;

  // A reload finds the session still open in the main process: the workbench comes back at the address
  // it was showing. Only for that person, and only until they sign out; a sign-in starts at home.
  const resume = useRef<{ userId: string; address: string } | null | undefined>(undefined);
  if (status?.state === 'signed-out') resume.current = null;

  const refresh = useCallback(async () => {
    const result = await call('session.status', {});
    if (result.ok) {
      if (resume.current === undefined) {
        const { user, state } = result.data;
        const shown = lastAddress();
        resume.current = user && state !== 'signed-out' && shown?.userId === user.id ? shown : null;
      }
      setUnreachable(null);
      // Polling returns equal statuses most of the time: keep the old object so nothing re-renders.
      setStatus((current) =>
        JSON.stringify(current) === JSON.stringify(result.data) ? current : result.data,
      );
    } else {
      setUnreachable(result.error.message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any call refused because of the session shows the lock or sign-in screen straight away.
  useEffect(
    () =>
      onSessionInterrupted((interruption) => {
        setStatus((current) => {
          if (!current) return current;
          if (interruption === 'locked') {
            return current.state === 'signed-in' ? { ...current, state: 'locked' } : current;
          }
          return { ...current, state: 'signed-out', user: null };
        });
        void refresh();
      }),
    [refresh],
  );

  return (
    <>
      <ClassificationBanner />
      {status === null ? (
        <PublicLayout>
          {unreachable ? (
            <>
              <PageHeading>The workbench could not start</PageHeading>
              <p className="body">{unreachable}</p>
            </>
          ) : (
            <p className="body" role="status">
              Opening the workbench…
            </p>
          )}
        </PublicLayout>
      ) : !status.setUp ? (
        <SetupScreen onComplete={setStatus} />
      ) : status.state === 'signed-out' || !status.user ? (
        <SignInScreen onSignedIn={setStatus} />
      ) : (
        <SignedIn
          status={shown ?? status}
          user={shown?.user ?? status.user}
          setStatus={setStatus}
          refresh={refresh}
          resumeAt={resume.current?.userId === status.user.id ? resume.current.address : undefined}
        />
      )}
    </>
  );
}

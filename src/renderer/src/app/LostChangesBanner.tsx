import { useState } from 'react';
import type { SessionStatus } from '#contract/schemas.ts';
import { ActionButton } from '../ui/ActionButton.tsx';
import { useAction } from '../ui/form/useAction.ts';
import { LoadFailed } from '../ui/LoadFailed.tsx';
import { call } from './api.ts';
import { hrefFor } from './router.tsx';
import { isAdministrator, useSession } from './session.tsx';

/**
 * Shown on every screen while the database has lost changes (or was found damaged) at sign-in: what was
 * lost and what to do. Saving is refused until an administrator restores a backup or accepts the loss;
 * a damaged database cannot be accepted (it would be found again at every sign-in), only restored.
 */
export function LostChangesBanner({ lost }: { lost: NonNullable<SessionStatus['lostChanges']> }) {
  const { user, setStatus } = useSession();
  const [confirming, setConfirming] = useState(false);
  const { busy, refusal: error, act } = useAction();
  const administrator = isAdministrator(user);

  const accept = () => act({ request: () => call('audit.acceptLoss', {}), onDone: setStatus });

  return (
    <div className="error-summary" role="alert" aria-labelledby="lost-changes-title">
      <h2 id="lost-changes-title" className="error-summary__title">
        {lost.kind === 'damaged' ? 'The database is damaged' : 'Changes are missing from the database'}
      </h2>
      <p className="error-summary__message">{lost.message}</p>
      {administrator && lost.kind === 'damaged' ? (
        <p className="body">
          <a href={hrefFor({ name: 'administration' })}>Restore from your last backup</a> under
          Administration.
        </p>
      ) : administrator ? (
        <>
          <p className="body">
            <a href={hrefFor({ name: 'administration' })}>Restore from your last backup</a> under
            Administration, or, if there is no backup to restore, record that you accept the loss.
          </p>
          {confirming ? (
            <p className="body">
              <ActionButton className="button button--warning" onClick={() => void accept()} busy={busy}>
                Accept the loss and carry on
              </ActionButton>{' '}
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </p>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
              Record that the loss is accepted…
            </button>
          )}
          {error ? <LoadFailed error={error} /> : null}
        </>
      ) : (
        <p className="body">Tell your workbench administrator: only they can restore a backup.</p>
      )}
    </div>
  );
}

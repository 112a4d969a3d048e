import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import type { SessionStatus } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { AppName } from '../../app/PublicLayout.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { FocusedSubheading, PageHeading } from '../../ui/PageHeading.tsx';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
} from '../../ui/problems.ts';
import { SignInForm } from './SignInForm.tsx';

const FORM = 'unlock';
const LABELS = { password: 'Password' };

/**
 * Covers the whole workbench while it is locked. The person unlocks with their password, or someone
 * else signs in (the main process then replaces the session).
 */
export function LockScreen({
  userName,
  onStatus,
}: {
  userName: string;
  onStatus: (s: SessionStatus) => void;
}) {
  const [switching, setSwitching] = useState(false);
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-screen-title">
      <div className="app-header">
        <div className="width-container app-header__inner">
          <AppName />
        </div>
      </div>
      <div className="width-container main main--narrow">
        <PageHeading id="lock-screen-title">Workbench locked</PageHeading>
        {switching ? (
          <>
            <FocusedSubheading>Sign in as someone else</FocusedSubheading>
            <p className="body">
              {userName}’s work that has not been saved will be lost if you sign in as someone else.
            </p>
            <SignInForm form="switch-user" onSignedIn={onStatus}>
              <button type="button" className="button button--secondary" onClick={() => setSwitching(false)}>
                Cancel
              </button>
            </SignInForm>
          </>
        ) : (
          <>
            <p className="body">
              Locked for <strong>{userName}</strong>. Enter your password to carry on where you left off.
            </p>
            <UnlockForm onStatus={onStatus} />
            <p className="body">
              <button type="button" className="link-button" onClick={() => setSwitching(true)}>
                Sign in as someone else
              </button>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function UnlockForm({ onStatus }: { onStatus: (s: SessionStatus) => void }) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const missing = missingProblems([['password', password, 'Enter your password']]);
    const problems = missing.length ? missing : checkRequest(calls['session.unlock'].request, { password });
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('session.unlock', { password });
    setBusy(false);
    if (result.ok) {
      onStatus(result.data);
    } else {
      setPassword('');
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <TextField
        form={FORM}
        path="password"
        label={LABELS.password}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        width="medium"
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Unlock
      </button>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { errorsFromResult, type FormErrors, missingProblems, NO_ERRORS } from '../../ui/problems.ts';

const FORM = 'rotate-key';
const LABELS = { password: 'Your password' };

/**
 * Administration → change the database key (`keys.rotate`): after someone leaves or a laptop or
 * password may have been compromised, so that an old copy of the keyring opens nothing.
 */
export function KeyRotationSection() {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ accounts: string[]; recoveryKey: string | null } | null>(null);

  async function rotate(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const missing = missingProblems([['password', password, 'is required']]);
    if (missing.length) {
      setErrors({ problems: missing });
      return;
    }
    setBusy(true);
    const result = await call('keys.rotate', { password, confirm: true });
    setBusy(false);
    setPassword('');
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    setDone({ accounts: result.data.accountsNeedingNewPassword, recoveryKey: result.data.recoveryKey });
  }

  return (
    <section aria-labelledby="rotate-key-title" className="section section--divided">
      <h2 id="rotate-key-title" className="heading-m">
        Change the database key
      </h2>
      <p className="body">
        Do this after deactivating someone, or if a laptop, a backup or a password may have fallen into the
        wrong hands. The database is encrypted again under a new key, sealed for everyone who still has an
        account; an old copy of the keyring no longer opens it. Copies that a restore set aside in the data
        folder are removed. Backups made before now still open with the old key: keep them as carefully as
        before, or delete them once a new backup is made.
      </p>
      {done ? (
        <SuccessNotice title="The database key has been changed.">
          {done.accounts.length ? (
            <p className="body">
              These accounts have not signed in since the workbench was updated, so their keys could not be
              re-sealed: set a new password for each under Users: {done.accounts.join(', ')}.
            </p>
          ) : null}
          {done.recoveryKey ? (
            <p className="body">
              A new recovery key replaces the old one. Write it down now; it is not shown again:{' '}
              <strong className="recovery-key">{done.recoveryKey}</strong>
            </p>
          ) : null}
        </SuccessNotice>
      ) : null}
      <form noValidate onSubmit={(e) => void rotate(e)}>
        <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
        <TextField
          form={FORM}
          path="password"
          label={LABELS.password}
          hint="To confirm it is you."
          type="password"
          autoComplete="current-password"
          width="medium"
          errors={errors}
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button button--warning" aria-disabled={busy || undefined}>
          Change the database key
        </button>
      </form>
    </section>
  );
}

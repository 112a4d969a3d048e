import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../contract/primitives.ts';
import type { UserSummary } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import {
  checkRequest,
  confirmationProblems,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';

const FORM = 'reset-password';
const LABELS = { newPassword: 'New password', confirmPassword: 'Confirm new password' };

/** Set a new password for someone who has forgotten theirs (`users.resetPassword`). */
export function ResetPasswordForm({ user }: { user: UserSummary }) {
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    const request = { id: user.id, newPassword };
    const problems = orderProblems(
      [
        ...missingProblems([['newPassword', newPassword, 'Enter a new password']]),
        ...checkRequest(calls['users.resetPassword'].request, request),
        ...confirmationProblems(newPassword, confirmPassword, 'confirmPassword'),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('users.resetPassword', request);
    setBusy(false);
    if (result.ok) {
      setNewPassword('');
      setConfirmPassword('');
      setErrors(NO_ERRORS);
      setDone(true);
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <section aria-labelledby="reset-password-title" className="section section--divided">
      <h2 id="reset-password-title" className="heading-m">
        Reset password
      </h2>
      {done ? (
        <SuccessNotice title={`${user.name}’s password has been reset.`}>
          <p className="body">Give them the new password in person or by another safe route.</p>
        </SuccessNotice>
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
        <p className="body">Use this if {user.name} has forgotten their password.</p>
        <TextField
          form={FORM}
          path="newPassword"
          label={LABELS.newPassword}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          width="medium"
          errors={errors}
        />
        <TextField
          form={FORM}
          path="confirmPassword"
          label={LABELS.confirmPassword}
          type="password"
          value={confirmPassword}
          onChange={setConfirmPassword}
          autoComplete="new-password"
          width="medium"
          errors={errors}
        />
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          Reset password
        </button>
      </form>
    </section>
  );
}

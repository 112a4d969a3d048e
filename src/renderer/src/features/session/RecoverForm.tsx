import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../contract/primitives.ts';
import type { SessionStatus } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import {
  checkRequest,
  confirmationProblems,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';

const FORM = 'recover';
const LABELS = {
  username: 'Username',
  recoveryKey: 'Recovery key',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
};

/** Username, recovery key and a new password → `session.recover`. */
export function RecoverForm({
  onRecovered,
  onCancel,
}: {
  onRecovered: (status: SessionStatus) => void;
  onCancel: () => void;
}) {
  const [fields, setFields] = useState({
    username: '',
    recoveryKey: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = {
      username: fields.username,
      recoveryKey: fields.recoveryKey.trim(),
      newPassword: fields.newPassword,
    };
    const problems = orderProblems(
      [
        ...missingProblems([
          ['username', fields.username, 'Enter your username'],
          ['recoveryKey', fields.recoveryKey, 'Enter the recovery key'],
          ['newPassword', fields.newPassword, 'Enter a new password'],
        ]),
        ...checkRequest(calls['session.recover'].request, request),
        ...confirmationProblems(fields.newPassword, fields.confirmPassword, 'confirmPassword'),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('session.recover', request);
    setBusy(false);
    if (result.ok) onRecovered(result.data);
    else setErrors(errorsFromResult(result.error));
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <p className="body">
        The recovery key was shown once, when the workbench was set up. Enter it with your username to choose
        a new password.
      </p>
      <TextField
        form={FORM}
        path="username"
        label={LABELS.username}
        value={fields.username}
        onChange={set('username')}
        autoComplete="username"
        width="medium"
        errors={errors}
      />
      <TextField
        form={FORM}
        path="recoveryKey"
        label={LABELS.recoveryKey}
        value={fields.recoveryKey}
        onChange={set('recoveryKey')}
        className="input--code"
        errors={errors}
      />
      <TextField
        form={FORM}
        path="newPassword"
        label={LABELS.newPassword}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
        type="password"
        value={fields.newPassword}
        onChange={set('newPassword')}
        autoComplete="new-password"
        width="medium"
        errors={errors}
      />
      <TextField
        form={FORM}
        path="confirmPassword"
        label={LABELS.confirmPassword}
        type="password"
        value={fields.confirmPassword}
        onChange={set('confirmPassword')}
        autoComplete="new-password"
        width="medium"
        errors={errors}
      />
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Reset password
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Back to sign in
        </button>
      </div>
    </form>
  );
}

import { type FormEvent, type ReactNode, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import type { SessionStatus } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';

const LABELS = { username: 'Username', password: 'Password' };

interface Props {
  /** Id prefix, so two sign-in forms never share ids. */
  form: string;
  onSignedIn: (status: SessionStatus) => void;
  /** Extra buttons shown after "Sign in" (e.g. Cancel). */
  children?: ReactNode;
}

/** Username and password → `session.signIn`. Used on the sign-in screen and the lock screen. */
export function SignInForm({ form, onSignedIn, children }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = { username, password };
    const problems = orderProblems(
      [
        ...missingProblems([
          ['username', username, 'Enter your username'],
          ['password', password, 'Enter your password'],
        ]),
        ...checkRequest(calls['session.signIn'].request, request),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('session.signIn', request);
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.data);
    } else {
      setPassword('');
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary form={form} errors={errors} labels={LABELS} />
      <TextField
        form={form}
        path="username"
        label={LABELS.username}
        value={username}
        onChange={setUsername}
        autoComplete="username"
        width="medium"
        errors={errors}
      />
      <TextField
        form={form}
        path="password"
        label={LABELS.password}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        width="medium"
        errors={errors}
      />
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Sign in
        </button>
        {children}
      </div>
    </form>
  );
}

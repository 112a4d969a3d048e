import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../contract/primitives.ts';
import type { SessionStatus } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { PublicLayout } from '../../app/PublicLayout.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  checkRequest,
  confirmationProblems,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import {
  EMPTY_USER,
  type UserDraft,
  UserFields,
  userDraftProblems,
  userLabels,
} from '../users/UserFields.tsx';
import { RecoveryKeyPanel } from './RecoveryKeyPanel.tsx';

const FORM = 'setup';
const LABELS = {
  ...userLabels('administrator.'),
  password: 'Password',
  confirmPassword: 'Confirm password',
};

/** First run: create the administrator, then show the one-time recovery key. */
export function SetupScreen({ onComplete }: { onComplete: (status: SessionStatus) => void }) {
  const [user, setUser] = useState<UserDraft>({ ...EMPTY_USER, roles: ['administrator'] });
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ recoveryKey: string; status: SessionStatus } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = { administrator: { ...user, agency: user.agency || undefined }, password };
    const problems = orderProblems(
      [
        ...missingProblems([['password', password, 'Enter a password']]),
        ...userDraftProblems(user, 'administrator.'),
        ...(user.roles.includes('administrator')
          ? []
          : [{ path: 'administrator.roles', message: 'The first user must have the administrator role' }]),
        ...checkRequest(calls['session.setUp'].request, request),
        ...confirmationProblems(password, confirmPassword, 'confirmPassword'),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0 || user.agency === '') {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('session.setUp', { administrator: { ...user, agency: user.agency }, password });
    setBusy(false);
    if (result.ok) {
      setPassword('');
      setConfirmPassword('');
      setCreated(result.data);
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <PublicLayout>
      <PageHeading>Set up the workbench</PageHeading>
      {created ? (
        <RecoveryKeyPanel recoveryKey={created.recoveryKey} onContinue={() => onComplete(created.status)} />
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
          <p className="body">
            Nobody has used this workbench yet. Create the first administrator: they can then add everyone
            else.
          </p>
          <UserFields
            form={FORM}
            prefix="administrator."
            value={user}
            onChange={setUser}
            errors={errors}
            rolesHint="The first user must be an administrator. Add other roles if they will also work on cases."
          />
          <TextField
            form={FORM}
            path="password"
            label={LABELS.password}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
            type="password"
            value={password}
            onChange={setPassword}
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
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            Create administrator
          </button>
        </form>
      )}
    </PublicLayout>
  );
}

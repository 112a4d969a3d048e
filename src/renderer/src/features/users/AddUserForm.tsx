import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../contract/primitives.ts';
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
import { EMPTY_USER, type UserDraft, UserFields, userDraftProblems, userLabels } from './UserFields.tsx';

const FORM = 'add-user';
const LABELS = {
  ...userLabels(''),
  initialPassword: 'Initial password',
  confirmPassword: 'Confirm initial password',
};

/** Add someone (`users.create`) with an initial password that an administrator gives them. */
export function AddUserForm({ onAdded }: { onAdded: () => void }) {
  const [user, setUser] = useState<UserDraft>(EMPTY_USER);
  const [initialPassword, setInitialPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setAdded(null);
    const request = { ...user, initialPassword };
    const problems = orderProblems(
      [
        ...missingProblems([['initialPassword', initialPassword, 'Enter an initial password']]),
        ...userDraftProblems(user, ''),
        ...checkRequest(calls['users.create'].request, request),
        ...confirmationProblems(initialPassword, confirmPassword, 'confirmPassword'),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0 || user.agency === '') {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('users.create', { ...request, agency: user.agency });
    setBusy(false);
    if (result.ok) {
      setUser(EMPTY_USER);
      setInitialPassword('');
      setConfirmPassword('');
      setErrors(NO_ERRORS);
      setAdded(`${result.data.name} has been added with the username ${result.data.username}.`);
      onAdded();
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <section aria-labelledby="add-user-title" className="section">
      <h2 id="add-user-title" className="heading-m">
        Add user
      </h2>
      {added ? (
        <SuccessNotice title={added}>
          <p className="body">Give them their initial password in person or by another safe route.</p>
        </SuccessNotice>
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
        <UserFields form={FORM} value={user} onChange={setUser} errors={errors} />
        <TextField
          form={FORM}
          path="initialPassword"
          label={LABELS.initialPassword}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          type="password"
          value={initialPassword}
          onChange={setInitialPassword}
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
          Add user
        </button>
      </form>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../contract/primitives.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
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

const FORM = 'change-password';
const LABELS = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
};
const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Current, new and confirmed password → `account.changePassword`. `forced` after a reset by an administrator. */
export function ChangePasswordScreen({ forced = false }: { forced?: boolean }) {
  const { setStatus } = useSession();
  const { navigate } = useRouter();
  const [fields, setFields] = useState(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const set = (name: keyof typeof EMPTY) => (value: string) => setFields((f) => ({ ...f, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = { currentPassword: fields.currentPassword, newPassword: fields.newPassword };
    const problems = orderProblems(
      [
        ...missingProblems([
          ['currentPassword', fields.currentPassword, 'Enter your current password'],
          ['newPassword', fields.newPassword, 'Enter a new password'],
        ]),
        ...checkRequest(calls['account.changePassword'].request, request),
        ...confirmationProblems(fields.newPassword, fields.confirmPassword, 'confirmPassword'),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0) {
      setErrors({ problems });
      setChanged(false);
      return;
    }
    setBusy(true);
    const result = await call('account.changePassword', request);
    setBusy(false);
    if (result.ok) {
      setFields(EMPTY);
      setErrors(NO_ERRORS);
      setChanged(true);
      setStatus(result.data);
      if (forced) navigate({ name: 'cases' }, 'Your password has been changed.');
    } else {
      setErrors(errorsFromResult(result.error));
      setChanged(false);
    }
  }

  return (
    <>
      <PageHeading>Change password</PageHeading>
      {changed ? <SuccessNotice title="Your password has been changed." /> : null}
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
        {forced ? (
          <p className="body">
            <strong>You must choose a new password before you can carry on.</strong> Your password was set by
            an administrator, so only you should know the next one.
          </p>
        ) : null}
        <TextField
          form={FORM}
          path="currentPassword"
          label={LABELS.currentPassword}
          type="password"
          value={fields.currentPassword}
          onChange={set('currentPassword')}
          autoComplete="current-password"
          width="medium"
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
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Change password
        </button>
      </form>
    </>
  );
}

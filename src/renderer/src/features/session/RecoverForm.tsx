import { calls } from '#contract/calls.ts';
import type { SessionStatus } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { Form, FormText, SubmitOrLeave } from '../../ui/form/Form.tsx';
import { NewPasswordFields } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { confirmationProblems, missingProblems } from '../../ui/problems.ts';

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
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { username: '', recoveryKey: '', newPassword: '', confirmPassword: '' },
    request: calls['session.recover'].request,
    toRequest: (values) => ({
      username: values.username,
      recoveryKey: values.recoveryKey.trim(),
      newPassword: values.newPassword,
    }),
    check: (values) => [
      ...missingProblems([
        ['username', values.username, 'Enter your username'],
        ['recoveryKey', values.recoveryKey, 'Enter the recovery key'],
        ['newPassword', values.newPassword, 'Enter a new password'],
      ]),
      ...confirmationProblems(values.newPassword, values.confirmPassword, 'confirmPassword'),
    ],
    send: (request) => call('session.recover', request),
    onSuccess: onRecovered,
  });

  return (
    <Form form={form} className="">
      <p className="body">
        The recovery key was shown once, when the workbench was set up. Enter it with your username to choose
        a new password.
      </p>
      <FormText name="username" autoComplete="username" width="medium" />
      <FormText name="recoveryKey" className="input--code" />
      <NewPasswordFields
        name="newPassword"
        label={LABELS.newPassword}
        confirmLabel={LABELS.confirmPassword}
      />
      <SubmitOrLeave submit="Reset password" leave="Back to sign in" onLeave={onCancel} />
    </Form>
  );
}

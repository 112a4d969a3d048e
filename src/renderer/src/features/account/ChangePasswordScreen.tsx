import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CurrentPasswordField, NewPasswordFields } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { confirmationProblems, missingProblems } from '../../ui/problems.ts';

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
  const [changed, setChanged] = useState(false);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: EMPTY,
    request: calls['account.changePassword'].request,
    toRequest: (values) => ({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    check: (values) => [
      ...missingProblems([
        ['currentPassword', values.currentPassword, 'Enter your current password'],
        ['newPassword', values.newPassword, 'Enter a new password'],
      ]),
      ...confirmationProblems(values.newPassword, values.confirmPassword, 'confirmPassword'),
    ],
    send: (request) => call('account.changePassword', request),
    onSubmitStart: () => setChanged(false),
    resetOnSuccess: true,
    onSuccess: (status) => {
      setChanged(true);
      setStatus(status);
      if (forced) navigate({ name: 'cases' }, 'Your password has been changed.');
    },
  });

  return (
    <>
      <PageHeading>Change password</PageHeading>
      {changed ? <SuccessNotice title="Your password has been changed." /> : null}
      <Form form={form}>
        {forced ? (
          <p className="body">
            <strong>You must choose a new password before you can carry on.</strong> Your password was set by
            an administrator, so only you should know the next one.
          </p>
        ) : null}
        <CurrentPasswordField name="currentPassword" label={LABELS.currentPassword} />
        <NewPasswordFields
          name="newPassword"
          label={LABELS.newPassword}
          confirmLabel={LABELS.confirmPassword}
        />
        <SubmitButton>Change password</SubmitButton>
      </Form>
    </>
  );
}

import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { UserSummary } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { GIVEN_PASSWORD_HINT, NewPasswordFields } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { confirmationProblems, missingProblems } from '../../ui/problems.ts';
import { Section } from '../../ui/Section.tsx';

const FORM = 'reset-password';
const LABELS = { newPassword: 'New password', confirmPassword: 'Confirm new password' };

/** Set a new password for someone who has forgotten theirs (`users.resetPassword`). */
export function ResetPasswordForm({ user }: { user: UserSummary }) {
  const [done, setDone] = useState(false);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { newPassword: '', confirmPassword: '' },
    request: calls['users.resetPassword'].request,
    toRequest: (values) => ({ id: user.id, newPassword: values.newPassword }),
    check: (values) => [
      ...missingProblems([['newPassword', values.newPassword, 'Enter a new password']]),
      ...confirmationProblems(values.newPassword, values.confirmPassword, 'confirmPassword'),
    ],
    send: (request) => call('users.resetPassword', request),
    onSubmitStart: () => setDone(false),
    resetOnSuccess: true,
    onSuccess: () => setDone(true),
  });

  return (
    <Section id="reset-password-title" title="Reset password" className="section section--divided">
      {done ? (
        <SuccessNotice title={`${user.name}’s password has been reset.`}>
          <p className="body">Give them the new password in person or by another safe route.</p>
        </SuccessNotice>
      ) : null}
      <Form form={form}>
        <p className="body">Use this if {user.name} has forgotten their password.</p>
        <NewPasswordFields
          name="newPassword"
          label={LABELS.newPassword}
          confirmLabel={LABELS.confirmPassword}
          hint={GIVEN_PASSWORD_HINT}
        />
        <SubmitButton className="button button--secondary">Reset password</SubmitButton>
      </Form>
    </Section>
  );
}

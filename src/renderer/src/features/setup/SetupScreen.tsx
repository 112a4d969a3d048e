import { useState } from 'react';
import { type CallRequest, calls } from '#contract/calls.ts';
import type { SessionStatus } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { PublicLayout } from '../../app/PublicLayout.tsx';
import { BoundField, Form, SubmitButton } from '../../ui/form/Form.tsx';
import { NewPasswordFields } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { confirmationProblems, missingProblems } from '../../ui/problems.ts';
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
  const [created, setCreated] = useState<{ recoveryKey: string; status: SessionStatus } | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: {
      user: { ...EMPTY_USER, roles: ['administrator'] } as UserDraft,
      password: '',
      confirmPassword: '',
    },
    request: calls['session.setUp'].request,
    toRequest: (values) =>
      ({
        administrator: { ...values.user, agency: values.user.agency || undefined },
        password: values.password,
      }) as CallRequest<'session.setUp'>,
    check: (values) => [
      ...missingProblems([['password', values.password, 'Enter a password']]),
      ...userDraftProblems(values.user, 'administrator.'),
      ...(values.user.roles.includes('administrator')
        ? []
        : [{ path: 'administrator.roles', message: 'The first user must have the administrator role' }]),
      ...confirmationProblems(values.password, values.confirmPassword, 'confirmPassword'),
    ],
    send: (request) => call('session.setUp', request),
    resetOnSuccess: true,
    onSuccess: setCreated,
  });

  return (
    <PublicLayout>
      <PageHeading>Set up the workbench</PageHeading>
      {created ? (
        <RecoveryKeyPanel
          recoveryKey={created.recoveryKey}
          username={created.status.user?.username}
          onContinue={() => onComplete(created.status)}
        />
      ) : (
        <Form form={form} className="">
          <p className="body">
            Nobody has used this workbench yet. Create the first administrator: they can then add everyone
            else.
          </p>
          <BoundField<UserDraft>
            name="user"
            render={(bound) => (
              <UserFields
                {...bound}
                prefix="administrator."
                ownAccount
                rolesHint="The first user must be an administrator. Add other roles if they will also work on cases."
              />
            )}
          />
          <NewPasswordFields name="password" label={LABELS.password} confirmLabel={LABELS.confirmPassword} />
          <SubmitButton>Create administrator</SubmitButton>
        </Form>
      )}
    </PublicLayout>
  );
}

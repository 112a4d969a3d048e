import { useState } from 'react';
import { type CallRequest, calls } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { BoundField, Form, SubmitButton } from '../../ui/form/Form.tsx';
import { GIVEN_PASSWORD_HINT, NewPasswordFields } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { confirmationProblems, missingProblems } from '../../ui/problems.ts';
import { Section } from '../../ui/Section.tsx';
import { EMPTY_USER, type UserDraft, UserFields, userDraftProblems, userLabels } from './UserFields.tsx';

const FORM = 'add-user';
const LABELS = {
  ...userLabels(''),
  initialPassword: 'Initial password',
  confirmPassword: 'Confirm initial password',
};

/** Add someone (`users.create`) with an initial password that an administrator gives them. */
export function AddUserForm({ onAdded }: { onAdded: () => void }) {
  const [added, setAdded] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { user: EMPTY_USER, initialPassword: '', confirmPassword: '' },
    request: calls['users.create'].request,
    toRequest: (values) =>
      ({ ...values.user, initialPassword: values.initialPassword }) as CallRequest<'users.create'>,
    check: (values) => [
      ...missingProblems([['initialPassword', values.initialPassword, 'Enter an initial password']]),
      ...userDraftProblems(values.user, ''),
      ...confirmationProblems(values.initialPassword, values.confirmPassword, 'confirmPassword'),
    ],
    send: (request) => call('users.create', request),
    onSubmitStart: () => setAdded(null),
    resetOnSuccess: true,
    onSuccess: (user) => {
      setAdded(`${user.name} has been added with the username ${user.username}.`);
      onAdded();
    },
  });

  return (
    <Section id="add-user-title" title="Add user">
      {added ? (
        <SuccessNotice title={added}>
          <p className="body">Give them their initial password in person or by another safe route.</p>
        </SuccessNotice>
      ) : null}
      <Form form={form}>
        <BoundField<UserDraft> name="user" render={(bound) => <UserFields {...bound} />} />
        <NewPasswordFields
          name="initialPassword"
          label={LABELS.initialPassword}
          confirmLabel={LABELS.confirmPassword}
          hint={GIVEN_PASSWORD_HINT}
        />
        <SubmitButton>Add user</SubmitButton>
      </Form>
    </Section>
  );
}

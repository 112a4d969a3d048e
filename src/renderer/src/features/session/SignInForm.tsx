import type { ReactNode } from 'react';
import { calls } from '#contract/calls.ts';
import type { SessionStatus } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { Form, FormText, SubmitButton } from '../../ui/form/Form.tsx';
import { CurrentPasswordField } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { missingProblems } from '../../ui/problems.ts';

const LABELS = { username: 'Username', password: 'Password' };

interface Props {
  /** Id prefix, so two sign-in forms never share ids. */
  form: string;
  onSignedIn: (status: SessionStatus) => void;
  /** Extra buttons shown after "Sign in" (e.g. Cancel). */
  children?: ReactNode;
}

/** Username and password → `session.signIn`. Used on the sign-in screen and the lock screen. */
export function SignInForm({ form: id, onSignedIn, children }: Props) {
  const form = useWorkbenchForm({
    id,
    labels: LABELS,
    defaultValues: { username: '', password: '' },
    request: calls['session.signIn'].request,
    toRequest: (values) => values,
    check: (values) =>
      missingProblems([
        ['username', values.username, 'Enter your username'],
        ['password', values.password, 'Enter your password'],
      ]),
    send: (request) => call('session.signIn', request),
    onSuccess: onSignedIn,
    onRefused: () => {
      form.methods.setValue('password', '');
    },
  });

  return (
    <Form form={form} className="">
      <FormText name="username" autoComplete="username" width="medium" />
      <CurrentPasswordField name="password" label={LABELS.password} />
      <div className="button-group">
        <SubmitButton>Sign in</SubmitButton>
        {children}
      </div>
    </Form>
  );
}

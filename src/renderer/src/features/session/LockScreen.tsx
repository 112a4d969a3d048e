import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { SessionStatus } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { AppName } from '../../app/PublicLayout.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CurrentPasswordField } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { FocusedSubheading, PageHeading } from '../../ui/PageHeading.tsx';
import { missingProblems } from '../../ui/problems.ts';
import { SignInForm } from './SignInForm.tsx';

const FORM = 'unlock';
const LABELS = { password: 'Password' };

/**
 * Covers the whole workbench while it is locked. The person unlocks with their password, or someone
 * else signs in (the main process then replaces the session).
 */
export function LockScreen({
  userName,
  onStatus,
}: {
  userName: string;
  onStatus: (s: SessionStatus) => void;
}) {
  const [switching, setSwitching] = useState(false);
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-screen-title">
      <div className="app-header">
        <div className="width-container app-header__inner">
          <AppName />
        </div>
      </div>
      <div className="width-container main main--narrow">
        <PageHeading id="lock-screen-title">Workbench locked</PageHeading>
        {switching ? (
          <>
            <FocusedSubheading>Sign in as someone else</FocusedSubheading>
            <p className="body">
              {userName}’s work that has not been saved will be lost if you sign in as someone else.
            </p>
            <SignInForm form="switch-user" onSignedIn={onStatus}>
              <button type="button" className="button button--secondary" onClick={() => setSwitching(false)}>
                Cancel
              </button>
            </SignInForm>
          </>
        ) : (
          <>
            <p className="body">
              Locked for <strong>{userName}</strong>. Enter your password to carry on where you left off.
            </p>
            <UnlockForm onStatus={onStatus} />
            <p className="body">
              <button type="button" className="link-button" onClick={() => setSwitching(true)}>
                Sign in as someone else
              </button>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function UnlockForm({ onStatus }: { onStatus: (s: SessionStatus) => void }) {
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { password: '' },
    request: calls['session.unlock'].request,
    toRequest: (values) => values,
    check: (values) => missingProblems([['password', values.password, 'Enter your password']]),
    send: (request) => call('session.unlock', request),
    onSuccess: onStatus,
    onRefused: () => {
      form.methods.setValue('password', '');
    },
  });

  return (
    <Form form={form} className="">
      <CurrentPasswordField name="password" label={LABELS.password} />
      <SubmitButton>Unlock</SubmitButton>
    </Form>
  );
}

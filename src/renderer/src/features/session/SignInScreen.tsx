import { useState } from 'react';
import type { SessionStatus } from '#contract/schemas.ts';
import { PublicLayout } from '../../app/PublicLayout.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RecoverForm } from './RecoverForm.tsx';
import { SignInForm } from './SignInForm.tsx';

/** Sign in, or reset a forgotten password with the recovery key. */
export function SignInScreen({ onSignedIn }: { onSignedIn: (status: SessionStatus) => void }) {
  const [recovering, setRecovering] = useState(false);
  return (
    <PublicLayout>
      {recovering ? (
        <div key="recover">
          <PageHeading>Reset your password with the recovery key</PageHeading>
          <RecoverForm onRecovered={onSignedIn} onCancel={() => setRecovering(false)} />
        </div>
      ) : (
        <div key="sign-in">
          <PageHeading>Sign in</PageHeading>
          <SignInForm form="sign-in" onSignedIn={onSignedIn} />
          <p className="body">
            <button type="button" className="link-button" onClick={() => setRecovering(true)}>
              Forgotten your password? Use the recovery key
            </button>
          </p>
        </div>
      )}
    </PublicLayout>
  );
}

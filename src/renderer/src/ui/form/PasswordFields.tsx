import { MIN_PASSWORD_LENGTH } from '#contract/primitives.ts';
import { FormText } from './Form.tsx';

/** The hint for a password a person chooses for themselves. */
export const OWN_PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`;
/** The hint for a password an administrator gives someone, who must change it at first sign-in. */
export const GIVEN_PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters.`;

interface Props {
  /** The value names of the password and of its confirmation. */
  name: string;
  confirmName?: string;
  label: string;
  confirmLabel: string;
  hint?: string;
}

/** A new password and the same typed again to confirm it (see `confirmationProblems`). */
export function NewPasswordFields({
  name,
  confirmName = 'confirmPassword',
  label,
  confirmLabel,
  hint = OWN_PASSWORD_HINT,
}: Props) {
  return (
    <>
      <PasswordField name={name} label={label} hint={hint} autoComplete="new-password" />
      <PasswordField name={confirmName} label={confirmLabel} autoComplete="new-password" />
    </>
  );
}

/** The password a person signs in with, typed to prove it is them. */
export function CurrentPasswordField(props: { name: string; label: string; hint?: string }) {
  return <PasswordField {...props} autoComplete="current-password" />;
}

function PasswordField(props: {
  name: string;
  label: string;
  hint?: string;
  autoComplete: 'new-password' | 'current-password';
}) {
  return <FormText {...props} type="password" width="medium" />;
}

import { useState } from 'react';
import { call } from '../../app/api.ts';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CurrentPasswordField } from '../../ui/form/PasswordFields.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { missingProblems } from '../../ui/problems.ts';
import { Section } from '../../ui/Section.tsx';
import { RecoveryKeySheet } from '../setup/RecoveryKeySheet.tsx';

const FORM = 'rotate-key';
const LABELS = { password: 'Your password' };

/**
 * Administration → change the database key (`keys.rotate`): after someone leaves or a laptop or
 * password may have been compromised, so that an old copy of the keyring opens nothing.
 */
export function KeyRotationSection() {
  const [done, setDone] = useState<{ accounts: string[]; recoveryKey: string | null } | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { password: '' },
    toRequest: (values) => ({ password: values.password, confirm: true as const }),
    check: (values) => missingProblems([['password', values.password, 'is required']]),
    send: (request) => call('keys.rotate', request),
    resetOnSuccess: true,
    onSuccess: (data) =>
      setDone({ accounts: data.accountsNeedingNewPassword, recoveryKey: data.recoveryKey }),
    onRefused: () => {
      form.methods.setValue('password', '');
    },
  });

  return (
    <Section id="rotate-key-title" title="Change the database key" className="section section--divided">
      <p className="body">
        Do this after deactivating someone, or if a laptop, a backup or a password may have fallen into the
        wrong hands. The database is encrypted again under a new key, sealed for everyone who still has an
        account; an old copy of the keyring no longer opens it. Copies that a restore set aside in the data
        folder are removed. Backups made before the change cannot be restored afterwards, and an old password
        still opens them: make a new backup straight away and delete the older ones.
      </p>
      {done ? (
        <SuccessNotice title="The database key has been changed.">
          {done.accounts.length ? (
            <p className="body">
              These accounts have not signed in since the workbench was updated, so their keys could not be
              re-sealed: set a new password for each under Users: {done.accounts.join(', ')}.
            </p>
          ) : null}
          {done.recoveryKey ? (
            <p className="body">
              A new recovery key replaces the old one. Write it down now; it is not shown again.
            </p>
          ) : null}
        </SuccessNotice>
      ) : null}
      {done?.recoveryKey ? (
        <RecoveryKeySheet recoveryKey={done.recoveryKey} id="rotated-recovery-key" />
      ) : null}
      <Form form={form} className="">
        <CurrentPasswordField name="password" label={LABELS.password} hint="To confirm it is you." />
        <SubmitButton className="button button--warning">Change the database key</SubmitButton>
      </Form>
    </Section>
  );
}

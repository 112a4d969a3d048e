import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { Form, FormCheckboxes, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { changeSets, type Recipient } from './SyncScreen.tsx';

const FORM = 'send-case';
const LABELS = { recipientIds: 'Who is it for?' };

/**
 * "Send case to…": choose allocated people, then where to save the case bundle (`sync.sendCase`). The
 * bundle holds what they do not have yet, encrypted so that only they can open it.
 */
export function SendCaseForm({
  caseId,
  recipients,
  onSent,
}: {
  caseId: string;
  recipients: Recipient[];
  onSent: () => void;
}) {
  const [done, setDone] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { recipientIds: [] as string[] },
    request: calls['sync.sendCase'].request,
    toRequest: (values) => ({ caseId, recipientIds: values.recipientIds }),
    check: (values) =>
      values.recipientIds.length
        ? []
        : [{ path: 'recipientIds', message: 'Choose at least one person to send the case to' }],
    send: (request) => call('sync.sendCase', request),
    onSubmitStart: () => setDone(null),
    onSuccess: (data) => {
      setDone(
        data.savedTo
          ? `Saved to ${data.savedTo}, with ${changeSets(data.changeSets)}.`
          : 'Nothing was saved: no file was chosen.',
      );
      if (data.savedTo) onSent();
    },
  });
  if (recipients.length === 0) return null;
  return (
    <section aria-labelledby="send-case-title" className="section section--divided">
      <h2 id="send-case-title" className="heading-m">
        Send case to…
      </h2>
      <p className="body">
        The case bundle is a file holding the changes the people you choose do not have yet, encrypted so that
        only they can open it. Send it to them the way your organisation sends OFFICIAL-SENSITIVE files, such
        as a secure mailbox.
      </p>
      <Form form={form} labelledBy="send-case-title" before={done ? <SuccessNotice title={done} /> : null}>
        <FormCheckboxes
          name="recipientIds"
          hint="Only people allocated to this case can be sent it."
          options={recipients.map((m) => ({ value: m.id, label: m.name }))}
        />
        <SubmitButton>Save the case bundle…</SubmitButton>
      </Form>
    </section>
  );
}

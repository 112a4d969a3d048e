import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { Settings } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { Form, FormText, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { Pending } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';

const FORM = 'auto-lock';
const LABELS = { autoLockMinutes: 'Minutes before the workbench locks' };

/** How long the workbench may sit unused before it locks itself (`settings.get` / `settings.update`). */
export function AutoLockSection() {
  const [loaded, reload] = useLoad(() => call('settings.get', {}));
  return (
    <Section id="auto-lock-title" title="Automatic lock">
      <Pending loaded={loaded} what="settings" onRetry={reload} />
      {loaded.state === 'ready' ? <AutoLockForm settings={loaded.data} /> : null}
    </Section>
  );
}

function AutoLockForm({ settings }: { settings: Settings }) {
  const { refresh } = useSession();
  const [saved, setSaved] = useState<number | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { autoLockMinutes: String(settings.autoLockMinutes) },
    toRequest: (values) => ({ autoLockMinutes: Number(values.autoLockMinutes.trim()) }),
    check: (values) =>
      !/^\d+$/.test(values.autoLockMinutes.trim()) ||
      !calls['settings.update'].request.safeParse({ autoLockMinutes: Number(values.autoLockMinutes.trim()) })
        .success
        ? [{ path: 'autoLockMinutes', message: 'Enter a whole number of minutes from 1 to 240' }]
        : [],
    send: (request) => call('settings.update', request),
    onSubmitStart: () => setSaved(null),
    onSuccess: (data) => {
      form.methods.setValue('autoLockMinutes', String(data.autoLockMinutes));
      setSaved(data.autoLockMinutes);
      // The idle timer reads the setting from the session status.
      void refresh();
    },
  });

  return (
    <Form
      form={form}
      before={
        saved !== null ? (
          <SuccessNotice
            title={`The workbench now locks after ${saved} ${saved === 1 ? 'minute' : 'minutes'} without use.`}
          />
        ) : null
      }
    >
      <FormText
        name="autoLockMinutes"
        hint="From 1 to 240. When nobody has used the workbench for this long, it locks and needs a password again."
        inputMode="numeric"
        width="short"
      />
      <SubmitButton>Save auto-lock setting</SubmitButton>
    </Form>
  );
}

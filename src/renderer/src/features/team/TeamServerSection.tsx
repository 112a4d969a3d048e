import { useState } from 'react';
import type { CallResponse } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { Form, FormText, SubmitButton } from '../../ui/form/Form.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { Pending } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { Refusal } from '../../ui/Refusal.tsx';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';

type ServerStatus = CallResponse<'sync.serverStatus'>;

const FORM = 'team-server';
const LABELS = { address: 'Team server address', setupCode: 'Team set-up code' };

export const CONNECTION_WORDS: Record<ServerStatus['state'], string> = {
  'not-configured': 'No team server: cases travel in case bundles only.',
  connecting: 'Connecting to the team server…',
  connected: 'Connected: changes arrive within seconds.',
  disconnected: 'Not connected: changes are kept here and sent when the team server can be reached.',
  closed: 'Not connected.',
};

/**
 * Administration → Team server: the one address this computer talks to (the main process makes the
 * connection; the screens never do). Without one the workbench works on its own and with case bundles.
 */
export function TeamServerSection() {
  const [loaded, reload] = useLoad(() => call('sync.serverStatus', {}));
  return (
    <Section id="team-server-title" title="Team server">
      <p className="body">
        A team server passes the team’s encrypted changes between computers as they are made. It holds only
        what it cannot read. Your council’s IT sets it up and gives you its address.
      </p>
      <Pending loaded={loaded} what="the team server’s status" onRetry={reload} />
      {loaded.state === 'ready' ? <ServerForm status={loaded.data} onChanged={reload} /> : null}
    </Section>
  );
}

function ServerForm({ status, onChanged }: { status: ServerStatus; onChanged: () => unknown }) {
  const [saved, setSaved] = useState<string | null>(null);
  const sync = useAction();
  const [synced, setSynced] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { address: status.address ?? '', setupCode: '' },
    toRequest: (values) => ({
      address: values.address.trim() === '' ? null : values.address.trim(),
      ...(values.setupCode.trim() ? { setupCode: values.setupCode.trim() } : {}),
    }),
    send: (request) => call('sync.setServer', request),
    onSubmitStart: () => setSaved(null),
    onSuccess: (_data, values) => {
      const address = values.address.trim();
      setSaved(
        address
          ? `This computer now uses the team server at ${address}${values.setupCode.trim() ? ', and your team is on it' : ''}.`
          : 'This computer no longer uses a team server.',
      );
      // A set-up code creates one team: it is of no further use here.
      form.methods.setValue('setupCode', '');
      void onChanged();
    },
  });
  return (
    <>
      <p className="body">
        <strong>{CONNECTION_WORDS[status.state]}</strong>
        {status.lastSyncedAt ? (
          <>
            {' '}
            Last brought up to date <InstantText value={status.lastSyncedAt} withTime />.
          </>
        ) : null}
      </p>
      {status.problem ? <Refusal title="The team server" message={status.problem} /> : null}
      <Form form={form} before={saved ? <SuccessNotice title={saved} /> : null}>
        <FormText
          name="address"
          hint="For example https://hsb-team.council.gov.uk. Leave it empty to stop using a team server."
          width="long"
        />
        <FormText
          name="setupCode"
          hint="Only the first time your team uses this server: the code the server printed when it first started (ask the server’s administrator). Leave it empty if your team is already on the server."
          width="long"
        />
        <SubmitButton>Save the team server address</SubmitButton>
      </Form>
      {status.address ? (
        <div className="button-group">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={sync.busy || undefined}
            onClick={() =>
              void sync.act({
                onStart: () => setSynced(null),
                request: () => call('sync.syncNow', {}),
                onDone: (r) =>
                  setSynced(
                    `Sent ${r.sent} and took ${r.received} change ${r.received === 1 ? 'set' : 'sets'}.`,
                  ),
                afterwards: onChanged,
              })
            }
          >
            Sync now
          </button>
        </div>
      ) : null}
      {synced ? <SuccessNotice title={synced} /> : null}
      {sync.refusal ? (
        <Refusal title="Nothing was brought up to date" message={sync.refusal.message} />
      ) : null}
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { Form, FormText, SubmitOrLeave } from '../../ui/form/Form.tsx';
import { useAction } from '../../ui/form/useAction.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';
import { type Done, DoneNotice } from '../../ui/Notice.tsx';
import { missingProblems } from '../../ui/problems.ts';

/** Export this profile version as a file, or clone it to make an editable copy. Administrators only. */
export function ProfileActions({ profile }: { profile: Profile }) {
  const { busy, refusal, setRefusal, act } = useAction();
  const [done, setDone] = useState<Done | null>(null);
  const [cloning, setCloning] = useState(false);
  const cloneButton = useRef<HTMLButtonElement>(null);
  const wasCloning = useRef(false);
  useEffect(() => {
    if (wasCloning.current && !cloning) cloneButton.current?.focus();
    wasCloning.current = cloning;
  }, [cloning]);

  const exportFile = () =>
    act({
      onStart: () => setDone(null),
      request: () => call('profiles.export', { id: profile.id, version: profile.version }),
      onDone: (data) =>
        setDone(
          data === null
            ? { title: 'Nothing was exported: no file was chosen.' }
            : { title: 'Profile exported.', detail: `Saved to ${data.savedTo}` },
        ),
    });

  return (
    <section aria-labelledby="profile-actions-title" className="section panel">
      <h2 id="profile-actions-title" className="heading-s heading--flush">
        Administrator actions
      </h2>
      <p className="body">
        Export saves this version as a JSON file. To change a profile, clone it, export the copy, edit the
        file and import it again with a higher version number. Built-in profiles cannot be changed.
      </p>
      <DoneNotice done={done} />
      {refusal ? <LoadFailed error={refusal} /> : null}
      <div className="button-group">
        <ActionButton className="button button--secondary" onClick={() => void exportFile()} busy={busy}>
          Export
          <span className="visually-hidden">
            {' '}
            {profile.name} version {profile.version}
          </span>
        </ActionButton>
        <button
          ref={cloneButton}
          type="button"
          className="button button--secondary"
          aria-expanded={cloning}
          onClick={() => {
            setDone(null);
            setRefusal(null);
            setCloning(!cloning);
          }}
        >
          Clone to edit
        </button>
      </div>
      {cloning ? <CloneForm profile={profile} onCancel={() => setCloning(false)} /> : null}
    </section>
  );
}

const FORM = 'clone';
const LABELS = { newId: 'New id', newName: 'New name' };

function CloneForm({ profile, onCancel }: { profile: Profile; onCancel: () => void }) {
  const { navigate } = useRouter();
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { newId: `${profile.id}-local`, newName: `${profile.name} (local copy)` },
    request: calls['profiles.clone'].request,
    toRequest: (values) => ({
      id: profile.id,
      version: profile.version,
      newId: values.newId.trim(),
      newName: values.newName,
    }),
    check: (values) =>
      missingProblems([
        ['newId', values.newId, 'Enter an id for the copy'],
        ['newName', values.newName, 'Enter a name for the copy'],
      ]),
    send: (request) => call('profiles.clone', request),
    onSuccess: (clone) =>
      navigate(
        { name: 'profile', profileId: clone.id, version: clone.version },
        `${profile.name} version ${profile.version} has been cloned as “${clone.name}”.`,
      ),
  });

  return (
    <Form
      form={form}
      className="form action-form"
      labelledBy="clone-title"
      title={
        <>
          Clone {profile.name}, version {profile.version}
        </>
      }
      titleAs="p"
    >
      <FormText
        name="newId"
        hint="Lower-case letters, digits and single hyphens, for example islington-2027."
        width="medium"
      />
      <FormText name="newName" hint="The name people see when they open a case." />
      <SubmitOrLeave submit="Clone profile" onLeave={onCancel} leaveClassName="link-button" />
    </Form>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import type { AppError } from '../../../../contract/errors.ts';
import type { Profile } from '../../../../domain/profiles/schema.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { LoadFailed } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  missingProblems,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';

type Outcome = { kind: 'done'; title: string; detail?: string } | { kind: 'failed'; error: AppError };

/** Export this profile version as a file, or clone it to make an editable copy. Administrators only. */
export function ProfileActions({ profile }: { profile: Profile }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [cloning, setCloning] = useState(false);
  const cloneButton = useRef<HTMLButtonElement>(null);
  const wasCloning = useRef(false);
  useEffect(() => {
    if (wasCloning.current && !cloning) cloneButton.current?.focus();
    wasCloning.current = cloning;
  }, [cloning]);

  async function exportFile() {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const result = await call('profiles.export', { id: profile.id, version: profile.version });
    setBusy(false);
    if (!result.ok) setOutcome({ kind: 'failed', error: result.error });
    else if (result.data === null)
      setOutcome({ kind: 'done', title: 'Nothing was exported: no file was chosen.' });
    else {
      setOutcome({
        kind: 'done',
        title: 'Profile exported.',
        detail: `Saved to ${result.data.savedTo}`,
      });
    }
  }

  return (
    <section aria-labelledby="profile-actions-title" className="section panel">
      <h2 id="profile-actions-title" className="heading-s heading--flush">
        Administrator actions
      </h2>
      <p className="body">
        Export saves this version as a JSON file. To change a profile, clone it, export the copy, edit the
        file and import it again with a higher version number. Built-in profiles cannot be changed.
      </p>
      {outcome?.kind === 'done' ? (
        <SuccessNotice title={outcome.title}>
          {outcome.detail ? <p className="body">{outcome.detail}</p> : null}
        </SuccessNotice>
      ) : null}
      {outcome?.kind === 'failed' ? <LoadFailed error={outcome.error} /> : null}
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void exportFile()}
          aria-disabled={busy || undefined}
        >
          Export
          <span className="visually-hidden">
            {' '}
            {profile.name} version {profile.version}
          </span>
        </button>
        <button
          ref={cloneButton}
          type="button"
          className="button button--secondary"
          aria-expanded={cloning}
          onClick={() => {
            setOutcome(null);
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
  const [newId, setNewId] = useState(`${profile.id}-local`);
  const [newName, setNewName] = useState(`${profile.name} (local copy)`);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = { id: profile.id, version: profile.version, newId: newId.trim(), newName };
    const problems = orderProblems(
      [
        ...missingProblems([
          ['newId', newId, 'Enter an id for the copy'],
          ['newName', newName, 'Enter a name for the copy'],
        ]),
        ...checkRequest(calls['profiles.clone'].request, request),
      ],
      Object.keys(LABELS),
    );
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('profiles.clone', request);
    setBusy(false);
    if (result.ok) {
      navigate(
        { name: 'profile', profileId: result.data.id, version: result.data.version },
        `${profile.name} version ${profile.version} has been cloned as “${result.data.name}”.`,
      );
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="clone-title" className="form action-form">
      <p id="clone-title" className="action-form__title">
        Clone {profile.name}, version {profile.version}
      </p>
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <TextField
        form={FORM}
        path="newId"
        label={LABELS.newId}
        hint="Lower-case letters, digits and single hyphens, for example islington-2027."
        value={newId}
        onChange={setNewId}
        width="medium"
        errors={errors}
      />
      <TextField
        form={FORM}
        path="newName"
        label={LABELS.newName}
        hint="The name people see when they open a case."
        value={newName}
        onChange={setNewName}
        errors={errors}
      />
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Clone profile
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import type { UserSummary } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink, useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxField } from '../../ui/Field.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { useLoad } from '../../ui/useLoad.ts';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';
import { type UserDraft, UserFields, userDraftProblems, userLabels } from './UserFields.tsx';

const FORM = 'edit-user';
const LABELS = { ...userLabels(''), active: 'Account active' };

/** Change someone's name, agency, roles, AIM training or whether they can sign in; reset their password. */
export function EditUserScreen({ userId }: { userId: string }) {
  const [loaded, reload] = useLoad(async () => {
    const result = await call('users.list', {});
    if (!result.ok) return result;
    const user = result.data.find((u) => u.id === userId);
    return user
      ? { ok: true as const, data: user }
      : { ok: false as const, error: { code: 'not-found' as const, message: 'There is no such user.' } };
  });
  return (
    <>
      <p className="back-link-wrapper">
        <RouteLink to={{ name: 'users' }} className="back-link">
          Back to user list
        </RouteLink>
      </p>
      <PageHeading caption={loaded.state === 'ready' ? loaded.data.name : undefined}>Edit user</PageHeading>
      {loaded.state === 'loading' ? <Loading what="the user" /> : null}
      {loaded.state === 'failed' ? <LoadFailed error={loaded.error} onRetry={() => void reload()} /> : null}
      {loaded.state === 'ready' ? (
        <>
          <EditUserForm user={loaded.data} />
          <ResetPasswordForm user={loaded.data} />
        </>
      ) : null}
    </>
  );
}

function EditUserForm({ user }: { user: UserSummary }) {
  const { navigate } = useRouter();
  const { refresh } = useSession();
  const [draft, setDraft] = useState<UserDraft>({
    name: user.name,
    username: user.username,
    agency: user.agency,
    roles: user.roles,
    aimTrained: user.aimTrained,
  });
  const [active, setActive] = useState(user.active);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const { name, roles, aimTrained } = draft;
    const request = { id: user.id, name, agency: draft.agency, roles, aimTrained, active };
    const problems = orderProblems(
      [...userDraftProblems(draft, ''), ...checkRequest(calls['users.update'].request, request)],
      Object.keys(LABELS),
    );
    if (problems.length > 0 || draft.agency === '') {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('users.update', { ...request, agency: draft.agency });
    setBusy(false);
    if (result.ok) {
      // The person edited may be the one signed in: their roles in the header must follow.
      void refresh();
      navigate({ name: 'users' }, `Changes to ${result.data.name} have been saved.`);
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt className="summary-list__key">Username</dt>
          <dd className="summary-list__value">{user.username}</dd>
        </div>
      </dl>
      <UserFields form={FORM} value={draft} onChange={setDraft} errors={errors} withUsername={false} />
      <CheckboxField
        form={FORM}
        path="active"
        label={LABELS.active}
        hint="Untick to deactivate the account: the person can no longer sign in. Nothing they recorded is removed."
        checked={active}
        onChange={setActive}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Save user
      </button>
    </form>
  );
}

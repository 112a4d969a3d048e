import { type CallRequest, calls } from '#contract/calls.ts';
import type { UserSummary } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { SummaryRow } from '../../ui/Fact.tsx';
import { BoundField, Form, FormCheckbox, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
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
      <BackLink to={{ name: 'users' }}>Back to user list</BackLink>
      <PageHeading caption={loaded.state === 'ready' ? loaded.data.name : undefined}>Edit user</PageHeading>
      <Pending loaded={loaded} what="the user" onRetry={reload} />
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
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: {
      draft: {
        name: user.name,
        username: user.username,
        agency: user.agency,
        roles: user.roles,
        aimTrained: user.aimTrained,
      } as UserDraft,
      active: user.active,
    },
    request: calls['users.update'].request,
    toRequest: ({ draft, active }) =>
      ({
        id: user.id,
        name: draft.name,
        agency: draft.agency,
        roles: draft.roles,
        aimTrained: draft.aimTrained,
        active,
      }) as CallRequest<'users.update'>,
    check: (values) => userDraftProblems(values.draft, ''),
    send: (request) => call('users.update', request),
    onSuccess: (saved) => {
      // The person edited may be the one signed in: their roles in the header must follow.
      void refresh();
      navigate({ name: 'users' }, `Changes to ${saved.name} have been saved.`);
    },
  });

  return (
    <Form form={form}>
      <dl className="summary-list summary-list--compact">
        <SummaryRow label="Username">{user.username}</SummaryRow>
      </dl>
      <BoundField<UserDraft>
        name="draft"
        render={(bound) => <UserFields {...bound} withUsername={false} />}
      />
      <FormCheckbox
        name="active"
        hint="Untick to deactivate the account: the person can no longer sign in. Nothing they recorded is removed."
      />
      <SubmitButton>Save user</SubmitButton>
    </Form>
  );
}

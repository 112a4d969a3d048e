import { calls } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { Child, ProfileSummary, UserSummary } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { BirthDateText } from '../../ui/DateText.tsx';
import { Form, FormCheckboxes, FormSelect, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { Pending } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { all, useLoad } from '../../ui/useLoad.ts';
import { managers, personOption, socialWorkers, yosPractitioners } from './allocation.ts';

const FORM = 'open-case';
const LABELS = {
  profileId: 'Protocol profile',
  socialWorkerId: 'Allocated social worker',
  yosPractitionerId: 'YOS practitioner',
  managerIds: 'Managers',
};

/** Open an HSB case for a child: choose the protocol profile and allocate the people (`cases.open`). */
export function OpenCaseScreen({ childId }: { childId: string }) {
  const [loaded, reload] = useLoad(async () =>
    all<[Child, ProfileSummary[], UserSummary[]]>(
      await Promise.all([
        call('children.get', { id: childId }),
        call('profiles.list', {}),
        call('users.list', {}),
      ]),
    ),
  );
  return (
    <>
      <BackLink to={{ name: 'cases' }}>Back to case list</BackLink>
      <PageHeading caption="Step 2 of 2">Open an HSB case</PageHeading>
      <Pending loaded={loaded} what="the child and the people to allocate" onRetry={reload} />
      {loaded.state === 'ready' ? (
        <OpenCaseForm child={loaded.data[0]} profiles={loaded.data[1]} users={loaded.data[2]} />
      ) : null}
    </>
  );
}

interface FormProps {
  child: Child;
  profiles: ProfileSummary[];
  users: UserSummary[];
}

function OpenCaseForm({ child, profiles, users }: FormProps) {
  const { navigate } = useRouter();
  const csc = socialWorkers(users);
  const yos = yosPractitioners(users);
  const mgrs = managers(users);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: {
      profileId: profiles.length === 1 ? (profiles[0]?.id ?? '') : '',
      socialWorkerId: '',
      yosPractitionerId: '',
      managerIds: [] as string[],
    },
    request: calls['cases.open'].request,
    toRequest: (values) => ({ childId: child.id, ...values }),
    check: ({ profileId, socialWorkerId, yosPractitionerId }): FieldProblem[] => [
      ...(profileId ? [] : [{ path: 'profileId', message: 'Choose a protocol profile' }]),
      ...(socialWorkerId ? [] : [{ path: 'socialWorkerId', message: 'Choose the allocated social worker' }]),
      ...(yosPractitionerId ? [] : [{ path: 'yosPractitionerId', message: 'Choose the YOS practitioner' }]),
    ],
    send: (request) => call('cases.open', request),
    onSuccess: (opened) =>
      navigate({ name: 'case', caseId: opened.id }, `Case ${opened.reference} has been opened.`),
  });
  const { profileId, socialWorkerId, yosPractitionerId } = form.methods.watch();

  const noneHint = (who: string) =>
    `There are no active ${who} in the workbench yet. An administrator can add them under Users.`;

  return (
    <Form form={form}>
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt className="summary-list__key">Child</dt>
          <dd className="summary-list__value">{child.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Date of birth</dt>
          <dd className="summary-list__value">
            <BirthDateText value={child.dateOfBirth} />
          </dd>
        </div>
      </dl>
      <FormSelect
        name="profileId"
        label={LABELS.profileId}
        hint="The local authority's HSB pathway this case follows. It cannot be changed once the case is open."
        options={profiles.map((p) => ({ value: p.id, label: `${p.name}, version ${p.version}` }))}
        placeholder={profileId === '' ? 'Choose a profile' : undefined}
      />
      <FormSelect
        name="socialWorkerId"
        label={LABELS.socialWorkerId}
        hint={
          csc.length
            ? "A practitioner from Children's Social Care."
            : noneHint("Children's Social Care practitioners")
        }
        options={csc.map(personOption)}
        placeholder={socialWorkerId === '' ? 'Choose a social worker' : undefined}
      />
      <FormSelect
        name="yosPractitionerId"
        label={LABELS.yosPractitionerId}
        hint={
          yos.length
            ? 'A practitioner from Youth Justice / YOS, who co-assesses with the social worker.'
            : noneHint('Youth Justice / YOS practitioners')
        }
        options={yos.map(personOption)}
        placeholder={yosPractitionerId === '' ? 'Choose a YOS practitioner' : undefined}
      />
      {mgrs.length > 0 ? (
        <FormCheckboxes
          name="managerIds"
          label={LABELS.managerIds}
          hint="Choose the managers who will oversee and sign off this case, if known."
          options={mgrs.map((m) => ({ value: m.id, label: m.name }))}
        />
      ) : (
        <p className="body hint">There are no active managers to allocate.</p>
      )}
      <SubmitButton>Open case</SubmitButton>
    </Form>
  );
}

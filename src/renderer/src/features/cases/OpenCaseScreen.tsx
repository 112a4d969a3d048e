import { calls } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { Child, ProfileSummary, UserSummary } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { useRouter } from '../../app/router.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { BirthDateText } from '../../ui/DateText.tsx';
import { SummaryRow } from '../../ui/Fact.tsx';
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

  /** A choice of practitioner, or why there is none to choose. */
  const practitioner = (name: string, people: typeof csc, hint: string, who: string, placeholder: string) => (
    <FormSelect
      name={name}
      hint={
        people.length
          ? hint
          : `There are no active ${who} in the workbench yet. An administrator can add them under Users.`
      }
      options={people.map(personOption)}
      placeholder={placeholder || undefined}
    />
  );

  return (
    <Form form={form}>
      <dl className="summary-list summary-list--compact">
        <SummaryRow label="Child">{child.name}</SummaryRow>
        <SummaryRow label="Date of birth">
          <BirthDateText value={child.dateOfBirth} />
        </SummaryRow>
      </dl>
      <FormSelect
        name="profileId"
        hint="The local authority's HSB pathway this case follows. It cannot be changed once the case is open."
        options={profiles.map((p) => ({ value: p.id, label: `${p.name}, version ${p.version}` }))}
        placeholder={profileId === '' ? 'Choose a profile' : undefined}
      />
      {practitioner(
        'socialWorkerId',
        csc,
        "A practitioner from Children's Social Care.",
        "Children's Social Care practitioners",
        socialWorkerId === '' ? 'Choose a social worker' : '',
      )}
      {practitioner(
        'yosPractitionerId',
        yos,
        'A practitioner from Youth Justice / YOS, who co-assesses with the social worker.',
        'Youth Justice / YOS practitioners',
        yosPractitionerId === '' ? 'Choose a YOS practitioner' : '',
      )}
      {mgrs.length > 0 ? (
        <FormCheckboxes
          name="managerIds"
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

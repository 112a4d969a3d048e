import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import type { FieldProblem } from '../../../../contract/errors.ts';
import type { Child, ProfileSummary, UserSummary } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink, useRouter } from '../../app/router.tsx';
import { BirthDateText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxGroup, SelectField } from '../../ui/Field.tsx';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
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
      <p className="back-link-wrapper">
        <RouteLink to={{ name: 'cases' }} className="back-link">
          Back to case list
        </RouteLink>
      </p>
      <PageHeading caption="Step 2 of 2">Open an HSB case</PageHeading>
      {loaded.state === 'loading' ? <Loading what="the child and the people to allocate" /> : null}
      {loaded.state === 'failed' ? <LoadFailed error={loaded.error} onRetry={() => void reload()} /> : null}
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
  const [profileId, setProfileId] = useState(profiles.length === 1 ? (profiles[0]?.id ?? '') : '');
  const [socialWorkerId, setSocialWorkerId] = useState('');
  const [yosPractitionerId, setYosPractitionerId] = useState('');
  const [managerIds, setManagerIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const csc = socialWorkers(users);
  const yos = yosPractitioners(users);
  const mgrs = managers(users);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = { childId: child.id, profileId, socialWorkerId, yosPractitionerId, managerIds };
    const chosen: FieldProblem[] = [
      ...(profileId ? [] : [{ path: 'profileId', message: 'Choose a protocol profile' }]),
      ...(socialWorkerId ? [] : [{ path: 'socialWorkerId', message: 'Choose the allocated social worker' }]),
      ...(yosPractitionerId ? [] : [{ path: 'yosPractitionerId', message: 'Choose the YOS practitioner' }]),
    ];
    const problems = orderProblems(
      [...chosen, ...checkRequest(calls['cases.open'].request, request)],
      Object.keys(LABELS),
    );
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('cases.open', request);
    setBusy(false);
    if (result.ok) {
      navigate({ name: 'case', caseId: result.data.id }, `Case ${result.data.reference} has been opened.`);
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  const noneHint = (who: string) =>
    `There are no active ${who} in the workbench yet. An administrator can add them under Users.`;

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
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
      <SelectField
        form={FORM}
        path="profileId"
        label={LABELS.profileId}
        hint="The local authority's HSB pathway this case follows. It cannot be changed once the case is open."
        value={profileId}
        onChange={setProfileId}
        options={profiles.map((p) => ({ value: p.id, label: `${p.name}, version ${p.version}` }))}
        placeholder={profileId === '' ? 'Choose a profile' : undefined}
        errors={errors}
      />
      <SelectField
        form={FORM}
        path="socialWorkerId"
        label={LABELS.socialWorkerId}
        hint={
          csc.length
            ? "A practitioner from Children's Social Care."
            : noneHint("Children's Social Care practitioners")
        }
        value={socialWorkerId}
        onChange={setSocialWorkerId}
        options={csc.map(personOption)}
        placeholder={socialWorkerId === '' ? 'Choose a social worker' : undefined}
        errors={errors}
      />
      <SelectField
        form={FORM}
        path="yosPractitionerId"
        label={LABELS.yosPractitionerId}
        hint={
          yos.length
            ? 'A practitioner from Youth Justice / YOS, who co-assesses with the social worker.'
            : noneHint('Youth Justice / YOS practitioners')
        }
        value={yosPractitionerId}
        onChange={setYosPractitionerId}
        options={yos.map(personOption)}
        placeholder={yosPractitionerId === '' ? 'Choose a YOS practitioner' : undefined}
        errors={errors}
      />
      {mgrs.length > 0 ? (
        <CheckboxGroup
          form={FORM}
          path="managerIds"
          label={LABELS.managerIds}
          hint="Choose the managers who will oversee and sign off this case, if known."
          options={mgrs.map((m) => ({ value: m.id, label: m.name }))}
          values={managerIds}
          onChange={setManagerIds}
          errors={errors}
        />
      ) : (
        <p className="body hint">There are no active managers to allocate.</p>
      )}
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Open case
      </button>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import { call } from '../../app/api.ts';
import { RouteLink, useRouter } from '../../app/router.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  checkRequest,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import {
  CHILD_FIELD_ORDER,
  CHILD_LABELS,
  ChildFields,
  childDraftProblems,
  EMPTY_CHILD,
} from './ChildFields.tsx';

const FORM = 'new-child';

/** Record a child's details (`children.create`), then go on to open an HSB case for them. */
export function NewChildScreen() {
  const { navigate } = useRouter();
  const [draft, setDraft] = useState(EMPTY_CHILD);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problems = orderProblems(
      [...childDraftProblems(draft), ...checkRequest(calls['children.create'].request, draft)],
      CHILD_FIELD_ORDER,
    );
    if (problems.length > 0 || draft.gender === '') {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('children.create', { ...draft, gender: draft.gender });
    setBusy(false);
    if (result.ok) {
      navigate(
        { name: 'open-case', childId: result.data.id },
        `${result.data.name}’s details have been saved. Now open an HSB case for them.`,
      );
    } else {
      setErrors(errorsFromResult(result.error));
    }
  }

  return (
    <>
      <p className="back-link-wrapper">
        <RouteLink to={{ name: 'cases' }} className="back-link">
          Back to case list
        </RouteLink>
      </p>
      <PageHeading caption="Step 1 of 2">New child</PageHeading>
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary form={FORM} errors={errors} labels={CHILD_LABELS} />
        <p className="body">
          Full name, date of birth and gender are needed. Add the other details if you have them: you can
          change them later.
        </p>
        <ChildFields form={FORM} value={draft} onChange={setDraft} errors={errors} />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Create child
        </button>
      </form>
    </>
  );
}

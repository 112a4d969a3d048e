import { type FormEvent, useState } from 'react';
import { calls } from '../../../../contract/calls.ts';
import type { Child } from '../../../../contract/schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { FocusedSubheading } from '../../ui/PageHeading.tsx';
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
  draftFromChild,
} from './ChildFields.tsx';

const FORM = 'edit-child';

interface Props {
  child: Child;
  onSaved: (child: Child) => void;
  onCancel: () => void;
  /** Fetch the child as stored now, after someone else changed it first. */
  reload: () => Promise<Child | null>;
}

/** Change a child's details (`children.update`), refusing to overwrite someone else's newer change. */
export function EditChildForm({ child, onSaved, onCancel, reload }: Props) {
  const [base, setBase] = useState(child);
  const [draft, setDraft] = useState(() => draftFromChild(child));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const request = { id: base.id, expectedVersion: base.version, ...draft };
    const problems = orderProblems(
      [...childDraftProblems(draft), ...checkRequest(calls['children.update'].request, request)],
      CHILD_FIELD_ORDER,
    );
    if (problems.length > 0 || draft.gender === '') {
      setErrors({ problems });
      return;
    }
    setBusy(true);
    const result = await call('children.update', { ...request, gender: draft.gender });
    if (result.ok) {
      setBusy(false);
      onSaved(result.data);
      return;
    }
    if (result.error.code === 'conflict') {
      // Someone saved first: show what is stored now rather than overwrite it.
      const latest = await reload();
      if (latest) {
        setBase(latest);
        setDraft(draftFromChild(latest));
      }
      setErrors({
        message: `${result.error.message} The latest saved details are now shown below.`,
        problems: [],
      });
    } else {
      setErrors(errorsFromResult(result.error));
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby="edit-child-title" className="panel">
      <FocusedSubheading id="edit-child-title">Edit child details</FocusedSubheading>
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary form={FORM} errors={errors} labels={CHILD_LABELS} />
        <ChildFields form={FORM} value={draft} onChange={setDraft} errors={errors} />
        <div className="button-group">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            Save child
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

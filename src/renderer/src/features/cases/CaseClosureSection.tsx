import { type FormEvent, useState } from 'react';
import type { HsbCase } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';

const FORM = 'case-closure';

/**
 * A manager of the case closes it with the reason, or reopens it with the reason. A closed case can be
 * read and exported but not changed (the main process refuses every change to it).
 */
export function CaseClosureSection({ hsbCase, onChanged }: { hsbCase: HsbCase; onChanged: () => void }) {
  const closing = hsbCase.status === 'open';
  const [reason, setReason] = useState('');
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const label = closing ? 'Reason for closing the case' : 'Reason for reopening the case';

  const submit = submitting(async (_event: FormEvent) => {
    if (!reason.trim()) {
      setErrors({ problems: [{ path: 'reason', message: `Enter the ${label.toLowerCase()}` }] });
      return;
    }
    const request = { id: hsbCase.id, expectedVersion: hsbCase.version, reason };
    const result = await send(call(closing ? 'cases.close' : 'cases.reopen', request));
    if (result.ok) onChanged();
  });

  return (
    <section aria-labelledby="closure-title" className="section">
      <h2 id="closure-title" className="heading-m">
        {closing ? 'Close the case' : 'Reopen the case'}
      </h2>
      <p className="body hint">
        {closing
          ? 'A closed case can still be read and exported, but nothing on it can be changed until a manager reopens it.'
          : 'This case is closed: it can be read and exported but not changed.'}
      </p>
      <form
        onSubmit={submit}
        noValidate
        className="form"
        aria-label={closing ? 'Close the case' : 'Reopen the case'}
      >
        <ErrorSummary form={FORM} errors={errors} labels={{ reason: label }} />
        <TextAreaField
          form={FORM}
          path="reason"
          label={label}
          value={reason}
          onChange={setReason}
          errors={errors}
        />
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {closing ? 'Close the case' : 'Reopen the case'}
        </button>
      </form>
    </section>
  );
}

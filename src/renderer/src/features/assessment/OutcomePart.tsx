import { type FormEvent, useState } from 'react';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { PartHeading, type PartProps, partTitleId } from './shared.tsx';

const FORM = 'outcome';

/** The overall outcome, for frameworks whose template defines one (AIM2). */
export function OutcomePart({ view, canWrite, onView }: PartProps) {
  const outcome = view.framework.outcome;
  const [value, setValue] = useState(view.outcome ?? '');
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);
  if (!outcome) return null;
  const current = outcome.options.find((o) => o.id === view.outcome);
  const labels = { outcome: outcome.label };

  const submit = submitting(async (_event: FormEvent) => {
    setSaved(null);
    if (!value) {
      setErrors({ problems: [{ path: 'outcome', message: `Choose the ${outcome?.label.toLowerCase()}` }] });
      return;
    }
    const result = await send(call('assessments.setOutcome', { assessmentId: view.id, outcome: value }));
    if (!result.ok) return;
    setSaved(`${outcome?.label} saved.`);
    onView(result.data);
  });

  return (
    <section aria-labelledby={partTitleId('outcome')} className="assessment-part">
      <PartHeading part="outcome">Outcome</PartHeading>
      <p className="body">
        {outcome.label}: <strong>{current ? current.label : 'not recorded yet'}</strong>
      </p>
      {canWrite ? (
        <form
          onSubmit={submit}
          noValidate
          className="form"
          aria-label={`Record the ${outcome.label.toLowerCase()}`}
        >
          {saved ? <SuccessNotice title={saved} /> : null}
          <ErrorSummary form={FORM} errors={errors} labels={labels} />
          <SelectField
            form={FORM}
            path="outcome"
            label={outcome.label}
            value={value}
            onChange={setValue}
            options={outcome.options.map((o) => ({ value: o.id, label: o.label }))}
            placeholder="Choose an outcome"
            errors={errors}
          />
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            Save the outcome
          </button>
        </form>
      ) : null}
    </section>
  );
}

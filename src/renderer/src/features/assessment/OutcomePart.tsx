import { type FormEvent, useState } from 'react';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { PartHeading, type PartProps, partTitleId } from './shared.tsx';

const FORM = 'outcome';

/** The overall outcome: one (AIM2), or overall levels side by side (AIM3: concern and strengths). */
export function OutcomePart(props: PartProps) {
  if (props.view.framework.levels?.length) return <LevelsPart {...props} />;
  return <SingleOutcomePart {...props} />;
}

function LevelsPart({ view, canWrite, onView }: PartProps) {
  return (
    <section aria-labelledby={partTitleId('outcome')} className="assessment-part">
      <PartHeading part="outcome">Outcome</PartHeading>
      <dl className="summary-list summary-list--compact">
        {view.outcomeLevels.map((l) => (
          <div key={l.id} className="summary-list__row">
            <dt className="summary-list__key">{l.label}</dt>
            <dd className="summary-list__value">{l.valueLabel ?? 'not recorded yet'}</dd>
          </div>
        ))}
      </dl>
      {canWrite
        ? (view.framework.levels ?? []).map((level) => (
            <LevelForm
              key={level.id}
              view={view}
              level={level}
              current={view.outcomeLevels.find((l) => l.id === level.id)?.value ?? ''}
              onView={onView}
            />
          ))
        : null}
    </section>
  );
}

function LevelForm({
  view,
  level,
  current,
  onView,
}: {
  view: PartProps['view'];
  level: NonNullable<PartProps['view']['framework']['levels']>[number];
  current: string;
  onView: PartProps['onView'];
}) {
  const form = `outcome-${level.id}`;
  const [value, setValue] = useState(current);
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);
  const submit = submitting(async (_event: FormEvent) => {
    setSaved(null);
    if (!value) {
      setErrors({ problems: [{ path: 'outcome', message: `Choose the ${level.label.toLowerCase()}` }] });
      return;
    }
    const result = await send(
      call('assessments.setOutcome', { assessmentId: view.id, outcome: value, level: level.id }),
    );
    if (!result.ok) return;
    setSaved(`${level.label} saved.`);
    onView(result.data);
  });
  return (
    <form
      onSubmit={submit}
      noValidate
      className="form"
      aria-label={`Record the ${level.label.toLowerCase()}`}
    >
      {saved ? <SuccessNotice title={saved} /> : null}
      <ErrorSummary form={form} errors={errors} labels={{ outcome: level.label }} />
      <SelectField
        form={form}
        path="outcome"
        label={level.label}
        value={value}
        onChange={setValue}
        options={level.options.map((o) => ({ value: o.id, label: o.label }))}
        placeholder="Choose a level"
        errors={errors}
      />
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        Save the {level.label.toLowerCase()}
      </button>
    </form>
  );
}

function SingleOutcomePart({ view, canWrite, onView }: PartProps) {
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

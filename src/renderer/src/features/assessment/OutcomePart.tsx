import { useState } from 'react';
import { call } from '../../app/api.ts';
import { SummaryRow } from '../../ui/Fact.tsx';
import { Form, FormSelect, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
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
          <SummaryRow key={l.id} label={l.label}>
            {l.valueLabel ?? 'not recorded yet'}
          </SummaryRow>
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

/** One outcome (or one overall level): a list to choose from, saved with assessments.setOutcome. */
function OutcomeForm({
  id,
  view,
  label,
  options,
  current,
  level,
  placeholder,
  submit,
  onView,
}: {
  id: string;
  view: PartProps['view'];
  label: string;
  options: { id: string; label: string }[];
  current: string;
  /** The overall level it sets (AIM3), if not the one outcome. */
  level?: string;
  placeholder: string;
  submit: string;
  onView: PartProps['onView'];
}) {
  const [saved, setSaved] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id,
    labels: { outcome: label },
    defaultValues: { outcome: current },
    check: ({ outcome }) =>
      outcome ? [] : [{ path: 'outcome', message: `Choose the ${label.toLowerCase()}` }],
    toRequest: ({ outcome }) => ({ assessmentId: view.id, outcome, ...(level ? { level } : {}) }),
    send: (request) => call('assessments.setOutcome', request),
    onSubmitStart: () => setSaved(null),
    onSuccess: (next) => {
      setSaved(`${label} saved.`);
      onView(next);
    },
  });
  return (
    <Form
      form={form}
      label={`Record the ${label.toLowerCase()}`}
      before={saved ? <SuccessNotice title={saved} /> : null}
    >
      <FormSelect
        name="outcome"
        label={label}
        options={options.map((o) => ({ value: o.id, label: o.label }))}
        placeholder={placeholder}
      />
      <SubmitButton className="button button--secondary">{submit}</SubmitButton>
    </Form>
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
  return (
    <OutcomeForm
      id={`outcome-${level.id}`}
      view={view}
      label={level.label}
      options={level.options}
      current={current}
      level={level.id}
      placeholder="Choose a level"
      submit={`Save the ${level.label.toLowerCase()}`}
      onView={onView}
    />
  );
}

function SingleOutcomePart({ view, canWrite, onView }: PartProps) {
  const outcome = view.framework.outcome;
  if (!outcome) return null;
  const current = outcome.options.find((o) => o.id === view.outcome);
  return (
    <section aria-labelledby={partTitleId('outcome')} className="assessment-part">
      <PartHeading part="outcome">Outcome</PartHeading>
      <p className="body">
        {outcome.label}: <strong>{current ? current.label : 'not recorded yet'}</strong>
      </p>
      {canWrite ? (
        <OutcomeForm
          id={FORM}
          view={view}
          label={outcome.label}
          options={outcome.options}
          current={view.outcome ?? ''}
          placeholder="Choose an outcome"
          submit="Save the outcome"
          onView={onView}
        />
      ) : null}
    </section>
  );
}

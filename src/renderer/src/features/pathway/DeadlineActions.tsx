import { type FormEvent, type ReactNode, useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { DeadlineView } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { DateField } from '../../ui/DateField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { DateTimeFields, RadioGroup, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { entryProblems, type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import { dueText, instantFrom } from '../deadlines/due.ts';

export type Action = 'pause' | 'resume' | 'extend' | 'met';

interface Props {
  action: Action;
  deadline: DeadlineView;
  onCancel: () => void;
  /** Saved: close the form and say what changed. */
  onDone: (message: string) => void;
  /** Someone else changed the deadline first: close the form, say so, and load the deadline again. */
  onStale: (message: string) => void;
  /** Load the deadline again (after a refusal that may mean it changed). */
  onReload: () => void;
}

/** The small form behind one of a deadline's action buttons. */
export function ActionForm(props: Props) {
  switch (props.action) {
    case 'pause':
      return <PauseOrResumeForm {...props} type="pause" />;
    case 'resume':
      return <PauseOrResumeForm {...props} type="resume" />;
    case 'extend':
      return <ExtendForm {...props} />;
    case 'met':
      return <MetForm {...props} />;
  }
}

type Result = Awaited<ReturnType<typeof call<'deadlines.adjust'>>>;

/** Shared handling of a submit: client-side problems first, then the call; a conflict reloads. */
function useSubmit(props: Props) {
  const { errors, setErrors, busy, sendChecked, submitting } = useSubmission();
  const run = submitting(
    async (
      problems: FieldProblem[],
      request: () => Promise<Result>,
      message: (d: DeadlineView) => string,
    ) => {
      const result = await sendChecked(problems, request);
      if (!result) return;
      if (result.ok) {
        props.onDone(message(result.data));
        return;
      }
      if (result.error.code === 'conflict' || result.error.code === 'not-found') {
        // The deadline changed or went: the page says so once, above the form.
        setErrors(NO_ERRORS);
        props.onStale(result.error.message);
        return;
      }
      // e.g. "This deadline is no longer running": show the message, and the deadline as it now is.
      if (result.error.code === 'rule-broken') props.onReload();
    },
  );
  return { errors, busy, run };
}

function Frame({
  form,
  title,
  errors,
  labels,
  onSubmit,
  submit,
  busy,
  deadline,
  onCancel,
  children,
}: {
  form: string;
  title: string;
  errors: FormErrors;
  labels: Record<string, string>;
  onSubmit: (event: FormEvent) => void;
  submit: string;
  busy: boolean;
  deadline: DeadlineView;
  onCancel: () => void;
  children: ReactNode;
}) {
  const titleId = `${form}-title`;
  return (
    <form id={form} onSubmit={onSubmit} noValidate aria-labelledby={titleId} className="action-form">
      <p id={titleId} className="action-form__title">
        {title}
        <span className="visually-hidden"> ({deadline.step})</span>
      </p>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      {children}
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {submit}
          <span className="visually-hidden"> for {deadline.step}</span>
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel<span className="visually-hidden"> and close the form for {deadline.step}</span>
        </button>
      </div>
    </form>
  );
}

const nowDue = (d: DeadlineView) => `now due ${dueText(d.currentDue)}`;

function PauseOrResumeForm(props: Props & { type: 'pause' | 'resume' }) {
  const { deadline: d, type } = props;
  const form = `${type}-${d.id}`;
  const labels = { reason: type === 'pause' ? 'Reason for pausing' : 'Note (optional)' };
  const [reason, setReason] = useState('');
  const { errors, busy, run } = useSubmit(props);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems =
      type === 'pause' && !reason.trim()
        ? [{ path: 'reason', message: 'Enter why the deadline is paused, for example court directions' }]
        : [];
    void run(
      problems,
      () => call('deadlines.adjust', { deadlineId: d.id, expectedVersion: d.version, type, reason }),
      (after) =>
        type === 'pause'
          ? 'Deadline paused. Resume it when the work can go on.'
          : `Deadline resumed: ${nowDue(after)}.`,
    );
  }

  return (
    <Frame
      form={form}
      title={type === 'pause' ? 'Pause this deadline' : 'Resume this deadline'}
      errors={errors}
      labels={labels}
      onSubmit={submit}
      submit={type === 'pause' ? 'Pause deadline' : 'Resume deadline'}
      busy={busy}
      deadline={d}
      onCancel={props.onCancel}
    >
      <TextAreaField
        form={form}
        path="reason"
        label={labels.reason}
        hint={
          type === 'pause'
            ? 'For example, court directions. When you resume it, the time it was paused is added to the due date.'
            : 'Anything the team should know about restarting the clock.'
        }
        value={reason}
        onChange={setReason}
        rows={3}
        errors={errors}
      />
    </Frame>
  );
}

type ExtendBy = 'days' | 'date';

function ExtendForm(props: Props) {
  const { deadline: d } = props;
  const form = `extend-${d.id}`;
  const labels = {
    by: 'How do you want to extend it?',
    extraWorkingDays: 'Extra working days',
    newDueDay: 'New due date',
    reason: 'Reason for the extension',
  };
  const [by, setBy] = useState<ExtendBy>('days');
  const [days, setDays] = useState('');
  const [day, setDay] = useState('');
  const [reason, setReason] = useState('');
  const { errors, busy, run } = useSubmit(props);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldProblem[] = [];
    const extra = Number(days.trim());
    if (by === 'days' && (!/^\d+$/.test(days.trim()) || extra < 1 || extra > 365)) {
      problems.push({
        path: 'extraWorkingDays',
        message: 'Enter a whole number of working days from 1 to 365',
      });
    }
    if (by === 'date' && !day) problems.push({ path: 'newDueDay', message: 'Enter the new due date' });
    if (by === 'date') problems.push(...entryProblems([['newDueDay', day, labels.newDueDay, 'date']]));
    if (!reason.trim()) {
      problems.push({
        path: 'reason',
        message: 'Enter the reason for the extension, for example court directions',
      });
    }
    void run(
      problems,
      () =>
        call('deadlines.adjust', {
          deadlineId: d.id,
          expectedVersion: d.version,
          type: 'extend',
          reason,
          ...(by === 'days' ? { extraWorkingDays: extra } : { newDueDay: day }),
        }),
      (after) => `Deadline extended: ${nowDue(after)}.`,
    );
  }

  return (
    <Frame
      form={form}
      title="Extend this deadline"
      errors={errors}
      labels={labels}
      onSubmit={submit}
      submit="Save extension"
      busy={busy}
      deadline={d}
      onCancel={props.onCancel}
    >
      <p className="body hint">Now due {dueText(d.currentDue)}. The original due date stays on the record.</p>
      <RadioGroup<ExtendBy>
        form={form}
        path="by"
        label={labels.by}
        options={[
          { value: 'days', label: 'By a number of working days' },
          { value: 'date', label: 'To a new due date' },
        ]}
        value={by}
        onChange={setBy}
        errors={errors}
        revealed={{
          days: (
            <TextField
              form={form}
              path="extraWorkingDays"
              label={labels.extraWorkingDays}
              inputMode="numeric"
              width="short"
              value={days}
              onChange={setDays}
              errors={errors}
            />
          ),
          date: (
            <DateField
              form={form}
              path="newDueDay"
              label={labels.newDueDay}
              value={day}
              onChange={setDay}
              errors={errors}
            />
          ),
        }}
      />
      <TextAreaField
        form={form}
        path="reason"
        label={labels.reason}
        hint="For example, court directions, or the police officer in the case is unavailable."
        value={reason}
        onChange={setReason}
        rows={3}
        errors={errors}
      />
    </Frame>
  );
}

function MetForm(props: Props) {
  const { deadline: d } = props;
  const form = `met-${d.id}`;
  const labels = { metAt: 'Date done', metAtTime: 'Time done', note: 'Note (optional)' };
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [note, setNote] = useState('');
  const { errors, busy, run } = useSubmit(props);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldProblem[] = [];
    if (!day) problems.push({ path: 'metAt', message: 'Enter the date it was done' });
    if (!time) problems.push({ path: 'metAtTime', message: 'Enter the time it was done' });
    const entry = entryProblems([
      ['metAt', day, labels.metAt, 'date'],
      ['metAtTime', time, labels.metAtTime, 'time'],
    ]);
    problems.push(...entry);
    const metAt = instantFrom(day, time);
    if (day && time && !metAt && entry.length === 0)
      problems.push({ path: 'metAt', message: 'Enter a real date and time' });
    void run(
      problems,
      () =>
        call('deadlines.markMet', { deadlineId: d.id, expectedVersion: d.version, metAt: metAt ?? '', note }),
      (after) => `Marked as done: ${after.statusLabel}.`,
    );
  }

  return (
    <Frame
      form={form}
      title="Mark this step as done"
      errors={errors}
      labels={labels}
      onSubmit={submit}
      submit="Save as done"
      busy={busy}
      deadline={d}
      onCancel={props.onCancel}
    >
      <DateTimeFields
        form={form}
        path="metAt"
        dateLabel={labels.metAt}
        timeLabel={labels.metAtTime}
        date={day}
        time={time}
        onDate={setDay}
        onTime={setTime}
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="note"
        label={labels.note}
        hint="For example, who attended or where the record is."
        value={note}
        onChange={setNote}
        rows={3}
        errors={errors}
      />
    </Frame>
  );
}

import type { ReactNode } from 'react';
import type { FieldProblem, Result } from '#contract/errors.ts';
import type { DeadlineView } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { Form, FormDate, FormDateTime, FormRadios, FormText, FormTextArea } from '../../ui/form/Form.tsx';
import { type FormSpec, useWorkbenchForm, type WorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { entryProblems, missingProblems, NO_ERRORS } from '../../ui/problems.ts';
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

type DeadlineFormSpec<V extends Record<string, string>, Req> = Omit<
  FormSpec<V, Req, DeadlineView>,
  'onSuccess' | 'onRefused'
> & {
  /** What the page says once saved. */
  message: (after: DeadlineView) => string;
};

/** A deadline's form: its own problems first, then the call; a conflict closes the form and reloads. */
function useDeadlineForm<V extends Record<string, string>, Req>(
  props: Props,
  { message, ...spec }: DeadlineFormSpec<V, Req>,
) {
  return useWorkbenchForm<V, Req, DeadlineView>({
    ...spec,
    onSuccess: (after) => props.onDone(message(after)),
    onRefused: (error) => {
      if (error.code === 'conflict' || error.code === 'not-found') {
        // The deadline changed or went: the page says so once, above the form.
        props.onStale(error.message);
        return NO_ERRORS;
      }
      // e.g. "This deadline is no longer running": show the message, and the deadline as it now is.
      if (error.code === 'rule-broken') props.onReload();
      return undefined;
    },
  });
}

function Frame<V extends Record<string, string>>({
  form,
  title,
  submit,
  deadline,
  onCancel,
  children,
}: {
  form: WorkbenchForm<V>;
  title: string;
  submit: string;
  deadline: DeadlineView;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <Form
      form={form}
      title={
        <>
          {title}
          <span className="visually-hidden"> ({deadline.step})</span>
        </>
      }
      titleAs="p"
      className="action-form"
    >
      {children}
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={form.busy || undefined}>
          {submit}
          <span className="visually-hidden"> for {deadline.step}</span>
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel<span className="visually-hidden"> and close the form for {deadline.step}</span>
        </button>
      </div>
    </Form>
  );
}

const nowDue = (d: DeadlineView) => `now due ${dueText(d.currentDue)}`;
const adjust = (request: Parameters<typeof call<'deadlines.adjust'>>[1]): Promise<Result<DeadlineView>> =>
  call('deadlines.adjust', request);

function PauseOrResumeForm(props: Props & { type: 'pause' | 'resume' }) {
  const { deadline: d, type } = props;
  const pause = type === 'pause';
  const labels = { reason: pause ? 'Reason for pausing' : 'Note (optional)' };
  const form = useDeadlineForm(props, {
    id: `${type}-${d.id}`,
    labels,
    defaultValues: { reason: '' },
    check: ({ reason }) =>
      pause
        ? missingProblems([
            ['reason', reason, 'Enter why the deadline is paused, for example court directions'],
          ])
        : [],
    toRequest: ({ reason }) => ({ deadlineId: d.id, expectedVersion: d.version, type, reason }),
    send: adjust,
    message: (after) =>
      pause ? 'Deadline paused. Resume it when the work can go on.' : `Deadline resumed: ${nowDue(after)}.`,
  });

  return (
    <Frame
      {...props}
      form={form}
      title={pause ? 'Pause this deadline' : 'Resume this deadline'}
      submit={pause ? 'Pause deadline' : 'Resume deadline'}
    >
      <FormTextArea
        name="reason"
        hint={
          pause
            ? 'For example, court directions. When you resume it, the time it was paused is added to the due date.'
            : 'Anything the team should know about restarting the clock.'
        }
        rows={3}
      />
    </Frame>
  );
}

type ExtendBy = 'days' | 'date';

const EXTEND_LABELS = {
  by: 'How do you want to extend it?',
  extraWorkingDays: 'Extra working days',
  newDueDay: 'New due date',
  reason: 'Reason for the extension',
};

function extendProblems({
  by,
  extraWorkingDays,
  newDueDay,
  reason,
}: Record<keyof typeof EXTEND_LABELS, string>) {
  const problems: FieldProblem[] = [];
  const extra = Number(extraWorkingDays.trim());
  if (by === 'days' && (!/^\d+$/.test(extraWorkingDays.trim()) || extra < 1 || extra > 365)) {
    problems.push({
      path: 'extraWorkingDays',
      message: 'Enter a whole number of working days from 1 to 365',
    });
  }
  if (by === 'date' && !newDueDay) problems.push({ path: 'newDueDay', message: 'Enter the new due date' });
  if (by === 'date')
    problems.push(...entryProblems([['newDueDay', newDueDay, EXTEND_LABELS.newDueDay, 'date']]));
  return [
    ...problems,
    ...missingProblems([
      ['reason', reason, 'Enter the reason for the extension, for example court directions'],
    ]),
  ];
}

function ExtendForm(props: Props) {
  const { deadline: d } = props;
  const form = useDeadlineForm(props, {
    id: `extend-${d.id}`,
    labels: EXTEND_LABELS,
    defaultValues: { by: 'days', extraWorkingDays: '', newDueDay: '', reason: '' },
    check: extendProblems,
    toRequest: ({ by, extraWorkingDays, newDueDay, reason }) => ({
      deadlineId: d.id,
      expectedVersion: d.version,
      type: 'extend' as const,
      reason,
      ...(by === 'days' ? { extraWorkingDays: Number(extraWorkingDays.trim()) } : { newDueDay }),
    }),
    send: adjust,
    message: (after) => `Deadline extended: ${nowDue(after)}.`,
  });

  return (
    <Frame {...props} form={form} title="Extend this deadline" submit="Save extension">
      <p className="body hint">Now due {dueText(d.currentDue)}. The original due date stays on the record.</p>
      <FormRadios<ExtendBy>
        name="by"
        options={[
          { value: 'days', label: 'By a number of working days' },
          { value: 'date', label: 'To a new due date' },
        ]}
        revealed={{
          days: (
            <FormText
              name="extraWorkingDays"
              label={EXTEND_LABELS.extraWorkingDays}
              inputMode="numeric"
              width="short"
            />
          ),
          date: <FormDate name="newDueDay" label={EXTEND_LABELS.newDueDay} />,
        }}
      />
      <FormTextArea
        name="reason"
        hint="For example, court directions, or the police officer in the case is unavailable."
        rows={3}
      />
    </Frame>
  );
}

const MET_LABELS = { metAt: 'Date done', metAtTime: 'Time done', note: 'Note (optional)' };

function MetForm(props: Props) {
  const { deadline: d } = props;
  const form = useDeadlineForm(props, {
    id: `met-${d.id}`,
    labels: MET_LABELS,
    defaultValues: { metAt: '', metAtTime: '', note: '' },
    check: ({ metAt: day, metAtTime: time }) => {
      const entry = entryProblems([
        ['metAt', day, MET_LABELS.metAt, 'date'],
        ['metAtTime', time, MET_LABELS.metAtTime, 'time'],
      ]);
      const real =
        day && time && !instantFrom(day, time) && entry.length === 0
          ? [{ path: 'metAt', message: 'Enter a real date and time' }]
          : [];
      return [
        ...missingProblems([
          ['metAt', day, 'Enter the date it was done'],
          ['metAtTime', time, 'Enter the time it was done'],
        ]),
        ...entry,
        ...real,
      ];
    },
    toRequest: ({ metAt, metAtTime, note }) => ({
      deadlineId: d.id,
      expectedVersion: d.version,
      metAt: instantFrom(metAt, metAtTime) ?? '',
      note,
    }),
    send: (request) => call('deadlines.markMet', request),
    message: (after) => `Marked as done: ${after.statusLabel}.`,
  });

  return (
    <Frame {...props} form={form} title="Mark this step as done" submit="Save as done">
      <FormDateTime path="metAt" />
      <FormTextArea name="note" hint="For example, who attended or where the record is." rows={3} />
    </Frame>
  );
}

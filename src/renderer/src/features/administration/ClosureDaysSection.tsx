import { useState } from 'react';
import type { AppError, FieldProblem } from '#contract/errors.ts';
import type { ClosureDayView } from '#contract/timescale-schemas.ts';
import { formatDayText as formatDay } from '#domain/dates.ts';
import { call } from '../../app/api.ts';
import { ActionButton } from '../../ui/ActionButton.tsx';
import { ACTIONS_COLUMN, DataTable } from '../../ui/DataTable.tsx';
import { DayText } from '../../ui/DateText.tsx';
import { Form, FormDate, FormText, SubmitButton } from '../../ui/form/Form.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { LoadFailed, Loading } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { entryProblems } from '../../ui/problems.ts';
import { useLoad } from '../../ui/useLoad.ts';

const FORM = 'closure';
const LABELS = { day: 'Date', label: 'Description' };

/** Days the service is closed (a Christmas shutdown, a training day), which working-day clocks skip. */
export function ClosureDaysSection() {
  const [loaded, reload] = useLoad(() => call('calendar.closures', {}));
  const [days, setDays] = useState<ClosureDayView[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<AppError | null>(null);
  const { busy, send, submitting } = useSubmission();
  const shown = days ?? (loaded.state === 'ready' ? loaded.data : null);

  const remove = submitting(async (day: string) => {
    setNotice(null);
    setRemoveError(null);
    const result = await send(call('calendar.removeClosure', { day }));
    if (result.ok) {
      setDays(result.data);
      setNotice(`Closure day ${formatDay(day)} removed.`);
      document.getElementById('closure-days-title')?.focus();
    } else {
      setRemoveError(result.error);
    }
  });

  return (
    <section aria-labelledby="closure-days-title" className="section section--divided closure-days">
      <h2 id="closure-days-title" className="heading-m" tabIndex={-1}>
        Closure days
      </h2>
      <p className="body measure">
        Working-day deadlines already leave out weekends and bank holidays. Add the days your service is
        closed as well, such as a Christmas shutdown. Closure days count for deadlines started after they are
        added; running deadlines keep the calendar they started with.
      </p>
      {notice ? <SuccessNotice title={notice} /> : null}
      {removeError ? <LoadFailed error={removeError} /> : null}
      {loaded.state === 'loading' && !days ? <Loading what="closure days" /> : null}
      {loaded.state === 'failed' && !days ? (
        <LoadFailed error={loaded.error} onRetry={() => void reload()} />
      ) : null}
      {shown ? <ClosureTable days={shown} onRemove={(day) => void remove(day)} busy={busy} /> : null}
      <AddClosureForm
        onAdded={(list, day) => {
          setDays(list);
          setRemoveError(null);
          setNotice(`Closure day ${formatDay(day)} added.`);
        }}
      />
    </section>
  );
}

function ClosureTable({
  days,
  onRemove,
  busy,
}: {
  days: ClosureDayView[];
  onRemove: (day: string) => void;
  busy: boolean;
}) {
  return (
    <DataTable
      empty={<p className="body hint">No closure days have been added.</p>}
      caption="Closure days"
      wrapperClassName="table-wrapper table-wrapper--narrow"
      columns={['Date', 'Description', ACTIONS_COLUMN]}
    >
      {days.map((d) => (
        <tr key={d.day}>
          <td className="nowrap">
            <DayText value={d.day} />
          </td>
          <td>{d.label}</td>
          <td className="table__action">
            <ActionButton className="link-button" onClick={() => onRemove(d.day)} busy={busy}>
              Remove<span className="visually-hidden"> closure day {formatDay(d.day)}</span>
            </ActionButton>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function AddClosureForm({ onAdded }: { onAdded: (days: ClosureDayView[], day: string) => void }) {
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { day: '', label: '' },
    toRequest: (values) => values,
    check: ({ day, label }) => {
      const problems: FieldProblem[] = [];
      if (!day) problems.push({ path: 'day', message: 'Enter the date of the closure day' });
      problems.push(...entryProblems([['day', day, LABELS.day, 'date']]));
      if (!label.trim())
        problems.push({ path: 'label', message: 'Enter a description, for example Christmas shutdown' });
      return problems;
    },
    send: (request) => call('calendar.addClosure', request),
    resetOnSuccess: true,
    onSuccess: (days, values) => onAdded(days, values.day),
  });

  return (
    <Form form={form} labelledBy="add-closure-title" title="Add a closure day" titleClassName="heading-s">
      <FormDate name="day" />
      <FormText name="label" hint="For example, Christmas shutdown or staff training day." width="medium" />
      <SubmitButton>Add closure day</SubmitButton>
    </Form>
  );
}

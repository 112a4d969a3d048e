import { type FormEvent, useState } from 'react';
import type { FieldProblem } from '../../../../contract/errors.ts';
import type { PathwaySummary } from '../../../../contract/pathway-calls.ts';
import type { CaseTimeline } from '../../../../contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { DateTimeFields, RadioGroup, TextAreaField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import {
  entryProblems,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import { startedMessage } from '../pathway/started.ts';
import type { Colour } from './ConcernScreen.tsx';

const FORM = 'screening';
const LABELS = {
  occurredAt: 'Date screened',
  occurredAtTime: 'Time screened',
  brookColour: 'Brook colour',
  note: 'Note',
};

/** Blackpool: the concern screened by a social worker with the Brook Traffic Light Tool, which may start a deadline. */
export function ScreeningForm({
  caseId,
  event,
  colours,
  timeline,
  onRecorded,
}: {
  caseId: string;
  event: { id: string; label: string };
  colours: Colour[];
  timeline: CaseTimeline;
  onRecorded: (summary: PathwaySummary) => void;
}) {
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [colour, setColour] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ title: string; detail: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const occurredAt = instantFrom(day, time);
    const problems: FieldProblem[] = [];
    if (!day) problems.push({ path: 'occurredAt', message: 'Enter the date of the screening' });
    if (!time) problems.push({ path: 'occurredAtTime', message: 'Enter the time of the screening' });
    const entry = entryProblems([
      ['occurredAt', day, LABELS.occurredAt, 'date'],
      ['occurredAtTime', time, LABELS.occurredAtTime, 'time'],
    ]);
    problems.push(...entry);
    if (colours.length > 0 && !colour)
      problems.push({ path: 'brookColour', message: 'Choose the Brook colour the screening found' });
    if (problems.length > 0 || !occurredAt) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('pathway.recordEvent', {
      caseId,
      event: event.id,
      occurredAt,
      note,
      ...(colour ? { brookColour: colour } : {}),
    });
    if (!result.ok) {
      setBusy(false);
      setErrors(errorsFromResult(result.error));
      return;
    }
    const summary = await call('pathway.summary', { caseId });
    setBusy(false);
    setErrors(NO_ERRORS);
    const label = colours.find((c) => c.id === colour)?.label;
    setSaved({
      title: `Screening recorded${label ? `: ${label}` : ''}.`,
      detail: startedMessage(timeline, result.data),
    });
    if (summary.ok) onRecorded(summary.data);
  }

  return (
    <section aria-labelledby="screening-title" className="section">
      <h3 id="screening-title" className="heading-s">
        Screen the concern
      </h3>
      <p className="body hint">{event.label}.</p>
      {saved ? (
        <SuccessNotice title={saved.title}>
          <p className="body">{saved.detail}</p>
        </SuccessNotice>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="screening-title" className="form">
          <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
          <DateTimeFields
            form={FORM}
            path="occurredAt"
            dateLabel={LABELS.occurredAt}
            timeLabel={LABELS.occurredAtTime}
            date={day}
            time={time}
            onDate={setDay}
            onTime={setTime}
            errors={errors}
          />
          {colours.length > 0 ? (
            <RadioGroup
              form={FORM}
              path="brookColour"
              label={LABELS.brookColour}
              hint="The colour the Brook Traffic Light Tool gives the behaviour for the child’s age."
              options={colours.map((c) => ({ value: c.id, label: c.label }))}
              value={colour}
              onChange={setColour}
              revealed={Object.fromEntries(
                colours
                  .filter((c) => c.response)
                  .map((c) => [
                    c.id,
                    <p key={c.id} className="body">
                      {c.response}
                    </p>,
                  ]),
              )}
              errors={errors}
            />
          ) : null}
          <TextAreaField
            form={FORM}
            path="note"
            label={LABELS.note}
            hint="Optional."
            value={note}
            onChange={setNote}
            rows={2}
            errors={errors}
          />
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            Record the screening
          </button>
        </form>
      )}
    </section>
  );
}

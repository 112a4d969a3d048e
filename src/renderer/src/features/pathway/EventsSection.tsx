import { type FormEvent, useState } from 'react';
import type { FieldProblem } from '../../../../contract/errors.ts';
import type { CaseTimeline } from '../../../../contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { DateTimeFields, SelectField, TextAreaField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import {
  entryProblems,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import type { Colour } from './PathwaySection.tsx';
import { startedMessage } from './started.ts';

const FORM = 'step';
const LABELS = {
  event: 'Step',
  occurredAt: 'Date',
  occurredAtTime: 'Time',
  brookColour: 'Brook colour',
  note: 'Note',
};

/** Record a step the profile names (a concern received, s47 initiated …), and list the steps recorded. */
export function EventsSection({
  timeline,
  colours,
  caseOpen,
  onRecorded,
}: {
  timeline: CaseTimeline;
  colours: Colour[];
  caseOpen: boolean;
  onRecorded: () => void;
}) {
  return (
    <>
      {caseOpen ? (
        <section aria-labelledby="step-title" className="section">
          <h3 id="step-title" className="heading-s">
            Record a step
          </h3>
          {timeline.triggerEvents.length > 0 ? (
            <StepForm timeline={timeline} colours={colours} onRecorded={onRecorded} />
          ) : (
            <p className="body hint">This profile names no other steps that start a clock.</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="steps-title" className="section">
        <h3 id="steps-title" className="heading-s">
          Recorded steps
        </h3>
        <StepsTable timeline={timeline} />
      </section>
    </>
  );
}

function StepForm({
  timeline,
  colours,
  onRecorded,
}: {
  timeline: CaseTimeline;
  colours: Colour[];
  onRecorded: () => void;
}) {
  const [event, setEvent] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [brookColour, setBrookColour] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ title: string; detail: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setSaved(null);
    const occurredAt = instantFrom(day, time);
    const problems: FieldProblem[] = [];
    if (!event) problems.push({ path: 'event', message: 'Choose the step' });
    if (!day) problems.push({ path: 'occurredAt', message: 'Enter the date of the step' });
    if (!time) problems.push({ path: 'occurredAtTime', message: 'Enter the time of the step' });
    const entry = entryProblems([
      ['occurredAt', day, LABELS.occurredAt, 'date'],
      ['occurredAtTime', time, LABELS.occurredAtTime, 'time'],
    ]);
    problems.push(...entry);
    if (day && time && !occurredAt && entry.length === 0)
      problems.push({ path: 'occurredAt', message: 'Enter a real date and time' });
    if (problems.length > 0 || !occurredAt) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('pathway.recordEvent', {
      caseId: timeline.caseId,
      event,
      occurredAt,
      note,
      ...(brookColour ? { brookColour } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    const label = timeline.triggerEvents.find((t) => t.id === event)?.label ?? 'Step';
    setSaved({ title: `Recorded: ${label}.`, detail: startedMessage(timeline, result.data) });
    setEvent('');
    setDay('');
    setTime('');
    setBrookColour('');
    setNote('');
    onRecorded();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="step-title" className="form">
      {saved ? (
        <SuccessNotice title={saved.title}>
          <p className="body">{saved.detail}</p>
        </SuccessNotice>
      ) : null}
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <SelectField
        form={FORM}
        path="event"
        label={LABELS.event}
        hint="Steps named by this case’s protocol profile. Some start a deadline."
        value={event}
        onChange={setEvent}
        options={timeline.triggerEvents.map((t) => ({ value: t.id, label: t.label }))}
        placeholder="Choose a step"
        errors={errors}
      />
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
        <SelectField
          form={FORM}
          path="brookColour"
          label={LABELS.brookColour}
          hint="Only if the concern was screened with the Brook Traffic Light Tool."
          value={brookColour}
          onChange={setBrookColour}
          options={colours.map((c) => ({ value: c.id, label: c.label }))}
          placeholder="Not applicable"
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
        rows={3}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record step
      </button>
    </form>
  );
}

function StepsTable({ timeline }: { timeline: CaseTimeline }) {
  if (timeline.events.length === 0) return <p className="body hint">No steps recorded yet.</p>;
  return (
    <div className="table-wrapper">
      <table className="table table--small">
        <caption className="visually-hidden">Steps recorded on this case, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Step</th>
            <th scope="col">Details</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {timeline.events.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">
                <InstantText value={e.occurredAt} withTime />
              </td>
              <td>{e.label}</td>
              <td className="prewrap">{e.summary}</td>
              <td>{e.recordedByName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { CaseTimeline } from '../../../../contract/timescale-schemas.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { DateTimeFields, RadioGroup, SelectField, TextAreaField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import type { Colour } from './colours.ts';
import { type StepWording, useStepForm } from './useStepForm.ts';

/**
 * The one form that records a step of the profile (pathway.recordEvent): any step the profile names, or,
 * given `fixedEvent`, that one step (the concern screened, with the Brook colour the tool gave).
 * When `closeWhenSaved`, the confirmation replaces the form.
 */
export function StepForm({
  timeline,
  colours,
  wording,
  titleId,
  fixedEvent,
  closeWhenSaved = false,
  onRecorded,
}: {
  timeline: CaseTimeline;
  colours: Colour[];
  wording: StepWording;
  /** The id of the heading that names the form. */
  titleId: string;
  fixedEvent?: string;
  closeWhenSaved?: boolean;
  onRecorded: (timeline: CaseTimeline) => void;
}) {
  const { values, set, errors, busy, saved, submit } = useStepForm({
    timeline,
    colours,
    wording,
    fixedEvent,
    onRecorded,
  });
  const { form, labels } = wording;
  const notice = saved ? (
    <SuccessNotice title={saved.title}>
      <p className="body">{saved.detail}</p>
    </SuccessNotice>
  ) : null;
  if (saved && closeWhenSaved) return notice;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="form">
      {notice}
      <ErrorSummary form={form} errors={errors} labels={labels} />
      {fixedEvent ? null : (
        <SelectField
          form={form}
          path="event"
          label={labels.event}
          hint="Steps named by this case’s protocol profile. Some start a deadline."
          value={values.event}
          onChange={set.event}
          options={timeline.triggerEvents.map((t) => ({ value: t.id, label: t.label }))}
          placeholder="Choose a step"
          errors={errors}
        />
      )}
      <DateTimeFields
        form={form}
        path="occurredAt"
        dateLabel={labels.occurredAt}
        timeLabel={labels.occurredAtTime}
        date={values.day}
        time={values.time}
        onDate={set.day}
        onTime={set.time}
        errors={errors}
      />
      {colours.length === 0 ? null : wording.colourRequired ? (
        <RadioGroup
          form={form}
          path="brookColour"
          label={labels.brookColour}
          hint="The colour the Brook Traffic Light Tool gives the behaviour for the child’s age."
          options={colours.map((c) => ({ value: c.id, label: c.label }))}
          value={values.brookColour}
          onChange={set.brookColour}
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
      ) : (
        <SelectField
          form={form}
          path="brookColour"
          label={labels.brookColour}
          hint="Only if the concern was screened with the Brook Traffic Light Tool."
          value={values.brookColour}
          onChange={set.brookColour}
          options={colours.map((c) => ({ value: c.id, label: c.label }))}
          placeholder="Not applicable"
          errors={errors}
        />
      )}
      <TextAreaField
        form={form}
        path="note"
        label={labels.note}
        hint="Optional."
        value={values.note}
        onChange={set.note}
        rows={closeWhenSaved ? 2 : 3}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {wording.button}
      </button>
    </form>
  );
}

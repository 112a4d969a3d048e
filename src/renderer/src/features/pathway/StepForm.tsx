import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import {
  Form,
  FormDateTime,
  FormRadios,
  FormSelect,
  FormTextArea,
  SubmitButton,
} from '../../ui/form/Form.tsx';
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
  const { form, saved } = useStepForm({
    timeline,
    colours,
    wording,
    fixedEvent,
    onRecorded,
  });
  const notice = saved ? (
    <SuccessNotice title={saved.title}>
      <p className="body">{saved.detail}</p>
    </SuccessNotice>
  ) : null;
  if (saved && closeWhenSaved) return notice;
  return (
    <Form form={form} labelledBy={titleId} before={notice}>
      {fixedEvent ? null : (
        <FormSelect
          name="event"
          hint="Steps named by this case’s protocol profile. Some start a deadline."
          options={timeline.triggerEvents.map((t) => ({ value: t.id, label: t.label }))}
          placeholder="Choose a step"
        />
      )}
      <FormDateTime dateName="day" timeName="time" path="occurredAt" />
      {colours.length === 0 ? null : wording.colourRequired ? (
        <FormRadios
          name="brookColour"
          hint="The colour the Brook Traffic Light Tool gives the behaviour for the child’s age."
          options={colours.map((c) => ({ value: c.id, label: c.label }))}
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
        />
      ) : (
        <FormSelect
          name="brookColour"
          hint="Only if the concern was screened with the Brook Traffic Light Tool."
          options={colours.map((c) => ({ value: c.id, label: c.label }))}
          placeholder="Not applicable"
        />
      )}
      <FormTextArea name="note" hint="Optional." rows={closeWhenSaved ? 2 : 3} />
      <SubmitButton>{wording.button}</SubmitButton>
    </Form>
  );
}

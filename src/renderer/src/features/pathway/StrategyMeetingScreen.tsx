import type { Result } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { RouteLink } from '../../app/router.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { DateTimeFields, RadioGroup, TextAreaField, TextField } from '../../ui/Field.tsx';
import type { FormErrors } from '../../ui/problems.ts';
import { useLoad } from '../../ui/useLoad.ts';
import { MeetingActions } from './MeetingActions.tsx';
import { MeetingAttendees } from './MeetingAttendees.tsx';
import { MeetingOutcomes } from './MeetingOutcomes.tsx';
import { FORM, LABELS, type MeetingFields, TYPE_OPTIONS, type Update } from './meeting-form.ts';
import { type CaseBasics, CaseScreen, loadBasics } from './shared.tsx';
import { useMeetingForm } from './useMeetingForm.ts';

interface Data extends CaseBasics {
  timeline: CaseTimeline;
}

async function load(caseId: string): Promise<Result<Data>> {
  const [basics, timeline] = await Promise.all([loadBasics(caseId), call('pathway.timeline', { caseId })]);
  if (!basics.ok) return basics;
  if (!timeline.ok) return timeline;
  return { ok: true, data: { ...basics.data, timeline: timeline.data } };
}

/** Record a strategy discussion or meeting: who, the agenda, the outcomes with what they need, the category and actions. */
export function StrategyMeetingScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => load(caseId));
  return (
    <CaseScreen
      caseId={caseId}
      title="Record a strategy discussion or meeting"
      loaded={loaded}
      reload={() => void reload()}
      what="the profile’s strategy meeting"
    >
      {(data) =>
        data.hsbCase.status !== 'open' ? (
          <p className="body">This case is closed.</p>
        ) : data.summary.strategyMeeting.outcomes.length === 0 ? (
          <p className="body">
            The {data.timeline.profile.name} profile lists no strategy meeting outcomes, so a strategy meeting
            cannot be recorded here. Record the case notes in the case management system.
          </p>
        ) : (
          <MeetingForm data={data} />
        )
      }
    </CaseScreen>
  );
}

function MeetingForm({ data }: { data: Data }) {
  const { summary, timeline } = data;
  const profileName = timeline.profile.name;
  const { fields, update, chosen, errors, busy, submit } = useMeetingForm(data.hsbCase.id, summary);
  return (
    <form onSubmit={submit} noValidate aria-label="Record a strategy discussion or meeting" className="form">
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <MeetingBasics
        fields={fields}
        update={update}
        chairHint={
          summary.strategyMeeting.chair
            ? `The ${profileName} profile: ${summary.strategyMeeting.chair}.`
            : undefined
        }
        errors={errors}
      />
      <MeetingAttendees
        attendees={fields.attendees}
        onChange={(attendees) => update({ attendees })}
        asked={summary.strategyMeeting.attendees}
        profileName={profileName}
        errors={errors}
      />
      <MeetingAgenda
        agenda={summary.strategyMeeting.agenda}
        notes={fields.notes}
        onChange={(notes) => update({ notes })}
        profileName={profileName}
        errors={errors}
      />
      <MeetingOutcomes
        fields={fields}
        update={update}
        chosen={chosen}
        summary={summary}
        categories={timeline.categories}
        errors={errors}
      />
      <MeetingActions actions={fields.actions} onChange={(actions) => update({ actions })} errors={errors} />
      <div className="button-group hsb-submit">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Save the record
        </button>
        <RouteLink to={{ name: 'hsb-meetings', caseId: data.hsbCase.id }}>See the meeting records</RouteLink>
      </div>
    </form>
  );
}

/** The type of meeting, what triggered it, when it was held and who chaired it. */
function MeetingBasics({
  fields,
  update,
  chairHint,
  errors,
}: {
  fields: MeetingFields;
  update: Update;
  chairHint: string | undefined;
  errors: FormErrors;
}) {
  return (
    <>
      <RadioGroup
        form={FORM}
        path="type"
        label={LABELS.type}
        options={TYPE_OPTIONS}
        value={fields.type}
        onChange={(type) => update({ type })}
        errors={errors}
      />
      <TextField
        form={FORM}
        path="trigger"
        label={LABELS.trigger}
        hint="For example, amber concern screened with the Brook tool."
        value={fields.trigger}
        onChange={(trigger) => update({ trigger })}
        errors={errors}
      />
      <DateTimeFields
        form={FORM}
        path="heldAt"
        dateLabel={LABELS.heldAt}
        timeLabel={LABELS.heldAtTime}
        date={fields.day}
        time={fields.time}
        onDate={(day) => update({ day })}
        onTime={(time) => update({ time })}
        errors={errors}
      />
      <TextField
        form={FORM}
        path="chair"
        label={LABELS.chair}
        hint={chairHint}
        value={fields.chair}
        onChange={(chair) => update({ chair })}
        errors={errors}
      />
    </>
  );
}

/** The agenda points the profile lists, each with its notes. */
function MeetingAgenda({
  agenda,
  notes,
  onChange,
  profileName,
  errors,
}: {
  agenda: string[];
  notes: string[];
  onChange: (notes: string[]) => void;
  profileName: string;
  errors: FormErrors;
}) {
  if (agenda.length === 0) return null;
  return (
    <>
      <h2 className="heading-m">Agenda</h2>
      <p className="body hint">The points the {profileName} profile lists, each with its notes.</p>
      {agenda.map((point, i) => (
        <TextAreaField
          key={point}
          form={FORM}
          path={`agenda.${i}.notes`}
          label={point}
          value={notes[i] ?? ''}
          onChange={(v) => onChange(notes.map((n, j) => (j === i ? v : n)))}
          rows={2}
          errors={errors}
        />
      ))}
    </>
  );
}

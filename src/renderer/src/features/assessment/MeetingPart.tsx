import { type FormEvent, useRef, useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { call } from '../../app/api.ts';
import { DateField } from '../../ui/DateField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { entryProblems, problemFor } from '../../ui/problems.ts';
import { RichTextEditor } from '../../ui/rich-text/RichTextEditor.tsx';
import { type Action, type Attendee, type Kind, MeetingRecord, TEXT } from './MeetingRecord.tsx';
import { PartHeading, type PartProps, partTitleId } from './shared.tsx';

/** The planning meeting or the end meeting: the saved record, and a form for the co-assessors (`assessments.saveMeeting`). */
export function MeetingPart({ view, canWrite, onView, kind }: PartProps & { kind: Kind }) {
  const text = TEXT[kind];
  const saved = kind === 'planning' ? view.planning : view.endMeeting;
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  const focusHeading = () => document.getElementById(partTitleId(text.part))?.focus();

  return (
    <section aria-labelledby={partTitleId(text.part)} className="assessment-part">
      <PartHeading part={text.part}>{text.title}</PartHeading>
      <p className="body hint">{text.about}</p>
      {done ? <SuccessNotice title={done} /> : null}
      {saved ? (
        <MeetingRecord kind={kind} details={saved.details} updatedByName={saved.updatedByName} />
      ) : (
        <p className="body">No {text.lower} has been recorded yet.</p>
      )}
      {canWrite && !editing ? (
        <button
          ref={button}
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDone(null);
            setEditing(true);
          }}
        >
          {saved ? `Change the ${text.lower} record` : `Record the ${text.lower}`}
        </button>
      ) : null}
      {canWrite && editing ? (
        <MeetingForm
          kind={kind}
          view={view}
          onView={onView}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
          onSaved={() => {
            setEditing(false);
            setDone(`The ${text.lower} record has been saved.`);
            requestAnimationFrame(focusHeading);
          }}
        />
      ) : null}
    </section>
  );
}

const blankAttendee = (): Attendee => ({ name: '', role: '', agency: '' });
const blankAction = (): Action => ({ text: '', owner: '', due: '', done: false });

function MeetingForm({
  kind,
  view,
  onView,
  onCancel,
  onSaved,
}: {
  kind: Kind;
  view: PartProps['view'];
  onView: PartProps['onView'];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const form = `meeting-${kind}`;
  const text = TEXT[kind];
  const saved = kind === 'planning' ? view.planning : view.endMeeting;
  const start = saved?.details;
  const [baseVersion, setBaseVersion] = useState<number | null>(saved?.version ?? null);
  const [heldOn, setHeldOn] = useState(start?.heldOn ?? '');
  const [attendees, setAttendees] = useState<Attendee[]>(
    start && start.attendees.length > 0 ? start.attendees : [blankAttendee()],
  );
  const [information, setInformation] = useState<RichText>(start?.informationShared ?? { blocks: [] });
  const [actions, setActions] = useState<Action[]>(
    start && start.actions.length > 0
      ? start.actions.map((a) => ({ ...a, due: a.due ?? '' }))
      : [blankAction()],
  );
  const [timescales, setTimescales] = useState(start?.timescales ?? '');
  const [roles, setRoles] = useState(start?.roles ?? '');
  const [levelOfConcern, setLevelOfConcern] = useState(start?.levelOfConcern ?? '');
  const { errors, setErrors, busy, send, submitting } = useSubmission();

  const labels: Record<string, string> = {
    'details.heldOn': 'Date of the meeting',
    'details.informationShared': text.info,
    'details.timescales': 'Timescales',
    'details.roles': 'Roles',
    'details.levelOfConcern': 'Level of concern now',
  };
  attendees.forEach((_, i) => {
    labels[`details.attendees.${i}.name`] = `Name of attendee ${i + 1}`;
    labels[`details.attendees.${i}.role`] = `Role of attendee ${i + 1}`;
    labels[`details.attendees.${i}.agency`] = `Agency of attendee ${i + 1}`;
  });
  actions.forEach((_, i) => {
    labels[`details.actions.${i}.text`] = `Action ${i + 1}`;
    labels[`details.actions.${i}.owner`] = `Who does action ${i + 1}`;
    labels[`details.actions.${i}.due`] = `Date for action ${i + 1}`;
  });

  const setAttendee = (i: number, change: Partial<Attendee>) =>
    setAttendees((list) => list.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const setAction = (i: number, change: Partial<Action>) =>
    setActions((list) => list.map((a, j) => (j === i ? { ...a, ...change } : a)));

  const submit = submitting(async (_event: FormEvent) => {
    const keptAttendees = attendees.filter((a) => a.name.trim() || a.role.trim() || a.agency.trim());
    const keptActions = actions.filter((a) => a.text.trim() || a.owner.trim() || a.due);
    const problems: FieldProblem[] = [];
    if (!heldOn) problems.push({ path: 'details.heldOn', message: 'Enter the date of the meeting' });
    problems.push(
      ...entryProblems([
        ['details.heldOn', heldOn, 'Date of the meeting', 'date'],
        ...actions.map((a, i): [string, string, string, 'date'] => [
          `details.actions.${i}.due`,
          a.due,
          `Date for action ${i + 1}`,
          'date',
        ]),
      ]),
    );
    attendees.forEach((a, i) => {
      if (keptAttendees.includes(a) && !a.name.trim())
        problems.push({
          path: `details.attendees.${i}.name`,
          message: `Enter the name of attendee ${i + 1}`,
        });
    });
    actions.forEach((a, i) => {
      if (keptActions.includes(a) && !a.text.trim())
        problems.push({ path: `details.actions.${i}.text`, message: `Describe action ${i + 1}` });
    });
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    const result = await send(
      call('assessments.saveMeeting', {
        assessmentId: view.id,
        kind,
        expectedVersion: baseVersion,
        details: {
          heldOn,
          attendees: keptAttendees,
          informationShared: information,
          actions: keptActions.map((a) => ({ ...a, due: a.due || null })),
          timescales,
          roles,
          levelOfConcern: kind === 'end' ? levelOfConcern : '',
        },
      }),
    );
    if (!result.ok) {
      if (result.error.code === 'conflict') {
        // Someone else saved first: show their record above and keep these entries; saving again is a decision.
        const latest = await call('assessments.get', { id: view.id });
        if (latest.ok) {
          onView(latest.data);
          const now = kind === 'planning' ? latest.data.planning : latest.data.endMeeting;
          setBaseVersion(now?.version ?? null);
        }
        setErrors({
          message: `${result.error.message} Their record is shown above this form; your entries are still here. Save again to replace their record with yours.`,
          problems: [],
        });
        return;
      }
      return;
    }
    onView(result.data);
    onSaved();
  });

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="form action-panel"
      aria-label={`${text.title} record`}
    >
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <DateField
        form={form}
        path="details.heldOn"
        label={labels['details.heldOn'] ?? ''}
        value={heldOn}
        onChange={setHeldOn}
        errors={errors}
      />
      <fieldset className="fieldset rows">
        <legend className="legend">Attendees</legend>
        {attendees.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <div className="rows__row" key={i}>
            <div className="rows__fields">
              <TextField
                form={form}
                path={`details.attendees.${i}.name`}
                label={`Name of attendee ${i + 1}`}
                width="medium"
                value={a.name}
                onChange={(v) => setAttendee(i, { name: v })}
                errors={errors}
              />
              <TextField
                form={form}
                path={`details.attendees.${i}.role`}
                label={`Role of attendee ${i + 1}`}
                width="medium"
                value={a.role}
                onChange={(v) => setAttendee(i, { role: v })}
                errors={errors}
              />
              <TextField
                form={form}
                path={`details.attendees.${i}.agency`}
                label={`Agency of attendee ${i + 1}`}
                width="medium"
                value={a.agency}
                onChange={(v) => setAttendee(i, { agency: v })}
                errors={errors}
              />
            </div>
            {attendees.length > 1 ? (
              <button
                type="button"
                className="link-button rows__remove"
                onClick={() => setAttendees((list) => list.filter((_, j) => j !== i))}
              >
                Remove attendee {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setAttendees((list) => [...list, blankAttendee()])}
        >
          Add another attendee
        </button>
      </fieldset>
      <RichTextEditor
        id={`${form}-details-informationShared`}
        label={text.info}
        error={problemFor(errors, 'details.informationShared')}
        initial={information}
        onChange={setInformation}
        rows={4}
      />
      <fieldset className="fieldset rows">
        <legend className="legend">Actions</legend>
        {actions.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <div className="rows__row" key={i}>
            <TextField
              form={form}
              path={`details.actions.${i}.text`}
              label={`Action ${i + 1}`}
              value={a.text}
              onChange={(v) => setAction(i, { text: v })}
              errors={errors}
            />
            <div className="rows__fields">
              <TextField
                form={form}
                path={`details.actions.${i}.owner`}
                label={`Who does action ${i + 1}`}
                width="medium"
                value={a.owner}
                onChange={(v) => setAction(i, { owner: v })}
                errors={errors}
              />
              <DateField
                form={form}
                path={`details.actions.${i}.due`}
                label={`Date for action ${i + 1}`}
                value={a.due}
                onChange={(v) => setAction(i, { due: v })}
                errors={errors}
              />
            </div>
            <CheckboxField
              form={form}
              path={`details.actions.${i}.done`}
              label={`Action ${i + 1} is done`}
              checked={a.done}
              onChange={(v) => setAction(i, { done: v })}
              errors={errors}
            />
            {actions.length > 1 ? (
              <button
                type="button"
                className="link-button rows__remove"
                onClick={() => setActions((list) => list.filter((_, j) => j !== i))}
              >
                Remove action {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setActions((list) => [...list, blankAction()])}
        >
          Add another action
        </button>
      </fieldset>
      <TextAreaField
        form={form}
        path="details.timescales"
        label="Timescales"
        value={timescales}
        onChange={setTimescales}
        rows={2}
        errors={errors}
      />
      <TextAreaField
        form={form}
        path="details.roles"
        label="Roles"
        hint="Who does what: the lead, the co-assessor, the professionals who contribute."
        value={roles}
        onChange={setRoles}
        rows={2}
        errors={errors}
      />
      {kind === 'end' ? (
        <TextField
          form={form}
          path="details.levelOfConcern"
          label="Level of concern now"
          value={levelOfConcern}
          onChange={setLevelOfConcern}
          errors={errors}
        />
      ) : null}
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          Save the {text.lower} record
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

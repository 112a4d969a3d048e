import { type FocusEvent, type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { MapMeeting } from '#contract/pattern-map-schemas.ts';
import { formatLondonTime, londonDay, londonInstant } from '#domain/dates.ts';
import { call } from '../../app/api.ts';
import { DateField } from '../../ui/DateField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import {
  checkRequest,
  entryProblems,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
} from '../../ui/problems.ts';
import { TimeField } from '../../ui/TimeField.tsx';
import { useMapStore } from './store.ts';

const FORM = 'pm-meeting';
const LABELS: Record<string, string> = {
  heldAt: 'Date of the meeting',
  heldAtTime: 'Time it started',
  chair: 'Chair',
  attendees: 'Attendees',
  decisions: 'Decisions',
  actions: 'Actions',
  notes: 'Notes',
};

interface Attendee {
  name: string;
  role: string;
  agency: string;
  present: boolean;
}
interface Action {
  text: string;
  owner: string;
  due: string;
  done: boolean;
}
interface Draft {
  date: string;
  time: string;
  chair: string;
  attendees: Attendee[];
  decisions: string;
  actions: Action[];
  notes: string;
}

function draftOf(meeting: MapMeeting | null): Draft {
  const at = meeting ? meeting.heldAt : new Date().toISOString();
  return {
    date: londonDay(at),
    time: formatLondonTime(at),
    chair: meeting?.chair ?? '',
    attendees: meeting?.attendees.map((a) => ({ ...a })) ?? [],
    decisions: meeting?.decisions ?? '',
    actions: meeting?.actions.map((a) => ({ ...a, due: a.due ?? '' })) ?? [],
    notes: meeting?.notes ?? '',
  };
}

function heldAtOf(d: Draft): string {
  return londonInstant(d.date, d.time.trim() || '00:00') ?? '';
}

function problemsOf(d: Draft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!d.date) problems.push({ path: 'heldAt', message: 'Enter the date of the meeting' });
  problems.push(
    ...entryProblems([
      ['heldAt', d.date, 'Date of the meeting', 'date'],
      ['heldAtTime', d.time, 'Time it started', 'time'],
      ...d.actions.map((a, i): [string, string, string, 'date'] => [
        `actions.${i}.due`,
        a.due,
        `Due date of action ${i + 1}`,
        'date',
      ]),
    ]),
  );
  if (!d.chair.trim()) problems.push({ path: 'chair', message: 'Enter who chaired the meeting' });
  d.attendees.forEach((a, i) => {
    if (!a.name.trim())
      problems.push({ path: `attendees.${i}.name`, message: `Enter the name of attendee ${i + 1}` });
  });
  d.actions.forEach((a, i) => {
    if (!a.text.trim()) problems.push({ path: `actions.${i}.text`, message: `Say what action ${i + 1} is` });
  });
  return problems;
}

interface Props {
  /** The record being continued, or null to start a new one. */
  meeting: MapMeeting | null;
}

/**
 * The record of the mapping meeting: chair, attendees, decisions and actions. Saved by the button, and
 * also whenever a field is left (so nothing typed during the meeting is lost).
 */
export function MeetingRecord({ meeting }: Props) {
  const caseId = useMapStore((s) => s.map.caseId);
  const setMap = useMapStore((s) => s.setMap);
  const [draft, setDraft] = useState<Draft>(() => draftOf(meeting));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const saved = useRef({
    id: meeting?.id ?? null,
    version: meeting?.version ?? null,
    json: JSON.stringify(draftOf(meeting)),
  });
  const saving = useRef<Promise<void> | null>(null);
  const latest = useRef(draft);
  latest.current = draft;

  const save = useCallback(
    async (explicit: boolean) => {
      // One save at a time: each needs the version the one before it returned.
      while (saving.current) await saving.current;
      const d = latest.current;
      const json = JSON.stringify(d);
      const problems = problemsOf(d);
      if (!explicit && (problems.length > 0 || json === saved.current.json)) return;
      const request = {
        caseId,
        meetingId: saved.current.id,
        expectedVersion: saved.current.version,
        heldAt: heldAtOf(d),
        chair: d.chair,
        attendees: d.attendees,
        decisions: d.decisions,
        actions: d.actions.map((a) => ({ ...a, due: a.due || null })),
        notes: d.notes,
      };
      const all = [...problems, ...checkRequest(calls['map.saveMeeting'].request, request)];
      if (all.length > 0) {
        if (explicit) setErrors({ problems: problems.length > 0 ? problems : all });
        return;
      }
      const run = (async () => {
        const result = await call('map.saveMeeting', request);
        if (!result.ok) {
          setErrors(errorsFromResult(result.error));
          return;
        }
        saved.current = { id: result.data.id, version: result.data.version, json };
        setErrors(NO_ERRORS);
        setSavedAt(formatLondonTime(result.data.updatedAt));
        const map = await call('map.get', { caseId });
        if (map.ok) setMap(map.data);
      })();
      saving.current = run;
      await run;
      saving.current = null;
    },
    [caseId, setMap],
  );

  // Save what was typed if the person leaves meeting mode straight from a field.
  useEffect(() => () => void save(false), [save]);

  const onBlur = (event: FocusEvent<HTMLFormElement>) => {
    if (event.target.matches('input, select, textarea')) void save(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(true);
  };

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setAttendee = (i: number, patch: Partial<Attendee>) =>
    set({ attendees: draft.attendees.map((a, j) => (i === j ? { ...a, ...patch } : a)) });
  const setAction = (i: number, patch: Partial<Action>) =>
    set({ actions: draft.actions.map((a, j) => (i === j ? { ...a, ...patch } : a)) });
  const labels: Record<string, string> = { ...LABELS };
  draft.attendees.forEach((_, i) => {
    labels[`attendees.${i}.name`] = `Name of attendee ${i + 1}`;
  });
  draft.actions.forEach((_, i) => {
    labels[`actions.${i}.text`] = `Action ${i + 1}`;
    labels[`actions.${i}.due`] = `Due date of action ${i + 1}`;
  });

  return (
    <form
      onSubmit={submit}
      onBlur={onBlur}
      noValidate
      className="pm-form pm-meeting-record"
      aria-labelledby={`${FORM}-title`}
    >
      <h2 id={`${FORM}-title`} className="heading-m">
        Meeting record
      </h2>
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <div className="pm-row">
        <DateField
          form={FORM}
          path="heldAt"
          label={LABELS.heldAt ?? ''}
          value={draft.date}
          onChange={(date) => set({ date })}
          errors={errors}
        />
        <TimeField
          form={FORM}
          path="heldAtTime"
          label={LABELS.heldAtTime ?? ''}
          value={draft.time}
          onChange={(time) => set({ time })}
          errors={errors}
        />
      </div>
      <TextField
        form={FORM}
        path="chair"
        label="Chair"
        width="medium"
        value={draft.chair}
        onChange={(chair) => set({ chair })}
        errors={errors}
      />

      <h3 className="heading-s">Attendees</h3>
      {draft.attendees.length === 0 ? <p className="body hint">No attendees recorded yet.</p> : null}
      {draft.attendees.map((a, i) => (
        // Attendees have no identity of their own until saved; the list only grows or shrinks by button.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <fieldset key={i} className="pm-repeat">
          <legend className="pm-legend">Attendee {i + 1}</legend>
          <TextField
            form={FORM}
            path={`attendees.${i}.name`}
            label="Name"
            width="medium"
            value={a.name}
            onChange={(name) => setAttendee(i, { name })}
            errors={errors}
          />
          <div className="pm-row">
            <TextField
              form={FORM}
              path={`attendees.${i}.role`}
              label="Role"
              width="medium"
              value={a.role}
              onChange={(role) => setAttendee(i, { role })}
              errors={errors}
            />
            <TextField
              form={FORM}
              path={`attendees.${i}.agency`}
              label="Agency"
              width="medium"
              value={a.agency}
              onChange={(agency) => setAttendee(i, { agency })}
              errors={errors}
            />
          </div>
          <SelectField
            form={FORM}
            path={`attendees.${i}.present`}
            label="Attendance"
            value={a.present ? 'present' : 'apologies'}
            onChange={(v) => setAttendee(i, { present: v === 'present' })}
            options={[
              { value: 'present', label: 'Present' },
              { value: 'apologies', label: 'Sent apologies' },
            ]}
            errors={errors}
          />
          <button
            type="button"
            className="link-button"
            onClick={() => set({ attendees: draft.attendees.filter((_, j) => j !== i) })}
          >
            Remove attendee {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          set({ attendees: [...draft.attendees, { name: '', role: '', agency: '', present: true }] })
        }
      >
        Add an attendee
      </button>

      <TextAreaField
        form={FORM}
        path="decisions"
        label="Decisions"
        rows={4}
        value={draft.decisions}
        onChange={(decisions) => set({ decisions })}
        errors={errors}
      />

      <h3 className="heading-s">Actions</h3>
      {draft.actions.length === 0 ? <p className="body hint">No actions recorded yet.</p> : null}
      {draft.actions.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as for attendees
        <fieldset key={i} className="pm-repeat">
          <legend className="pm-legend">Action {i + 1}</legend>
          <TextField
            form={FORM}
            path={`actions.${i}.text`}
            label="What needs doing"
            value={a.text}
            onChange={(text) => setAction(i, { text })}
            errors={errors}
          />
          <div className="pm-row">
            <TextField
              form={FORM}
              path={`actions.${i}.owner`}
              label="Owner"
              width="medium"
              value={a.owner}
              onChange={(owner) => setAction(i, { owner })}
              errors={errors}
            />
            <DateField
              form={FORM}
              path={`actions.${i}.due`}
              label="Due by"
              value={a.due}
              onChange={(due) => setAction(i, { due })}
              errors={errors}
            />
          </div>
          <CheckboxField
            form={FORM}
            path={`actions.${i}.done`}
            label="Done"
            checked={a.done}
            onChange={(done) => setAction(i, { done })}
            errors={errors}
          />
          <button
            type="button"
            className="link-button"
            onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}
          >
            Remove action {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => set({ actions: [...draft.actions, { text: '', owner: '', due: '', done: false }] })}
      >
        Add an action
      </button>

      <TextAreaField
        form={FORM}
        path="notes"
        label="Notes"
        rows={3}
        value={draft.notes}
        onChange={(notes) => set({ notes })}
        errors={errors}
      />
      <div className="button-group">
        <button type="submit" className="button">
          Save meeting record
        </button>
        <p className="hint" role="status">
          {savedAt ? `Saved at ${savedAt}.` : 'Saved whenever you leave a field.'}
        </p>
      </div>
    </form>
  );
}

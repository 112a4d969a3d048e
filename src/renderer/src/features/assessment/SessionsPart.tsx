import { type Dispatch, type FormEvent, type SetStateAction, useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { DayText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/Field.tsx';
import { FieldsetField } from '../../ui/field-parts.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { entryProblems, type FormErrors, fieldId, problemFor } from '../../ui/problems.ts';
import { RichTextEditor } from '../../ui/rich-text/RichTextEditor.tsx';
import { RichTextView } from '../../ui/rich-text/RichTextView.tsx';
import { PARTICIPANT_LABELS, PartHeading, type PartProps, partTitleId, type View } from './shared.tsx';

type OtherKind = 'parent-carer' | 'significant-other' | 'professional';
type Other = { kind: OtherKind | ''; label: string };

const FORM = 'session';
const OTHER_OPTIONS = (['parent-carer', 'significant-other', 'professional'] as const).map((value) => ({
  value,
  label: PARTICIPANT_LABELS[value],
}));

/** The sessions with the child, parents or carers and others; the first with the child starts the window. */
export function SessionsPart({ view, canWrite, onView }: PartProps) {
  return (
    <section aria-labelledby={partTitleId('sessions')} className="assessment-part">
      <PartHeading part="sessions">Sessions</PartHeading>
      <DataTable
        empty={<p className="body">No sessions have been recorded yet.</p>}
        caption="Sessions, in the order recorded"
        className="table table--small"
        columns={['Date', 'With', 'Assessors', 'Place', 'Notes']}
      >
        {view.sessions.map((s) => (
          <tr key={s.id}>
            <td className="nowrap">
              <DayText value={s.heldOn} />
            </td>
            <td>
              <ul className="list">
                {s.participants.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: participants are positional
                  <li key={i}>
                    {p.kind === 'child'
                      ? `${p.label} (the child)`
                      : `${p.label} (${PARTICIPANT_LABELS[p.kind].toLowerCase()})`}
                  </li>
                ))}
              </ul>
            </td>
            <td>{s.assessorNames.join(' and ')}</td>
            <td>{s.place || <span className="hint">Not recorded</span>}</td>
            <td className="session-notes">
              <RichTextView doc={s.notes} headingLevel={4} empty="No notes." />
            </td>
          </tr>
        ))}
      </DataTable>
      {canWrite ? <SessionForm view={view} onView={onView} /> : null}
    </section>
  );
}

/** The names of the form's fields, for the error summary (each other person's two fields numbered). */
function sessionLabels(otherCount: number, withChild: boolean): Record<string, string> {
  const labels: Record<string, string> = {
    heldOn: 'Date of the session',
    participants: 'With whom',
    assessorIds: 'Assessors at the session',
    place: 'Place',
    notes: 'Session notes',
  };
  for (let i = 0; i < otherCount; i++) {
    labels[`participants.${i + (withChild ? 1 : 0)}.kind`] = `Who person ${i + 1} is`;
    labels[`participants.${i + (withChild ? 1 : 0)}.label`] = `Name of person ${i + 1}`;
  }
  return labels;
}

/** What is missing from a session before it is sent, and the other people's rows that were filled in. */
function sessionProblems({
  heldOn,
  withChild,
  others,
  assessorIds,
}: {
  heldOn: string;
  withChild: boolean;
  others: Other[];
  assessorIds: string[];
}) {
  const kept = others.filter((o) => o.kind || o.label.trim());
  const problems: FieldProblem[] = [];
  if (!heldOn) problems.push({ path: 'heldOn', message: 'Enter the date of the session' });
  problems.push(...entryProblems([['heldOn', heldOn, 'Date of the session', 'date']]));
  if (!withChild && kept.length === 0)
    problems.push({ path: 'participants', message: 'Say who the session was with' });
  others.forEach((o, i) => {
    if (!kept.includes(o)) return;
    const at = i + (withChild ? 1 : 0);
    if (!o.kind) problems.push({ path: `participants.${at}.kind`, message: `Choose who person ${i + 1} is` });
    if (!o.label.trim())
      problems.push({ path: `participants.${at}.label`, message: `Enter the name of person ${i + 1}` });
  });
  if (assessorIds.length === 0)
    problems.push({ path: 'assessorIds', message: 'Choose the assessors at the session' });
  return { kept, problems };
}

function SessionForm({ view, onView }: { view: View; onView: PartProps['onView'] }) {
  const assessors = [view.leadAssessor, view.coAssessor];
  const [heldOn, setHeldOn] = useState('');
  const [withChild, setWithChild] = useState(false);
  const [others, setOthers] = useState<Other[]>([]);
  const [assessorIds, setAssessorIds] = useState<string[]>([]);
  const [place, setPlace] = useState('');
  const [notes, setNotes] = useState<RichText>({ blocks: [] });
  const [editorKey, setEditorKey] = useState(0);
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [added, setAdded] = useState<string | null>(null);

  const labels = sessionLabels(others.length, withChild);

  const submit = submitting(async (_event: FormEvent) => {
    setAdded(null);
    const { kept, problems } = sessionProblems({ heldOn, withChild, others, assessorIds });
    if (problems.length > 0) {
      setErrors({ problems });
      return;
    }
    const participants = [
      ...(withChild ? [{ kind: 'child' as const, label: view.childName }] : []),
      ...kept.map((o) => ({ kind: o.kind as OtherKind, label: o.label.trim() })),
    ];
    const result = await send(
      call('assessments.addSession', {
        assessmentId: view.id,
        heldOn,
        participants,
        assessorIds,
        place,
        notes,
      }),
    );
    if (!result.ok) return;
    const windowStarted = !view.window && result.data.window;
    setAdded(
      windowStarted
        ? 'Session recorded. This was the first session with the child, so the assessment window has started.'
        : 'Session recorded.',
    );
    setHeldOn('');
    setWithChild(false);
    setOthers([]);
    setAssessorIds([]);
    setPlace('');
    setNotes({ blocks: [] });
    setEditorKey((k) => k + 1);
    onView(result.data);
  });

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="form action-panel"
      aria-labelledby="add-session-title"
    >
      <h3 id="add-session-title" className="heading-s heading--flush">
        Record a session
      </h3>
      {added ? <SuccessNotice title={added} /> : null}
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <DateField
        form={FORM}
        path="heldOn"
        label={labels.heldOn ?? ''}
        value={heldOn}
        onChange={setHeldOn}
        errors={errors}
      />
      <WithWhom view={view} errors={errors} child={[withChild, setWithChild]} rows={[others, setOthers]} />
      <CheckboxGroup
        form={FORM}
        path="assessorIds"
        label="Assessors at the session"
        errors={errors}
        options={assessors.map((a) => ({ value: a.id, label: a.name }))}
        values={assessorIds}
        onChange={setAssessorIds}
      />
      <TextField
        form={FORM}
        path="place"
        label={labels.place ?? ''}
        width="medium"
        value={place}
        onChange={setPlace}
        errors={errors}
      />
      <RichTextEditor
        key={editorKey}
        id={`${FORM}-notes`}
        label="Session notes"
        error={problemFor(errors, 'notes')}
        initial={notes}
        onChange={setNotes}
        rows={4}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record session
      </button>
    </form>
  );
}

/** The label a person already on the case gets as a participant: their name and relationship. */
const personLabel = (p: View['casePeople'][number]) =>
  p.relationship ? `${p.name} (${p.relationship})` : p.name;

/**
 * Who the session was with: the child, and other people one row each; the people already on the case are offered, so
 * their name and relationship are not typed again (issue 14, "say it once").
 */
function WithWhom({
  view,
  errors,
  child: [withChild, setWithChild],
  rows: [others, setOthers],
}: {
  view: View;
  errors: FormErrors;
  child: [boolean, (on: boolean) => void];
  rows: [Other[], Dispatch<SetStateAction<Other[]>>];
}) {
  const participantsId = fieldId(FORM, 'participants');
  const offset = withChild ? 1 : 0;
  const setOther = (i: number, change: Partial<Other>) =>
    setOthers((list) => list.map((o, j) => (j === i ? { ...o, ...change } : o)));
  const offered = view.casePeople.filter((p) => !others.some((o) => o.label === personLabel(p)));
  return (
    <FieldsetField id={participantsId} label="With whom" message={problemFor(errors, 'participants')}>
      <div className="checkbox">
        <input
          id={`${participantsId}-child`}
          type="checkbox"
          className="checkbox__input"
          checked={withChild}
          onChange={(e) => setWithChild(e.target.checked)}
        />
        <label htmlFor={`${participantsId}-child`} className="checkbox__label">
          The child ({view.childName})
        </label>
      </div>
      {others.map((o, i) => {
        const at = i + offset;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <div className="rows__row" key={i}>
            <SelectField
              form={FORM}
              path={`participants.${at}.kind`}
              label={`Who person ${i + 1} is`}
              value={o.kind}
              onChange={(v) => setOther(i, { kind: v as OtherKind | '' })}
              options={OTHER_OPTIONS}
              placeholder="Choose"
              errors={errors}
            />
            <TextField
              form={FORM}
              path={`participants.${at}.label`}
              label={`Name of person ${i + 1}`}
              hint="A name or a description, for example “Mother” or “School DSL”."
              width="medium"
              value={o.label}
              onChange={(v) => setOther(i, { label: v })}
              errors={errors}
            />
            <button
              type="button"
              className="link-button rows__remove"
              onClick={() => setOthers((list) => list.filter((_, j) => j !== i))}
            >
              Remove person {i + 1}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => setOthers((list) => [...list, { kind: '', label: '' }])}
      >
        Add a parent or carer, significant other or professional
      </button>
      {offered.length > 0 ? (
        <div className="button-group case-people">
          <p className="body hint">Already on the case:</p>
          {offered.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button button--secondary button--small"
              onClick={() => setOthers((list) => [...list, { kind: p.kind, label: personLabel(p) }])}
            >
              Add {personLabel(p)}
            </button>
          ))}
        </div>
      ) : null}
    </FieldsetField>
  );
}

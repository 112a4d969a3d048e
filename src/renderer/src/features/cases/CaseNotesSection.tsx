import { useState } from 'react';
import { calls } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { CaseNote } from '#contract/schemas.ts';
import { call } from '../../app/api.ts';
import { DayText, InstantText, todayInLondon } from '../../ui/DateText.tsx';
import { Form, FormDate, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { Pending } from '../../ui/LoadFailed.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { entryProblems } from '../../ui/problems.ts';
import { Section } from '../../ui/Section.tsx';
import { useLoad } from '../../ui/useLoad.ts';

const FORM = 'case-note';
const LABELS = { eventDay: 'Date of the event', text: 'Note' };

/**
 * Case notes (issue 14): newest first, each with the day it is about, who wrote it and when. Notes are
 * add-only: a correction is a new note saying what it corrects.
 */
export function CaseNotesSection({ caseId, caseOpen }: { caseId: string; caseOpen: boolean }) {
  const [loaded, reload] = useLoad(() => call('caseNotes.list', { caseId }));
  const [added, setAdded] = useState(false);
  return (
    <Section id="case-notes-title" title="Case notes">
      <p className="body measure">
        A note cannot be changed or removed once it is added. To correct one, add a new note that says which
        note it corrects (by its date) and what was wrong.
      </p>
      {added ? <SuccessNotice title="The case note has been added." /> : null}
      {loaded.state === 'ready' ? (
        <NoteList notes={loaded.data} />
      ) : (
        <Pending loaded={loaded} what="the case notes" onRetry={reload} />
      )}
      {caseOpen ? (
        <AddNoteForm
          caseId={caseId}
          onStart={() => setAdded(false)}
          onAdded={() => {
            setAdded(true);
            void reload();
          }}
        />
      ) : null}
    </Section>
  );
}

function NoteList({ notes }: { notes: CaseNote[] }) {
  if (notes.length === 0) return <p className="body hint">No case notes have been added yet.</p>;
  return (
    <ol className="list case-notes" aria-label="Case notes, newest first">
      {notes.map((n) => (
        <li key={n.id} className="case-note">
          <h3 className="heading-s">
            <DayText value={n.eventDay} />
          </h3>
          <p className="body prewrap">{n.text}</p>
          <p className="body hint">
            Added by {n.recordedByName} on <InstantText value={n.recordedAt} withTime />
          </p>
        </li>
      ))}
    </ol>
  );
}

function AddNoteForm({
  caseId,
  onStart,
  onAdded,
}: {
  caseId: string;
  onStart: () => void;
  onAdded: () => void;
}) {
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { eventDay: '', text: '' },
    request: calls['caseNotes.add'].request,
    toRequest: (values) => ({ caseId, ...values }),
    check: ({ eventDay, text }) => {
      const problems: FieldProblem[] = [];
      if (!eventDay) problems.push({ path: 'eventDay', message: 'Enter the date of the event' });
      const dateProblems = entryProblems([['eventDay', eventDay, LABELS.eventDay, 'date']]);
      problems.push(...dateProblems);
      if (eventDay && dateProblems.length === 0 && eventDay > todayInLondon())
        problems.push({ path: 'eventDay', message: 'Date of the event must be today or in the past' });
      if (!text.trim()) problems.push({ path: 'text', message: 'Enter the note' });
      return problems;
    },
    send: (request) => call('caseNotes.add', request),
    onSubmitStart: onStart,
    resetOnSuccess: true,
    onSuccess: onAdded,
  });
  return (
    <Form form={form} title="Add a case note" titleClassName="heading-s">
      <FormDate name="eventDay" hint="The day the event happened, for example 27 3 2026." />
      <FormTextArea
        name="text"
        hint="What happened, who was there and what was decided. To correct an earlier note, say which one and what was wrong."
      />
      <SubmitButton>Add case note</SubmitButton>
    </Form>
  );
}

import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { Agency } from '#contract/vocabulary.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { DayText } from '../../ui/DateText.tsx';
import {
  Form,
  FormCheckbox,
  FormDate,
  FormSelect,
  FormText,
  FormTextArea,
  SubmitButton,
} from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { AGENCY_OPTIONS } from '../../ui/options.ts';
import { entryProblems } from '../../ui/problems.ts';
import { agencyLabel, PartHeading, type PartProps, partTitleId } from './shared.tsx';

const FORM = 'source';
const LABELS = {
  source: 'Source',
  agency: 'Agency',
  consultedOn: 'Date consulted',
  abeInterviewAccessed: "The harmed child's ABE interview was accessed",
  notes: 'Notes',
};

/** Each document or agency consulted, when and by whom, including access to the harmed child's ABE interview. */
export function SourcesPart({ view, canWrite, onView }: PartProps) {
  return (
    <section aria-labelledby={partTitleId('sources')} className="assessment-part">
      <PartHeading part="sources">Sources of information</PartHeading>
      <DataTable
        empty={<p className="body">No sources have been recorded yet.</p>}
        caption="Sources of information, in the order recorded"
        className="table table--small"
        columns={['Source', 'Agency', 'Consulted', 'By', 'ABE interview accessed', 'Notes']}
      >
        {view.sources.map((s) => (
          <tr key={s.id}>
            <td>{s.source}</td>
            <td>{agencyLabel(s.agency)}</td>
            <td className="nowrap">
              <DayText value={s.consultedOn} />
            </td>
            <td>{s.consultedByName}</td>
            <td>{s.abeInterviewAccessed ? 'Yes' : 'No'}</td>
            <td className="prewrap">{s.notes || <span className="hint">None</span>}</td>
          </tr>
        ))}
      </DataTable>
      {canWrite ? <SourceForm assessmentId={view.id} onView={onView} /> : null}
    </section>
  );
}

interface SourceValues {
  source: string;
  agency: Agency | '';
  consultedOn: string;
  abeInterviewAccessed: boolean;
  notes: string;
}

const EMPTY: SourceValues = {
  source: '',
  agency: '',
  consultedOn: '',
  abeInterviewAccessed: false,
  notes: '',
};

function sourceProblems({ source, agency, consultedOn }: SourceValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!source.trim()) problems.push({ path: 'source', message: 'Enter the document or person consulted' });
  if (!agency) problems.push({ path: 'agency', message: 'Choose the agency' });
  if (!consultedOn) problems.push({ path: 'consultedOn', message: 'Enter the date it was consulted' });
  problems.push(...entryProblems([['consultedOn', consultedOn, LABELS.consultedOn, 'date']]));
  return problems;
}

function SourceForm({ assessmentId, onView }: { assessmentId: string; onView: PartProps['onView'] }) {
  const [added, setAdded] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: EMPTY,
    toRequest: (v: SourceValues) => ({ assessmentId, ...v, agency: v.agency as Agency }),
    check: sourceProblems,
    send: (request) => call('assessments.addSource', request),
    onSubmitStart: () => setAdded(null),
    resetOnSuccess: true,
    onSuccess: (data, v) => {
      setAdded(`${v.source.trim()} added to the sources.`);
      onView(data);
    },
  });

  return (
    <Form
      form={form}
      className="form action-panel"
      labelledBy="add-source-title"
      title="Add a source"
      notice={added ? <SuccessNotice title={added} /> : null}
    >
      <FormText
        name="source"
        hint="The document, record or person consulted, for example “School safeguarding log”."
      />
      <div className="field-row">
        <FormSelect name="agency" options={AGENCY_OPTIONS} placeholder="Choose an agency" />
        <FormDate name="consultedOn" />
      </div>
      <FormCheckbox
        name="abeInterviewAccessed"
        hint="Achieving Best Evidence: the harmed child's recorded police interview, where access was appropriate."
      />
      <FormTextArea name="notes" rows={3} />
      <SubmitButton>Add source</SubmitButton>
    </Form>
  );
}

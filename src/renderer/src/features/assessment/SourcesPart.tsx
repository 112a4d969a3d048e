import { type FormEvent, useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import type { Agency } from '#contract/vocabulary.ts';
import { call } from '../../app/api.ts';
import { DateField } from '../../ui/DateField.tsx';
import { DayText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { AGENCY_OPTIONS } from '../../ui/options.ts';
import {
  entryProblems,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
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
      {view.sources.length === 0 ? (
        <p className="body">No sources have been recorded yet.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--small">
            <caption className="visually-hidden">Sources of information, in the order recorded</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Agency</th>
                <th scope="col">Consulted</th>
                <th scope="col">By</th>
                <th scope="col">ABE interview accessed</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
      {canWrite ? <SourceForm assessmentId={view.id} onView={onView} /> : null}
    </section>
  );
}

function SourceForm({ assessmentId, onView }: { assessmentId: string; onView: PartProps['onView'] }) {
  const [source, setSource] = useState('');
  const [agency, setAgency] = useState<Agency | ''>('');
  const [consultedOn, setConsultedOn] = useState('');
  const [abe, setAbe] = useState(false);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setAdded(null);
    const problems: FieldProblem[] = [];
    if (!source.trim()) problems.push({ path: 'source', message: 'Enter the document or person consulted' });
    if (!agency) problems.push({ path: 'agency', message: 'Choose the agency' });
    if (!consultedOn) problems.push({ path: 'consultedOn', message: 'Enter the date it was consulted' });
    problems.push(...entryProblems([['consultedOn', consultedOn, LABELS.consultedOn, 'date']]));
    if (problems.length > 0 || !agency) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('assessments.addSource', {
      assessmentId,
      source,
      agency,
      consultedOn,
      abeInterviewAccessed: abe,
      notes,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    setAdded(`${source.trim()} added to the sources.`);
    setSource('');
    setAgency('');
    setConsultedOn('');
    setAbe(false);
    setNotes('');
    onView(result.data);
  }

  return (
    <form onSubmit={submit} noValidate className="form action-panel" aria-labelledby="add-source-title">
      <h3 id="add-source-title" className="heading-s heading--flush">
        Add a source
      </h3>
      {added ? <SuccessNotice title={added} /> : null}
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <TextField
        form={FORM}
        path="source"
        label={LABELS.source}
        hint="The document, record or person consulted, for example “School safeguarding log”."
        value={source}
        onChange={setSource}
        errors={errors}
      />
      <div className="field-row">
        <SelectField
          form={FORM}
          path="agency"
          label={LABELS.agency}
          value={agency}
          onChange={(v) => setAgency(v as Agency | '')}
          options={AGENCY_OPTIONS}
          placeholder="Choose an agency"
          errors={errors}
        />
        <DateField
          form={FORM}
          path="consultedOn"
          label={LABELS.consultedOn}
          value={consultedOn}
          onChange={setConsultedOn}
          errors={errors}
        />
      </div>
      <CheckboxField
        form={FORM}
        path="abeInterviewAccessed"
        label={LABELS.abeInterviewAccessed}
        hint="Achieving Best Evidence: the harmed child's recorded police interview, where access was appropriate."
        checked={abe}
        onChange={setAbe}
        errors={errors}
      />
      <TextAreaField
        form={FORM}
        path="notes"
        label={LABELS.notes}
        value={notes}
        onChange={setNotes}
        rows={3}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Add source
      </button>
    </form>
  );
}

import { useState } from 'react';
import type { FieldProblem } from '../../../../contract/errors.ts';
import { type PathwaySummary, PLAN_KINDS } from '../../../../contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { DateField } from '../../ui/DateField.tsx';
import { DayText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { entryProblems, orderProblems } from '../../ui/problems.ts';
import { useLoad } from '../../ui/useLoad.ts';
import { CaseScreen, loadBasics, PLAN_KIND_LABELS, type PlanKind } from './shared.tsx';

const FORM = 'plan';
const LABELS = {
  kind: 'Kind of record',
  dated: 'Date',
  title: 'Title',
  details: 'Details',
  withWhom: 'With whom',
};

/** Islington §8: safety, diversion and direct-work plans, multi-professional meetings and MASE records, each dated and authored. */
export function PlansScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => loadBasics(caseId));
  return (
    <CaseScreen
      caseId={caseId}
      title="Plans and records"
      loaded={loaded}
      reload={() => void reload()}
      what="the plans and records"
    >
      {(data) => <PlansWork caseId={caseId} open={data.hsbCase.status === 'open'} initial={data.summary} />}
    </CaseScreen>
  );
}

function PlansWork({ caseId, open, initial }: { caseId: string; open: boolean; initial: PathwaySummary }) {
  const [summary, setSummary] = useState(initial);
  return (
    <>
      {open ? <PlanForm caseId={caseId} onSaved={setSummary} /> : null}
      <section aria-labelledby="plans-title" className="section section--divided">
        <h2 id="plans-title" className="heading-m">
          Recorded on this case
        </h2>
        {summary.plans.length === 0 ? (
          <p className="body hint">No plan or record has been added yet.</p>
        ) : (
          <div className="table-wrapper">
            <table className="table table--small">
              <caption className="visually-hidden">Plans and records on this case, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Title</th>
                  <th scope="col">Details</th>
                  <th scope="col">With whom</th>
                  <th scope="col">Recorded by</th>
                </tr>
              </thead>
              <tbody>
                {summary.plans.map((p) => (
                  <tr key={p.id}>
                    <td className="nowrap">
                      <DayText value={p.dated} />
                    </td>
                    <td>{p.kindLabel}</td>
                    <td>{p.title}</td>
                    <td className="prewrap">{p.details}</td>
                    <td>{p.withWhom || <span className="hint">Not recorded</span>}</td>
                    <td>{p.recordedByName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function PlanForm({ caseId, onSaved }: { caseId: string; onSaved: (s: PathwaySummary) => void }) {
  const [kind, setKind] = useState<PlanKind | ''>('');
  const [dated, setDated] = useState('');
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [withWhom, setWithWhom] = useState('');
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);

  const submit = submitting(async () => {
    setSaved(null);
    const problems: FieldProblem[] = [];
    if (!kind) problems.push({ path: 'kind', message: 'Choose the kind of record' });
    if (!dated) problems.push({ path: 'dated', message: 'Enter the date of the plan or record' });
    problems.push(...entryProblems([['dated', dated, LABELS.dated, 'date']]));
    if (!title.trim()) problems.push({ path: 'title', message: 'Enter a title' });
    if (!details.trim()) problems.push({ path: 'details', message: 'Enter the details' });
    if (problems.length > 0 || !kind) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    const result = await send(call('plans.record', { caseId, kind, dated, title, details, withWhom }));
    if (!result.ok) return;
    setSaved(`${PLAN_KIND_LABELS[kind]} recorded.`);
    setKind('');
    setDated('');
    setTitle('');
    setDetails('');
    setWithWhom('');
    onSaved(result.data);
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="plan-form-title" className="form">
      <h2 id="plan-form-title" className="heading-m">
        Add a plan or record
      </h2>
      {saved ? <SuccessNotice title={saved} /> : null}
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <SelectField
        form={FORM}
        path="kind"
        label={LABELS.kind}
        value={kind}
        onChange={(v) => setKind(v as PlanKind | '')}
        options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_LABELS[k] }))}
        placeholder="Choose a kind"
        errors={errors}
      />
      <DateField
        form={FORM}
        path="dated"
        label={LABELS.dated}
        value={dated}
        onChange={setDated}
        errors={errors}
      />
      <TextField
        form={FORM}
        path="title"
        label={LABELS.title}
        value={title}
        onChange={setTitle}
        errors={errors}
      />
      <TextAreaField
        form={FORM}
        path="details"
        label={LABELS.details}
        hint="What was agreed, including work by external services where there is any."
        value={details}
        onChange={setDetails}
        errors={errors}
      />
      <TextField
        form={FORM}
        path="withWhom"
        label={LABELS.withWhom}
        hint="For example, the child and their mother. Optional."
        value={withWhom}
        onChange={setWithWhom}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record plan
      </button>
    </form>
  );
}

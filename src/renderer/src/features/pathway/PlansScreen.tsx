import { useState } from 'react';
import type { FieldProblem } from '#contract/errors.ts';
import { type PathwaySummary, PLAN_KINDS } from '#contract/pathway-calls.ts';
import { call } from '../../app/api.ts';
import { DayText } from '../../ui/DateText.tsx';
import { Form, FormDate, FormSelect, FormText, FormTextArea, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { entryProblems } from '../../ui/problems.ts';
import {
  type CaseBasics,
  caseScreen,
  loadBasics,
  PLAN_KIND_LABELS,
  type PlanKind,
  RecordedTable,
} from './shared.tsx';

const FORM = 'plan';
const LABELS = {
  kind: 'Kind of record',
  dated: 'Date',
  title: 'Title',
  details: 'Details',
  withWhom: 'With whom',
};

function PlansWork({ data }: { data: CaseBasics }) {
  const caseId = data.hsbCase.id;
  const open = data.hsbCase.status === 'open';
  const [summary, setSummary] = useState(data.summary);
  return (
    <>
      {open ? <PlanForm caseId={caseId} onSaved={setSummary} /> : null}
      <RecordedTable
        id="plans-title"
        title="Recorded on this case"
        none="No plan or record has been added yet."
        caption="Plans and records on this case, oldest first"
        columns={['Date', 'Kind', 'Title', 'Details', 'With whom', 'Recorded by']}
      >
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
      </RecordedTable>
    </>
  );
}

const EMPTY_PLAN = { kind: '' as PlanKind | '', dated: '', title: '', details: '', withWhom: '' };

function PlanForm({ caseId, onSaved }: { caseId: string; onSaved: (s: PathwaySummary) => void }) {
  const [saved, setSaved] = useState<string | null>(null);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: EMPTY_PLAN,
    toRequest: (values) => ({ caseId, ...values, kind: values.kind as PlanKind }),
    check: ({ kind, dated, title, details }) => {
      const problems: FieldProblem[] = [];
      if (!kind) problems.push({ path: 'kind', message: 'Choose the kind of record' });
      if (!dated) problems.push({ path: 'dated', message: 'Enter the date of the plan or record' });
      problems.push(...entryProblems([['dated', dated, LABELS.dated, 'date']]));
      if (!title.trim()) problems.push({ path: 'title', message: 'Enter a title' });
      if (!details.trim()) problems.push({ path: 'details', message: 'Enter the details' });
      return problems;
    },
    send: (request) => call('plans.record', request),
    onSubmitStart: () => setSaved(null),
    resetOnSuccess: true,
    onSuccess: (summary, values) => {
      setSaved(`${PLAN_KIND_LABELS[values.kind as PlanKind]} recorded.`);
      onSaved(summary);
    },
  });

  return (
    <Form
      form={form}
      labelledBy="plan-form-title"
      title="Add a plan or record"
      titleAs="h2"
      notice={saved ? <SuccessNotice title={saved} /> : null}
    >
      <FormSelect
        name="kind"
        options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_LABELS[k] }))}
        placeholder="Choose a kind"
      />
      <FormDate name="dated" />
      <FormText name="title" />
      <FormTextArea
        name="details"
        hint="What was agreed, including work by external services where there is any."
      />
      <FormText name="withWhom" hint="For example, the child and their mother. Optional." />
      <SubmitButton>Record plan</SubmitButton>
    </Form>
  );
}

/** Islington §8: safety, diversion and direct-work plans, multi-professional meetings and MASE records, each dated and authored. */
export const PlansScreen = caseScreen('Plans and records', loadBasics, 'the plans and records', PlansWork);

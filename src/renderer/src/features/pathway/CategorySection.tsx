import { type FormEvent, useState } from 'react';
import type { FieldProblem } from '../../../../contract/errors.ts';
import type { CaseTimeline, CategoryRecordView } from '../../../../contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { InstantText } from '../../ui/DateText.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxField, DateTimeFields, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import {
  entryProblems,
  errorsFromResult,
  type FormErrors,
  NO_ERRORS,
  orderProblems,
} from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import { startedMessage } from './started.ts';

const FORM = 'category';
const LABELS = {
  category: 'Hackett category',
  complex: 'Particularly complex',
  agreedAt: 'Date agreed',
  agreedAtTime: 'Time agreed',
  agreedBy: 'Agreed by',
  rationale: 'Rationale',
};

type CategoryId = CaseTimeline['categories'][number]['id'];

/** Record the risk category the professionals agreed (a simple record: the pathway work enriches it later). */
export function CategorySection({
  timeline,
  caseOpen,
  onRecorded,
}: {
  timeline: CaseTimeline;
  caseOpen: boolean;
  onRecorded: () => void;
}) {
  return (
    <section aria-labelledby="category-title" className="section">
      <h3 id="category-title" className="heading-s">
        {caseOpen ? 'Record the agreed risk category' : 'Agreed risk category'}
      </h3>
      {caseOpen ? <CategoryForm timeline={timeline} onRecorded={onRecorded} /> : null}
      <h4 className="heading-xs">Category history</h4>
      <CategoryHistory records={timeline.categoryHistory} />
    </section>
  );
}

function CategoryForm({ timeline, onRecorded }: { timeline: CaseTimeline; onRecorded: () => void }) {
  const [category, setCategory] = useState<CategoryId | ''>('');
  const [complex, setComplex] = useState(false);
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [agreedBy, setAgreedBy] = useState('');
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ title: string; detail: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    const agreedAt = instantFrom(day, time);
    const problems: FieldProblem[] = [];
    if (!category) problems.push({ path: 'category', message: 'Choose the agreed Hackett category' });
    if (!day) problems.push({ path: 'agreedAt', message: 'Enter the date the category was agreed' });
    if (!time) problems.push({ path: 'agreedAtTime', message: 'Enter the time the category was agreed' });
    const entry = entryProblems([
      ['agreedAt', day, LABELS.agreedAt, 'date'],
      ['agreedAtTime', time, LABELS.agreedAtTime, 'time'],
    ]);
    problems.push(...entry);
    if (day && time && !agreedAt && entry.length === 0)
      problems.push({ path: 'agreedAt', message: 'Enter a real date and time' });
    if (!agreedBy.trim()) problems.push({ path: 'agreedBy', message: 'Enter who agreed the category' });
    if (!rationale.trim())
      problems.push({ path: 'rationale', message: 'Enter the rationale for the category' });
    if (problems.length > 0 || !category || !agreedAt) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('pathway.recordCategory', {
      caseId: timeline.caseId,
      category,
      complex,
      agreedAt,
      agreedBy,
      rationale,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    const label = timeline.categories.find((c) => c.id === category)?.label ?? `Category ${category}`;
    setSaved({ title: `${label} recorded as agreed.`, detail: startedMessage(timeline, result.data) });
    setCategory('');
    setComplex(false);
    setDay('');
    setTime('');
    setAgreedBy('');
    setRationale('');
    onRecorded();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="category-title" className="form">
      {saved ? (
        <SuccessNotice title={saved.title}>
          <p className="body">{saved.detail}</p>
        </SuccessNotice>
      ) : null}
      <ErrorSummary form={FORM} errors={errors} labels={LABELS} />
      <SelectField
        form={FORM}
        path="category"
        label={LABELS.category}
        hint="The category the strategy discussion or meeting agreed. You decide it; the workbench records it."
        value={category}
        onChange={(v) => setCategory(v as CategoryId | '')}
        options={timeline.categories.map((c) => ({
          value: c.id,
          label: c.brookColour ? `${c.label} — ${c.brookColour}` : c.label,
        }))}
        placeholder="Choose a category"
        errors={errors}
      />
      <CheckboxField
        form={FORM}
        path="complex"
        label={LABELS.complex}
        hint="Some protocols allow more time when the concerns are particularly complex (Islington: a strategy meeting within up to 5 working days)."
        checked={complex}
        onChange={setComplex}
        errors={errors}
      />
      <DateTimeFields
        form={FORM}
        path="agreedAt"
        dateLabel={LABELS.agreedAt}
        timeLabel={LABELS.agreedAtTime}
        date={day}
        time={time}
        onDate={setDay}
        onTime={setTime}
        errors={errors}
      />
      <TextField
        form={FORM}
        path="agreedBy"
        label={LABELS.agreedBy}
        hint="For example, Strategy discussion: CSC manager and police."
        value={agreedBy}
        onChange={setAgreedBy}
        errors={errors}
      />
      <TextAreaField
        form={FORM}
        path="rationale"
        label={LABELS.rationale}
        hint="Why this category: what was reported and how it fits the category."
        value={rationale}
        onChange={setRationale}
        errors={errors}
      />
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        Record category
      </button>
    </form>
  );
}

function CategoryHistory({ records }: { records: CategoryRecordView[] }) {
  if (records.length === 0) return <p className="body hint">No category has been recorded yet.</p>;
  return (
    <div className="table-wrapper">
      <table className="table table--small">
        <caption className="visually-hidden">Agreed risk categories, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Agreed</th>
            <th scope="col">Category</th>
            <th scope="col">Brook colour</th>
            <th scope="col">Tier</th>
            <th scope="col">Agreed by</th>
            <th scope="col">Rationale</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">
                <InstantText value={r.agreedAt} withTime />
              </td>
              <td>
                {r.label}
                {r.complex ? <span className="tag">Particularly complex</span> : null}
              </td>
              <td>{r.brookColour || <span className="hint">Not applicable</span>}</td>
              <td>{r.childProtectionTier}</td>
              <td>{r.agreedBy}</td>
              <td className="prewrap">{r.rationale}</td>
              <td>{r.recordedByName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

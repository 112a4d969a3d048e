import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CallResponse } from '../../../../contract/calls.ts';
import type { FieldProblem, Result } from '../../../../contract/errors.ts';
import type { CaseTimeline, CategoryRecordView } from '../../../../contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
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
import { useLoad } from '../../ui/useLoad.ts';
import { instantFrom } from '../deadlines/due.ts';
import { startedMessage } from '../pathway/started.ts';
import { type CaseBasics, CaseScreen, loadBasics, When } from './shared.tsx';

type Suggestion = CallResponse<'pathway.suggestCategory'>;
type CategoryId = CaseTimeline['categories'][number]['id'];

interface Data extends CaseBasics {
  timeline: CaseTimeline;
  matrix: Suggestion;
}

async function load(caseId: string): Promise<Result<Data>> {
  const [basics, timeline, matrix] = await Promise.all([
    loadBasics(caseId),
    call('pathway.timeline', { caseId }),
    call('pathway.suggestCategory', { caseId, descriptorIds: [] }),
  ]);
  if (!basics.ok) return basics;
  if (!timeline.ok) return timeline;
  if (!matrix.ok) return matrix;
  return { ok: true, data: { ...basics.data, timeline: timeline.data, matrix: matrix.data } };
}

const FORM = 'risk-category';
const LABELS = {
  descriptorIds: 'Descriptors that apply',
  category: 'Category agreed',
  agreedBy: 'Agreed by',
  agreedAt: 'Date agreed',
  agreedAtTime: 'Time agreed',
  complex: 'Particularly complex',
  rationale: 'Rationale',
};

/** The risk category: descriptors ticked, the workbench's suggestion, the professional's decision and its history. */
export function CategoryScreen({ caseId }: { caseId: string }) {
  const [loaded, reload] = useLoad(() => load(caseId));
  return (
    <CaseScreen
      caseId={caseId}
      title="Risk category"
      loaded={loaded}
      reload={() => void reload()}
      what="the profile’s risk matrix"
    >
      {(data) => <CategoryWork data={data} />}
    </CaseScreen>
  );
}

function CategoryWork({ data }: { data: Data }) {
  const [timeline, setTimeline] = useState(data.timeline);
  const open = data.hsbCase.status === 'open';
  return (
    <>
      <p className="body measure">
        Tick the descriptors that apply. The workbench suggests a Hackett category from them; you decide the
        category, and a rationale is required when your decision differs from the suggestion. The{' '}
        {timeline.profile.name} profile’s matrix gives the Brook colour, the child-protection tier and the
        service response of each category.
      </p>
      {open ? <CategoryForm data={data} timeline={timeline} onRecorded={setTimeline} /> : null}
      <section aria-labelledby="category-history-title" className="section section--divided">
        <h2 id="category-history-title" className="heading-m">
          Category history
        </h2>
        <History records={timeline.categoryHistory} />
      </section>
    </>
  );
}

function CategoryForm({
  data,
  timeline,
  onRecorded,
}: {
  data: Data;
  timeline: CaseTimeline;
  onRecorded: (timeline: CaseTimeline) => void;
}) {
  const rows = data.matrix.rows;
  const [ticked, setTicked] = useState<string[]>([]);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [category, setCategory] = useState('');
  const [agreedBy, setAgreedBy] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [complex, setComplex] = useState(false);
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ title: string; detail: string } | null>(null);
  const generation = useRef(0);

  const tickedKey = ticked.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: tickedKey stands for the ticked descriptors
  useEffect(() => {
    const mine = ++generation.current;
    void call('pathway.suggestCategory', { caseId: data.hsbCase.id, descriptorIds: ticked }).then((r) => {
      if (mine === generation.current && r.ok) setSuggestion(r.data);
    });
  }, [tickedKey, data.hsbCase.id]);

  const suggested = ticked.length > 0 ? (suggestion?.suggested ?? null) : null;
  const labelOf = (id: string | null) => rows.find((r) => r.category === id)?.label ?? id ?? '';
  const departs = category !== '' && category !== suggested;
  const rationaleLabel = departs
    ? 'Rationale (required: your decision differs from the suggestion)'
    : 'Rationale (optional when you follow the suggestion)';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setSaved(null);
    const agreedAt = instantFrom(day, time);
    const problems: FieldProblem[] = [];
    if (!category) problems.push({ path: 'category', message: 'Choose the category agreed' });
    if (!agreedBy.trim()) problems.push({ path: 'agreedBy', message: 'Enter who agreed the category' });
    if (!day) problems.push({ path: 'agreedAt', message: 'Enter the date the category was agreed' });
    if (!time) problems.push({ path: 'agreedAtTime', message: 'Enter the time the category was agreed' });
    const entry = entryProblems([
      ['agreedAt', day, LABELS.agreedAt, 'date'],
      ['agreedAtTime', time, LABELS.agreedAtTime, 'time'],
    ]);
    problems.push(...entry);
    if (departs && !rationale.trim())
      problems.push({
        path: 'rationale',
        message: suggested
          ? `Enter the rationale: the descriptors ticked suggest ${labelOf(suggested)}, and you chose ${labelOf(category)}`
          : 'Enter the rationale: no descriptor suggests a category',
      });
    if (problems.length > 0 || !agreedAt) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    setBusy(true);
    const result = await call('pathway.recordCategory', {
      caseId: data.hsbCase.id,
      category: category as CategoryId,
      agreedAt,
      agreedBy,
      rationale,
      complex,
      descriptorIds: ticked,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsFromResult(result.error));
      return;
    }
    setErrors(NO_ERRORS);
    setSaved({
      title: `${labelOf(category)} recorded as agreed.`,
      detail: startedMessage(timeline, result.data),
    });
    setTicked([]);
    setCategory('');
    setAgreedBy('');
    setDay('');
    setTime('');
    setComplex(false);
    setRationale('');
    onRecorded(result.data);
  }

  const toggle = (id: string, on: boolean) =>
    setTicked((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));

  return (
    <form onSubmit={submit} noValidate aria-label="Record the risk category" className="form">
      {saved ? (
        <SuccessNotice title={saved.title}>
          <p className="body">{saved.detail}</p>
        </SuccessNotice>
      ) : null}
      <ErrorSummary form={FORM} errors={errors} labels={{ ...LABELS, rationale: 'Rationale' }} />
      <h2 className="heading-m">Descriptors that apply</h2>
      {rows.map((row) => (
        <fieldset
          key={row.category}
          id={`${FORM}-row-${row.category}`}
          className={`fieldset hsb-matrix-row hsb-matrix-row--${row.brookColour.toLowerCase() || 'none'}`}
          aria-describedby={`${FORM}-row-${row.category}-hint`}
        >
          <legend className="legend">{row.label}</legend>
          <p id={`${FORM}-row-${row.category}-hint`} className="hint hsb-matrix-row__facts">
            {[
              row.brookColour ? `Brook: ${row.brookColour}` : '',
              row.childProtectionTier,
              row.serviceResponse ? `Service response: ${row.serviceResponse}` : '',
            ]
              .filter(Boolean)
              .join('. ') || 'No Brook colour, tier or service response in this profile.'}
          </p>
          {row.descriptors.length === 0 ? (
            <p className="body hint">No descriptors: suggested when no descriptor of concern is ticked.</p>
          ) : (
            row.descriptors.map((d) => (
              <div className="checkbox" key={d.id}>
                <input
                  id={`${FORM}-descriptor-${d.id}`}
                  type="checkbox"
                  className="checkbox__input"
                  checked={ticked.includes(d.id)}
                  onChange={(e) => toggle(d.id, e.target.checked)}
                />
                <label htmlFor={`${FORM}-descriptor-${d.id}`} className="checkbox__label">
                  {d.text}
                </label>
              </div>
            ))
          )}
        </fieldset>
      ))}
      <div className="panel hsb-suggestion" aria-live="polite">
        <p className="body">
          <strong>
            Suggested:{' '}
            {suggested
              ? labelOf(suggested)
              : ticked.length === 0
                ? 'tick the descriptors that apply'
                : 'none'}
          </strong>
        </p>
        {ticked.length > 0 && suggestion ? <p className="body">{suggestion.explanation}</p> : null}
      </div>

      <h2 className="heading-m">Decision</h2>
      <SelectField
        form={FORM}
        path="category"
        label={LABELS.category}
        hint={
          suggested
            ? `Suggested from the descriptors: ${labelOf(suggested)}. You decide the category.`
            : 'You decide the category; the suggestion only helps.'
        }
        value={category}
        onChange={setCategory}
        options={rows.map((r) => ({
          value: r.category,
          label: r.brookColour ? `${r.label} — ${r.brookColour}` : r.label,
        }))}
        placeholder="Choose the category agreed"
        errors={errors}
      />
      <TextField
        form={FORM}
        path="agreedBy"
        label={LABELS.agreedBy}
        hint="For example, strategy discussion: CSC manager and police."
        value={agreedBy}
        onChange={setAgreedBy}
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
      <CheckboxField
        form={FORM}
        path="complex"
        label={LABELS.complex}
        hint="Some protocols allow more time when the concerns are particularly complex."
        checked={complex}
        onChange={setComplex}
        errors={errors}
      />
      <TextAreaField
        form={FORM}
        path="rationale"
        label={rationaleLabel}
        hint="Why this category: what was reported and how it fits."
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

function History({ records }: { records: CategoryRecordView[] }) {
  if (records.length === 0) return <p className="body hint">No category has been recorded yet.</p>;
  return (
    <div className="table-wrapper">
      <table className="table table--small">
        <caption className="visually-hidden">Risk categories agreed, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Agreed</th>
            <th scope="col">Category</th>
            <th scope="col">Brook colour and tier</th>
            <th scope="col">Who agreed it</th>
            <th scope="col">Why</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">
                <When at={r.agreedAt} />
              </td>
              <td>
                {r.label}
                {r.complex ? <span className="cell-note">Particularly complex</span> : null}
              </td>
              <td>
                {r.brookColour || 'No Brook colour'}
                {r.childProtectionTier ? <span className="cell-note">{r.childProtectionTier}</span> : null}
              </td>
              <td>{r.agreedBy}</td>
              <td className="prewrap">
                {r.rationale || <span className="hint">As the descriptors suggested</span>}
              </td>
              <td>{r.recordedByName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

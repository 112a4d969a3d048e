import { useState } from 'react';
import type { Result } from '#contract/errors.ts';
import type { CaseTimeline, CategoryRecordView } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import {
  BoundField,
  Form,
  FormCheckbox,
  FormDateTime,
  FormSelect,
  FormText,
  FormTextArea,
  SubmitButton,
} from '../../ui/form/Form.tsx';
import { SuccessNotice } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { type CaseBasics, caseScreen, loadBasics, When } from './shared.tsx';
import { FORM, type MatrixRow, type Suggestion, useCategoryForm } from './useCategoryForm.ts';

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
      <Section id="category-history-title" title="Category history" className="section section--divided">
        <History records={timeline.categoryHistory} />
      </Section>
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
  const { form, ticked, setTicked, category, suggestion, suggested, labelOf, saved } = useCategoryForm(
    data.hsbCase.id,
    rows,
    timeline,
    onRecorded,
  );
  const departs = category !== '' && category !== suggested;
  const notice = saved ? (
    <SuccessNotice title={saved.title}>
      <p className="body">{saved.detail}</p>
    </SuccessNotice>
  ) : null;
  return (
    <Form form={form} label="Record the risk category" before={notice}>
      <h2 className="heading-m">Descriptors that apply</h2>
      <BoundField<string[]>
        name="ticked"
        path="descriptorIds"
        render={({ value, onChange }) => (
          <DescriptorMatrix
            rows={rows}
            ticked={value}
            onTicked={(next) => {
              onChange(next);
              setTicked(next);
            }}
          />
        )}
      />
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
      <FormSelect
        name="category"
        hint={
          suggested
            ? `Suggested from the descriptors: ${labelOf(suggested)}. You decide the category.`
            : 'You decide the category; the suggestion only helps.'
        }
        options={rows.map((r) => ({
          value: r.category,
          label: r.brookColour ? `${r.label} — ${r.brookColour}` : r.label,
        }))}
        placeholder="Choose the category agreed"
      />
      <FormText name="agreedBy" hint="For example, strategy discussion: CSC manager and police." />
      <FormDateTime dateName="day" timeName="time" path="agreedAt" />
      <FormCheckbox
        name="complex"
        hint="Some protocols allow more time when the concerns are particularly complex."
      />
      <FormTextArea
        name="rationale"
        label={
          departs
            ? 'Rationale (required: your decision differs from the suggestion)'
            : 'Rationale (optional when you follow the suggestion)'
        }
        hint="Why this category: what was reported and how it fits."
      />
      <SubmitButton>Record category</SubmitButton>
    </Form>
  );
}

/** The profile's risk matrix, one row per category with its descriptors to tick. */
function DescriptorMatrix({
  rows,
  ticked,
  onTicked,
}: {
  rows: MatrixRow[];
  ticked: string[];
  onTicked: (ticked: string[]) => void;
}) {
  const toggle = (id: string, on: boolean) =>
    onTicked(on ? [...ticked.filter((x) => x !== id), id] : ticked.filter((x) => x !== id));
  return rows.map((row) => (
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
  ));
}

function History({ records }: { records: CategoryRecordView[] }) {
  return (
    <DataTable
      empty={<p className="body hint">No category has been recorded yet.</p>}
      caption="Risk categories agreed, oldest first"
      className="table table--small"
      columns={['Agreed', 'Category', 'Brook colour and tier', 'Who agreed it', 'Why', 'Recorded by']}
    >
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
    </DataTable>
  );
}

/** The risk category: descriptors ticked, the workbench's suggestion, the professional's decision and its history. */
export const CategoryScreen = caseScreen('Risk category', load, 'the profile’s risk matrix', CategoryWork);

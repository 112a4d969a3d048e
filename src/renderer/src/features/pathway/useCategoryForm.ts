import { useEffect, useRef, useState } from 'react';
import type { CallResponse } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { useSubmission } from '../../ui/form/useSubmission.ts';
import { entryProblems, orderProblems } from '../../ui/problems.ts';
import { instantFrom } from '../deadlines/due.ts';
import { startedMessage } from './started.ts';

export type Suggestion = CallResponse<'pathway.suggestCategory'>;
export type MatrixRow = Suggestion['rows'][number];
type CategoryId = CaseTimeline['categories'][number]['id'];

export const FORM = 'risk-category';
export const LABELS = {
  descriptorIds: 'Descriptors that apply',
  category: 'Category agreed',
  agreedBy: 'Agreed by',
  agreedAt: 'Date agreed',
  agreedAtTime: 'Time agreed',
  complex: 'Particularly complex',
  rationale: 'Rationale',
};

/** Every answer on the category form, in one value. */
export interface CategoryFields {
  ticked: string[];
  category: string;
  agreedBy: string;
  day: string;
  time: string;
  complex: boolean;
  rationale: string;
}
const EMPTY: CategoryFields = {
  ticked: [],
  category: '',
  agreedBy: '',
  day: '',
  time: '',
  complex: false,
  rationale: '',
};

/** The workbench's suggestion for the descriptors ticked, asked again whenever they change. */
function useSuggestion(caseId: string, ticked: string[]) {
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const generation = useRef(0);
  const tickedKey = ticked.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: tickedKey stands for the ticked descriptors
  useEffect(() => {
    const mine = ++generation.current;
    void call('pathway.suggestCategory', { caseId, descriptorIds: ticked }).then((r) => {
      if (mine === generation.current && r.ok) setSuggestion(r.data);
    });
  }, [tickedKey, caseId]);
  return suggestion;
}

/** The category form's answers, the suggestion, and its submit (pathway.recordCategory). */
export function useCategoryForm(
  caseId: string,
  rows: MatrixRow[],
  timeline: CaseTimeline,
  onRecorded: (timeline: CaseTimeline) => void,
) {
  const [fields, setFields] = useState<CategoryFields>(EMPTY);
  const { errors, setErrors, busy, send, submitting } = useSubmission();
  const [saved, setSaved] = useState<{ title: string; detail: string } | null>(null);
  const update = (change: Partial<CategoryFields>) => setFields((f) => ({ ...f, ...change }));
  const suggestion = useSuggestion(caseId, fields.ticked);
  const suggested = fields.ticked.length > 0 ? (suggestion?.suggested ?? null) : null;
  const labelOf = (id: string | null) => rows.find((r) => r.category === id)?.label ?? id ?? '';

  function problemsOf(f: CategoryFields): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!f.category) problems.push({ path: 'category', message: 'Choose the category agreed' });
    if (!f.agreedBy.trim()) problems.push({ path: 'agreedBy', message: 'Enter who agreed the category' });
    if (!f.day) problems.push({ path: 'agreedAt', message: 'Enter the date the category was agreed' });
    if (!f.time) problems.push({ path: 'agreedAtTime', message: 'Enter the time the category was agreed' });
    problems.push(
      ...entryProblems([
        ['agreedAt', f.day, LABELS.agreedAt, 'date'],
        ['agreedAtTime', f.time, LABELS.agreedAtTime, 'time'],
      ]),
    );
    const departs = f.category !== '' && f.category !== suggested;
    if (departs && !f.rationale.trim())
      problems.push({
        path: 'rationale',
        message: suggested
          ? `Enter the rationale: the descriptors ticked suggest ${labelOf(suggested)}, and you chose ${labelOf(f.category)}`
          : 'Enter the rationale: no descriptor suggests a category',
      });
    return problems;
  }

  const submit = submitting(async () => {
    setSaved(null);
    const f = fields;
    const agreedAt = instantFrom(f.day, f.time);
    const problems = problemsOf(f);
    if (problems.length > 0 || !agreedAt) {
      setErrors({ problems: orderProblems(problems, Object.keys(LABELS)) });
      return;
    }
    const result = await send(
      call('pathway.recordCategory', {
        caseId,
        category: f.category as CategoryId,
        agreedAt,
        agreedBy: f.agreedBy,
        rationale: f.rationale,
        complex: f.complex,
        descriptorIds: f.ticked,
      }),
    );
    if (!result.ok) return;
    setSaved({
      title: `${labelOf(f.category)} recorded as agreed.`,
      detail: startedMessage(timeline, result.data),
    });
    setFields(EMPTY);
    onRecorded(result.data);
  });

  return { fields, update, suggestion, suggested, labelOf, errors, busy, saved, submit };
}

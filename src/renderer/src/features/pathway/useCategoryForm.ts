import { useEffect, useRef, useState } from 'react';
import type { CallResponse } from '#contract/calls.ts';
import type { FieldProblem } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { call } from '../../app/api.ts';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { entryProblems, missingProblems } from '../../ui/problems.ts';
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
  const [saved, setSaved] = useState<{ title: string; detail: string } | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const suggestion = useSuggestion(caseId, ticked);
  const suggested = ticked.length > 0 ? (suggestion?.suggested ?? null) : null;
  const labelOf = (id: string | null) => rows.find((r) => r.category === id)?.label ?? id ?? '';

  function problemsOf(f: CategoryFields): FieldProblem[] {
    const entry = entryProblems([
      ['agreedAt', f.day, LABELS.agreedAt, 'date'],
      ['agreedAtTime', f.time, LABELS.agreedAtTime, 'time'],
    ]);
    const problems: FieldProblem[] = [
      ...missingProblems([
        ['category', f.category, 'Choose the category agreed'],
        ['agreedBy', f.agreedBy, 'Enter who agreed the category'],
        ['agreedAt', f.day, 'Enter the date the category was agreed'],
        ['agreedAtTime', f.time, 'Enter the time the category was agreed'],
      ]),
      ...entry,
    ];
    if (f.day && f.time && !instantFrom(f.day, f.time) && entry.length === 0)
      problems.push({ path: 'agreedAt', message: 'Enter a real date and time' });
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

  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: EMPTY,
    check: problemsOf,
    toRequest: (f) => ({
      caseId,
      category: f.category as CategoryId,
      agreedAt: instantFrom(f.day, f.time) ?? '',
      agreedBy: f.agreedBy,
      rationale: f.rationale,
      complex: f.complex,
      descriptorIds: f.ticked,
    }),
    send: (request) => call('pathway.recordCategory', request),
    onSubmitStart: () => setSaved(null),
    resetOnSuccess: true,
    onSuccess: (recorded, f) => {
      setSaved({
        title: `${labelOf(f.category)} recorded as agreed.`,
        detail: startedMessage(timeline, recorded),
      });
      setTicked([]);
      onRecorded(recorded);
    },
  });
  const category = form.methods.watch('category');

  return { form, ticked, setTicked, category, suggestion, suggested, labelOf, saved };
}

import type { FieldProblem } from '#contract/errors.ts';
import type { MapItem } from '#contract/pattern-map-schemas.ts';
import { missingProblems } from '../../ui/problems.ts';
import {
  DATE_LABELS,
  type DateDraft,
  dateOfDraft,
  draftOfDate,
  EMPTY_DATE,
  missingDateParts,
} from './DateEntry.tsx';

export const FORM = 'pm-item';

export const LABELS: Record<string, string> = {
  'item.lane': 'Type of life event',
  'item.what': 'What happened',
  'item.people': 'Who was involved',
  'item.place': 'Where',
  'item.sourceAgency': 'Source agency',
  'item.sourceDetail': 'Source detail',
  ...DATE_LABELS,
  'item.harmedPersonId': 'Who was harmed',
  'item.childAgeThen': 'Child’s age then',
  'item.hackettCategory': 'Hackett category',
  'item.brookColour': 'Brook colour',
};

export interface Draft {
  lane: string;
  what: string;
  people: string[];
  place: string;
  sourceAgency: string;
  sourceDetail: string;
  date: DateDraft;
  harmedPersonId: string;
  childAgeThen: string;
  hackettCategory: string;
  brookColour: string;
}

export const EMPTY: Draft = {
  lane: '',
  what: '',
  people: [],
  place: '',
  sourceAgency: '',
  sourceDetail: '',
  date: EMPTY_DATE,
  harmedPersonId: '',
  childAgeThen: '',
  hackettCategory: '',
  brookColour: '',
};

export const draftOf = (item: MapItem): Draft => ({
  lane: item.kind === 'life-event' ? item.lane : '',
  what: item.what,
  people: item.people,
  place: item.place,
  sourceAgency: item.sourceAgency,
  sourceDetail: item.sourceDetail,
  date: draftOfDate(item.date),
  harmedPersonId: item.harmedPersonId ?? '',
  childAgeThen: item.childAgeThen === null ? '' : String(item.childAgeThen),
  hackettCategory: item.hackettCategory,
  brookColour: item.brookColour,
});

export function itemOfDraft(kind: MapItem['kind'], d: Draft) {
  const common = {
    what: d.what,
    people: d.people,
    place: d.place,
    date: dateOfDraft(d.date),
    sourceAgency: d.sourceAgency,
    sourceDetail: d.sourceDetail,
  };
  if (kind === 'life-event') return { kind, lane: d.lane, ...common };
  return {
    kind,
    ...common,
    harmedPersonId: d.harmedPersonId || null,
    childAgeThen: d.childAgeThen.trim() === '' ? null : Number(d.childAgeThen),
    hackettCategory: d.hackettCategory,
    brookColour: d.brookColour,
  };
}

/** The kinder problems for a draft's own fields, checked before the contract's. */
export function draftProblems(kind: MapItem['kind'], draft: Draft): FieldProblem[] {
  return [
    ...missingProblems([
      ...(kind === 'life-event'
        ? [['item.lane', draft.lane, 'Choose the type of life event'] as [string, string, string]]
        : []),
      ['item.what', draft.what, 'Describe what happened'],
      ['item.sourceAgency', draft.sourceAgency, 'Choose the agency the information came from'],
    ]),
    ...missingDateParts(draft.date),
    ...(draft.childAgeThen.trim() && !/^\d{1,2}$/.test(draft.childAgeThen.trim())
      ? [{ path: 'item.childAgeThen', message: 'Enter the age as a whole number of years' }]
      : []),
  ];
}

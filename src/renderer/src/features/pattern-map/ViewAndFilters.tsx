import { useState } from 'react';
import { AGENCIES, AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { dateBoxesOf, dateValueProblem, isIsoDay } from '#domain/dates.ts';
import type { ScaleMode } from '#domain/pattern-map/time-scale.ts';
import { DateField } from '../../ui/DateField.tsx';
import { CheckboxGroup, RadioGroup } from '../../ui/Field.tsx';
import { type FormErrors, NO_ERRORS } from '../../ui/problems.ts';
import { INCIDENT_LANE, INCIDENT_LANE_LABEL, VIEW_LABELS } from './labels.ts';
import { NO_FILTERS } from './projection.ts';
import { useMapStore } from './store.ts';

const VIEW_OPTIONS = (['named', 'anonymised'] as const).map((value) => ({
  value,
  label: VIEW_LABELS[value],
}));

/** A choice of how the map is shown, as one row of radios. */
function InlineChoice<T extends string>(props: {
  form: string;
  path: string;
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return <RadioGroup<T> {...props} errors={NO_ERRORS} inline />;
}

/** Named or anonymised: switchable at any time, for the map, the table and everything on them. */
export function ViewSwitch({ form = 'pm-view' }: { form?: string }) {
  const view = useMapStore((s) => s.view);
  const setView = useMapStore((s) => s.setView);
  return (
    <InlineChoice
      form={form}
      path="view"
      label="View"
      options={VIEW_OPTIONS}
      value={view}
      onChange={setView}
    />
  );
}

const SCALE_OPTIONS: { value: ScaleMode; label: string }[] = [
  { value: 'compressed', label: 'Every item given room (long empty periods shortened)' },
  { value: 'proportional', label: 'Strictly in proportion to time' },
];

/** The time scale: compressed, so a whole life fits, or strictly proportional. */
export function ScaleSwitch() {
  const scaleMode = useMapStore((s) => s.scaleMode);
  const setScaleMode = useMapStore((s) => s.setScaleMode);
  return (
    <InlineChoice
      form="pm-scale"
      path="scale"
      label="Time scale"
      options={SCALE_OPTIONS}
      value={scaleMode}
      onChange={setScaleMode}
    />
  );
}

/** Which lanes, agencies and period the map and the table show. */
export function Filters() {
  const filters = useMapStore((s) => s.filters);
  const setFilters = useMapStore((s) => s.setFilters);
  const types = useMapStore((s) => s.map.lifeEventTypes);
  const [period, setPeriod] = useState({ from: filters.from, to: filters.to });
  const laneOptions = [
    { value: INCIDENT_LANE, label: INCIDENT_LANE_LABEL },
    ...types.map((t) => ({ value: t.id, label: t.label })),
  ];
  const agencyOptions = AGENCIES.map((value) => ({ value, label: AGENCY_LABELS[value] }));
  const badPeriod = isIsoDay(period.from) && isIsoDay(period.to) && period.to < period.from;
  // A filter applies only a whole, real date; a date typed in full that is not real says so.
  const usable = (day: string) => day === '' || isIsoDay(day);
  const typedWrongly = (path: 'from' | 'to', label: string): FormErrors => {
    const boxes = dateBoxesOf(period[path]);
    const message = dateValueProblem(period[path]);
    return message && boxes.day && boxes.month && boxes.year
      ? { problems: [{ path, message: `${label} ${message}` }] }
      : NO_ERRORS;
  };
  const filtering =
    filters.lanes.length > 0 || filters.agencies.length > 0 || Boolean(filters.from) || Boolean(filters.to);
  return (
    <div className="pm-filters">
      <CheckboxGroup
        form="pm-filter"
        path="lanes"
        label="Lanes"
        hint="Tick none to show the child’s incidents and every type that has items."
        options={laneOptions}
        values={filters.lanes}
        onChange={(lanes) => setFilters({ ...filters, lanes })}
        errors={NO_ERRORS}
      />
      <CheckboxGroup<Agency>
        form="pm-filter"
        path="agencies"
        label="Source agency"
        hint="Tick none to show every agency."
        options={agencyOptions}
        values={filters.agencies}
        onChange={(agencies) => setFilters({ ...filters, agencies })}
        errors={NO_ERRORS}
      />
      <fieldset className="fieldset pm-period">
        <legend className="pm-legend">Period</legend>
        <div className="pm-row">
          <DateField
            form="pm-filter"
            path="from"
            label="From"
            value={period.from}
            onChange={(from) => {
              setPeriod({ ...period, from });
              if (usable(from) && (!isIsoDay(period.to) || !from || period.to >= from))
                setFilters({ ...filters, from });
            }}
            errors={typedWrongly('from', 'The start of the period')}
          />
          <DateField
            form="pm-filter"
            path="to"
            label="To"
            value={period.to}
            onChange={(to) => {
              setPeriod({ ...period, to });
              if (usable(to) && (!isIsoDay(period.from) || !to || to >= period.from))
                setFilters({ ...filters, to });
            }}
            errors={
              badPeriod
                ? { problems: [{ path: 'to', message: 'must not be before the start of the period' }] }
                : typedWrongly('to', 'The end of the period')
            }
          />
        </div>
      </fieldset>
      {filtering ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setPeriod({ from: '', to: '' });
            setFilters(NO_FILTERS);
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

import type { FieldProblem } from '#contract/errors.ts';
import { MONTHS, SEASONS, type UncertainDate } from '#domain/pattern-map/uncertain-date.ts';
import { DateField } from '../../ui/DateField.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { entryProblems, type FormErrors } from '../../ui/problems.ts';

// Chronologies are uncertain: the person says how exact the date is, then gives just that much.

export type Precision = UncertainDate['precision'];

export const PRECISION_OPTIONS: { value: Precision; label: string }[] = [
  { value: 'day', label: 'Exact day' },
  { value: 'month', label: 'Month' },
  { value: 'season', label: 'Season' },
  { value: 'year', label: 'Year' },
  { value: 'range', label: 'Between two dates' },
  { value: 'age', label: 'At about age' },
];

const MONTH_OPTIONS = MONTHS.map((label, i) => ({ value: String(i + 1), label }));

const SEASON_OPTIONS = SEASONS.map((value) => ({
  value,
  label: `${value[0]?.toUpperCase()}${value.slice(1)}${value === 'winter' ? ' (December to February)' : ''}`,
}));

export interface DateDraft {
  precision: Precision;
  day: string;
  month: string;
  season: string;
  year: string;
  from: string;
  to: string;
  age: string;
}

export const EMPTY_DATE: DateDraft = {
  precision: 'day',
  day: '',
  month: '',
  season: '',
  year: '',
  from: '',
  to: '',
  age: '',
};

export const DATE_LABELS: Record<string, string> = {
  'item.date.precision': 'How exact is the date?',
  'item.date.day': 'Date',
  'item.date.month': 'Month',
  'item.date.season': 'Season',
  'item.date.year': 'Year',
  'item.date.from': 'Start date',
  'item.date.to': 'End date',
  'item.date.age': 'Age in years',
  'item.date': 'Date',
};

export function draftOfDate(date: UncertainDate): DateDraft {
  switch (date.precision) {
    case 'day':
      return { ...EMPTY_DATE, precision: 'day', day: date.day };
    case 'month':
      return { ...EMPTY_DATE, precision: 'month', month: String(date.month), year: String(date.year) };
    case 'season':
      return { ...EMPTY_DATE, precision: 'season', season: date.season, year: String(date.year) };
    case 'year':
      return { ...EMPTY_DATE, precision: 'year', year: String(date.year) };
    case 'range':
      return { ...EMPTY_DATE, precision: 'range', from: date.from, to: date.to };
    case 'age':
      return { ...EMPTY_DATE, precision: 'age', age: String(date.age) };
  }
}

const asNumber = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/** The date as the contract takes it; the schema then checks it (e.g. a range that runs backwards). */
export function dateOfDraft(d: DateDraft): unknown {
  switch (d.precision) {
    case 'day':
      return { precision: 'day', day: d.day };
    case 'month':
      return { precision: 'month', year: asNumber(d.year), month: asNumber(d.month) };
    case 'season':
      return { precision: 'season', year: asNumber(d.year), season: d.season };
    case 'year':
      return { precision: 'year', year: asNumber(d.year) };
    case 'range':
      return { precision: 'range', from: d.from, to: d.to };
    case 'age':
      return { precision: 'age', age: asNumber(d.age) };
  }
}

/** Kind words for parts left empty, before the schema's stricter rules. */
export function missingDateParts(d: DateDraft): FieldProblem[] {
  const need: [string, string, string][] = [];
  const year: [string, string, string] = ['item.date.year', d.year, 'Enter the year, for example 2021'];
  if (d.precision === 'day') need.push(['item.date.day', d.day, 'Enter the date']);
  if (d.precision === 'month') need.push(['item.date.month', d.month, 'Choose the month'], year);
  if (d.precision === 'season') need.push(['item.date.season', d.season, 'Choose the season'], year);
  if (d.precision === 'year') need.push(year);
  if (d.precision === 'range')
    need.push(
      ['item.date.from', d.from, 'Enter the start date'],
      ['item.date.to', d.to, 'Enter the end date'],
    );
  if (d.precision === 'age') need.push(['item.date.age', d.age, 'Enter the child’s age at the time']);
  const problems = need.filter(([, v]) => !v.trim()).map(([path, , message]) => ({ path, message }));
  const notNumber = (path: string, v: string, message: string) =>
    v.trim() && Number.isNaN(asNumber(v)) ? [{ path, message }] : [];
  if (['month', 'season', 'year'].includes(d.precision))
    problems.push(...notNumber('item.date.year', d.year, 'Enter the year as four digits, for example 2021'));
  if (d.precision === 'age')
    problems.push(...notNumber('item.date.age', d.age, 'Enter the age as a whole number'));
  if (d.precision === 'day') problems.push(...entryProblems([['item.date.day', d.day, 'The date', 'date']]));
  if (d.precision === 'range')
    problems.push(
      ...entryProblems([
        ['item.date.from', d.from, 'The start date', 'date'],
        ['item.date.to', d.to, 'The end date', 'date'],
      ]),
    );
  return problems;
}

interface Props {
  form: string;
  value: DateDraft;
  onChange: (value: DateDraft) => void;
  errors: FormErrors;
}

export function DateEntry({ form, value, onChange, errors }: Props) {
  const set = (patch: Partial<DateDraft>) => onChange({ ...value, ...patch });
  const yearField = (
    <TextField
      form={form}
      path="item.date.year"
      label={DATE_LABELS['item.date.year'] ?? 'Year'}
      inputMode="numeric"
      width="short"
      value={value.year}
      onChange={(year) => set({ year })}
      errors={errors}
    />
  );
  return (
    <div className="pm-date">
      <SelectField
        form={form}
        path="item.date.precision"
        label="How exact is the date?"
        hint="Anything but an exact day is placed at the middle of its period and marked “approx.”"
        value={value.precision}
        onChange={(precision) => set({ precision: precision as Precision })}
        options={PRECISION_OPTIONS}
        errors={errors}
      />
      <div className="pm-date__parts">
        {value.precision === 'day' ? (
          <DateField
            form={form}
            path="item.date.day"
            label="Date"
            value={value.day}
            onChange={(day) => set({ day })}
            errors={errors}
          />
        ) : null}
        {value.precision === 'month' ? (
          <>
            <SelectField
              form={form}
              path="item.date.month"
              label="Month"
              value={value.month}
              onChange={(month) => set({ month })}
              options={MONTH_OPTIONS}
              placeholder="Choose the month"
              errors={errors}
            />
            {yearField}
          </>
        ) : null}
        {value.precision === 'season' ? (
          <>
            <SelectField
              form={form}
              path="item.date.season"
              label="Season"
              value={value.season}
              onChange={(season) => set({ season })}
              options={SEASON_OPTIONS}
              placeholder="Choose the season"
              errors={errors}
            />
            {yearField}
          </>
        ) : null}
        {value.precision === 'year' ? yearField : null}
        {value.precision === 'range' ? (
          <>
            <DateField
              form={form}
              path="item.date.from"
              label="Start date"
              value={value.from}
              onChange={(from) => set({ from })}
              errors={errors}
            />
            <DateField
              form={form}
              path="item.date.to"
              label="End date"
              value={value.to}
              onChange={(to) => set({ to })}
              errors={errors}
            />
          </>
        ) : null}
        {value.precision === 'age' ? (
          <TextField
            form={form}
            path="item.date.age"
            label="Age in years"
            hint="The item is placed across the year from that birthday."
            inputMode="numeric"
            width="short"
            value={value.age}
            onChange={(age) => set({ age })}
            errors={errors}
          />
        ) : null}
      </div>
    </div>
  );
}

import { formatBirthDate, formatDay, formatInstant } from './dates.ts';

/** A day (yyyy-mm-dd) shown as dd/mm/yyyy, marked up as a <time> for assistive technology. */
export function DayText({ value }: { value: string }) {
  return <time dateTime={value}>{formatDay(value)}</time>;
}

/** A date of birth with the child's age today, e.g. '14/03/2013 (age 13)'. */
export function BirthDateText({ value }: { value: string }) {
  return <time dateTime={value}>{formatBirthDate(value)}</time>;
}

/** An instant shown in local time as dd/mm/yyyy, or dd/mm/yyyy hh:mm with `withTime`. */
export function InstantText({ value, withTime = false }: { value: string; withTime?: boolean }) {
  return <time dateTime={value}>{formatInstant(value, withTime)}</time>;
}

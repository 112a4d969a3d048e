import { formatBirthDate, formatDayText, formatInstant, londonDay } from '#domain/dates.ts';

/** Today's date in London (yyyy-mm-dd), from this computer's clock, whatever its own time zone. */
export function todayInLondon(now: Date = new Date()): string {
  return londonDay(now.toISOString());
}

/** A day (yyyy-mm-dd) shown as dd/mm/yyyy, marked up as a <time> for assistive technology. */
export function DayText({ value }: { value: string }) {
  return <time dateTime={value}>{formatDayText(value)}</time>;
}

/** A date of birth with the child's age today, e.g. '14/03/2013 (age 13)'. */
export function BirthDateText({ value }: { value: string }) {
  return <time dateTime={value}>{formatBirthDate(value, todayInLondon())}</time>;
}

/** An instant shown in London time as dd/mm/yyyy, or dd/mm/yyyy hh:mm (24-hour) with `withTime`. */
export function InstantText({ value, withTime = false }: { value: string; withTime?: boolean }) {
  return <time dateTime={value}>{formatInstant(value, withTime)}</time>;
}

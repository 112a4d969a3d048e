import { z } from 'zod';
import { addCalendarDays, dayNumber, formatDay, isIsoDay, pad } from '../dates.ts';

/**
 * Chronologies are uncertain: a date may be an exact day, a month, a season or a year, a range, or
 * "at about age 7". Every kind is placed on the time axis as a span of days; anything but an exact day
 * is marked approximate.
 */

const day = z.string().refine(isIsoDay, 'must be a date written YYYY-MM-DD');
const year = z
  .number()
  .int('must be a whole year')
  .min(1950, 'must be 1950 or later')
  .max(2100, 'must be 2100 or earlier');

export const SEASONS = ['spring', 'summer', 'autumn', 'winter'] as const;
export type Season = (typeof SEASONS)[number];

export const UncertainDateSchema = z.discriminatedUnion('precision', [
  z.strictObject({ precision: z.literal('day'), day }),
  z.strictObject({ precision: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.strictObject({ precision: z.literal('season'), year, season: z.enum(SEASONS) }),
  z.strictObject({ precision: z.literal('year'), year }),
  z.strictObject({ precision: z.literal('range'), from: day, to: day }).refine((r) => r.to >= r.from, {
    message: 'the end date must not be before the start date',
    path: ['to'],
  }),
  z.strictObject({ precision: z.literal('age'), age: z.number().int().min(0).max(25) }),
]);
export type UncertainDate = z.infer<typeof UncertainDateSchema>;

export interface AxisSpan {
  /** First and last day the item may fall on. */
  from: string;
  to: string;
  /** Where it is drawn: the middle of the span, in whole days since 1970-01-01. */
  midpoint: number;
  approximate: boolean;
  /** How the date reads to a person, British style. */
  label: string;
}

/** The months' names, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Meteorological seasons, as British chronologies use them; winter runs December to February. */
function seasonSpan(y: number, season: Season): [string, string] {
  switch (season) {
    case 'spring':
      return [`${y}-03-01`, `${y}-05-31`];
    case 'summer':
      return [`${y}-06-01`, `${y}-08-31`];
    case 'autumn':
      return [`${y}-09-01`, `${y}-11-30`];
    case 'winter':
      return [`${y}-12-01`, `${y + 1}-02-${pad(lastDayOfMonth(y + 1, 2))}`];
  }
}

function span(from: string, to: string, approximate: boolean, label: string): AxisSpan {
  return { from, to, midpoint: Math.floor((dayNumber(from) + dayNumber(to)) / 2), approximate, label };
}

/**
 * Places an uncertain date on the axis. "At about age N" needs the child's date of birth: it spans the
 * year from their Nth birthday.
 */
export function placeDate(date: UncertainDate, dateOfBirth: string): AxisSpan {
  switch (date.precision) {
    case 'day':
      return span(date.day, date.day, false, formatDay(date.day));
    case 'month': {
      const from = `${date.year}-${pad(date.month)}-01`;
      const to = `${date.year}-${pad(date.month)}-${pad(lastDayOfMonth(date.year, date.month))}`;
      return span(from, to, true, `${MONTHS[date.month - 1]} ${date.year}`);
    }
    case 'season': {
      const [from, to] = seasonSpan(date.year, date.season);
      const name = date.season[0]?.toUpperCase() + date.season.slice(1);
      return span(
        from,
        to,
        true,
        `${name} ${date.year}${date.season === 'winter' ? `–${String(date.year + 1).slice(2)}` : ''}`,
      );
    }
    case 'year':
      return span(`${date.year}-01-01`, `${date.year}-12-31`, true, String(date.year));
    case 'range':
      return span(
        date.from,
        date.to,
        date.from !== date.to,
        `${formatDay(date.from)} to ${formatDay(date.to)}`,
      );
    case 'age': {
      const birthYear = Number(dateOfBirth.slice(0, 4));
      const from = birthdayIn(dateOfBirth, birthYear + date.age);
      const to = addCalendarDays(birthdayIn(dateOfBirth, birthYear + date.age + 1), -1);
      return span(from, to, true, `At about age ${date.age}`);
    }
  }
}

/** The birthday in a year; someone born on 29 February has it on 1 March in other years. */
function birthdayIn(dateOfBirth: string, year: number): string {
  const day = `${year}${dateOfBirth.slice(4)}`;
  return isIsoDay(day) ? day : `${year}-03-01`;
}

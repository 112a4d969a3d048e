/**
 * Small date helpers shared by the domain. Pure: no clock reads, no I/O.
 *
 * - A calendar day is an ISO string `YYYY-MM-DD` (`IsoDay`). Day arithmetic is done on whole days since
 *   1970-01-01, so it never meets a clock change.
 * - An instant is an ISO UTC string such as `2026-12-01T09:30:00.000Z` (`IsoInstant`).
 * - "Local" means Europe/London. Conversions between instants and London days go through
 *   `Intl.DateTimeFormat`, never hand-written daylight-saving rules.
 */

export type IsoDay = string;
export type IsoInstant = string;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for an ISO date-time with a zone (`Z` or `+01:00`) that names a real instant. */
export function isIsoInstant(value: string): boolean {
  return INSTANT_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

function requireDay(day: IsoDay): void {
  if (!isIsoDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
}

/** Whole days since 1970-01-01. */
export function dayNumber(day: IsoDay): number {
  requireDay(day);
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayFromNumber(n: number): IsoDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(day: IsoDay, n: number): IsoDay {
  return dayFromNumber(dayNumber(day) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDay, to: IsoDay): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: IsoDay): number {
  return new Date(dayNumber(day) * DAY_MS).getUTCDay();
}

export function yearOf(day: IsoDay): number {
  return Number(day.slice(0, 4));
}

/** Adds whole months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: IsoDay, months: number): IsoDay {
  requireDay(day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * Age in completed years on `day`. Someone born on 29 February is treated as having their birthday
 * on 1 March in other years (the usual position in England).
 */
export function ageOn(dateOfBirth: IsoDay, day: IsoDay): number {
  requireDay(dateOfBirth);
  requireDay(day);
  const years = yearOf(day) - yearOf(dateOfBirth);
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  day: IsoDay;
  time: string;
  /** The wall-clock reading as if it were UTC, in ms; used to find London's offset. */
  asUtcMs: number;
}

function londonWallClock(ms: number): WallClock {
  const parts: Record<string, string> = {};
  for (const p of londonParts.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  const asUtcMs = Date.parse(`${day}T${time}:${parts.second}Z`) + (((ms % 1000) + 1000) % 1000);
  return { day, time, asUtcMs };
}

function instantMs(instant: IsoInstant): number {
  if (!isIsoInstant(instant)) throw new RangeError(`Not an ISO instant: ${instant}`);
  return Date.parse(instant);
}

/** Normalises any ISO instant to the UTC form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function toUtcInstant(instant: IsoInstant): IsoInstant {
  return new Date(instantMs(instant)).toISOString();
}

export function addMilliseconds(instant: IsoInstant, ms: number): IsoInstant {
  return new Date(instantMs(instant) + ms).toISOString();
}

export function millisecondsBetween(from: IsoInstant, to: IsoInstant): number {
  return instantMs(to) - instantMs(from);
}

/** The Europe/London calendar day on which an instant falls. */
export function londonDay(instant: IsoInstant): IsoDay {
  return londonWallClock(instantMs(instant)).day;
}

/** The Europe/London time of day, `HH:mm` (24-hour clock). */
export function londonTime(instant: IsoInstant): string {
  return londonWallClock(instantMs(instant)).time;
}

/** The instant at which a London calendar day starts (00:00 GMT or BST). */
export function startOfLondonDay(day: IsoDay): IsoInstant {
  const guess = dayNumber(day) * DAY_MS;
  let result = guess - (londonWallClock(guess).asUtcMs - guess);
  // A second pass settles the offset when the first guess sat on the other side of a clock change.
  result = guess - (londonWallClock(result).asUtcMs - result);
  return new Date(result).toISOString();
}

/** The last millisecond of a London calendar day: the moment a day-based deadline runs out. */
export function endOfLondonDay(day: IsoDay): IsoInstant {
  return addMilliseconds(startOfLondonDay(addCalendarDays(day, 1)), -1);
}

/** British format: `01/12/2026`. */
export function formatDay(day: IsoDay): string {
  requireDay(day);
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** For display: an ISO day as dd/mm/yyyy, any other text unchanged. */
export function formatDayText(value: string): string {
  return isIsoDay(value) ? formatDay(value) : value;
}

/** British format with the weekday: `Tue 01/12/2026`. */
export function formatDayWithWeekday(day: IsoDay): string {
  return `${WEEKDAYS[dayOfWeek(day)]} ${formatDay(day)}`;
}

/** Two digits: 7 → '07'. The one copy; the renderer imports it from here. */
export const pad = (n: number): string => String(n).padStart(2, '0');

/** The offset-free reading of an instant on a London wall clock: `01/12/2026`, or `01/12/2026 14:30`. */
export function formatInstant(instant: IsoInstant, withTime = false): string {
  if (!isIsoInstant(instant)) return instant;
  const { day, time } = londonWallClock(Date.parse(instant));
  return withTime ? `${formatDay(day)} ${time}` : formatDay(day);
}

/** The London time of an instant, `14:30` or `14:30:05` (24-hour clock). */
export function formatLondonTime(instant: IsoInstant, seconds = false): string {
  if (!isIsoInstant(instant)) return instant;
  const ms = Date.parse(instant);
  const { time } = londonWallClock(ms);
  return seconds ? `${time}:${pad(new Date(ms).getUTCSeconds())}` : time;
}

/** The instant a London wall-clock reading names (`2026-03-29`, `14:30` → BST). Null when either is not real. */
export function londonInstant(day: IsoDay, time: string): IsoInstant | null {
  const hm = readTime(time);
  if (!isIsoDay(day) || hm === null) return null;
  const guess = Date.parse(`${day}T${hm}:00Z`);
  let result = guess - (londonWallClock(guess).asUtcMs - guess);
  result = guess - (londonWallClock(result).asUtcMs - result);
  return new Date(result).toISOString();
}

/** Age in completed years on `day`, or null when either date is not real or the birth is after `day`. */
export function ageOrNull(dateOfBirth: string, day: string): number | null {
  if (!isIsoDay(dateOfBirth) || !isIsoDay(day) || dateOfBirth > day) return null;
  return ageOn(dateOfBirth, day);
}

/** '14/03/2013 (age 13)' on `today`, or just the date when no age can be given. */
export function formatBirthDate(dateOfBirth: string, today: IsoDay): string {
  if (!isIsoDay(dateOfBirth)) return dateOfBirth;
  const age = ageOrNull(dateOfBirth, today);
  return age === null ? formatDay(dateOfBirth) : `${formatDay(dateOfBirth)} (age ${age})`;
}

// ---------------------------------------------------------------------------------------------------
// Dates and times typed by a person: Day, Month and Year boxes (the GOV.UK date input) and one 24-hour
// "hh:mm" box. A form keeps one string per date: the ISO day once the boxes make a real date, '' when
// all three are empty, and otherwise the boxes as typed, joined by '/' (a "date entry"), so that a
// half-typed date is never taken for a real one and can be shown back exactly as typed.

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

export interface DateBoxes {
  day: string;
  month: string;
  year: string;
}

export type DateBox = keyof DateBoxes;

export type DateReading =
  | { kind: 'empty' }
  | { kind: 'date'; value: IsoDay }
  /** `message` follows the field's label: 'must include a month' → 'Date of birth must include a month'. */
  | { kind: 'problem'; message: string; boxes: DateBox[] };

const NAMES: Record<DateBox, string> = { day: 'day', month: 'month', year: 'year' };

/** Reads the three boxes: a real calendar day between 1900 and 2100, or what is wrong and in which boxes. */
export function readDateBoxes(boxes: DateBoxes): DateReading {
  const typed = { day: boxes.day.trim(), month: boxes.month.trim(), year: boxes.year.trim() };
  const all: DateBox[] = ['day', 'month', 'year'];
  const missing = all.filter((box) => typed[box] === '');
  if (missing.length === 3) return { kind: 'empty' };
  if (missing.length > 0) {
    const names = missing.map((box) => NAMES[box]);
    return { kind: 'problem', message: `must include a ${names.join(' and ')}`, boxes: missing };
  }
  const notNumbers = all.filter((box) => !/^\d+$/.test(typed[box]));
  if (notNumbers.length > 0) return { kind: 'problem', message: 'must be a real date', boxes: notNumbers };
  if (typed.year.length !== 4) {
    return { kind: 'problem', message: 'must have a year with 4 numbers, for example 2007', boxes: ['year'] };
  }
  const [d, m, y] = [Number(typed.day), Number(typed.month), Number(typed.year)];
  if (typed.day.length > 2 || typed.month.length > 2 || m < 1 || m > 12 || d < 1) {
    const wrong: DateBox[] = typed.month.length > 2 || m < 1 || m > 12 ? ['month'] : ['day'];
    return { kind: 'problem', message: 'must be a real date', boxes: wrong };
  }
  const value = `${typed.year}-${pad(m)}-${pad(d)}`;
  if (!isIsoDay(value)) return { kind: 'problem', message: 'must be a real date', boxes: ['day'] };
  if (y < EARLIEST_YEAR || y > LATEST_YEAR) {
    return {
      kind: 'problem',
      message: `must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
      boxes: ['year'],
    };
  }
  return { kind: 'date', value };
}

/** The boxes a form's date string shows: an ISO day split up, a date entry as typed, '' as empty boxes. */
export function dateBoxesOf(value: string): DateBoxes {
  if (isIsoDay(value)) {
    return { day: value.slice(8, 10), month: value.slice(5, 7), year: value.slice(0, 4) };
  }
  const [day = '', month = '', year = ''] = value.split('/');
  return { day, month, year };
}

/** The string a form keeps for the boxes: the ISO day when real, '' when empty, else the boxes as typed. */
export function dateValueOf(boxes: DateBoxes): string {
  const reading = readDateBoxes(boxes);
  if (reading.kind === 'date') return reading.value;
  if (reading.kind === 'empty') return '';
  return `${boxes.day.replaceAll('/', '')}/${boxes.month.replaceAll('/', '')}/${boxes.year.replaceAll('/', '')}`;
}

/** What is wrong with a form's date string (an ISO day and '' are fine), worded to follow the label. */
export function dateValueProblem(value: string): string | null {
  if (value === '' || isIsoDay(value)) return null;
  const reading = readDateBoxes(dateBoxesOf(value));
  return reading.kind === 'problem' ? reading.message : 'must be a real date';
}

const ENTRY_PROBLEM =
  /(must include a (day|month|year)( and (month|year))?|must be a real date|must have a year with 4 numbers, for example 2007|must be between \d{4} and \d{4})$/;

/** Whether a problem shown against a date is about how it was typed (rather than, say, being in the future). */
export function isDateEntryProblem(message: string): boolean {
  return ENTRY_PROBLEM.test(message);
}

const TIME_PATTERN = /^(\d{1,2})(?:[:.](\d{2})|(\d{2}))$/;

/** '14:30', '14.30', '1430' and '9:05' → '14:30' / '09:05' on the 24-hour clock; null when not a real time. */
export function readTime(text: string): string | null {
  const m = TIME_PATTERN.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? m[3]);
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** What is wrong with a typed time ('' is fine: the form decides whether it is needed). */
export function timeValueProblem(value: string): string | null {
  if (value.trim() === '' || readTime(value) !== null) return null;
  return 'must be a real time on the 24-hour clock, for example 14:30';
}

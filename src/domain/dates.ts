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

/** British format with the weekday: `Tue 01/12/2026`. */
export function formatDayWithWeekday(day: IsoDay): string {
  return `${WEEKDAYS[dayOfWeek(day)]} ${formatDay(day)}`;
}

import { dayFromNumber, dayNumber, isIsoDay } from '../dates.ts';

/**
 * The map's time axis: day → x, through the dates on the map and where each is drawn (`days`, `xs`),
 * in proportion between them. Two kinds:
 * - compressed (the default, built by layout.ts): each date gets room of its own, so a dense period is
 *   spread out and the whole life fits; an empty stretch of years is cut short and shown as a break;
 * - proportional: x grows strictly with time.
 * Pure: the same dates always give the same scale and ticks.
 */

export type ScaleMode = 'compressed' | 'proportional';

/** A stretch with nothing on the map, cut short: drawn between `x` and `x + width`. */
export interface ScaleBreak {
  fromDay: number;
  toDay: number;
  x: number;
  width: number;
}

export interface TimeScale {
  mode: ScaleMode;
  /** The dates the scale is built on (whole days since 1970-01-01), ascending, and their x. */
  days: number[];
  xs: number[];
  breaks: ScaleBreak[];
  /** Pixels a day before the first date and after the last. */
  edgeRate: number;
}

/** Strictly proportional: x grows with time at `pixelsPerDay`. */
export function proportionalScale(
  dayNumbers: readonly number[],
  pixelsPerDay: number,
  leftPad: number,
): TimeScale {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const day of dayNumbers) {
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  if (!Number.isFinite(first)) first = last = 0;
  return {
    mode: 'proportional',
    days: [first, last],
    xs: [leftPad, leftPad + (last - first) * pixelsPerDay],
    breaks: [],
    edgeRate: pixelsPerDay,
  };
}

/** Where a day falls: between two dates on the map, in proportion; inside a break, across it. */
export function xOfDay(scale: TimeScale, day: number): number {
  const { days, xs } = scale;
  const first = days[0] ?? 0;
  const last = days.at(-1) ?? first;
  if (day <= first) return (xs[0] ?? 0) - (first - day) * scale.edgeRate;
  if (day >= last) return (xs.at(-1) ?? 0) + (day - last) * scale.edgeRate;
  let lo = 0;
  let hi = days.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] ?? 0) <= day) lo = mid;
    else hi = mid;
  }
  const d0 = days[lo] ?? 0;
  const d1 = days[hi] ?? d0;
  const x0 = xs[lo] ?? 0;
  const x1 = xs[hi] ?? x0;
  return d1 === d0 ? x0 : x0 + ((day - d0) / (d1 - d0)) * (x1 - x0);
}

export interface AxisTick {
  x: number;
  label: string;
}

export interface AxisTicks {
  /** 1 January of each year, labelled with the year. */
  years: AxisTick[];
  /** Each birthday, labelled with the age the child turns. */
  ages: AxisTick[];
  /** The breaks, labelled with the years they leave out. */
  breaks: (ScaleBreak & { label: string })[];
}

/**
 * Where the tick for a year (or an age) starting on `day` and ending before `end` goes: none inside a
 * break, except that one still running when the break ends is marked where the scale starts again.
 */
function tickX(scale: TimeScale, day: number, end: number): number | null {
  const within = scale.breaks.find((b) => day >= b.fromDay && day <= b.toDay);
  if (!within) return xOfDay(scale, day);
  return end > within.toDay + 1 ? within.x + within.width + 2 : null;
}

function birthdayIn(dateOfBirth: string, year: number): number {
  const text = `${year}${dateOfBirth.slice(4)}`;
  return dayNumber(isIsoDay(text) ? text : `${year}-03-01`);
}

/**
 * The ticks of both axes, the calendar years and the child's age, from a little before the first date to
 * a little after the last; none inside a break, which says what it leaves out.
 */
export function axisTicks(scale: TimeScale, dateOfBirth: string): AxisTicks {
  const first = scale.days[0] ?? 0;
  const last = scale.days.at(-1) ?? first;
  const fromYear = Number(dayFromNumber(first).slice(0, 4));
  const toYear = Number(dayFromNumber(last).slice(0, 4)) + 1;
  const years: AxisTick[] = [];
  const ages: AxisTick[] = [];
  const birthYear = Number(dateOfBirth.slice(0, 4));
  for (let year = fromYear; year <= toYear; year++) {
    const newYear = dayNumber(`${year}-01-01`);
    const yearX = tickX(scale, newYear, dayNumber(`${year + 1}-01-01`));
    if (yearX !== null) years.push({ x: yearX, label: String(year) });
    const age = year - birthYear;
    const birthday = birthdayIn(dateOfBirth, year);
    const ageX = tickX(scale, birthday, birthdayIn(dateOfBirth, year + 1));
    if (age >= 0 && birthday >= first - 366 && birthday <= last + 366 && ageX !== null)
      ages.push({ x: ageX, label: age === 0 ? 'born' : `age ${age}` });
  }
  const breaks = scale.breaks.map((b) => {
    // The years it leaves out whole, or else the years it touches.
    const fromDay = dayFromNumber(b.fromDay);
    const toDay = dayFromNumber(b.toDay);
    let from = Number(fromDay.slice(0, 4)) + (fromDay.endsWith('-01-01') ? 0 : 1);
    let to = Number(toDay.slice(0, 4)) - (toDay.endsWith('-12-31') ? 0 : 1);
    if (from > to) [from, to] = [Number(fromDay.slice(0, 4)), Number(toDay.slice(0, 4))];
    return { ...b, label: from === to ? `${from}: nothing recorded` : `${from}–${to}: nothing recorded` };
  });
  return { years, ages, breaks };
}

/** Ticks too close on screen (or paper) to the last labelled one keep their line but lose their label. */
export function spacedTicks(ticks: readonly AxisTick[], zoom: number, room: number): AxisTick[] {
  let last = Number.NEGATIVE_INFINITY;
  return ticks.map((t) => {
    if (t.x * zoom - last < room) return { ...t, label: '' };
    last = t.x * zoom;
    return t;
  });
}

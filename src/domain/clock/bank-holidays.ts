import Holidays from 'date-holidays';
import type { IsoDay } from '../dates.ts';
import { yearOf } from '../dates.ts';

import type { Nation } from './nations.ts';

export { NATION_LABELS, NATIONS, type Nation } from './nations.ts';

// date-holidays regions for each nation. England and Wales are read both ways so that a difference in
// the library's data for one of them can never hide a bank holiday.
const REGIONS: Record<Nation, readonly string[]> = {
  'england-wales': ['ENG', 'WLS'],
  scotland: ['SCT'],
  'northern-ireland': ['NIR'],
};

export interface BankHoliday {
  day: IsoDay;
  name: string;
}

// Memoised per nation and year. The tables are derived from fixed library data, so the cache is
// invisible to callers: the functions below stay pure in effect.
const byRegion = new Map<string, Holidays>();
const byNationYear = new Map<string, readonly BankHoliday[]>();
const daySets = new Map<string, ReadonlySet<IsoDay>>();

function regionCalendar(region: string): Holidays {
  let hd = byRegion.get(region);
  if (!hd) {
    hd = new Holidays('GB', region);
    byRegion.set(region, hd);
  }
  return hd;
}

/**
 * The bank holidays of a nation in a year, in date order. Only holidays of type 'public' count (these
 * are the bank holidays; observances such as Mother's Day do not), and substitute days are included:
 * e.g. 27 and 28 December 2027 stand in for Christmas Day and Boxing Day falling at the weekend.
 */
export function bankHolidaysIn(nation: Nation, year: number): readonly BankHoliday[] {
  const key = `${nation}:${year}`;
  const cached = byNationYear.get(key);
  if (cached) return cached;
  const found = new Map<IsoDay, string>();
  for (const region of REGIONS[nation]) {
    for (const h of regionCalendar(region).getHolidays(year)) {
      const day = h.date.slice(0, 10);
      if (h.type === 'public' && yearOf(day) === year && !found.has(day)) found.set(day, h.name);
    }
  }
  const list = [...found.entries()]
    .map(([day, name]) => ({ day, name }))
    .sort((a, b) => a.day.localeCompare(b.day));
  byNationYear.set(key, Object.freeze(list));
  return list;
}

function bankHolidaySet(nation: Nation, year: number): ReadonlySet<IsoDay> {
  const key = `${nation}:${year}`;
  let set = daySets.get(key);
  if (!set) {
    set = new Set(bankHolidaysIn(nation, year).map((h) => h.day));
    daySets.set(key, set);
  }
  return set;
}

export function isBankHoliday(nation: Nation, day: IsoDay): boolean {
  return bankHolidaySet(nation, yearOf(day)).has(day);
}

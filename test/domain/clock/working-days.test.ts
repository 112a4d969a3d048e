import { describe, expect, it } from 'vitest';
import type { WorkingCalendar } from '#domain/clock/working-days.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '#domain/clock/working-days.ts';

const england: WorkingCalendar = { nation: 'england-wales', closureDays: [] };
const scotland: WorkingCalendar = { nation: 'scotland', closureDays: [] };
const shutdown: WorkingCalendar = {
  nation: 'england-wales',
  closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'],
};

describe('isWorkingDay', () => {
  it('excludes weekends, bank holidays and closure days', () => {
    expect(isWorkingDay(england, '2026-12-01')).toBe(true);
    expect(isWorkingDay(england, '2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay(england, '2026-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay(shutdown, '2026-12-30')).toBe(false); // closure day
    expect(isWorkingDay(england, '2026-12-30')).toBe(true);
  });
});

// Each row hand-counted with the trigger day as day 0 (see the working-days.ts doc comment).
const cases: [string, WorkingCalendar, string, number, string][] = [
  // Fri 27 = 1, Mon 30 = 2, Tue 1 = 3.
  ['3 working days from Thursday, no holidays', england, '2026-11-26', 3, '2026-12-01'],
  // St Andrew's Day (Mon 30/11) is a Scottish bank holiday: Fri 1, Tue 2, Wed 3.
  ['the same in Scotland', scotland, '2026-11-26', 3, '2026-12-02'],
  // Fri 25 and Mon 28 are bank holidays: Tue 29 = 1, Wed 30 = 2, Thu 31 = 3.
  ['across Christmas 2026', england, '2026-12-24', 3, '2026-12-31'],
  // ... Thu 31 = 3, Fri 1 Jan is a bank holiday, Mon 4 = 4, Tue 5 = 5.
  ['across New Year 2027', england, '2026-12-24', 5, '2027-01-05'],
  // Sat 25 to Tue 28 December 2027 are all non-working (two substitute days): Wed 29 = 1.
  ['across Christmas 2027 with two substitutes', england, '2027-12-24', 1, '2027-12-29'],
  // Mon 26 and Tue 27 December 2022 are bank holidays: Wed 28 = 1.
  ['across Christmas 2022', england, '2022-12-23', 1, '2022-12-28'],
  // Good Friday 3/4 and Easter Monday 6/4: Tue 7 = 1.
  ['across Easter 2026', england, '2026-04-02', 1, '2026-04-07'],
  // Good Friday 26/3 and Easter Monday 29/3: Tue 30 = 1, Wed 31 = 2, Thu 1 = 3.
  ['across Easter 2027', england, '2027-03-25', 3, '2027-04-01'],
  // A Saturday trigger is still day 0: Mon 30 = 1.
  ['from a Saturday', england, '2026-11-28', 1, '2026-11-30'],
  // Christmas Eve, then bank holidays and a shutdown until Mon 4 January 2027.
  ['with a council shutdown between Christmas and New Year', shutdown, '2026-12-24', 1, '2027-01-04'],
  ['0 working days is the trigger day itself', england, '2026-11-28', 0, '2026-11-28'],
];

describe('addWorkingDays', () => {
  it.each(cases)('%s', (_name, calendar, start, n, expected) => {
    expect(addWorkingDays(calendar, start, n)).toBe(expected);
    expect(workingDaysBetween(calendar, start, expected)).toBe(n);
  });

  it('counts back', () => {
    expect(addWorkingDays(england, '2027-01-05', -5)).toBe('2026-12-24');
    expect(addWorkingDays(england, '2026-04-07', -1)).toBe('2026-04-02');
  });

  it('rejects fractions', () => {
    expect(() => addWorkingDays(england, '2026-12-01', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('is negative when the end is before the start', () => {
    expect(workingDaysBetween(england, '2027-01-05', '2026-12-24')).toBe(-5);
  });

  it('is 0 from Friday to Sunday and 1 from Friday to Monday', () => {
    expect(workingDaysBetween(england, '2026-11-27', '2026-11-29')).toBe(0);
    expect(workingDaysBetween(england, '2026-11-27', '2026-11-30')).toBe(1);
  });
});

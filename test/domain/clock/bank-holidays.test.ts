import { describe, expect, it } from 'vitest';
import { bankHolidaysIn, isBankHoliday } from '#domain/clock/bank-holidays.ts';

// Hand-checked against the gov.uk bank holiday lists.
const days = (nation: Parameters<typeof bankHolidaysIn>[0], year: number) =>
  bankHolidaysIn(nation, year).map((h) => h.day);

describe('bank holidays', () => {
  it('England and Wales 2026, with the Boxing Day substitute on Monday 28 December', () => {
    expect(days('england-wales', 2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  it('England and Wales 2027, with both Christmas substitutes (27 and 28 December)', () => {
    expect(days('england-wales', 2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-25',
      '2027-12-26',
      '2027-12-27',
      '2027-12-28',
    ]);
    expect(isBankHoliday('england-wales', '2027-12-27')).toBe(true);
    expect(isBankHoliday('england-wales', '2027-12-28')).toBe(true);
  });

  it('counts one-off bank holidays and the New Year substitute (2022)', () => {
    expect(isBankHoliday('england-wales', '2022-01-03')).toBe(true);
    expect(isBankHoliday('england-wales', '2022-06-03')).toBe(true); // Platinum Jubilee
    expect(isBankHoliday('england-wales', '2022-09-19')).toBe(true); // State funeral
  });

  it('ignores observances such as Mother’s Day and Easter Sunday', () => {
    expect(isBankHoliday('england-wales', '2026-03-15')).toBe(false);
    expect(isBankHoliday('england-wales', '2026-04-05')).toBe(false);
  });

  it('Scotland has 2 January and St Andrew’s Day but not Easter Monday', () => {
    expect(isBankHoliday('scotland', '2026-01-02')).toBe(true);
    expect(isBankHoliday('scotland', '2026-11-30')).toBe(true);
    expect(isBankHoliday('scotland', '2026-08-03')).toBe(true);
    expect(isBankHoliday('scotland', '2026-04-06')).toBe(false);
    expect(isBankHoliday('england-wales', '2026-11-30')).toBe(false);
  });

  it('Northern Ireland has St Patrick’s Day and the Twelfth (substitute on Monday 13 July 2026)', () => {
    expect(isBankHoliday('northern-ireland', '2026-03-17')).toBe(true);
    expect(isBankHoliday('northern-ireland', '2026-07-13')).toBe(true);
    expect(isBankHoliday('england-wales', '2026-03-17')).toBe(false);
  });

  it('returns the same list each time (memoised)', () => {
    expect(bankHolidaysIn('scotland', 2030)).toBe(bankHolidaysIn('scotland', 2030));
  });
});

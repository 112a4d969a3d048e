import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageOn,
  endOfLondonDay,
  formatDay,
  formatDayWithWeekday,
  isIsoDay,
  isIsoInstant,
  londonDay,
  londonTime,
  startOfLondonDay,
} from '#domain/dates.ts';

describe('dates', () => {
  it('recognises real calendar days only', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('1/12/2026')).toBe(false);
  });

  it('recognises instants with a zone', () => {
    expect(isIsoInstant('2026-12-01T09:30:00.000Z')).toBe(true);
    expect(isIsoInstant('2026-12-01T09:30+01:00')).toBe(true);
    expect(isIsoInstant('2026-12-01T09:30:00')).toBe(false);
    expect(isIsoInstant('2026-12-01')).toBe(false);
  });

  it('reads London dates and times across BST', () => {
    expect(londonDay('2026-07-01T23:30:00Z')).toBe('2026-07-02'); // 00:30 BST
    expect(londonTime('2026-07-01T23:30:00Z')).toBe('00:30');
    expect(londonDay('2026-12-01T23:30:00Z')).toBe('2026-12-01'); // GMT
  });

  it('finds the start and end of a London day, in summer and winter', () => {
    expect(startOfLondonDay('2026-07-02')).toBe('2026-07-01T23:00:00.000Z');
    expect(endOfLondonDay('2026-07-02')).toBe('2026-07-02T22:59:59.999Z');
    expect(startOfLondonDay('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
    expect(endOfLondonDay('2026-12-01')).toBe('2026-12-01T23:59:59.999Z');
    // The day the clocks go forward (29/03/2026) starts in GMT and ends in BST.
    expect(startOfLondonDay('2026-03-29')).toBe('2026-03-29T00:00:00.000Z');
    expect(endOfLondonDay('2026-03-29')).toBe('2026-03-29T22:59:59.999Z');
    // The day the clocks go back (25/10/2026) starts in BST and ends in GMT.
    expect(startOfLondonDay('2026-10-25')).toBe('2026-10-24T23:00:00.000Z');
    expect(endOfLondonDay('2026-10-25')).toBe('2026-10-25T23:59:59.999Z');
  });

  it('formats British dates', () => {
    expect(formatDay('2026-12-01')).toBe('01/12/2026');
    expect(formatDayWithWeekday('2026-12-01')).toBe('Tue 01/12/2026');
  });

  it('adds months, clamping to the month end', () => {
    expect(addMonths('2026-12-01', -12)).toBe('2025-12-01');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-02-29', -12)).toBe('2027-02-28');
  });

  it('works out ages in completed years', () => {
    expect(ageOn('2016-12-02', '2026-12-01')).toBe(9);
    expect(ageOn('2016-12-01', '2026-12-01')).toBe(10);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });
});

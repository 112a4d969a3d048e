import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ageOrNull,
  dateBoxesOf,
  dateValueOf,
  dateValueProblem,
  formatBirthDate,
  formatInstant,
  formatLondonTime,
  isDateEntryProblem,
  londonInstant,
  readDateBoxes,
  readTime,
  timeValueProblem,
} from '#domain/dates.ts';

const boxes = (day: string, month: string, year: string) => ({ day, month, year });
const read = (day: string, month: string, year: string) => readDateBoxes(boxes(day, month, year));

describe('dates typed into Day, Month and Year boxes', () => {
  it('turns real calendar dates into ISO days, with or without leading zeros', () => {
    expect(read('14', '3', '2013')).toEqual({ kind: 'date', value: '2013-03-14' });
    expect(read('01', '12', '2026')).toEqual({ kind: 'date', value: '2026-12-01' });
    expect(read(' 7 ', ' 07', '2021 ')).toEqual({ kind: 'date', value: '2021-07-07' });
    expect(read('', '', '')).toEqual({ kind: 'empty' });
  });

  it('accepts 29 February in leap years only', () => {
    expect(read('29', '2', '2028')).toEqual({ kind: 'date', value: '2028-02-29' });
    expect(read('29', '2', '2000')).toEqual({ kind: 'date', value: '2000-02-29' });
    expect(read('29', '2', '2026')).toMatchObject({ message: 'must be a real date' });
    expect(read('29', '2', '1900')).toMatchObject({ message: 'must be a real date' });
  });

  it('says which part is missing, in the words of the GOV.UK pattern', () => {
    expect(read('14', '', '2013')).toEqual({
      kind: 'problem',
      message: 'must include a month',
      boxes: ['month'],
    });
    expect(read('', '3', '')).toEqual({
      kind: 'problem',
      message: 'must include a day and year',
      boxes: ['day', 'year'],
    });
    expect(read('14', '3', '')).toMatchObject({ message: 'must include a year' });
  });

  it('refuses impossible dates, letters, short years and years outside 1900 to 2100', () => {
    expect(read('31', '2', '2026')).toEqual({
      kind: 'problem',
      message: 'must be a real date',
      boxes: ['day'],
    });
    expect(read('1', '13', '2026')).toMatchObject({ message: 'must be a real date', boxes: ['month'] });
    expect(read('0', '1', '2026')).toMatchObject({ message: 'must be a real date', boxes: ['day'] });
    expect(read('ab', 'March', '2026')).toMatchObject({
      message: 'must be a real date',
      boxes: ['day', 'month'],
    });
    expect(read('1', '1', '26')).toMatchObject({ boxes: ['year'] });
    expect(read('1', '1', '1899')).toMatchObject({ message: 'must be between 1900 and 2100' });
    expect(read('1', '1', '2101')).toMatchObject({ message: 'must be between 1900 and 2100' });
    expect(read('-1', '1', '2026')).toMatchObject({ message: 'must be a real date' });
  });

  it('keeps a part-typed date as typed, never as a real date, and reads it back', () => {
    const typed = dateValueOf(boxes('31', '2', '2026'));
    expect(typed).toBe('31/2/2026');
    expect(dateBoxesOf(typed)).toEqual(boxes('31', '2', '2026'));
    expect(dateValueProblem(typed)).toBe('must be a real date');
    expect(dateValueOf(boxes('14', '', '2013'))).toBe('14//2013');
    expect(dateValueProblem('14//2013')).toBe('must include a month');
    expect(dateValueOf(boxes('', '', ''))).toBe('');
    expect(dateValueProblem('')).toBeNull();
    expect(dateValueProblem('2013-03-14')).toBeNull();
    expect(dateBoxesOf('2013-03-14')).toEqual(boxes('14', '03', '2013'));
    // A '/' typed into a box cannot shift the other boxes.
    expect(dateBoxesOf(dateValueOf(boxes('1/2', '3', '2026')))).toEqual(boxes('12', '3', '2026'));
  });
});

it('tells a problem in the typing from a problem with the date itself', () => {
  expect(isDateEntryProblem('Date of birth must include a day and year')).toBe(true);
  expect(isDateEntryProblem('Date of birth must be a real date')).toBe(true);
  expect(isDateEntryProblem('Date of birth must be between 1900 and 2100')).toBe(true);
  expect(isDateEntryProblem('Date of birth must be today or in the past')).toBe(false);
  expect(isDateEntryProblem('Enter the date of birth')).toBe(false);
});

describe('times typed on the 24-hour clock', () => {
  it('reads the usual ways of writing a time', () => {
    expect(readTime('14:30')).toBe('14:30');
    expect(readTime('14.30')).toBe('14:30');
    expect(readTime('1430')).toBe('14:30');
    expect(readTime('9:05')).toBe('09:05');
    expect(readTime('00:00')).toBe('00:00');
    expect(readTime('23:59')).toBe('23:59');
  });

  it('refuses what is not a real 24-hour time', () => {
    for (const bad of ['24:00', '12:60', '2:30pm', 'noon', '14', '14:3', ''])
      expect(readTime(bad)).toBeNull();
    expect(timeValueProblem('2:30pm')).toBe('must be a real time on the 24-hour clock, for example 14:30');
    expect(timeValueProblem('')).toBeNull();
  });
});

describe('London time whatever the machine’s zone', () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'America/New_York';
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('shows instants as dd/mm/yyyy and 24-hour London time', () => {
    // 03:30 in London on 12 November is 22:30 on 11 November in New York.
    expect(formatInstant('2026-11-12T03:30:00.000Z', true)).toBe('12/11/2026 03:30');
    expect(formatInstant('2026-11-12T03:30:00.000Z')).toBe('12/11/2026');
    expect(formatInstant('2026-07-01T13:05:00.000Z', true)).toBe('01/07/2026 14:05');
    expect(formatLondonTime('2026-07-01T13:05:09.000Z', true)).toBe('14:05:09');
    expect(formatInstant('not a date')).toBe('not a date');
  });

  it('reads a date and time as London wall-clock time, across the clock changes', () => {
    expect(londonInstant('2026-11-12', '14:30')).toBe('2026-11-12T14:30:00.000Z');
    expect(londonInstant('2026-07-01', '14:30')).toBe('2026-07-01T13:30:00.000Z');
    expect(londonInstant('2026-03-29', '00:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(londonInstant('2026-03-29', '03:00')).toBe('2026-03-29T02:00:00.000Z');
    expect(londonInstant('2026-10-25', '12:00')).toBe('2026-10-25T12:00:00.000Z');
    expect(londonInstant('2026-02-30', '12:00')).toBeNull();
    expect(londonInstant('2026-11-12', '25:00')).toBeNull();
  });

  it('gives a child’s age on a London day, or none for a birth after it', () => {
    expect(formatBirthDate('2013-03-14', '2026-11-26')).toBe('14/03/2013 (age 13)');
    expect(formatBirthDate('2013-03-14', '2027-03-14')).toBe('14/03/2013 (age 14)');
    expect(formatBirthDate('2027-01-01', '2026-11-26')).toBe('01/01/2027');
    expect(ageOrNull('31//2013', '2026-11-26')).toBeNull();
  });
});

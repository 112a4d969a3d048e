import { describe, expect, it } from 'vitest';
import { timelinessByMonth, toCsv } from '#domain/clock/timeliness.ts';

describe('timeliness of assessments by month', () => {
  it('counts each completed window in its London month, within or late, with the share within', () => {
    expect(
      timelinessByMonth([
        { metAt: '2026-10-31T23:30:00Z', onTime: true }, // 23:30 on 31 October in London (GMT from 25/10)
        { metAt: '2026-11-03T10:00:00Z', onTime: false },
        { metAt: '2026-11-20T10:00:00Z', onTime: true },
        { metAt: '2026-09-30T23:30:00Z', onTime: true }, // 00:30 BST on 1 October
      ]),
    ).toEqual([
      { month: '2026-10', within: 2, late: 0, percentWithin: 100 },
      { month: '2026-11', within: 1, late: 1, percentWithin: 50 },
    ]);
  });

  it('is empty when nothing is completed', () => {
    expect(timelinessByMonth([])).toEqual([]);
  });
});

describe('CSV', () => {
  it('quotes fields holding commas, quotes or line breaks, and ends each row with CRLF', () => {
    expect(
      toCsv([
        ['Case', 'Child'],
        ['HSB-1', 'Lee, "Jo"\nSmith'],
        ['HSB-2', 3],
      ]),
    ).toBe('Case,Child\r\nHSB-1,"Lee, ""Jo""\nSmith"\r\nHSB-2,3\r\n');
  });
});

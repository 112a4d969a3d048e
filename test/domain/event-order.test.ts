import { describe, expect, it } from 'vitest';
import { chronologicalOrder, compareEvents, exactDaySpan } from '#domain/event-order.ts';
import { placeDate } from '#domain/pattern-map/uncertain-date.ts';

const DOB = '2012-01-20';
const event = (id: string, span: ReturnType<typeof exactDaySpan>, createdAt = '2026-01-01T00:00:00Z') => ({
  id,
  span,
  createdAt,
});

describe('the one order of events', () => {
  it('orders an uncertain period by its middle, not its start: Summer 2019 before “about age 7”', () => {
    // About age 7 runs 20/01/2019 to 19/01/2020 (middle 20/07/2019); Summer 2019 runs 01/06 to 31/08
    // (middle 16/07/2019): it starts later but is drawn earlier.
    const age = event('a', placeDate({ precision: 'age', age: 7 }, DOB));
    const summer = event('b', placeDate({ precision: 'season', year: 2019, season: 'summer' }, DOB));
    expect(age.span.from < summer.span.from).toBe(true);
    expect(chronologicalOrder([age, summer]).map((e) => e.id)).toEqual(['b', 'a']);
    expect(compareEvents(summer, age)).toBeLessThan(0);
  });

  it('puts an exact day before a period centred on it, a narrower period before a wider, then the order recorded', () => {
    const exact = event('exact', exactDaySpan('2019-07-02'));
    const year = event('year', placeDate({ precision: 'year', year: 2019 }, DOB));
    const range = event(
      'range',
      placeDate({ precision: 'range', from: '2019-07-01', to: '2019-07-03' }, DOB),
    );
    const later = event('later', exactDaySpan('2019-07-02'), '2026-02-01T00:00:00Z');
    expect(chronologicalOrder([year, later, range, exact]).map((e) => e.id)).toEqual([
      'exact',
      'later',
      'range',
      'year',
    ]);
  });

  it('gives the same order whatever order the events come in', () => {
    const events = [
      event('1', exactDaySpan('2020-01-01')),
      event('2', placeDate({ precision: 'month', year: 2020, month: 1 }, DOB)),
      event('3', placeDate({ precision: 'age', age: 8 }, DOB)),
      event('4', exactDaySpan('2020-01-16')),
    ];
    const once = chronologicalOrder(events).map((e) => e.id);
    expect(chronologicalOrder([...events].reverse()).map((e) => e.id)).toEqual(once);
  });
});

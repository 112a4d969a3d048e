import { describe, expect, it } from 'vitest';
import { dayNumber } from '#domain/dates.ts';
import { chronologicalOrder } from '#domain/event-order.ts';
import { anonymiseText, initialsOf } from '#domain/pattern-map/anonymise.ts';
import { layoutMap } from '#domain/pattern-map/layout.ts';
import { placeDate, UncertainDateSchema } from '#domain/pattern-map/uncertain-date.ts';

const DOB = '2013-03-14';

describe('uncertain dates on the axis', () => {
  it('places each kind of date as a span, approximate unless exact', () => {
    expect(placeDate({ precision: 'day', day: '2020-05-04' }, DOB)).toMatchObject({
      from: '2020-05-04',
      to: '2020-05-04',
      approximate: false,
      label: '04/05/2020',
    });
    expect(placeDate({ precision: 'month', year: 2020, month: 2 }, DOB)).toMatchObject({
      from: '2020-02-01',
      to: '2020-02-29',
      approximate: true,
      label: 'February 2020',
    });
    expect(placeDate({ precision: 'season', year: 2019, season: 'winter' }, DOB)).toMatchObject({
      from: '2019-12-01',
      to: '2020-02-29',
      label: 'Winter 2019–20',
    });
    expect(placeDate({ precision: 'year', year: 2018 }, DOB)).toMatchObject({
      from: '2018-01-01',
      to: '2018-12-31',
      approximate: true,
    });
    expect(placeDate({ precision: 'range', from: '2021-01-10', to: '2021-03-10' }, DOB)).toMatchObject({
      approximate: true,
      label: '10/01/2021 to 10/03/2021',
    });
    expect(placeDate({ precision: 'age', age: 7 }, DOB)).toMatchObject({
      from: '2020-03-14',
      to: '2021-03-13',
      label: 'At about age 7',
    });
  });

  it('places "at about age N" for a child born on 29 February in every year', () => {
    for (let age = 0; age <= 17; age++) {
      const s = placeDate({ precision: 'age', age }, '2008-02-29');
      expect(s.from <= s.to).toBe(true);
      expect(s.from.slice(5)).toMatch(/^(02-29|03-01)$/);
    }
    expect(placeDate({ precision: 'age', age: 1 }, '2008-02-29')).toMatchObject({
      from: '2009-03-01',
      to: '2010-02-28',
    });
    expect(placeDate({ precision: 'age', age: 3 }, '2008-02-29')).toMatchObject({
      from: '2011-03-01',
      to: '2012-02-28',
    });
    expect(placeDate({ precision: 'age', age: 4 }, '2008-02-29')).toMatchObject({
      from: '2012-02-29',
      to: '2013-02-28',
    });
  });

  it('draws a span at its middle', () => {
    const s = placeDate({ precision: 'year', year: 2018 }, DOB);
    expect(s.midpoint).toBe(Math.floor((dayNumber('2018-01-01') + dayNumber('2018-12-31')) / 2));
  });

  it('refuses a range that ends before it starts, with the path', () => {
    const r = UncertainDateSchema.safeParse({ precision: 'range', from: '2021-03-10', to: '2021-01-10' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['to']);
  });

  it('sorts stably: midpoint, then exact before approximate, then narrower, then added order', () => {
    const item = (id: string, date: Parameters<typeof placeDate>[0], createdAt: string) => ({
      id,
      span: placeDate(date, DOB),
      createdAt,
    });
    const items = [
      item('year', { precision: 'year', year: 2020 }, '1'),
      item('exact', { precision: 'day', day: '2020-07-01' }, '3'),
      item('month', { precision: 'month', year: 2020, month: 7 }, '2'),
      item('early', { precision: 'day', day: '2019-01-01' }, '9'),
      item('exact2', { precision: 'day', day: '2020-07-01' }, '1'),
    ];
    expect(chronologicalOrder(items).map((i) => i.id)).toEqual(['early', 'exact2', 'exact', 'year', 'month']);
    expect(chronologicalOrder([...items].reverse()).map((i) => i.id)).toEqual([
      'early',
      'exact2',
      'exact',
      'year',
      'month',
    ]);
  });
});

describe('anonymising', () => {
  const people = [
    { id: 'm', name: 'Sarah Smith', anonymisedLabel: 'Mother' },
    { id: 'b', name: 'Tom Smith', anonymisedLabel: 'Brother' },
  ];
  it('replaces full names and name parts with the role, whole words only', () => {
    expect(anonymiseText('Sarah Smith moved out; Tom stayed with Sarah. Tomato.', people)).toBe(
      'Mother moved out; Brother stayed with Mother. Tomato.',
    );
  });
  it('makes initials', () => {
    expect(initialsOf('Jamie Lee-Smith')).toBe('J.L.S.');
  });
});

describe('layout', () => {
  it('puts earlier items left of later ones and stacks overlapping items in a lane', () => {
    const span = (day: string) => placeDate({ precision: 'day', day }, DOB);
    const layout = layoutMap(
      [
        { id: 'a', lane: 'family', span: span('2020-01-01') },
        { id: 'b', lane: 'family', span: span('2020-01-05') },
        { id: 'c', lane: 'incidents', span: span('2021-01-01') },
      ],
      ['incidents', 'family'],
    );
    const a = layout.positions.get('a');
    const b = layout.positions.get('b');
    const c = layout.positions.get('c');
    expect(a && c && a.x < c.x).toBe(true);
    expect(a && b && b.y > a.y).toBe(true);
    expect(c && a && c.y < a.y).toBe(true);
    expect(layout.lanes.map((l) => l.id)).toEqual(['incidents', 'family']);
  });
});

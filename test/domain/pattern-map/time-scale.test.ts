import { describe, expect, it } from 'vitest';
import { dayNumber } from '#domain/dates.ts';
import { DEFAULT_LAYOUT, fittedLayout, layoutMap } from '#domain/pattern-map/layout.ts';
import { axisTicks, xOfDay } from '#domain/pattern-map/time-scale.ts';
import { placeDate } from '#domain/pattern-map/uncertain-date.ts';

const DOB = '2011-06-02';
const item = (id: string, day: string, lane = 'family') => ({
  id,
  lane,
  span: placeDate({ precision: 'day', day }, DOB),
});

describe('the compressed time scale', () => {
  const items = [
    item('a', '2012-02-01'),
    item('b', '2012-03-01'),
    // Five empty years.
    item('c', '2019-01-10'),
    item('d', '2019-01-11'),
    item('e', '2019-01-12'),
  ];
  const layout = layoutMap(items, ['family'], { ...DEFAULT_LAYOUT, step: 24, rowsPerLane: 2 });

  it('cuts a long empty period short, as a break that says which years it leaves out', () => {
    expect(layout.scale.breaks).toHaveLength(1);
    const ticks = axisTicks(layout.scale, DOB);
    expect(ticks.breaks[0]?.label).toBe('2013–2018: nothing recorded');
    // No year or age is drawn inside the break.
    expect(ticks.years.map((t) => t.label)).toEqual(['2012', '2019', '2020']);
    expect(ticks.ages.map((t) => t.label)).toEqual(['age 7', 'age 8']);
    const gap = (layout.positions.get('c')?.x ?? 0) - (layout.positions.get('b')?.x ?? 0);
    expect(gap).toBeLessThan(DEFAULT_LAYOUT.nodeWidth + 100);
  });

  it('spreads dates a day apart so each has room, and keeps every date in order', () => {
    const x = (id: string) => layout.positions.get(id)?.x ?? Number.NaN;
    expect(x('d') - x('c')).toBeGreaterThanOrEqual(24);
    expect(x('e') - x('d')).toBeGreaterThanOrEqual(24);
    for (const [earlier, later] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
    ] as const)
      expect(x(earlier)).toBeLessThan(x(later));
    // A day between two dates falls between them.
    const mid = xOfDay(layout.scale, dayNumber('2012-02-15'));
    expect(mid).toBeGreaterThan(x('a'));
    expect(mid).toBeLessThan(x('b'));
  });

  it('moves a date along rather than stack a lane past its rows', () => {
    const crowded = ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04'].map((d, i) => item(`i${i}`, d));
    const one = layoutMap(crowded, ['family'], { ...DEFAULT_LAYOUT, step: 8, rowsPerLane: 1 });
    expect(new Set([...one.positions.values()].map((p) => p.y)).size).toBe(1);
    const xs = [...one.positions.values()].map((p) => p.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++)
      expect((xs[i] ?? 0) - (xs[i - 1] ?? 0)).toBeGreaterThanOrEqual(DEFAULT_LAYOUT.nodeWidth);
  });
});

describe('the proportional time scale', () => {
  it('puts x strictly in proportion to time, with no break', () => {
    const items = [item('a', '2012-01-01'), item('b', '2013-01-01'), item('c', '2019-01-01')];
    const layout = layoutMap(items, ['family'], {
      ...DEFAULT_LAYOUT,
      mode: 'proportional',
      pixelsPerDay: 0.5,
    });
    const x = (id: string) => layout.positions.get(id)?.x ?? Number.NaN;
    expect(layout.scale.breaks).toEqual([]);
    expect(x('b') - x('a')).toBeCloseTo(366 * 0.5);
    expect(x('c') - x('b')).toBeCloseTo((dayNumber('2019-01-01') - dayNumber('2013-01-01')) * 0.5);
  });
});

describe('fitting a whole childhood', () => {
  it('lays out 60 items over 14 years in six lanes to fit a 1280×800 screen at a readable size', () => {
    const lanes = ['incidents', 'family', 'care-placement', 'education', 'health', 'police-justice'];
    const items = Array.from({ length: 60 }, (_, i) => {
      const year = i < 12 ? 2012 : 2019 + Math.floor((i - 12) / 7);
      const day = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 27)).padStart(2, '0')}`;
      return item(`i${String(i).padStart(2, '0')}`, day, lanes[i % lanes.length]);
    });
    const target = { width: 1070 / 0.75, height: 710 / 0.75 };
    const layout = fittedLayout(items, lanes, 'compressed', target);
    expect(layout.width).toBeLessThanOrEqual(target.width);
    expect(layout.height).toBeLessThanOrEqual(target.height);
    // Strictly proportional, the same map cannot fit as well.
    const proportional = fittedLayout(items, lanes, 'proportional', target);
    expect(Math.min(target.width / proportional.width, target.height / proportional.height)).toBeLessThan(1);
  });
});

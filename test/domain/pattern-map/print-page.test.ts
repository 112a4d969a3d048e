import { describe, expect, it } from 'vitest';
import { MIN_TEXT_PT, planPages, pointsToPixels } from '#domain/pattern-map/print-page.ts';

describe('the map on paper', () => {
  const room = { width: 1300, height: 750 };

  it('puts a small map on one page, enlarged but never past 1.6×', () => {
    const plan = planPages({ width: 400, height: 200 }, room, 16);
    expect(plan.pages).toHaveLength(1);
    expect(plan.zoom).toBe(1.6);
  });

  it('never sets the text under 8 pt: a wide map goes across several pages, each item whole on one', () => {
    const plan = planPages({ width: 4000, height: 300 }, room, 16, [], 120);
    expect(16 * plan.zoom).toBeGreaterThanOrEqual(pointsToPixels(MIN_TEXT_PT));
    expect(plan.pages.length).toBeGreaterThan(1);
    for (const page of plan.pages) {
      // The page's stretch, and an item starting at its end, fit the room.
      expect((page.x[1] - page.x[0]) * plan.zoom).toBeLessThanOrEqual(room.width + 1);
    }
    expect(plan.pages.at(-1)?.x[1]).toBe(4000);
  });

  it('cuts a tall map down the page only between rows', () => {
    const rows = Array.from({ length: 30 }, (_, i) => i * 64);
    const plan = planPages({ width: 500, height: 1920 }, room, 16, rows);
    for (const page of plan.pages.slice(0, -1)) expect(rows).toContain(page.y[1]);
  });
});

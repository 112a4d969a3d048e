import type { AxisSpan } from './uncertain-date.ts';

/**
 * The map is a projection of the chronology: date → x, lane → y. Items in one lane that would overlap
 * are stacked in sub-rows, so nothing is hidden. Pure: the same items always lay out the same way.
 */

export interface LayoutInput {
  id: string;
  lane: string;
  span: AxisSpan;
}

export interface LaneBand {
  id: string;
  y: number;
  height: number;
}

export interface Layout {
  positions: Map<string, { x: number; y: number }>;
  lanes: LaneBand[];
  /** The day at x = 0 (whole days since 1970-01-01). */
  originDay: number;
  width: number;
}

export interface LayoutOptions {
  pixelsPerDay: number;
  nodeWidth: number;
  rowHeight: number;
  lanePadding: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  pixelsPerDay: 2,
  nodeWidth: 180,
  rowHeight: 72,
  lanePadding: 16,
};

export function layoutMap(
  items: readonly LayoutInput[],
  laneOrder: readonly string[],
  options = DEFAULT_LAYOUT,
): Layout {
  const originDay = items.length ? Math.min(...items.map((i) => i.span.midpoint)) - 30 : 0;
  const xOf = (midpoint: number) => (midpoint - originDay) * options.pixelsPerDay;
  const positions = new Map<string, { x: number; y: number }>();
  const lanes: LaneBand[] = [];
  let y = 0;
  for (const lane of laneOrder) {
    const inLane = items
      .filter((i) => i.lane === lane)
      .sort((a, b) => a.span.midpoint - b.span.midpoint || a.id.localeCompare(b.id));
    const rowEnds: number[] = [];
    const rowOf = new Map<string, number>();
    for (const item of inLane) {
      const x = xOf(item.span.midpoint);
      let row = rowEnds.findIndex((end) => end <= x);
      if (row === -1) {
        row = rowEnds.length;
        rowEnds.push(0);
      }
      rowEnds[row] = x + options.nodeWidth + 8;
      rowOf.set(item.id, row);
    }
    const rows = Math.max(1, rowEnds.length);
    for (const item of inLane) {
      positions.set(item.id, {
        x: xOf(item.span.midpoint),
        y: y + options.lanePadding + (rowOf.get(item.id) ?? 0) * options.rowHeight,
      });
    }
    const height = rows * options.rowHeight + 2 * options.lanePadding;
    lanes.push({ id: lane, y, height });
    y += height;
  }
  const maxMid = items.length ? Math.max(...items.map((i) => i.span.midpoint)) : originDay;
  return { positions, lanes, originDay, width: xOf(maxMid) + options.nodeWidth + 60 };
}

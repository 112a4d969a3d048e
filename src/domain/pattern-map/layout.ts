import { proportionalScale, type ScaleBreak, type ScaleMode, type TimeScale, xOfDay } from './time-scale.ts';
import type { AxisSpan } from './uncertain-date.ts';

/**
 * The map is a projection of the chronology: date → x (through the time scale), lane → y. Items in one
 * lane that would overlap are stacked in sub-rows, so nothing is hidden. Pure: the same items always lay
 * out the same way.
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
  scale: TimeScale;
  width: number;
  height: number;
}

export interface LayoutOptions {
  mode: ScaleMode;
  nodeWidth: number;
  rowHeight: number;
  lanePadding: number;
  /** Room before the first date and after the last item. */
  pad: number;
  /** Compressed: the least room each date gets, and how many rows a lane may take before the dates
   * after are moved along to make room instead. */
  step: number;
  rowsPerLane: number;
  /** Compressed: pixels a year adds between two dates, so time still reads left to right. */
  pixelsPerYear: number;
  /** Compressed: an empty stretch longer than this is cut short and drawn as a break this wide. */
  breakAfterDays: number;
  breakWidth: number;
  /** Proportional: pixels a day. */
  pixelsPerDay: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  mode: 'compressed',
  nodeWidth: 120,
  rowHeight: 64,
  lanePadding: 3,
  pad: 16,
  step: 12,
  rowsPerLane: 2,
  pixelsPerYear: 8,
  breakAfterDays: 730,
  breakWidth: 56,
  pixelsPerDay: 0.5,
};

/** Room between two items side by side (also what lets a reader, or OCR, tell their text apart). */
const GAP = 10;

/** Rows of one lane: where each row's last item ends. */
type Rows = number[];

function placeInRow(rows: Rows, x: number, width: number): number {
  let row = rows.findIndex((end) => end <= x);
  if (row === -1) {
    row = rows.length;
    rows.push(0);
  }
  rows[row] = x + width + GAP;
  return row;
}

export function layoutMap(
  items: readonly LayoutInput[],
  laneOrder: readonly string[],
  options = DEFAULT_LAYOUT,
): Layout {
  const sorted = [...items]
    .filter((i) => laneOrder.includes(i.lane))
    .sort((a, b) => a.span.midpoint - b.span.midpoint || a.id.localeCompare(b.id));
  const rows = new Map<string, Rows>(laneOrder.map((lane) => [lane, []]));
  const placed = new Map<string, { x: number; lane: string; row: number }>();
  let scale: TimeScale;

  if (options.mode === 'proportional') {
    scale = proportionalScale(
      sorted.map((i) => i.span.midpoint),
      options.pixelsPerDay,
      options.pad,
    );
    for (const item of sorted) {
      const x = xOfDay(scale, item.span.midpoint);
      placed.set(item.id, {
        x,
        lane: item.lane,
        row: placeInRow(rows.get(item.lane) ?? [], x, options.nodeWidth),
      });
    }
  } else {
    // A sweep through the dates: each is drawn at least `step` after the one before (plus a little for
    // the time between); if its lane already has `rowsPerLane` rows and none is free there, it moves
    // along until one is. A long empty stretch becomes a break.
    const days: number[] = [];
    const xs: number[] = [];
    const breaks: ScaleBreak[] = [];
    const perDay = options.pixelsPerYear / 365.25;
    let i = 0;
    while (i < sorted.length) {
      const day = sorted[i]?.span.midpoint ?? 0;
      let j = i;
      while (j < sorted.length && sorted[j]?.span.midpoint === day) j++;
      const group = sorted.slice(i, j);
      const before = xs.at(-1);
      const dayBefore = days.at(-1) ?? day;
      let x = options.pad;
      if (before !== undefined) {
        if (day - dayBefore > options.breakAfterDays) {
          const at = before + options.nodeWidth + 2 * GAP;
          breaks.push({ fromDay: dayBefore + 1, toDay: day - 1, x: at, width: options.breakWidth });
          x = at + options.breakWidth + 2 * GAP;
        } else {
          x = before + options.step + (day - dayBefore) * perDay;
        }
      }
      for (const item of group) {
        const laneRows = rows.get(item.lane) ?? [];
        if (laneRows.length >= options.rowsPerLane && !laneRows.some((end) => end <= x))
          x = Math.max(x, Math.min(...laneRows));
      }
      for (const item of group) {
        const laneRows = rows.get(item.lane) ?? [];
        placed.set(item.id, { x, lane: item.lane, row: placeInRow(laneRows, x, options.nodeWidth) });
      }
      days.push(day);
      xs.push(x);
      i = j;
    }
    const rate = Math.max(perDay, options.step / 60);
    scale = {
      mode: 'compressed',
      days: days.length ? days : [0],
      xs: xs.length ? xs : [options.pad],
      breaks,
      edgeRate: rate,
    };
  }

  const positions = new Map<string, { x: number; y: number }>();
  const lanes: LaneBand[] = [];
  const laneTop = new Map<string, number>();
  let y = 0;
  for (const lane of laneOrder) {
    laneTop.set(lane, y);
    const height = Math.max(1, rows.get(lane)?.length ?? 0) * options.rowHeight + 2 * options.lanePadding;
    lanes.push({ id: lane, y, height });
    y += height;
  }
  let right = 0;
  for (const [id, p] of placed) {
    positions.set(id, {
      x: p.x,
      y: (laneTop.get(p.lane) ?? 0) + options.lanePadding + p.row * options.rowHeight,
    });
    right = Math.max(right, p.x + options.nodeWidth);
  }
  return { positions, lanes, scale, width: Math.max(right, scale.xs.at(-1) ?? 0) + options.pad, height: y };
}

const STEPS = [4, 8, 12, 16, 24, 40, 64, 100];
const ROWS = [1, 2, 3, 4, 6];
const PIXELS_PER_DAY = [0.05, 0.08, 0.12, 0.18, 0.25, 0.35, 0.5, 0.7, 1, 1.5, 2];

/**
 * The layout that fits a screen or page of `target` size best (at the largest zoom up to 1), so that at
 * "fit" the items are as large as they can be; of equally good ones, the most spacious.
 */
export function fittedLayout(
  items: readonly LayoutInput[],
  laneOrder: readonly string[],
  mode: ScaleMode,
  target: { width: number; height: number },
  options = DEFAULT_LAYOUT,
): Layout {
  const tries: Partial<LayoutOptions>[] =
    mode === 'compressed'
      ? ROWS.flatMap((rowsPerLane) => STEPS.map((step) => ({ step, rowsPerLane })))
      : PIXELS_PER_DAY.map((pixelsPerDay) => ({ pixelsPerDay }));
  let best: { layout: Layout; zoom: number } | null = null;
  for (const choice of tries) {
    const layout = layoutMap(items, laneOrder, { ...options, ...choice, mode });
    const zoom = Math.min(1, target.width / layout.width, target.height / Math.max(layout.height, 1));
    if (!best || zoom > best.zoom + 1e-9 || (zoom >= best.zoom - 1e-9 && layout.width > best.layout.width))
      best = { layout, zoom };
  }
  return best?.layout ?? layoutMap(items, laneOrder, { ...options, mode });
}

/**
 * The map on paper: pages of 10.2 × 6 inches (259 × 152 mm: A4 landscape less margins, a heading, and
 * the document's own marking), drawn at 150 dots an inch, so a page of the exported picture prints, and
 * sits in the Word report, at its true size. Text is
 * never smaller than 8 pt there; a map too wide for one page at that size goes on several, each with the
 * axis, the lane names and the marking. Pure.
 */

export const PRINT_DPI = 150;
/** A page in layout pixels (150 dpi). */
export const PAGE = { width: 1530, height: 900 };
/** Pages are drawn at 200 dpi (sharper on paper, and for OCR): the PNG's pixels per layout pixel. */
export const RENDER_DPI = 200;
export const RENDER_SCALE = RENDER_DPI / PRINT_DPI;
/** A page in the PNG's pixels. */
export const PAGE_PIXELS = { width: PAGE.width * RENDER_SCALE, height: PAGE.height * RENDER_SCALE };
export const MIN_TEXT_PT = 8;
/** The size the items' text is laid out for on paper: comfortably above the least. */
export const PRINT_TEXT_PT = 10;

/** Pixels at 150 dpi for a size in points. */
export const pointsToPixels = (pt: number) => (pt / 72) * PRINT_DPI;

export interface PagePlan {
  /** Flow pixels → page pixels. */
  zoom: number;
  /** The part of the map (flow coordinates) each page shows, left to right, then top to bottom. */
  pages: { x: [number, number]; y: [number, number] }[];
}

/**
 * Cuts `length` into as few equal parts as fit `room` each (no part a sliver). An item belongs to the
 * part its left edge is in and is drawn whole, so each part leaves room for `itemWidth` after it.
 */
function cut(length: number, room: number, itemWidth: number): [number, number][] {
  const span = Math.max(length - itemWidth, 1);
  const count = Math.max(1, Math.ceil(span / Math.max(room - itemWidth, 1) - 1e-9));
  const each = span / count;
  return Array.from(
    { length: count },
    (_, i) => [i * each, i === count - 1 ? length : (i + 1) * each] as [number, number],
  );
}

/** Cuts `length` into parts no longer than `room`, each ending at one of `allowed` where one fits. */
function cutAt(length: number, room: number, allowed: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  while (from < length - 1e-9) {
    const limit = Math.min(length, from + room);
    const fits = allowed.filter((a) => a > from + 1e-9 && a <= limit);
    const at = limit >= length ? length : fits.length ? Math.max(...fits) : limit;
    out.push([from, at]);
    from = at;
  }
  return out.length ? out : [[0, length]];
}

/**
 * How the map goes onto pages: as large as fits (up to 1.6×), never so small that `fontPx` (the items'
 * text in flow pixels) falls below 10 pt (8 pt is the least allowed); a map too big for one page at that size is cut across into
 * equal parts, and if need be down, at one of `rowEdges` (where no item is cut in two).
 */
export function planPages(
  map: { width: number; height: number },
  room: { width: number; height: number },
  fontPx: number,
  rowEdges: readonly number[] = [],
  itemWidth = 0,
): PagePlan {
  const least = pointsToPixels(PRINT_TEXT_PT) / fontPx;
  const zoom = Math.max(
    least,
    Math.min(1.6, room.width / Math.max(map.width, 1), room.height / Math.max(map.height, 1)),
  );
  const across = cut(map.width, room.width / zoom, itemWidth);
  const down = cutAt(map.height, room.height / zoom, rowEdges);
  return { zoom, pages: down.flatMap((y) => across.map((x) => ({ x, y }))) };
}

import {
  MIN_TEXT_PT,
  PAGE,
  PAGE_PIXELS,
  PRINT_TEXT_PT,
  planPages,
  pointsToPixels,
  RENDER_SCALE,
} from '#domain/pattern-map/print-page.ts';
import { spacedTicks } from '#domain/pattern-map/time-scale.ts';
import { LAYOUT, NODE_FONT, NODE_HEIGHT, NODE_WIDTH, type Projection } from './projection.ts';

// The map drawn for paper (print-page.ts): each page A4 landscape at 150 dpi with the marking above and
// below, the time axis (years and the child's age) and the lane names, and its stretch of the map; text
// at 8 pt or more. Drawn on a canvas from the projection, so what goes on paper does not depend on what
// the screen happens to show. Laid out in 150 dpi pixels, drawn at 200 dpi; pages are stacked in one
// PNG, each PAGE_PIXELS.height pixels tall.

const BAND = 36;
const AXIS = 56;
const LABELS = 180;
const MARGIN = 10;
const FONT = 'system-ui, "Segoe UI", Roboto, Arial, sans-serif';
const COLOURS = {
  text: '#0b0c0c',
  brand: '#1d70b8',
  error: '#d4351c',
  band: '#f3f2f1',
  bandIncidents: '#fbeeec',
  line: '#b1b4b6',
  incident: '#fdf3f2',
  swatch: { green: '#00703c', amber: '#f47738', red: '#d4351c', none: '#ffffff' },
};

/** Breaks `text` into lines of at most `width` pixels; the last line shown ends with … if cut short. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, lines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= width || !line) line = next;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const shown = out.slice(0, lines);
  let last = `${shown[lines - 1]}…`;
  while (ctx.measureText(last).width > width && last.length > 2) last = `${last.slice(0, -2)}…`;
  shown[lines - 1] = last;
  return shown;
}

export interface PrintOptions {
  marking: string;
  laneLabel: (id: string) => string;
}

/** Draws the map on as many pages as it needs and returns the PNG as base64 (no `data:` prefix). */
/** The part of a page the map itself has, in page pixels. */
export const PRINT_ROOM = {
  width: PAGE.width - LABELS - 2 * MARGIN,
  height: PAGE.height - 2 * BAND - AXIS - 2 * MARGIN,
};

function planOf(projection: Projection) {
  // Pages are cut down the map only between rows of items, never through one.
  const edges = projection.lanes.flatMap((lane) => {
    const rows = Math.round((lane.height - 2 * LAYOUT.lanePadding) / LAYOUT.rowHeight);
    return [
      lane.y,
      ...Array.from({ length: rows }, (_, r) => lane.y + LAYOUT.lanePadding + r * LAYOUT.rowHeight),
    ];
  });
  return planPages(
    { width: projection.width, height: projection.height },
    PRINT_ROOM,
    NODE_FONT,
    edges,
    NODE_WIDTH,
  );
}

/**
 * The layout for paper: of the map laid out for one page at 8 pt, two across or down, and so on, the one
 * that takes the fewest pages, and of those the one with the largest text.
 */
export function printProjection(
  layoutFor: (target: { width: number; height: number }) => Projection,
): Projection {
  const least = pointsToPixels(PRINT_TEXT_PT) / NODE_FONT;
  let best: { projection: Projection; pages: number; zoom: number } | null = null;
  const shapes: [number, number][] = [
    [1, 1],
    [2, 1],
    [1, 2],
    [3, 1],
    [2, 2],
    [4, 1],
    [3, 2],
  ];
  for (const [across, down] of shapes) {
    const projection = layoutFor({
      width: (across * PRINT_ROOM.width) / least,
      height: (down * PRINT_ROOM.height) / least,
    });
    const plan = planOf(projection);
    if (
      !best ||
      plan.pages.length < best.pages ||
      (plan.pages.length === best.pages && plan.zoom > best.zoom)
    )
      best = { projection, pages: plan.pages.length, zoom: plan.zoom };
  }
  if (!best) throw new Error('The map could not be laid out for paper.');
  return best.projection;
}

export function printMap(projection: Projection, options: PrintOptions): string {
  const plan = planOf(projection);
  const canvas = document.createElement('canvas');
  canvas.width = PAGE_PIXELS.width;
  canvas.height = PAGE_PIXELS.height * plan.pages.length;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This computer cannot draw the map picture.');
  plan.pages.forEach((part, page) => {
    ctx.save();
    ctx.translate(0, page * PAGE_PIXELS.height);
    ctx.scale(RENDER_SCALE, RENDER_SCALE);
    drawPage(ctx, projection, options, plan.zoom, part, `${page + 1} of ${plan.pages.length}`);
    ctx.restore();
  });
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

function drawPage(
  ctx: CanvasRenderingContext2D,
  p: Projection,
  options: PrintOptions,
  zoom: number,
  part: { x: [number, number]; y: [number, number] },
  pageLabel: string,
) {
  const [from, to] = part.x;
  const [above, below] = part.y;
  const left = LABELS + MARGIN;
  const top = BAND + MARGIN + AXIS;
  const bottom = PAGE.height - BAND - MARGIN;
  const x = (flowX: number) => left + (flowX - from) * zoom;
  const y = (flowY: number) => top + (flowY - above) * zoom;
  const visible = (flowX: number, width = 0) => flowX + width >= from && flowX <= to;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, PAGE.width, PAGE.height);

  // Lane bands and their names (a lane cut by the page is named where it starts on it).
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, top, PAGE.width, bottom - top);
  ctx.clip();
  for (const [i, lane] of p.lanes.entries()) {
    if (lane.y + lane.height <= above || lane.y >= below) continue;
    ctx.fillStyle = lane.id === 'incidents' ? COLOURS.bandIncidents : i % 2 ? COLOURS.band : '#ffffff';
    ctx.fillRect(MARGIN, y(lane.y), PAGE.width - 2 * MARGIN, lane.height * zoom);
    ctx.fillStyle = lane.id === 'incidents' ? COLOURS.error : COLOURS.brand;
    ctx.fillRect(MARGIN, y(lane.y), 6, lane.height * zoom);
    ctx.fillStyle = COLOURS.text;
    ctx.font = `bold 20px ${FONT}`;
    ctx.textBaseline = 'top';
    wrap(ctx, options.laneLabel(lane.id), LABELS - 24, 3).forEach((line, n) => {
      ctx.fillText(line, MARGIN + 14, Math.max(y(lane.y), top) + 8 + n * 24);
    });
  }
  ctx.restore();
  ctx.save();
  ctx.beginPath();
  ctx.rect(left - 4, BAND, PAGE.width - left - MARGIN + 4, bottom - BAND);
  ctx.clip();

  // Years (lines down the map), ages, and breaks in the scale.
  ctx.textBaseline = 'top';
  for (const t of spacedTicks(p.ticks.years, zoom, 70)) {
    if (!visible(t.x)) continue;
    ctx.fillStyle = '#e5e6e7';
    ctx.fillRect(x(t.x), top - 6, 1, p.height * zoom + 6);
    ctx.fillStyle = COLOURS.text;
    ctx.fillRect(x(t.x), BAND + MARGIN, 3, 28);
    ctx.font = `bold 22px ${FONT}`;
    ctx.fillText(t.label, x(t.x) + 6, BAND + MARGIN + 2);
  }
  ctx.font = `19px ${FONT}`;
  for (const t of spacedTicks(p.ticks.ages, zoom, 80)) {
    if (!visible(t.x)) continue;
    ctx.fillStyle = COLOURS.text;
    ctx.fillRect(x(t.x), BAND + MARGIN + 30, 1, 24);
    ctx.fillText(t.label, x(t.x) + 5, BAND + MARGIN + 33);
  }
  for (const b of p.ticks.breaks) {
    if (!visible(b.x, b.width)) continue;
    ctx.fillStyle = '#dee0e2';
    ctx.fillRect(x(b.x), BAND + MARGIN, b.width * zoom, AXIS + p.height * zoom);
    ctx.save();
    ctx.translate(x(b.x) + (b.width * zoom) / 2 - 10, top + 8);
    ctx.rotate(Math.PI / 2);
    ctx.fillStyle = COLOURS.text;
    ctx.font = `bold 18px ${FONT}`;
    ctx.fillText(b.label, 0, -10);
    ctx.restore();
  }
  for (const theme of p.themes) {
    if (!visible(theme.x, theme.width)) continue;
    ctx.fillStyle = 'rgba(76, 44, 146, 0.08)';
    ctx.fillRect(x(theme.x), top, theme.width * zoom, p.height * zoom);
    ctx.fillStyle = '#4c2c92';
    ctx.font = `bold 17px ${FONT}`;
    ctx.fillText(
      wrap(ctx, theme.text, Math.max(theme.width * zoom - 8, 120), 1)[0] ?? '',
      x(theme.x) + 4,
      top + 2,
    );
  }

  // Links, then the items over them.
  ctx.strokeStyle = COLOURS.text;
  ctx.lineWidth = 2;
  for (const edge of p.edges) {
    const a = p.home.get(edge.source);
    const b = p.home.get(edge.target);
    if (!a || !b || (!visible(a.x, NODE_WIDTH) && !visible(b.x, NODE_WIDTH))) continue;
    const ax = x(a.x + NODE_WIDTH);
    const ay = y(a.y + NODE_HEIGHT / 2);
    const bx = x(b.x);
    const by = y(b.y + NODE_HEIGHT / 2);
    ctx.beginPath();
    ctx.moveTo(ax, ay);
    ctx.bezierCurveTo(ax + 40, ay, bx - 40, by, bx, by);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(bx, by);
    ctx.lineTo(bx - 10, by - 6);
    ctx.lineTo(bx - 10, by + 6);
    ctx.fillStyle = COLOURS.text;
    ctx.fill();
  }
  const font = NODE_FONT * zoom;
  const line = font * 1.15;
  // What happened is set a little smaller than the date (never under 8 pt), so more of it fits a line.
  const body = Math.max(font * 0.86, pointsToPixels(MIN_TEXT_PT));
  for (const node of p.nodes) {
    const { position, data } = node;
    // Each item on the one page its left edge falls in, whole.
    if (
      position.x < from ||
      (position.x >= to && to < p.width) ||
      position.y < above - 1 ||
      position.y >= below
    )
      continue;
    const nx = x(position.x);
    const ny = y(position.y);
    const w = NODE_WIDTH * zoom;
    const h = NODE_HEIGHT * zoom;
    ctx.fillStyle = data.kind === 'incident' ? COLOURS.incident : '#ffffff';
    ctx.fillRect(nx, ny, w, h);
    ctx.setLineDash(data.approximate ? [6, 4] : []);
    ctx.strokeStyle = '#505a5f';
    ctx.lineWidth = data.approximate ? 2 : 1;
    ctx.strokeRect(nx + 0.5, ny + 0.5, w - 1, h - 1);
    ctx.setLineDash([]);
    ctx.fillStyle = data.kind === 'incident' ? COLOURS.error : COLOURS.brand;
    ctx.fillRect(nx, ny, 6, h);
    const inner = w - 16;
    ctx.fillStyle = COLOURS.text;
    ctx.font = `bold ${font}px ${FONT}`;
    ctx.fillText(wrap(ctx, data.dateLabel, inner, 1)[0] ?? '', nx + 11, ny + 3);
    ctx.font = `${body}px ${FONT}`;
    const lines = wrap(ctx, data.what, inner, data.kind === 'incident' ? 1 : 2);
    lines.forEach((text, n) => {
      ctx.fillText(text, nx + 11, ny + 3 + line * (n + 1));
    });
    if (data.kind === 'incident') {
      const facts =
        [data.category, data.brook.replace(/^Brook /, '')].filter(Boolean).join(' · ') || data.agency;
      ctx.fillStyle = COLOURS.swatch[data.swatch];
      ctx.fillRect(nx + 9, ny + 3 + line * 2 + font * 0.2, font * 0.7, font * 0.7);
      ctx.fillStyle = COLOURS.text;
      ctx.font = `bold ${body}px ${FONT}`;
      ctx.fillText(wrap(ctx, facts, inner - font, 1)[0] ?? '', nx + 9 + font, ny + 3 + line * 2);
    }
  }
  ctx.restore();

  // The marking, above and below, with the page number.
  for (const at of [0, PAGE.height - BAND]) {
    ctx.fillStyle = COLOURS.text;
    ctx.fillRect(0, at, PAGE.width, BAND);
    ctx.fillStyle = '#ffffff';
    ctx.font = `bold 20px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(`${options.marking} — page ${pageLabel}`, PAGE.width / 2, at + BAND / 2, PAGE.width - 40);
    ctx.textAlign = 'left';
  }
}

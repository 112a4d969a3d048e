import { type Edge, MarkerType, type Node, type NodeHandle, Position } from '@xyflow/react';
import type { MapItem, PatternMap } from '#contract/pattern-map-schemas.ts';
import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { dayNumber } from '#domain/dates.ts';
import { chronologicalOrder } from '#domain/event-order.ts';
import { DEFAULT_LAYOUT, fittedLayout } from '#domain/pattern-map/layout.ts';
import {
  type AxisTicks,
  axisTicks,
  type ScaleMode,
  type TimeScale,
  xOfDay,
} from '#domain/pattern-map/time-scale.ts';
import {
  brookSwatch,
  brookText,
  categoryShort,
  categoryText,
  INCIDENT_LANE,
  laneLabel,
  linkText,
  type MapView,
  shorten,
  viewWords,
} from './labels.ts';

// The map is a projection of the chronology: filters and view choose the items and their words,
// layoutMap places them (date → x, lane → y). React Flow only draws what this returns. Pure.

export const LAYOUT = DEFAULT_LAYOUT;
export const NODE_WIDTH = LAYOUT.nodeWidth;
export const NODE_HEIGHT = 60;
/** The item text's size in flow pixels (pattern-map.css): at "fit" it must show at 12 px or more. */
export const NODE_FONT = 16;
/** The smallest zoom at which the items' date and words are 12 px or more on screen. */
export const READABLE_ZOOM = 12 / NODE_FONT;
/**
 * The room the map is laid out for, in flow pixels at zoom 1: the map's part of a 1280×800 window
 * (about 1070 × 710 screen pixels) at the readable zoom. A4 and A3 landscape pages have nearly the
 * same proportions.
 */
export const FIT_TARGET = { width: 1070 / READABLE_ZOOM, height: 710 / READABLE_ZOOM };

export interface MapFilters {
  /** Lanes to show; empty shows the incidents and every type of life event that has items. */
  lanes: string[];
  /** Source agencies to show; empty shows all. */
  agencies: Agency[];
  /** The period to show, as ISO days; empty means open-ended. */
  from: string;
  to: string;
}

export const NO_FILTERS: MapFilters = { lanes: [], agencies: [], from: '', to: '' };

export interface ItemNodeData extends Record<string, unknown> {
  kind: MapItem['kind'];
  dateLabel: string;
  approximate: boolean;
  what: string;
  agency: string;
  category: string;
  brook: string;
  swatch: ReturnType<typeof brookSwatch>;
}
export type ItemNode = Node<ItemNodeData, 'item'>;
export type LinkEdge = Edge<Record<string, unknown>>;

export interface LaneView {
  id: string;
  label: string;
  y: number;
  height: number;
}

export interface ThemeBand {
  id: string;
  x: number;
  width: number;
  text: string;
}

export interface Projection {
  /** The items shown, in chronological order. */
  items: MapItem[];
  lanes: LaneView[];
  nodes: ItemNode[];
  /** Where each node belongs (x never changes when an item is dragged between lanes). */
  home: Map<string, { x: number; y: number }>;
  edges: LinkEdge[];
  themes: ThemeBand[];
  scale: TimeScale;
  ticks: AxisTicks;
  width: number;
  height: number;
}

// Handles are declared up front, as React Flow's server-side rendering does, so nodes off screen
// need no measuring pass before edges can be drawn (onlyRenderVisibleElements stays cheap).
const HANDLES: NodeHandle[] = [
  { type: 'target', position: Position.Left, x: -4, y: NODE_HEIGHT / 2 - 4, width: 8, height: 8 },
  {
    type: 'source',
    position: Position.Right,
    x: NODE_WIDTH - 4,
    y: NODE_HEIGHT / 2 - 4,
    width: 8,
    height: 8,
  },
];

export function visibleLanes(map: PatternMap, filters: MapFilters, items: readonly MapItem[]): string[] {
  const all = [INCIDENT_LANE, ...map.lifeEventTypes.map((t) => t.id)];
  if (filters.lanes.length > 0) return all.filter((lane) => filters.lanes.includes(lane));
  const used = new Set(items.map((i) => i.lane));
  return all.filter((lane) => lane === INCIDENT_LANE || used.has(lane));
}

export function filterItems(map: PatternMap, filters: MapFilters): MapItem[] {
  return map.items.filter(
    (item) =>
      (filters.lanes.length === 0 || filters.lanes.includes(item.lane)) &&
      (filters.agencies.length === 0 || filters.agencies.includes(item.sourceAgency)) &&
      (!filters.from || item.span.to >= filters.from) &&
      (!filters.to || item.span.from <= filters.to),
  );
}

export function project(
  map: PatternMap,
  view: MapView,
  filters: MapFilters,
  scaleMode: ScaleMode = 'compressed',
  /** The room to lay the map out for (the screen's, or a printed page's). */
  target = FIT_TARGET,
): Projection {
  const words = viewWords(map, view);
  const shown = filterItems(map, filters);
  const laneOrder = visibleLanes(map, filters, shown);
  const inLanes = shown.filter((item) => laneOrder.includes(item.lane));
  const layout = fittedLayout(inLanes, laneOrder, scaleMode, target, LAYOUT);
  const lanes = layout.lanes.map((band) => ({ ...band, label: laneLabel(map, band.id) }));
  const home = new Map<string, { x: number; y: number }>();

  const nodes: ItemNode[] = [];
  for (const item of inLanes) {
    const position = layout.positions.get(item.id);
    if (!position) continue;
    home.set(item.id, position);
    const what = words.text(item.what);
    const agency = AGENCY_LABELS[item.sourceAgency];
    const category = item.kind === 'incident' ? categoryShort(map, item.hackettCategory) : '';
    const brook = item.kind === 'incident' ? brookText(map, item.brookColour) : '';
    const kindWord = item.kind === 'incident' ? 'Incident' : laneLabel(map, item.lane);
    const when = `${item.span.label}${item.span.approximate ? ' (approx.)' : ''}`;
    nodes.push({
      id: item.id,
      type: 'item',
      position,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      handles: HANDLES,
      draggable: item.kind === 'life-event',
      ariaLabel: [
        `${kindWord}, ${when}: ${shorten(what, 120)}`,
        `Source: ${agency}`,
        item.kind === 'incident' ? categoryText(map, item.hackettCategory) : '',
        brook,
      ]
        .filter(Boolean)
        .join('. '),
      data: {
        kind: item.kind,
        dateLabel: item.span.label,
        approximate: item.span.approximate,
        what,
        agency,
        category,
        brook,
        swatch: brookSwatch(item.brookColour),
      },
    });
  }

  const shownIds = new Set(home.keys());
  const edges: LinkEdge[] = map.links
    .filter((link) => shownIds.has(link.fromId) && shownIds.has(link.toId))
    .map((link) => {
      const label = words.text(linkText(link));
      return {
        id: link.id,
        type: 'link',
        source: link.fromId,
        target: link.toId,
        label,
        ariaLabel: `Link: ${label}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#0b0c0c' },
        className: `pm-edge pm-edge--${link.kind}`,
        selectable: false,
        focusable: false,
      };
    });

  const xOf = (day: string) => xOfDay(layout.scale, dayNumber(day));
  const themes: ThemeBand[] = map.themes
    .filter((t) => (!filters.from || t.toDay >= filters.from) && (!filters.to || t.fromDay <= filters.to))
    .map((t) => ({
      id: t.id,
      x: xOf(t.fromDay),
      width: Math.max(xOf(t.toDay) - xOf(t.fromDay), 24),
      text: words.text(t.text),
    }));

  const last = lanes.at(-1);
  return {
    items: chronologicalOrder(inLanes),
    lanes,
    nodes,
    home,
    edges,
    themes,
    scale: layout.scale,
    ticks: axisTicks(layout.scale, map.dateOfBirth),
    width: Math.max(layout.width, ...themes.map((t) => t.x + t.width)),
    height: last ? last.y + last.height : 0,
  };
}

/** The lane band at a height on the map, for dropping a dragged item. */
export function laneAt(lanes: readonly LaneView[], y: number): LaneView | undefined {
  return lanes.find((lane) => y >= lane.y && y < lane.y + lane.height);
}

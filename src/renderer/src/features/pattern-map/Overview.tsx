import { Panel, useReactFlow } from '@xyflow/react';
import { memo, type PointerEvent, useEffect, useMemo, useRef } from 'react';
import { LANE_LABEL_WIDTH, useTransform } from './MapOverlays.tsx';
import { NODE_HEIGHT, NODE_WIDTH, type Projection } from './projection.ts';
import { useMapStore } from './store.ts';

// The minimap. React Flow's <MiniMap> subscribes every one of its node rectangles to the flow's store
// and repaints them all as an SVG on every frame of a pan: at 2,000 items that alone took ~35 ms a
// frame here (bench/map-browser.ts). This one paints the items once on a canvas, when the map changes,
// and moves only the viewport frame while panning. Click or drag in it to move the map.

const WIDTH = 220;
const HEIGHT = 140;
const MARGIN = 6;

const COLOURS = { incident: '#d4351c', 'life-event': '#1d70b8', band: '#f3f2f1', bandIncidents: '#fbeeec' };

/** Where the map's content falls in the overview's box. */
function geometryOf(projection: Projection) {
  const left = -LANE_LABEL_WIDTH;
  const contentWidth = Math.max(projection.width - left, 1);
  const contentHeight = Math.max(projection.height, 1);
  const scale = Math.min((WIDTH - 2 * MARGIN) / contentWidth, (HEIGHT - 2 * MARGIN) / contentHeight);
  return {
    left,
    scale,
    contentWidth,
    toX: (x: number) => MARGIN + (x - left) * scale,
    toY: (y: number) => MARGIN + y * scale,
  };
}

export const Overview = memo(function Overview() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const projection = useMapStore((s) => s.projection);
  const frame = useRef<HTMLSpanElement>(null);
  const { setCenter, getZoom } = useReactFlow();
  const dragging = useRef(false);

  const { left, scale, toX, toY, contentWidth } = useMemo(() => geometryOf(projection), [projection]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = WIDTH * ratio;
    element.height = HEIGHT * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    for (const lane of projection.lanes) {
      ctx.fillStyle = lane.id === 'incidents' ? COLOURS.bandIncidents : COLOURS.band;
      ctx.fillRect(toX(left), toY(lane.y), contentWidth * scale, Math.max(lane.height * scale - 1, 1));
    }
    const w = Math.max(NODE_WIDTH * scale, 1.5);
    const h = Math.max(NODE_HEIGHT * scale, 1.5);
    for (const node of projection.nodes) {
      ctx.fillStyle = COLOURS[node.data.kind];
      ctx.fillRect(toX(node.position.x), toY(node.position.y), w, h);
    }
  }, [projection, left, scale, toX, toY, contentWidth]);

  // The viewport frame follows every frame of a pan without re-rendering the overview.
  // When the whole map is in view the overview has nothing to add, and would only cover items: hidden.
  useTransform(([tx, ty, zoom], size) => {
    const element = frame.current;
    if (!element) return;
    const whole =
      tx + left * zoom >= -1 &&
      ty >= -1 &&
      tx + projection.width * zoom <= size.width + 1 &&
      ty + projection.height * zoom <= size.height + 1;
    const panel = element.closest<HTMLElement>('.pm-overview');
    if (panel) panel.style.visibility = whole ? 'hidden' : 'visible';
    element.style.transform = `translate(${toX(-tx / zoom)}px, ${toY(-ty / zoom)}px)`;
    element.style.width = `${(size.width / zoom) * scale}px`;
    element.style.height = `${(size.height / zoom) * scale}px`;
  });

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = (event.clientX - box.left - MARGIN) / scale + left;
    const y = (event.clientY - box.top - MARGIN) / scale;
    void setCenter(x, y, { zoom: getZoom() });
  };

  return (
    <Panel position="bottom-right" className="pm-overview">
      <div
        className="pm-overview__frame"
        role="img"
        aria-label="Overview of the whole map"
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event);
        }}
        onPointerMove={(event) => {
          if (dragging.current) moveTo(event);
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
      >
        <canvas ref={canvas} className="pm-overview__canvas" />
        <span ref={frame} className="pm-overview__view" />
      </div>
    </Panel>
  );
});

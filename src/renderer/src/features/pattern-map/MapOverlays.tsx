import { useStore as useFlowStore, useStoreApi } from '@xyflow/react';
import { memo, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { spacedTicks } from '#domain/pattern-map/time-scale.ts';
import { useMapStore } from './store.ts';

// What is drawn around the items: the time axis along the top and the lane names down the left, both
// following the viewport, and (in flow coordinates, inside the viewport) the lane bands, year lines
// and themes, which pan and zoom with the items. (The exported picture is drawn by the main process:
// src/services/png.ts.)

export const AXIS_HEIGHT = 46;
export const LANE_LABEL_WIDTH = 120;

/**
 * Follows the viewport without re-rendering: the flow's transform changes on every frame of a pan, so
 * the overlays set their positions straight on the DOM from a store subscription (zustand's "transient
 * updates"), and React renders them again only when what they show changes.
 */
export function useTransform(
  apply: (transform: [number, number, number], size: { width: number; height: number }) => void,
) {
  const flow = useStoreApi();
  const applyRef = useRef(apply);
  applyRef.current = apply;
  // After every render (what is shown may have changed), and then on every change of the viewport.
  useLayoutEffect(() => {
    const { transform, width, height } = flow.getState();
    applyRef.current(transform, { width, height });
  });
  useLayoutEffect(() => {
    const run = () => {
      const { transform, width, height } = flow.getState();
      applyRef.current(transform, { width, height });
    };
    return flow.subscribe((state, previous) => {
      if (
        state.transform !== previous.transform ||
        state.width !== previous.width ||
        state.height !== previous.height
      )
        run();
    });
  }, [flow]);
}

/**
 * Two rows: the calendar years, and the child's age at each birthday; a break in the scale is marked
 * with the years it leaves out.
 */
export const TimeAxis = memo(function TimeAxis() {
  // Re-rendered only when the zoom changes: panning just slides the strip of ticks.
  const zoom = useFlowStore((s) => s.transform[2]);
  const ticks = useMapStore((s) => s.projection.ticks);
  const hasItems = useMapStore((s) => s.projection.nodes.length > 0);
  const strip = useRef<HTMLDivElement>(null);
  useTransform(([tx]) => {
    if (strip.current) strip.current.style.transform = `translateX(${tx}px)`;
  });
  if (!hasItems) return <div className="pm-axis" aria-hidden="true" />;
  const years = spacedTicks(ticks.years, zoom, 48);
  const ages = spacedTicks(ticks.ages, zoom, 60);
  return (
    <div className="pm-axis" aria-hidden="true">
      <div ref={strip} className="pm-axis__strip">
        {[...years.map((t) => ({ ...t, kind: 'year' })), ...ages.map((t) => ({ ...t, kind: 'age' }))].map(
          (t) => (
            <span
              key={`${t.kind}-${t.x}`}
              className={`pm-axis__tick pm-axis__tick--${t.kind}`}
              style={{ transform: `translateX(${t.x * zoom}px)` }}
            >
              {t.label}
            </span>
          ),
        )}
        {ticks.breaks.map((b) => (
          <span
            key={b.fromDay}
            className="pm-axis__break"
            style={{ transform: `translateX(${b.x * zoom}px)`, width: b.width * zoom }}
            title={b.label}
          />
        ))}
      </div>
    </div>
  );
});

/** The lane names, a column kept in view on the left whatever the horizontal scroll. */
export const LaneLabels = memo(function LaneLabels() {
  const lanes = useMapStore((s) => s.projection.lanes);
  const labels = useRef<(HTMLSpanElement | null)[]>([]);
  useTransform(([, ty, zoom], { height }) => {
    lanes.forEach((lane, i) => {
      const label = labels.current[i];
      if (!label) return;
      const top = Math.max(lane.y * zoom + ty, AXIS_HEIGHT);
      const bottom = Math.min((lane.y + lane.height) * zoom + ty, height);
      label.style.visibility = bottom - top < 4 ? 'hidden' : 'visible';
      label.style.transform = `translateY(${top}px)`;
      label.style.height = `${Math.max(bottom - top, 0)}px`;
    });
  });
  return (
    <div className="pm-lane-labels" aria-hidden="true">
      {lanes.map((lane, i) => (
        <span
          key={lane.id}
          ref={(element) => {
            labels.current[i] = element;
          }}
          className={`pm-lane-label${lane.id === 'incidents' ? ' pm-lane-label--incidents' : ''}`}
        >
          {lane.label}
        </span>
      ))}
    </div>
  );
});

/** Lane bands, year lines, breaks and themes, in flow coordinates (rendered through a ViewportPortal). */
export const MapBackdrop = memo(function MapBackdrop() {
  const { lanes, themes, ticks, width, height } = useMapStore(
    useShallow((s) => ({
      lanes: s.projection.lanes,
      themes: s.projection.themes,
      ticks: s.projection.ticks,
      width: s.projection.width,
      height: s.projection.height,
    })),
  );
  const hasItems = useMapStore((s) => s.projection.nodes.length > 0);
  const left = -LANE_LABEL_WIDTH;
  return (
    <div className="pm-backdrop">
      {lanes.map((lane, i) => (
        <div
          key={lane.id}
          className={`pm-band${i % 2 ? ' pm-band--odd' : ''}${lane.id === 'incidents' ? ' pm-band--incidents' : ''}`}
          style={{ transform: `translate(${left}px, ${lane.y}px)`, width: width - left, height: lane.height }}
        />
      ))}
      {hasItems
        ? ticks.years.map((y) => (
            <div
              key={y.label}
              className="pm-year-line"
              style={{ transform: `translate(${y.x}px, -24px)`, height: height + 24 }}
            />
          ))
        : null}
      {hasItems
        ? ticks.breaks.map((b) => (
            <div
              key={b.fromDay}
              className="pm-break"
              style={{ transform: `translate(${b.x}px, 0px)`, width: b.width, height }}
            >
              <span className="pm-break__text">{b.label}</span>
            </div>
          ))
        : null}
      {themes.map((theme) => (
        <div
          key={theme.id}
          className="pm-theme"
          style={{ transform: `translate(${theme.x}px, 0px)`, width: theme.width, height }}
        >
          <span className="pm-theme__text">{theme.text}</span>
        </div>
      ))}
    </div>
  );
});

import { useStore as useFlowStore, useStoreApi } from '@xyflow/react';
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LAYOUT } from './projection.ts';
import { useMapStore } from './store.ts';

// What is drawn around the items: the time axis along the top and the lane names down the left, both
// following the viewport, and (in flow coordinates, inside the viewport) the lane bands, year lines
// and themes, which pan and zoom with the items and go into the exported image.

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayOfDate = (y: number, m: number) => Math.round(Date.UTC(y, m, 1) / DAY_MS);
const yearOfDay = (day: number) => new Date(day * DAY_MS).getUTCFullYear();

export const AXIS_HEIGHT = 30;
export const LANE_LABEL_WIDTH = 150;

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

/** Year ticks always; month ticks once a month is wide enough on screen to carry a name. */
export const TimeAxis = memo(function TimeAxis() {
  // Re-rendered only when the zoom changes: panning just slides the strip of ticks.
  const zoom = useFlowStore((s) => s.transform[2]);
  const { originDay, width } = useMapStore(
    useShallow((s) => ({ originDay: s.projection.originDay, width: s.projection.width })),
  );
  const hasItems = useMapStore((s) => s.projection.nodes.length > 0);
  const strip = useRef<HTMLDivElement>(null);
  useTransform(([tx]) => {
    if (strip.current) strip.current.style.transform = `translateX(${tx}px)`;
  });
  const ticks = useMemo(() => {
    if (!hasItems) return [];
    const scale = LAYOUT.pixelsPerDay * zoom;
    const monthWidth = 30 * scale;
    const list: { key: string; x: number; label: string; major: boolean }[] = [];
    const lastYear = yearOfDay(originDay + width / LAYOUT.pixelsPerDay) + 1;
    for (let year = yearOfDay(originDay) - 1; year <= lastYear; year++) {
      list.push({
        key: String(year),
        x: (dayOfDate(year, 0) - originDay) * scale,
        label: String(year),
        major: true,
      });
      if (monthWidth < 12) continue;
      for (let month = 1; month < 12; month++) {
        list.push({
          key: `${year}-${month}`,
          x: (dayOfDate(year, month) - originDay) * scale,
          label: monthWidth >= 34 ? (MONTHS[month] ?? '') : '',
          major: false,
        });
      }
    }
    return list;
  }, [hasItems, zoom, originDay, width]);
  return (
    <div className="pm-axis" aria-hidden="true">
      <div ref={strip} className="pm-axis__strip">
        {ticks.map((t) => (
          <span
            key={t.key}
            className={t.major ? 'pm-axis__tick pm-axis__tick--year' : 'pm-axis__tick'}
            style={{ transform: `translateX(${t.x}px)` }}
          >
            {t.label}
          </span>
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

/** Lane bands, year lines and themes, in flow coordinates (rendered through a ViewportPortal). */
export const MapBackdrop = memo(function MapBackdrop() {
  const { lanes, themes, originDay, width, height, exporting } = useMapStore(
    useShallow((s) => ({
      lanes: s.projection.lanes,
      themes: s.projection.themes,
      originDay: s.projection.originDay,
      width: s.projection.width,
      height: s.projection.height,
      exporting: s.exporting,
    })),
  );
  const hasItems = useMapStore((s) => s.projection.nodes.length > 0);
  const left = -LANE_LABEL_WIDTH;
  const years: { year: number; x: number }[] = [];
  if (hasItems) {
    const last = yearOfDay(originDay + width / LAYOUT.pixelsPerDay);
    for (let year = yearOfDay(originDay) + 1; year <= last; year++) {
      years.push({ year, x: (dayOfDate(year, 0) - originDay) * LAYOUT.pixelsPerDay });
    }
  }
  return (
    <div className="pm-backdrop">
      {lanes.map((lane, i) => (
        <div
          key={lane.id}
          className={`pm-band${i % 2 ? ' pm-band--odd' : ''}${lane.id === 'incidents' ? ' pm-band--incidents' : ''}`}
          style={{ transform: `translate(${left}px, ${lane.y}px)`, width: width - left, height: lane.height }}
        >
          {/* Shown only in the exported image; on screen the lane names follow the viewport. */}
          {exporting ? <span className="pm-band__label">{lane.label}</span> : null}
        </div>
      ))}
      {years.map((y) => (
        <div
          key={y.year}
          className="pm-year-line"
          style={{ transform: `translate(${y.x}px, -24px)`, height: height + 24 }}
        >
          {exporting ? <span className="pm-year-line__label">{y.year}</span> : null}
        </div>
      ))}
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

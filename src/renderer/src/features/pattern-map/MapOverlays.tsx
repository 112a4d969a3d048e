import { useStore as useFlowStore } from '@xyflow/react';
import { memo } from 'react';
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

/** Year ticks always; month ticks once a month is wide enough on screen to carry a name. */
export const TimeAxis = memo(function TimeAxis() {
  const [tx, , zoom] = useFlowStore((s) => s.transform);
  const width = useFlowStore((s) => s.width);
  const originDay = useMapStore((s) => s.projection.originDay);
  const hasItems = useMapStore((s) => s.projection.nodes.length > 0);
  if (!hasItems || width === 0) return <div className="pm-axis" aria-hidden="true" />;
  const scale = LAYOUT.pixelsPerDay * zoom;
  const xOf = (day: number) => (day - originDay) * scale + tx;
  const firstDay = originDay + Math.floor(-tx / scale);
  const lastDay = originDay + Math.ceil((width - tx) / scale);
  const firstYear = yearOfDay(firstDay);
  const lastYear = yearOfDay(lastDay);
  const monthWidth = 30 * scale;
  const ticks: { key: string; x: number; label: string; major: boolean }[] = [];
  for (let year = firstYear; year <= lastYear + 1; year++) {
    if (monthWidth >= 12) {
      for (let month = 1; month < 12; month++) {
        const x = xOf(dayOfDate(year, month));
        if (x < -40 || x > width) continue;
        ticks.push({
          key: `${year}-${month}`,
          x,
          label: monthWidth >= 34 ? (MONTHS[month] ?? '') : '',
          major: false,
        });
      }
    }
    const x = xOf(dayOfDate(year, 0));
    if (x >= -60 && x <= width) ticks.push({ key: String(year), x, label: String(year), major: true });
  }
  return (
    <div className="pm-axis" aria-hidden="true">
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
  );
});

/** The lane names, a column kept in view on the left whatever the horizontal scroll. */
export const LaneLabels = memo(function LaneLabels() {
  const [, ty, zoom] = useFlowStore((s) => s.transform);
  const height = useFlowStore((s) => s.height);
  const lanes = useMapStore((s) => s.projection.lanes);
  return (
    <div className="pm-lane-labels" aria-hidden="true">
      {lanes.map((lane) => {
        const top = Math.max(lane.y * zoom + ty, AXIS_HEIGHT);
        const bottom = Math.min((lane.y + lane.height) * zoom + ty, height);
        if (bottom - top < 4) return null;
        return (
          <span
            key={lane.id}
            className={`pm-lane-label${lane.id === 'incidents' ? ' pm-lane-label--incidents' : ''}`}
            style={{ transform: `translateY(${top}px)`, height: bottom - top }}
          >
            {lane.label}
          </span>
        );
      })}
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

import { dayNumber } from './dates.ts';
import type { AxisSpan } from './pattern-map/uncertain-date.ts';

/**
 * The one order of events, used everywhere a chronology is shown or exported: the pattern map, its
 * table, the case chronology and the Word exports. Pure: the same events always sort the same way.
 */

export interface Placed {
  id: string;
  span: Pick<AxisSpan, 'from' | 'to' | 'midpoint' | 'approximate'>;
  /** When it was recorded (or, for a timed pathway step, when it happened): the last tie-break. */
  createdAt: string;
}

const width = (s: Placed['span']) => dayNumber(s.to) - dayNumber(s.from);

/**
 * By where the event is drawn (the middle of its span); on the same day an exact date comes before an
 * approximate one; then the narrower span; then the order they were recorded; then the id.
 */
export function compareEvents(a: Placed, b: Placed): number {
  return (
    a.span.midpoint - b.span.midpoint ||
    Number(a.span.approximate) - Number(b.span.approximate) ||
    width(a.span) - width(b.span) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

export function chronologicalOrder<T extends Placed>(items: readonly T[]): T[] {
  return [...items].sort(compareEvents);
}

/** An exact day as a span, for events recorded with a date and time (pathway steps, decisions). */
export function exactDaySpan(day: string): Placed['span'] {
  return { from: day, to: day, midpoint: dayNumber(day), approximate: false };
}

export const ORDER_EXPLANATION =
  'Items are in date order. An approximate date (a month, season, year, range or age) is placed at the middle of its period and marked “approx.”; on the same day, exact dates come first, then narrower periods, then the order the items were added.';

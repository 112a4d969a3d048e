import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { dueText } from '../deadlines/due.ts';

/** What a recording started: 'HSB strategy meeting held is now due Wed 02/09/2026.' or 'No deadline started.' */
export function startedMessage(before: CaseTimeline, after: CaseTimeline): string {
  const known = new Set(before.deadlines.map((d) => d.id));
  const started = after.deadlines.filter((d) => !known.has(d.id));
  if (started.length === 0) return 'No new deadline started.';
  return started.map((d) => `Deadline started: ${d.step}, due ${dueText(d.currentDue)}.`).join(' ');
}

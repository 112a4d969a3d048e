import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { caseEvents, deadlinesOfCase } from '#store/deadlines.ts';
import { CLOSURE_EVENTS } from '../case-closure.ts';
import { viewDeadline } from '../deadlines.ts';
import { latestProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';
import { CATEGORY_EVENT, categoryHistory, colourLabel } from './agreed-category.ts';
import { caseContext } from './case-context.ts';

/** The case's steps, agreed categories and deadlines under its profile version (read by closed cases too). */
const CLOSURE_LABELS: Record<string, string> = {
  [CLOSURE_EVENTS.closed]: 'Case closed',
  [CLOSURE_EVENTS.reopened]: 'Case reopened',
};

export function timeline(wb: Workbench, caseId: string): CaseTimeline {
  const { db, now, profile, names } = caseContext(wb, caseId);
  const eventLabel = (id: string) =>
    profile.triggerEvents.find((e) => e.id === id)?.label ?? CLOSURE_LABELS[id] ?? id;
  return {
    caseId,
    profile: {
      id: profile.id,
      name: profile.name,
      version: profile.version,
      latestVersion: latestProfile(db, profile.id)?.profile.version ?? profile.version,
    },
    triggerEvents: profile.triggerEvents
      .filter((e) => e.id !== CATEGORY_EVENT)
      .map((e) => ({ id: e.id, label: e.label })),
    categories: profile.riskMatrix.rows.map((r) => ({
      id: r.category,
      label: r.label,
      brookColour: colourLabel(profile, r.brookColour),
    })),
    events: caseEvents(db, caseId).map((e) => ({
      id: e.id,
      event: e.event,
      label: eventLabel(e.event),
      occurredAt: e.occurredAt,
      summary: String((e.details as { summary?: string }).summary ?? ''),
      recordedByName: names.get(e.recordedBy) ?? e.recordedBy,
    })),
    categoryHistory: categoryHistory(db, caseId, names),
    deadlines: deadlinesOfCase(db, caseId).map((d) => viewDeadline(db, d, now, names)),
  };
}

import type { CategoryRecordView } from '#contract/timescale-schemas.ts';
import type { CaseContext, CategoryId, Profile } from '#domain/profiles/index.ts';
import type { Db } from '#store/database.ts';
import { caseEvents } from '#store/deadlines.ts';

// What has been agreed about the case's risk category, as the timeline, the deadlines and the profile's
// rules read it. The category itself is recorded by category.ts.

export const CATEGORY_EVENT = 'category-agreed';

export function categoryHistory(db: Db, caseId: string, names: Map<string, string>): CategoryRecordView[] {
  return caseEvents(db, caseId)
    .filter((e) => e.event === CATEGORY_EVENT)
    .map((e) => {
      const d = e.details as Record<string, string | boolean>;
      return {
        id: e.id,
        category: d.category as CategoryId,
        label: String(d.label),
        brookColour: String(d.brookColour ?? ''),
        childProtectionTier: String(d.childProtectionTier ?? ''),
        serviceResponse: String(d.serviceResponse ?? ''),
        complex: d.complex === true,
        agreedAt: e.occurredAt,
        agreedBy: String(d.agreedBy),
        rationale: String(d.rationale),
        recordedByName: names.get(e.recordedBy) ?? e.recordedBy,
      };
    });
}

/** What the profile's rules need to know about the case: the latest agreed category and its colour. */
export function caseContext(db: Db, caseId: string): CaseContext {
  const latest = categoryHistory(db, caseId, new Map()).at(-1);
  if (!latest) return {};
  return {
    category: latest.category,
    complex: latest.complex,
    ...(latest.brookColour ? { brookColour: latest.brookColour } : {}),
  };
}

export const colourLabel = (profile: Profile, id: string | undefined) =>
  profile.brook.colours.find((c) => c.id === id)?.label ?? id ?? '';

import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { formatDay, londonDay } from '#domain/dates.ts';
import { type CategoryId, suggestCategory } from '#domain/profiles/index.ts';
import type { Db } from '#store/database.ts';
import { caseEvents, insertCaseEvent } from '#store/deadlines.ts';
import { startDeadlines } from '../deadlines.ts';
import { refuseFuture } from '../not-in-future.ts';
import type { AuditNote, Workbench } from '../workbench.ts';
import { CATEGORY_EVENT, colourLabel } from './agreed-category.ts';
import { openCaseParts } from './case.ts';
import { raiseEvent } from './events.ts';
import { timeline } from './timeline.ts';

// The agreed risk category (Hackett continuum, Brook colour), the descriptors behind it and the category
// the workbench suggests from them.

/**
 * Records an agreed Hackett category with its rationale, and starts the deadlines the profile ties to it.
 * The worker may tick the descriptors that apply; the workbench suggests a category, the professional
 * decides, and departing from the suggestion (or ticking none) needs a rationale (Islington §8).
 * Call inside a write; used by the category form and by a strategy meeting that agrees the category.
 */
export function agreeCategory(
  db: Db,
  audit: (note: AuditNote) => void,
  args: {
    caseId: string;
    category: string;
    agreedAt: string;
    agreedBy: string;
    rationale: string;
    complex: boolean;
    descriptorIds: readonly string[];
    userId: string;
    now: string;
    /** Agreed by a strategy discussion or meeting: it starts no clock for a strategy meeting (one has been held). */
    atStrategyMeeting?: boolean;
  },
): void {
  const { hsbCase, profile } = openCaseParts(db, args.caseId);
  const row = profile.riskMatrix.rows.find((r) => r.category === args.category);
  if (!row) {
    throw new WorkbenchError('invalid-request', `The ${profile.name} profile does not use that category.`, {
      problems: [{ path: 'category', message: 'is not in this profile’s risk matrix' }],
    });
  }
  const known = new Set(profile.riskMatrix.rows.flatMap((r) => r.descriptors.map((d) => d.id)));
  const unknown = args.descriptorIds.find((d) => !known.has(d));
  if (unknown) {
    throw new WorkbenchError('invalid-request', 'One of the ticked descriptors is not in this profile.', {
      problems: [{ path: 'descriptorIds', message: `“${unknown}” is not a descriptor of this profile` }],
    });
  }
  const suggestion = args.descriptorIds.length ? suggestCategory(profile, args.descriptorIds) : null;
  const departs = !suggestion || suggestion.category !== row.category;
  if (departs && !args.rationale.trim()) {
    throw new WorkbenchError(
      'invalid-request',
      suggestion
        ? `The descriptors ticked suggest ${suggestion.label ?? suggestion.category}; you chose ${row.label}. Record the rationale for your decision.`
        : 'Record the rationale for the category agreed.',
      {
        problems: [
          { path: 'rationale', message: 'is required when the category differs from the suggestion' },
        ],
      },
    );
  }
  const agreedAt = new Date(args.agreedAt).toISOString();
  const brookColour = colourLabel(profile, row.brookColour);
  insertCaseEvent(db, {
    id: randomUUID(),
    caseId: hsbCase.id,
    event: CATEGORY_EVENT,
    occurredAt: agreedAt,
    details: {
      category: row.category,
      label: row.label,
      brookColour,
      brookColourId: row.brookColour ?? '',
      childProtectionTier: row.childProtectionTier ?? '',
      serviceResponse: row.serviceResponse ?? '',
      complex: args.complex,
      agreedBy: args.agreedBy,
      rationale: args.rationale,
      descriptorIds: [...args.descriptorIds],
      suggested: suggestion?.category ?? '',
      summary: `${row.label}${brookColour ? ` (${brookColour})` : ''} agreed by ${args.agreedBy} on ${formatDay(londonDay(agreedAt))}`,
    },
    recordedAt: args.now,
    recordedBy: args.userId,
  });
  audit({
    action: 'case.category',
    recordType: 'case',
    recordId: hsbCase.id,
    summary: `recorded ${row.label} as agreed${suggestion && departs ? ` (suggested: ${suggestion.category})` : ''}`,
  });
  if (profile.triggerEvents.some((e) => e.id === CATEGORY_EVENT)) {
    // A strategy meeting that agrees the category has itself been held: it never starts a clock for one.
    const notStrategy = args.atStrategyMeeting
      ? profile.timescales.filter((t) => !t.id.startsWith('strategy-')).map((t) => t.id)
      : undefined;
    startDeadlines(db, audit, {
      ...(notStrategy ? { onlyRuleIds: notStrategy } : {}),
      caseId: hsbCase.id,
      profile,
      start: { event: CATEGORY_EVENT },
      context: {
        category: row.category,
        complex: args.complex,
        ...(row.brookColour ? { brookColour: row.brookColour } : {}),
      },
      triggerAt: agreedAt,
      startedBy: { event: CATEGORY_EVENT, label: `${row.label} agreed` },
      userId: args.userId,
      now: args.now,
    });
  }
  // The steps the profile ties to this category at the concern or screening (Islington §5.3: abusive or
  // violent HSB believed), recorded once, at the moment the category was agreed.
  if (args.atStrategyMeeting) return;
  const already = new Set(caseEvents(db, hsbCase.id).map((e) => e.event));
  for (const event of profile.triggerEvents) {
    if (!event.raisedByCategories?.includes(row.category as CategoryId) || already.has(event.id)) continue;
    raiseEvent(db, audit, {
      caseId: hsbCase.id,
      profile,
      event,
      occurredAt: agreedAt,
      note: `${row.label} agreed`,
      brookColour: null,
      userId: args.userId,
      now: args.now,
    });
  }
}

export function recordCategory(wb: Workbench, req: ParsedRequest<'pathway.recordCategory'>): CaseTimeline {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  refuseFuture(req.agreedAt, now, 'agreedAt');
  wb.write((db, audit) =>
    agreeCategory(db, audit, { ...req, descriptorIds: req.descriptorIds ?? [], userId, now }),
  );
  return timeline(wb, req.caseId);
}

/** The risk matrix of the case's profile, with the category the ticked descriptors suggest. */
export function suggest(wb: Workbench, req: ParsedRequest<'pathway.suggestCategory'>) {
  const { profile } = openCaseParts(wb.db(), req.caseId);
  const s = suggestCategory(profile, req.descriptorIds);
  const colour = (id?: string) => profile.brook.colours.find((c) => c.id === id)?.label ?? '';
  return {
    suggested: s.category ?? null,
    explanation: s.explanation,
    rows: profile.riskMatrix.rows.map((r) => ({
      category: r.category,
      label: r.label,
      brookColour: colour(r.brookColour),
      childProtectionTier: r.childProtectionTier ?? '',
      serviceResponse: r.serviceResponse ?? '',
      descriptors: r.descriptors.map((d) => ({ id: d.id, text: d.text })),
    })),
  };
}

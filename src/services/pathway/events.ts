import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { describeRule } from '#domain/clock/index.ts';
import type { Profile } from '#domain/profiles/index.ts';
import type { Db } from '#store/database.ts';
import { insertCaseEvent } from '#store/deadlines.ts';
import { meetDeadlinesBy, startDeadlines } from '../deadlines.ts';
import { refuseFuture } from '../not-in-future.ts';
import type { AuditNote, Workbench } from '../workbench.ts';
import { CATEGORY_EVENT, caseContext } from './agreed-category.ts';
import { openCaseParts } from './case.ts';
import { timeline } from './timeline.ts';

/**
 * Records a step of the profile on the case and starts the clocks it starts. Call inside a write; used by
 * the pathway screens and by other steps that imply one (a decision to assess, a first session with the child).
 */
export function raiseEvent(
  db: Db,
  audit: (note: AuditNote) => void,
  args: {
    caseId: string;
    profile: Profile;
    event: { id: string; label: string };
    occurredAt: string;
    note: string;
    brookColour: { id: string; label: string } | null;
    userId: string;
    now: string;
  },
): void {
  const { caseId, profile, event, occurredAt, note, brookColour, userId, now } = args;
  insertCaseEvent(db, {
    id: randomUUID(),
    caseId,
    event: event.id,
    occurredAt,
    details: {
      note,
      brookColour: brookColour?.label ?? '',
      summary: [brookColour ? `Brook: ${brookColour.label}` : '', note].filter(Boolean).join('. '),
    },
    recordedAt: now,
    recordedBy: userId,
  });
  audit({ action: 'case.event', recordType: 'case', recordId: caseId, summary: `recorded: ${event.label}` });
  startDeadlines(db, audit, {
    caseId,
    profile,
    start: { event: event.id },
    context: { ...caseContext(db, caseId), ...(brookColour ? { brookColour: brookColour.id } : {}) },
    triggerAt: occurredAt,
    startedBy: { event: event.id, label: event.label },
    userId,
    now,
  });
  meetDeadlinesBy(db, audit, {
    caseId,
    stop: { event: event.id },
    at: occurredAt,
    note: `${event.label} recorded`,
    userId,
    now,
  });
}

const or = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * A step whose clocks depend on the agreed category, recorded before any category: it would start nothing
 * silently, so it is refused with what is missing (Hounslow: 3 and 5 working days for categories 2 and 3).
 */
function refuseWithoutCategory(
  db: Db,
  caseId: string,
  profile: Profile,
  event: { id: string; label: string },
) {
  const dependent = profile.timescales.filter(
    (t) => 'event' in t.startsOn && t.startsOn.event === event.id && t.appliesTo?.categories,
  );
  if (dependent.length === 0 || caseContext(db, caseId).category !== undefined) return;
  const categories = [...new Set(dependent.flatMap((t) => t.appliesTo?.categories ?? []))];
  const rules = or(dependent.map((t) => `“${t.label}” (${describeRule(t.rule)})`));
  throw new WorkbenchError(
    'rule-broken',
    `Record the agreed HSB risk category first. Under the ${profile.name} profile ${rules} start only for ${categories.length === 1 ? 'category' : 'categories'} ${or(categories)}, and no category is recorded for this case. Nothing has been saved.`,
    { problems: [{ path: 'event', message: 'needs the agreed risk category recorded first' }] },
  );
}

/** Any other step the profile names as starting a clock: a concern received, s47 initiated, first meeting with the child … */
export function recordEvent(wb: Workbench, req: ParsedRequest<'pathway.recordEvent'>): CaseTimeline {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  refuseFuture(req.occurredAt, now, 'occurredAt');
  wb.write((db, audit) => {
    const { hsbCase, profile } = openCaseParts(db, req.caseId);
    const event = profile.triggerEvents.find((e) => e.id === req.event && e.id !== CATEGORY_EVENT);
    if (!event) {
      throw new WorkbenchError('invalid-request', `The ${profile.name} profile does not have that step.`, {
        problems: [{ path: 'event', message: 'is not a step of this profile' }],
      });
    }
    refuseWithoutCategory(db, hsbCase.id, profile, event);
    const colour = req.brookColour ? profile.brook.colours.find((c) => c.id === req.brookColour) : undefined;
    if (req.brookColour && !colour) {
      throw new WorkbenchError('invalid-request', 'That Brook colour is not one this profile uses.', {
        problems: [{ path: 'brookColour', message: 'is not a colour of this profile' }],
      });
    }
    raiseEvent(db, audit, {
      caseId: hsbCase.id,
      profile,
      event,
      occurredAt: new Date(req.occurredAt).toISOString(),
      note: req.note,
      brookColour: colour ?? null,
      userId,
      now,
    });
  });
  return timeline(wb, req.caseId);
}

import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { CaseTimeline, CategoryRecordView } from '../contract/timescale-schemas.ts';
import { formatDay, londonDay } from '../domain/dates.ts';
import {
  type CaseContext,
  type CategoryId,
  findTimescale,
  type Profile,
  suggestCategory,
} from '../domain/profiles/index.ts';
import { findCase, setCaseProfileVersion } from '../store/cases.ts';
import type { Db } from '../store/database.ts';
import { caseEvents, deadlinesOfCase, insertCaseEvent, supersedeDeadline } from '../store/deadlines.ts';
import { namesById, startDeadlines, viewDeadline } from './deadlines.ts';
import { refuseFuture } from './not-in-future.ts';
import { keepBuiltInSnapshot, latestProfile, requireProfile } from './profiles.ts';
import type { AuditNote, Workbench } from './workbench.ts';

const CATEGORY_EVENT = 'category-agreed';
function caseAndProfile(db: Db, caseId: string) {
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
  if (hsbCase.status !== 'open') throw new WorkbenchError('rule-broken', 'This case is closed.');
  return { hsbCase, profile: requireProfile(db, hsbCase.profileId, hsbCase.profileVersion) };
}

function categoryHistory(db: Db, caseId: string, names: Map<string, string>): CategoryRecordView[] {
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
function caseContext(db: Db, caseId: string): CaseContext {
  const latest = categoryHistory(db, caseId, new Map()).at(-1);
  if (!latest) return {};
  return {
    category: latest.category,
    complex: latest.complex,
    ...(latest.brookColour ? { brookColour: latest.brookColour } : {}),
  };
}

const colourLabel = (profile: Profile, id: string | undefined) =>
  profile.brook.colours.find((c) => c.id === id)?.label ?? id ?? '';

export function timeline(wb: Workbench, caseId: string): CaseTimeline {
  const db = wb.db();
  const now = wb.now().toISOString();
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) throw new WorkbenchError('not-found', 'That case was not found.');
  const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
  const names = namesById(db);
  const eventLabel = (id: string) => profile.triggerEvents.find((e) => e.id === id)?.label ?? id;
  return {
    caseId,
    profile: {
      id: profile.id,
      name: profile.name,
      version: profile.version,
      latestVersion: latestProfile(db, profile.id)?.profile.version ?? profile.version,
    },
    triggerEvents: profile.triggerEvents.filter((e) => e.id !== CATEGORY_EVENT),
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
  },
): void {
  const { hsbCase, profile } = caseAndProfile(db, args.caseId);
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
    startDeadlines(db, audit, {
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
}

/** Any other step the profile names as starting a clock: a concern received, s47 initiated, first meeting with the child … */
export function recordEvent(wb: Workbench, req: ParsedRequest<'pathway.recordEvent'>): CaseTimeline {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  refuseFuture(req.occurredAt, now, 'occurredAt');
  wb.write((db, audit) => {
    const { hsbCase, profile } = caseAndProfile(db, req.caseId);
    const event = profile.triggerEvents.find((e) => e.id === req.event && e.id !== CATEGORY_EVENT);
    if (!event) {
      throw new WorkbenchError('invalid-request', `The ${profile.name} profile does not have that step.`, {
        problems: [{ path: 'event', message: 'is not a step of this profile' }],
      });
    }
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

/**
 * Moves a case to another version of its profile, deliberately and audited. Running deadlines whose
 * rule changed are marked replaced and restarted from the same trigger under the new rule; both stay visible.
 */
export function moveProfileVersion(
  wb: Workbench,
  req: ParsedRequest<'pathway.moveProfileVersion'>,
): CaseTimeline {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  wb.write((db, audit) => {
    const { hsbCase, profile: from } = caseAndProfile(db, req.caseId);
    if (req.version === from.version)
      throw new WorkbenchError('rule-broken', `The case already runs under version ${req.version}.`);
    const to = requireProfile(db, from.id, req.version);
    keepBuiltInSnapshot(db, to, now);
    setCaseProfileVersion(db, hsbCase.id, to.version, now);
    let restarted = 0;
    for (const d of deadlinesOfCase(db, hsbCase.id).filter((x) => x.state === 'open')) {
      const rule = findTimescale(to, d.ruleId);
      if (rule && JSON.stringify(rule.rule) === JSON.stringify(d.rule)) continue;
      supersedeDeadline(db, d.id);
      restarted += 1;
      if (!rule) continue;
      startDeadlines(db, audit, {
        caseId: hsbCase.id,
        profile: to,
        start: 'event' in rule.startsOn ? { event: rule.startsOn.event } : { ruleMet: rule.startsOn.ruleMet },
        context: caseContext(db, hsbCase.id),
        triggerAt: d.triggerAt,
        startedBy: { event: d.startedByEvent, label: d.startedByLabel },
        userId,
        now,
        onlyRuleIds: [rule.id],
      });
    }
    audit({
      action: 'case.profile-version',
      recordType: 'case',
      recordId: hsbCase.id,
      summary: `moved from ${from.name} version ${from.version} to version ${to.version} (${restarted} deadline${restarted === 1 ? '' : 's'} recalculated)`,
    });
  });
  return timeline(wb, req.caseId);
}

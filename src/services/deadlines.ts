import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { DeadlineView } from '../contract/timescale-schemas.ts';
import {
  computeDue,
  type DeadlineAdjustment,
  DeadlineAdjustmentSchema,
  deadlineStatus,
  describeRule,
  effectiveDeadline,
  type WorkingCalendar,
  workingDayProgress,
} from '../domain/clock/index.ts';
import { millisecondsBetween } from '../domain/dates.ts';
import {
  type CaseContext,
  type ClockStart,
  type ClockStop,
  type Profile,
  readableCitation,
  rulesMetBy,
  rulesStartedBy,
} from '../domain/profiles/index.ts';
import { findCase } from '../store/cases.ts';
import { findChild } from '../store/children.ts';
import type { Db } from '../store/database.ts';
import {
  appendAdjustment,
  type DeadlineRecord,
  deadlinesForPerson,
  deadlinesOfCase,
  findDeadline,
  insertDeadline,
  markDeadlineMet,
} from '../store/deadlines.ts';
import { listUsers } from '../store/users.ts';
import { mayAccessCase } from './case-access.ts';
import { refuseFuture } from './not-in-future.ts';
import { calendarFor, requireProfile } from './profiles.ts';
import type { AuditNote, Workbench } from './workbench.ts';

const ADJUSTMENT_WORDS = { pause: 'paused', resume: 'resumed', extend: 'extended' } as const;

/** Who is who, by id, for showing who made each change. */
export const namesById = (db: Db) => new Map(listUsers(db).map((u) => [u.id, u.name]));

function adjustmentsOf(d: DeadlineRecord): DeadlineAdjustment[] {
  return d.adjustments.map((a) => a.adjustment);
}

/** A stored deadline as the screens show it: original and current due dates, status, history. */
export function viewDeadline(db: Db, d: DeadlineRecord, now: string, names = namesById(db)): DeadlineView {
  const hsbCase = findCase(db, d.caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  const calendar = d.calendar;
  const result = effectiveDeadline({
    rule: d.rule,
    trigger: d.triggerAt,
    calendar,
    adjustments: adjustmentsOf(d),
  });
  const original = computeDue(d.rule, d.triggerAt, calendar);
  const state = result.ok
    ? result.deadline
    : { current: original, paused: false, pausedSince: undefined, history: [] };
  const status =
    d.state === 'superseded'
      ? {
          status: 'superseded' as const,
          rag: 'grey' as const,
          label: 'Replaced when the case moved to another profile version',
        }
      : deadlineStatus(state.current, now, calendar, {
          ...(d.metAt ? { completedAt: d.metAt } : {}),
          ...(state.pausedSince ? { pausedSince: state.pausedSince } : {}),
        });
  const history: DeadlineView['history'] = state.history.map((h) => ({
    at: h.adjustment.at,
    byName: names.get(h.adjustment.by) ?? h.adjustment.by,
    kind: h.adjustment.type,
    reason: h.adjustment.reason ?? '',
    summary: h.summary,
  }));
  if (d.metAt) {
    history.push({ at: d.metAt, byName: '', kind: 'met', reason: d.metNote, summary: status.label });
  }
  return {
    id: d.id,
    version: d.version,
    caseId: d.caseId,
    caseReference: hsbCase?.reference ?? '',
    childName: child?.name ?? '',
    ruleId: d.ruleId,
    step: d.label,
    ruleText: describeRule(d.rule),
    citation: readableCitation(d.citation),
    startedBy: d.startedByLabel,
    triggerAt: new Date(d.triggerAt).toISOString(),
    profileId: d.profileId,
    profileVersion: d.profileVersion,
    originalDue: original,
    currentDue: state.current,
    paused: state.paused,
    state: d.state,
    metAt: d.metAt,
    status: status.status,
    rag: status.rag,
    statusLabel: status.label,
    progress:
      d.state === 'open' && !state.paused
        ? workingDayProgress({ rule: d.rule, trigger: d.triggerAt, due: state.current, now, calendar })
        : null,
    history,
  };
}

/**
 * Starts the clock of every rule in the profile that the event (or a met rule) starts for this case.
 * A rule already running on the case is not started twice.
 */
export function startDeadlines(
  db: Db,
  audit: (note: AuditNote) => void,
  args: {
    caseId: string;
    profile: Profile;
    start: ClockStart;
    context: CaseContext;
    triggerAt: string;
    startedBy: { event: string; label: string };
    userId: string;
    now: string;
    /** Start only these rules (a deliberate restart of one rule), not every rule the event starts. */
    onlyRuleIds?: readonly string[];
  },
): void {
  const calendar: WorkingCalendar = calendarFor(db, args.profile);
  const running = new Set(
    deadlinesOfCase(db, args.caseId)
      .filter((d) => d.state === 'open')
      .map((d) => d.ruleId),
  );
  for (const timescale of rulesStartedBy(args.profile, args.start, args.context)) {
    if (running.has(timescale.id) || (args.onlyRuleIds && !args.onlyRuleIds.includes(timescale.id))) continue;
    startDeadline(
      db,
      audit,
      {
        caseId: args.caseId,
        profile: args.profile,
        ruleId: timescale.id,
        label: timescale.label,
        rule: timescale.rule,
        citation: timescale.citation,
        startedByEvent: args.startedBy.event,
        startedByLabel: args.startedBy.label,
        triggerAt: args.triggerAt,
        calendar,
        createdAt: args.now,
        createdBy: args.userId,
      },
      (dueDay) =>
        `${timescale.label}: ${describeRule(timescale.rule)} of ${args.startedBy.label.toLowerCase()}, due ${dueDay}`,
    );
  }
}

/** Starts one deadline: when it is due on the profile's calendar, stored open, with its audit entry. */
export function startDeadline(
  db: Db,
  audit: (note: AuditNote) => void,
  d: Pick<
    DeadlineRecord,
    | 'caseId'
    | 'ruleId'
    | 'label'
    | 'rule'
    | 'citation'
    | 'startedByEvent'
    | 'startedByLabel'
    | 'triggerAt'
    | 'calendar'
    | 'createdAt'
    | 'createdBy'
  > & { profile: Profile },
  summary: (dueDay: string) => string,
): void {
  const { profile, ...rest } = d;
  const due = computeDue(d.rule, d.triggerAt, d.calendar);
  const id = randomUUID();
  insertDeadline(db, {
    ...rest,
    id,
    profileId: profile.id,
    profileVersion: profile.version,
    originalDueDay: due.dueDay,
    originalDueInstant: due.dueInstant,
    state: 'open',
    metAt: null,
    metNote: '',
  });
  audit({ action: 'deadline.start', recordType: 'deadline', recordId: id, summary: summary(due.dueDay) });
}

function openDeadlineForChange(db: Db, id: string, expectedVersion: number): DeadlineRecord {
  const d = findDeadline(db, id);
  if (!d) throw new WorkbenchError('not-found', 'That deadline was not found.');
  if (d.version !== expectedVersion) {
    throw new WorkbenchError(
      'conflict',
      'Someone else changed this deadline after you opened it. Nothing was saved: reload to see their change, then try again.',
    );
  }
  if (d.state !== 'open') {
    throw new WorkbenchError('rule-broken', 'This deadline is no longer running, so it cannot be changed.');
  }
  return d;
}

export function adjustDeadline(wb: Workbench, req: ParsedRequest<'deadlines.adjust'>): DeadlineView {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  return wb.write((db, audit) => {
    const d = openDeadlineForChange(db, req.deadlineId, req.expectedVersion);
    const candidate = {
      type: req.type,
      at: now,
      by: userId,
      ...(req.type !== 'resume' || req.reason ? { reason: req.reason } : {}),
      ...(req.newDueDay ? { newDueDay: req.newDueDay } : {}),
      ...(req.extraWorkingDays ? { extraWorkingDays: req.extraWorkingDays } : {}),
    };
    const parsed = DeadlineAdjustmentSchema.safeParse(candidate);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({
        path: i.path.join('.') || 'reason',
        message: i.message,
      }));
      throw new WorkbenchError(
        'invalid-request',
        'A reason is needed for every pause and extension (for example, court directions).',
        { problems },
      );
    }
    const result = effectiveDeadline({
      rule: d.rule,
      trigger: d.triggerAt,
      calendar: d.calendar,
      adjustments: [...adjustmentsOf(d), parsed.data],
    });
    if (!result.ok) {
      throw new WorkbenchError(
        'rule-broken',
        result.errors.map((e) => e.message.replace(/^Change \d+/, 'This change')).join(' '),
      );
    }
    appendAdjustment(db, d.id, parsed.data, userId);
    audit({
      action: `deadline.${req.type}`,
      recordType: 'deadline',
      recordId: d.id,
      summary: `${d.label}: ${ADJUSTMENT_WORDS[req.type]} (reason recorded); due ${result.deadline.current.dueDay}`,
    });
    const after = findDeadline(db, d.id);
    if (!after) throw new WorkbenchError('internal', 'The deadline disappeared while saving.');
    return viewDeadline(db, after, now);
  });
}

export function markMet(wb: Workbench, req: ParsedRequest<'deadlines.markMet'>): DeadlineView {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  return wb.write((db, audit) => {
    const d = openDeadlineForChange(db, req.deadlineId, req.expectedVersion);
    refuseFuture(req.metAt, now, 'metAt', 'The date it was done cannot be in the future.');
    if (millisecondsBetween(d.triggerAt, req.metAt) < 0) {
      throw new WorkbenchError(
        'invalid-request',
        'The date it was done cannot be before the clock started.',
        {
          problems: [{ path: 'metAt', message: 'is before the event that started the clock' }],
        },
      );
    }
    return meetDeadline(db, audit, d, { at: new Date(req.metAt).toISOString(), note: req.note, userId, now });
  });
}

/** Marks one open deadline met, audited, and starts the rules that start when it is met. Call inside a write. */
function meetDeadline(
  db: Db,
  audit: (note: AuditNote) => void,
  d: DeadlineRecord,
  met: { at: string; note: string; userId: string; now: string },
): DeadlineView {
  markDeadlineMet(db, d.id, met.at, met.note);
  const after = findDeadline(db, d.id);
  if (!after) throw new WorkbenchError('internal', 'The deadline disappeared while saving.');
  const view = viewDeadline(db, after, met.now);
  audit({
    action: 'deadline.met',
    recordType: 'deadline',
    recordId: d.id,
    summary: `${d.label}: ${view.statusLabel}${met.note ? ` (${met.note})` : ''}`,
  });
  // Some rules start when another is met (Islington §5.4: a strategy meeting within 5 working days of emergency action).
  if (findCase(db, d.caseId)) {
    startDeadlines(db, audit, {
      caseId: d.caseId,
      profile: requireProfile(db, d.profileId, d.profileVersion),
      start: { ruleMet: d.ruleId },
      context: {},
      triggerAt: after.metAt ?? met.now,
      startedBy: { event: `rule-met:${d.ruleId}`, label: d.label },
      userId: met.userId,
      now: met.now,
    });
  }
  return view;
}

/**
 * Deadlines close themselves: meets every open deadline on the case whose rule, in the profile version
 * it was started under, names `stop` as meeting it (Lancashire step 8: the final sign-off completes the
 * AIM assessment). Call inside a write, with the moment the step happened.
 */
export function meetDeadlinesBy(
  db: Db,
  audit: (note: AuditNote) => void,
  args: { caseId: string; stop: ClockStop; at: string; note: string; userId: string; now: string },
): DeadlineView[] {
  return deadlinesOfCase(db, args.caseId)
    .filter((d) => d.state === 'open' && millisecondsBetween(d.triggerAt, args.at) >= 0)
    .filter((d) =>
      rulesMetBy(requireProfile(db, d.profileId, d.profileVersion), args.stop).some((t) => t.id === d.ruleId),
    )
    .map((d) => meetDeadline(db, audit, d, args));
}

export function myDeadlines(wb: Workbench): DeadlineView[] {
  const { user } = wb.signedIn();
  const db = wb.db();
  const now = wb.now().toISOString();
  const names = namesById(db);
  return (
    deadlinesForPerson(db, user.id, 'allocated')
      // A closed case's deadlines no longer ask anything of anyone: My work leaves them out.
      .filter(
        (d) =>
          d.state === 'open' && findCase(db, d.caseId)?.status === 'open' && mayAccessCase(wb, db, d.caseId),
      )
      .map((d) => viewDeadline(db, d, now, names))
      .sort((a, b) => a.currentDue.dueInstant.localeCompare(b.currentDue.dueInstant))
  );
}

export function teamDeadlines(wb: Workbench) {
  const { user } = wb.signedIn();
  const db = wb.db();
  const now = wb.now().toISOString();
  const names = namesById(db);
  const deadlines = deadlinesForPerson(db, user.id, 'manager')
    .filter((d) => mayAccessCase(wb, db, d.caseId))
    .map((d) => viewDeadline(db, d, now, names))
    .sort((a, b) => a.currentDue.dueInstant.localeCompare(b.currentDue.dueInstant));
  const met = deadlines.filter((d) => d.state === 'met');
  const metOnTime = met.filter(
    (d) =>
      d.metAt && millisecondsBetween(d.metAt, d.currentDue.latestInstant ?? d.currentDue.dueInstant) >= 0,
  ).length;
  return {
    deadlines,
    summary: {
      met: met.length,
      metOnTime,
      metLate: met.length - metOnTime,
      open: deadlines.filter((d) => d.state === 'open').length,
      overdue: deadlines.filter((d) => d.status === 'overdue').length,
    },
  };
}

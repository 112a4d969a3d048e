import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import { AGENCY_LABELS } from '../contract/vocabulary.ts';
import { computeDue } from '../domain/clock/index.ts';
import { londonDay, millisecondsBetween } from '../domain/dates.ts';
import { evaluateEligibility, suggestCategory } from '../domain/profiles/index.ts';
import { assessmentsOfCase } from '../store/assessments.ts';
import { findCase } from '../store/cases.ts';
import { findChild } from '../store/children.ts';
import type { Db } from '../store/database.ts';
import { deadlinesOfCase, insertDeadline, markDeadlineMet } from '../store/deadlines.ts';
import {
  allStrategyMeetings,
  findStrategyMeeting,
  insertReferral,
  insertStrategyMeeting,
  referralsOf,
  updateMeetingActions,
} from '../store/pathway.ts';
import { findPerson } from '../store/pattern-map.ts';
import { findUser } from '../store/users.ts';
import { startAssessment } from './assessments/start.ts';
import { mayAccessCase } from './case-access.ts';
import { namesById } from './deadlines.ts';
import { refuseFuture } from './not-in-future.ts';
import { agreeCategory, raiseEvent } from './pathway.ts';
import { pathwaySummary } from './pathway-summary.ts';
import { calendarFor, requireProfile } from './profiles.ts';
import type { AuditNote, Workbench } from './workbench.ts';

// Referral and screening, risk category suggestions, strategy discussions and meetings.

function caseParts(db: Db, caseId: string) {
  const hsbCase = findCase(db, caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
  if (hsbCase.status !== 'open') throw new WorkbenchError('rule-broken', 'This case is closed.');
  return { hsbCase, child, profile: requireProfile(db, hsbCase.profileId, hsbCase.profileVersion) };
}

const refuse = (path: string, message: string, summary: string): never => {
  throw new WorkbenchError('invalid-request', summary, { problems: [{ path, message }] });
};

function eligibilityFor(
  db: Db,
  caseId: string,
  receivedAt: string,
  facts: ParsedRequest<'pathway.checkEligibility'>['facts'],
) {
  const { child, profile } = caseParts(db, caseId);
  const e = evaluateEligibility(profile, {
    ...facts,
    referralDate: londonDay(receivedAt),
    dateOfBirth: child.dateOfBirth,
  });
  return {
    outcome: e.outcome,
    outcomeLabel: e.outcomeLabel,
    summary: e.summary,
    criteria: e.criteria.map((c) => ({ label: c.label, result: c.result, explanation: c.explanation })),
  };
}

export const checkEligibility = (wb: Workbench, req: ParsedRequest<'pathway.checkEligibility'>) =>
  eligibilityFor(wb.db(), req.caseId, req.receivedAt, req.facts);

/**
 * A concern, as a new referral or on an open case: source, what was reported, the children involved by
 * reference, exploitation flags, and eligibility explained line by line. Proceeding against an unmet
 * criterion needs a recorded reason.
 */
export function recordConcern(wb: Workbench, req: ParsedRequest<'pathway.recordConcern'>) {
  const userId = wb.signedIn().user.id;
  const now = wb.now().toISOString();
  refuseFuture(req.receivedAt, now, 'receivedAt');
  wb.write((db, audit) => {
    const { hsbCase, profile } = caseParts(db, req.caseId);
    for (const [i, c] of req.children.entries()) {
      if (findPerson(db, c.personId)?.caseId !== hsbCase.id)
        refuse(
          `children[${i}].personId`,
          'is not a person on this case',
          'Add the other children to the case (by reference) before naming them in the concern.',
        );
    }
    const eligibility = eligibilityFor(db, hsbCase.id, req.receivedAt, req.facts);
    const unmet = eligibility.outcome !== 'eligible-for-aim' && eligibility.outcome !== 'no-criteria';
    if (unmet && eligibility.outcome !== 'consultation-only' && !req.proceedReason) {
      throw new WorkbenchError(
        'rule-broken',
        `${eligibility.summary} To record the concern against the criteria, give the reason.`,
        {
          problems: [{ path: 'proceedReason', message: 'is required when a criterion is not met' }],
        },
      );
    }
    const receivedAt = new Date(req.receivedAt).toISOString();
    insertReferral(db, {
      id: randomUUID(),
      caseId: hsbCase.id,
      receivedAt,
      newReferral: req.newReferral,
      sourceAgency: req.sourceAgency,
      sourceRole: req.sourceRole,
      reported: req.reported,
      children: req.children,
      exploitation: req.exploitation,
      eligibility,
      proceedReason: req.proceedReason,
      recordedAt: now,
      recordedBy: userId,
    });
    audit({
      action: 'pathway.concern',
      recordType: 'case',
      recordId: hsbCase.id,
      summary: `recorded a concern from ${AGENCY_LABELS[req.sourceAgency]} (${eligibility.outcomeLabel})`,
    });
    const received = profile.triggerEvents.find(
      (e) => e.id === 'concern-received' || e.id === 'referral-received',
    );
    if (received)
      raiseEvent(db, audit, {
        caseId: hsbCase.id,
        profile,
        event: received,
        occurredAt: receivedAt,
        note: 'Concern recorded',
        brookColour: null,
        userId,
        now,
      });
  });
  return pathwaySummary(wb, req.caseId);
}

export function suggest(wb: Workbench, req: ParsedRequest<'pathway.suggestCategory'>) {
  const { profile } = caseParts(wb.db(), req.caseId);
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

/** Meeting a running strategy deadline: a discussion meets discussion rules, a meeting meets meeting rules. */
function meetStrategyDeadlines(db: Db, caseId: string, type: string, heldAt: string): string[] {
  const open = deadlinesOfCase(db, caseId).filter(
    (d) => d.state === 'open' && d.ruleId.startsWith('strategy-'),
  );
  const wanted =
    type === 'discussion'
      ? open.filter((d) => d.ruleId.startsWith('strategy-discussion'))
      : open.filter((d) => d.ruleId.startsWith('strategy-meeting'));
  // Blackpool's single rule is a "strategy meeting/discussion": either kind meets it.
  const met = wanted.length ? wanted : open;
  for (const d of met) markDeadlineMet(db, d.id, heldAt, `Strategy ${type} held`);
  return met.map((d) => d.label);
}

export function recordStrategyMeeting(wb: Workbench, req: ParsedRequest<'pathway.recordStrategyMeeting'>) {
  const { user } = wb.signedIn();
  const now = wb.now().toISOString();
  refuseFuture(req.heldAt, now, 'heldAt');
  let assessmentToStart: {
    caseId: string;
    lead: string;
    co: string;
    reasons: string;
    heldAt: string;
  } | null = null;
  wb.write((db, audit) => {
    const { hsbCase, profile } = caseParts(db, req.caseId);
    const heldAt = new Date(req.heldAt).toISOString();
    const firstConcern = referralsOf(db, hsbCase.id)[0];
    if (firstConcern && millisecondsBetween(firstConcern.receivedAt, heldAt) < 0) {
      refuse(
        'heldAt',
        'is before the concern was received',
        'The meeting cannot have been held before the concern was received. Check the date and time.',
      );
    }
    const options = profile.strategyMeeting?.outcomes ?? [];
    const chosen = req.outcomes.map(
      (id, i) =>
        options.find((o) => o.id === id) ??
        refuse(`outcomes[${i}]`, 'is not an outcome of this profile', 'Choose the outcomes from the list.'),
    );
    const d = req.details;
    for (const o of chosen) {
      for (const need of o.requires ?? []) {
        if (need === 'rationale' && !d.rationale)
          refuse(
            'details.rationale',
            'is required for this outcome',
            `“${o.label}” needs the rationale for the decision.`,
          );
        if (need === 'lead-agency' && !d.leadAgency)
          refuse(
            'details.leadAgency',
            'is required for this outcome',
            `“${o.label}” needs the agreed lead agency.`,
          );
        if (need === 's47-type' && !d.s47Type)
          refuse(
            'details.s47Type',
            'is required for this outcome',
            `“${o.label}” needs to say whether the enquiry is single or joint with police.`,
          );
        if (need === 'follow-up-timescale' && !d.followUpWorkingDays)
          refuse(
            'details.followUpWorkingDays',
            'is required for this outcome',
            `“${o.label}” needs its timescale, in working days.`,
          );
      }
    }
    const met = meetStrategyDeadlines(db, hsbCase.id, req.type, heldAt);
    if (req.category) {
      agreeCategory(db, audit, {
        caseId: hsbCase.id,
        category: req.category,
        agreedAt: heldAt,
        agreedBy: `Strategy ${req.type} chaired by ${req.chair}`,
        rationale: req.categoryRationale || d.rationale,
        complex: false,
        descriptorIds: [],
        userId: user.id,
        now,
      });
    }
    const id = randomUUID();
    insertStrategyMeeting(db, {
      id,
      caseId: hsbCase.id,
      type: req.type,
      trigger: req.trigger,
      heldAt,
      chair: req.chair,
      attendees: req.attendees,
      agenda: req.agenda,
      outcomes: chosen.map((o) => o.id),
      details: d,
      category: req.category,
      actions: req.actions,
      recordedAt: now,
      recordedBy: user.id,
      version: 1,
    });
    audit({
      action: 'pathway.strategy',
      recordType: 'case',
      recordId: hsbCase.id,
      summary: `recorded the strategy ${req.type} held ${londonDay(heldAt)}: ${chosen.map((o) => o.label).join('; ')}${met.length ? ` (met: ${met.join(', ')})` : ''}`,
    });
    // Each outcome starts the deadlines the profile attaches to it.
    for (const o of chosen) {
      for (const eventId of o.startsEvents) {
        const event = profile.triggerEvents.find((e) => e.id === eventId);
        if (event)
          raiseEvent(db, audit, {
            caseId: hsbCase.id,
            profile,
            event,
            occurredAt: heldAt,
            note: `Outcome of the strategy ${req.type}: ${o.label}`,
            brookColour: null,
            userId: user.id,
            now,
          });
      }
    }
    if (d.followUpWorkingDays) {
      const rule = { kind: 'working-days' as const, days: d.followUpWorkingDays };
      const calendar = calendarFor(db, profile);
      const due = computeDue(rule, heldAt, calendar);
      const deadlineId = randomUUID();
      insertDeadline(db, {
        id: deadlineId,
        caseId: hsbCase.id,
        profileId: profile.id,
        profileVersion: profile.version,
        ruleId: 'strategy-meeting-follow-up',
        label: 'Follow-up strategy meeting held',
        rule,
        citation: { source: 'Set at the strategy meeting', section: `held ${londonDay(heldAt)}` },
        startedByEvent: 'strategy-meeting-held',
        startedByLabel: `Strategy ${req.type} held`,
        triggerAt: heldAt,
        calendar,
        originalDueDay: due.dueDay,
        originalDueInstant: due.dueInstant,
        state: 'open',
        metAt: null,
        metNote: '',
        createdAt: now,
        createdBy: user.id,
      });
      audit({
        action: 'deadline.start',
        recordType: 'deadline',
        recordId: deadlineId,
        summary: `Follow-up strategy meeting within ${d.followUpWorkingDays} working days, due ${due.dueDay}`,
      });
    }
    if (
      chosen.some((o) => o.startsAssessment) &&
      !assessmentsOfCase(db, hsbCase.id).some((a) => a.state !== 'superseded')
    ) {
      const sw = findUser(db, hsbCase.socialWorkerId);
      const yos = findUser(db, hsbCase.yosPractitionerId);
      const lead = yos?.aimTrained || !sw?.aimTrained ? hsbCase.yosPractitionerId : hsbCase.socialWorkerId;
      assessmentToStart = {
        caseId: hsbCase.id,
        lead,
        co: lead === hsbCase.yosPractitionerId ? hsbCase.socialWorkerId : hsbCase.yosPractitionerId,
        reasons: d.rationale || `Outcome of the strategy ${req.type} on ${londonDay(heldAt)}`,
        heldAt,
      };
    }
  });
  const pending = assessmentToStart as {
    caseId: string;
    lead: string;
    co: string;
    reasons: string;
    heldAt: string;
  } | null;
  if (pending) startAlongside(wb, pending);
  return pathwaySummary(wb, req.caseId);
}

/** "AIM assessment alongside": the allocated pair become the co-assessors. If the profile's rules stop it, the case says why. */
function startAlongside(
  wb: Workbench,
  p: { caseId: string; lead: string; co: string; reasons: string; heldAt: string },
) {
  try {
    startAssessment(wb, {
      caseId: p.caseId,
      frameworkId: 'aim3',
      route: 'welfare',
      reasons: p.reasons,
      qualityReviewNotified: 'Recorded at the strategy meeting',
      decisionAt: p.heldAt,
      facts: {},
      proceedReason: 'Decided at the strategy meeting (AIM assessment alongside)',
      leadAssessorId: p.lead,
      coAssessorId: p.co,
    });
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error;
    wb.write((_db, audit: (n: AuditNote) => void) =>
      audit({
        action: 'assessment.not-started',
        recordType: 'case',
        recordId: p.caseId,
        summary: 'the AIM assessment alongside could not be started automatically',
      }),
    );
  }
}

export function updateActions(wb: Workbench, req: ParsedRequest<'pathway.updateMeetingActions'>) {
  let caseId = '';
  wb.write((db, audit) => {
    const m = findStrategyMeeting(db, req.meetingId);
    if (!m) throw new WorkbenchError('not-found', 'That strategy meeting was not found.');
    caseId = m.caseId;
    if (!updateMeetingActions(db, m.id, req.actions, req.expectedVersion)) {
      throw new WorkbenchError(
        'conflict',
        'Someone else updated these actions after you opened them. Reload and make your change again.',
      );
    }
    audit({
      action: 'pathway.actions',
      recordType: 'case',
      recordId: m.caseId,
      summary: `updated the strategy meeting actions (${req.actions.filter((a) => a.done).length} of ${req.actions.length} done)`,
    });
  });
  return pathwaySummary(wb, caseId);
}

/** Every no-further-action decision, for the coordinator the profile names (Hounslow: the E&V Coordinator). */
export function nfaList(wb: Workbench) {
  const db = wb.db();
  const names = namesById(db);
  return allStrategyMeetings(db).flatMap((m) => {
    const hsbCase = findCase(db, m.caseId);
    const child = hsbCase && findChild(db, hsbCase.childId);
    if (!hsbCase || !child || !mayAccessCase(wb, db, hsbCase.id)) return [];
    const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
    const nfa = (profile.strategyMeeting?.outcomes ?? []).filter(
      (o) => o.noFurtherAction && m.outcomes.includes(o.id),
    );
    if (nfa.length === 0) return [];
    return [
      {
        caseId: hsbCase.id,
        caseReference: hsbCase.reference,
        childName: child.name,
        profileName: profile.name,
        reportedTo: profile.nfaReportedTo?.role ?? profile.terminology.coordinator ?? 'The HSB coordinator',
        decidedAt: m.heldAt,
        rationale: m.details.rationale,
        recordedByName: names.get(m.recordedBy) ?? m.recordedBy,
      },
    ];
  });
}

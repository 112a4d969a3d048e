import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { londonDay, millisecondsBetween } from '#domain/dates.ts';
import { assessmentsOfCase } from '#store/assessments.ts';
import type { Db } from '#store/database.ts';
import { deadlinesOfCase, markDeadlineMet } from '#store/deadlines.ts';
import {
  findStrategyMeeting,
  insertStrategyMeeting,
  referralsOf,
  updateMeetingActions,
} from '#store/pathway.ts';
import { findUser } from '#store/users.ts';
import { startAssessment } from '../assessments/start.ts';
import { startDeadline } from '../deadlines.ts';
import { refuseFuture } from '../not-in-future.ts';
import { calendarFor } from '../profiles.ts';
import type { AuditNote, Workbench } from '../workbench.ts';
import { openCaseParts, refuse } from './case.ts';
import { agreeCategory } from './category.ts';
import { raiseEvent } from './events.ts';
import { pathwaySummary } from './summary.ts';

// Strategy discussions and meetings: outcomes, the deadlines they meet and start, and their actions.

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
    const { hsbCase, profile } = openCaseParts(db, req.caseId);
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
        atStrategyMeeting: true,
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
      decisions: req.decisions,
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
      startDeadline(
        db,
        audit,
        {
          caseId: hsbCase.id,
          profile,
          ruleId: 'strategy-meeting-follow-up',
          label: 'Follow-up strategy meeting held',
          rule,
          citation: { source: 'Set at the strategy meeting', section: `held ${londonDay(heldAt)}` },
          startedByEvent: 'strategy-meeting-held',
          startedByLabel: `Strategy ${req.type} held`,
          triggerAt: heldAt,
          calendar: calendarFor(db, profile),
          createdAt: now,
          createdBy: user.id,
        },
        (dueDay) => `Follow-up strategy meeting within ${d.followUpWorkingDays} working days, due ${dueDay}`,
      );
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
      // Never pre-filled as done: a profile whose procedure asks for a notification (Blackpool's SQR) has it
      // recorded when it is sent, so the assessment is then started from the case instead.
      qualityReviewNotified: '',
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

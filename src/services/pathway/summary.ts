import { type PathwaySummary, PLAN_KIND_LABELS, type PlanKind } from '#contract/pathway-calls.ts';
import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { formatDay, londonDay, londonTime } from '#domain/dates.ts';
import { commonPart } from '#domain/meeting.ts';
import { recordingEvidence } from '#domain/pathway/recording-evidence.ts';
import { currentStage, exploitationAdvice, type PathwayStep } from '#domain/pathway/stage.ts';
import { citationText } from '#domain/profiles/citations.ts';
import { interventionPlanAction, trackedActionsFor } from '#domain/profiles/practice.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { referrerLine } from '#domain/referrer.ts';
import { type ReportState, STATE_LABELS } from '#domain/sign-off/states.ts';
import { assessmentsOfCase, sessionsOf } from '#store/assessments.ts';
import type { Db } from '#store/database.ts';
import { caseEvents, deadlinesOfCase } from '#store/deadlines.ts';
import { consultationsOf, planRecordsOf, referralsOf, strategyMeetingsOf } from '#store/pathway.ts';
import { peopleOfCase } from '#store/pattern-map.ts';
import { transitionsOf } from '#store/sign-off.ts';
import { viewDeadline } from '../deadlines.ts';
import type { Workbench } from '../workbench.ts';
import { CATEGORY_EVENT } from './agreed-category.ts';
import { caseContext } from './case-context.ts';

export const MEETING_TYPES = {
  discussion: 'Strategy discussion',
  meeting: 'Strategy meeting',
  'complex-abuse': 'Complex abuse (joint) strategy meeting',
} as const;
const CONSULTATION_STATES = {
  requested: 'Requested',
  accepted: 'Accepted by the hub',
  declined: 'Declined by the hub',
  held: 'Consultation held',
} as const;
export const NEXT_STEPS: Record<string, string> = {
  'pattern-mapping': 'pattern mapping',
  'aim-assessment': 'AIM assessment',
  signposting: 'signposting',
  'no-further-involvement': 'no further hub involvement',
};

/**
 * The actions asked for on the case, each done once its step is recorded: the profile's own, then (once
 * an AIM assessment is final) the intervention plan that follows it.
 */
/** A sign-off step in the case history, in practitioners' words. */
const TRANSITION_WORDS: Record<string, string> = {
  submit: 'submitted for quality assurance',
  return: 'returned with comments',
  approve: 'approved',
  sign: 'signed by one co-assessor',
};

export function trackedActionsOfCase(db: Db, caseId: string, profile: Profile) {
  const events = caseEvents(db, caseId);
  const latestCategory = events.filter((e) => e.event === CATEGORY_EVENT).at(-1)?.details as
    | { category?: string }
    | undefined;
  const assessments = assessmentsOfCase(db, caseId);
  const finalAt =
    assessments
      .filter((a) => a.state === 'final')
      .map(
        (a) =>
          transitionsOf(db, a.id)
            .filter((t) => t.toState === 'final')
            .at(-1)?.at ?? a.startedAt,
      )
      .sort()
      .at(-1) ?? null;
  const plan = interventionPlanAction(profile, finalAt, planRecordsOf(db, caseId));
  return [
    ...trackedActionsFor(profile, {
      exploitation: referralsOf(db, caseId).map((r) => r.exploitation),
      ...(latestCategory?.category !== undefined ? { category: latestCategory.category } : {}),
      assessmentFinal: finalAt !== null,
      strategyOutcomes: strategyMeetingsOf(db, caseId).flatMap((m) => m.outcomes),
      brookColours: events.flatMap((e) => {
        const label = (e.details as { brookColour?: string }).brookColour;
        const colour = profile.brook.colours.find((c) => c.label === label);
        return colour ? [colour.id] : [];
      }),
      recorded: new Map(events.map((e) => [e.event, e.occurredAt])),
    }),
    ...(plan ? [plan] : []),
  ].map((a) => ({ ...a, citation: citationText(a.citation) }));
}

const when = (iso: string) =>
  iso.length > 10 ? `${formatDay(londonDay(iso))} ${londonTime(iso)}` : formatDay(iso);

/** Where the child is on the pathway now, the next deadline, and a dated history of every step and decision with its rationale. */
export function pathwaySummary(wb: Workbench, caseId: string): PathwaySummary {
  const { db, now, profile, names } = caseContext(wb, caseId);
  const name = (id: string) => names.get(id) ?? id;
  const people = new Map(peopleOfCase(db, caseId).map((p) => [p.id, p]));
  const outcomes = profile.strategyMeeting?.outcomes ?? [];
  const outcomeLabel = (id: string) => outcomes.find((o) => o.id === id)?.label ?? id;
  const hub = profile.terminology.hub ?? 'HSB hub';
  const categoryEvents = caseEvents(db, caseId).filter((e) => e.event === CATEGORY_EVENT);
  const latestCategory = categoryEvents.at(-1)?.details as { category?: string; label?: string } | undefined;

  const referrals = referralsOf(db, caseId);
  const meetings = strategyMeetingsOf(db, caseId);
  const consultations = consultationsOf(db, caseId);
  const plans = planRecordsOf(db, caseId);
  const assessments = assessmentsOfCase(db, caseId);
  const deadlines = deadlinesOfCase(db, caseId).map((d) => viewDeadline(db, d, now, names));
  const next = deadlines
    .filter((d) => d.state === 'open')
    .sort((a, b) => a.currentDue.dueInstant.localeCompare(b.currentDue.dueInstant))[0];

  type Entry = PathwaySummary['history'][number];
  const history: Entry[] = [];
  // Where a row sorts when not by its own date: a consultation's steps keep their order (requested,
  // screened, held) even when the hub recorded its acceptance after the consultation it then held.
  const sortsAt = new Map<Entry, number>();
  // Opening the case is the fallback stage only: any recorded step, even one dated earlier, says more.
  const steps: PathwayStep[] = [
    { at: new Date(0).toISOString(), stage: 'Case opened: no concern recorded yet' },
  ];
  for (const r of referrals) {
    history.push({
      at: r.receivedAt,
      kind: 'Concern',
      title: `${r.newReferral ? 'New referral' : 'Concern on the open case'} from ${AGENCY_LABELS[r.sourceAgency as Agency] ?? r.sourceAgency}${r.sourceRole ? ` (${r.sourceRole})` : ''}`,
      // The summary opens with the outcome itself ("Eligible for AIM: all 5 …"): said once.
      detail: `${r.reported} — ${r.eligibility.summary}${r.proceedReason ? ` Proceeding because: ${r.proceedReason}` : ''}${referrerLine(r) ? ` Referrer: ${referrerLine(r)}.` : ''}`,
      byName: name(r.recordedBy),
    });
    // Only the first letter goes to lower case: "eligible for AIM", never "eligible for aim".
    const outcome = r.eligibility.outcomeLabel;
    steps.push({
      at: r.receivedAt,
      stage: `Concern received: ${outcome.charAt(0).toLowerCase()}${outcome.slice(1)}`,
    });
  }
  for (const e of categoryEvents) {
    const d = e.details as {
      label?: string;
      brookColour?: string;
      childProtectionTier?: string;
      rationale?: string;
      agreedBy?: string;
      suggested?: string;
      category?: string;
    };
    const departed =
      d.suggested && d.suggested !== d.category ? ` (the descriptors suggested category ${d.suggested})` : '';
    history.push({
      at: e.occurredAt,
      kind: 'Risk category',
      title: `${d.label} agreed${d.brookColour ? `, Brook ${d.brookColour}` : ''}${d.childProtectionTier ? `, ${d.childProtectionTier}` : ''}${departed}`,
      detail: `Agreed by ${d.agreedBy}. Rationale: ${d.rationale || 'as suggested by the descriptors ticked'}`,
      byName: name(e.recordedBy),
    });
    steps.push({
      at: e.occurredAt,
      stage: `${d.label} agreed${next ? `: next, ${next.step.toLowerCase()}` : ''}`,
    });
  }
  for (const m of meetings) {
    const labels = m.outcomes.map(outcomeLabel);
    const extra = [
      m.details.s47Type
        ? `section 47 ${m.details.s47Type === 'joint' ? 'joint with police' : 'single agency'}`
        : '',
      m.details.leadAgency ? `lead agency ${m.details.leadAgency}` : '',
      m.details.followUpWorkingDays ? `follow-up within ${m.details.followUpWorkingDays} working days` : '',
    ]
      .filter(Boolean)
      .join('; ');
    history.push({
      at: m.heldAt,
      kind: MEETING_TYPES[m.type],
      title: `${MEETING_TYPES[m.type]} held, chaired by ${m.chair}: ${labels.join('; ')}`,
      detail: [extra, m.details.rationale ? `Rationale: ${m.details.rationale}` : '']
        .filter(Boolean)
        .join('. '),
      byName: name(m.recordedBy),
    });
    steps.push({ at: m.heldAt, stage: `${MEETING_TYPES[m.type]} held: ${labels.join('; ')}` });
  }
  for (const c of consultations) {
    history.push({
      at: c.requestedAt,
      kind: 'Consultation',
      title: `Consultation with the ${hub} requested`,
      detail: c.request,
      byName: name(c.requestedBy),
    });
    steps.push({ at: c.requestedAt, stage: `Consultation with the ${hub} requested` });
    if (c.screening) {
      history.push({
        at: c.screening.at,
        kind: 'Consultation',
        title: c.screening.decision === 'accept' ? `Accepted by the ${hub}` : `Declined by the ${hub}`,
        detail: c.screening.rationale,
        byName: name(c.screening.by),
      });
      steps.push({
        at: c.screening.at,
        stage:
          c.screening.decision === 'accept'
            ? `Consultation accepted by the ${hub}`
            : `Consultation declined by the ${hub}: ${c.screening.rationale}`,
      });
    }
    if (c.meeting) {
      const nextSteps = c.meeting.nextSteps.map((s) => NEXT_STEPS[s] ?? s).join(', ');
      const held: Entry = {
        at: c.meeting.heldAt,
        kind: 'Consultation',
        title: `Consultation held: the behaviour is ${c.meeting.outcome}`,
        detail: `Next: ${nextSteps}.${c.meeting.resourcesShared ? ` Resources shared: ${c.meeting.resourcesShared}` : ''}`,
        byName: name(c.meeting.recordedBy),
      };
      const after = Math.max(Date.parse(c.meeting.heldAt), Date.parse(c.screening?.at ?? c.requestedAt));
      history.push(held);
      sortsAt.set(held, after);
      steps.push({
        at: new Date(after).toISOString(),
        stage: `Consultation held (${c.meeting.outcome}): next, ${nextSteps}`,
      });
    }
  }
  for (const p of plans) {
    history.push({
      at: p.dated,
      kind: PLAN_KIND_LABELS[p.kind as PlanKind] ?? p.kind,
      title: p.title,
      detail: `${p.details}${p.withWhom ? ` (with ${p.withWhom})` : ''}`,
      byName: name(p.recordedBy),
    });
  }
  for (const a of assessments) {
    // Started, then each sign-off step on its own day: the start row never carries a later state.
    const version = `${a.framework.name} assessment, version ${a.versionNo}`;
    history.push({
      at: a.startedAt,
      kind: 'AIM assessment',
      title: `${version} started`,
      detail: a.reasons,
      byName: name(a.startedBy),
    });
    for (const t of transitionsOf(db, a.id)) {
      history.push({
        at: t.at,
        kind: 'AIM assessment',
        title: `${version} ${t.toState === 'final' ? 'signed by both co-assessors: final' : (TRANSITION_WORDS[t.action] ?? t.action)}`,
        detail: t.comments,
        byName: name(t.by),
      });
    }
    steps.push({
      at: a.startedAt,
      stage: `AIM assessment (version ${a.versionNo}): ${(STATE_LABELS[a.state as ReportState] ?? a.state).toLowerCase()}`,
    });
  }
  for (const d of deadlines.filter((x) => x.metAt)) {
    history.push({
      at: d.metAt ?? '',
      kind: 'Deadline',
      title: `${d.step}: ${d.statusLabel}`,
      detail: `${d.ruleText} (${citationText(d.citation)})`,
      byName: '',
    });
  }
  const sortKey = (e: Entry) => sortsAt.get(e) ?? Date.parse(e.at);
  history.sort((a, b) => sortKey(a) - sortKey(b));

  return {
    caseId,
    stage: currentStage(steps),
    nextDeadline: next
      ? {
          step: next.step,
          due: when(
            next.currentDue.precision === 'instant' ? next.currentDue.dueInstant : next.currentDue.dueDay,
          ),
          statusLabel: next.statusLabel,
          rag: next.rag,
        }
      : null,
    terms: {
      youthJusticeService: profile.terminology.youthJusticeService,
      hub,
      coordinator: profile.terminology.coordinator ?? '',
      nfaReportedTo: profile.nfaReportedTo?.role ?? profile.terminology.coordinator ?? '',
    },
    strategyMeeting: {
      chair: profile.strategyMeeting?.chair ?? '',
      attendees: profile.strategyMeeting?.attendees ?? [],
      agenda: profile.strategyMeeting?.agenda ?? [],
      outcomes: outcomes.map((o) => ({
        id: o.id,
        label: o.label,
        requires: o.requires ?? [],
        startsAssessment: o.startsAssessment ?? false,
        noFurtherAction: o.noFurtherAction ?? false,
      })),
    },
    consentRequired: profile.consent.map((c) => ({ id: c.id, label: c.label, from: c.from })),
    recordingRequirements: profile.recordingRequirements
      .filter(
        (r) =>
          !r.appliesTo ||
          (latestCategory?.category !== undefined &&
            r.appliesTo.categories.includes(latestCategory.category as never)),
      )
      .map((r) => {
        const { state, detail } = recordingEvidence(r, {
          hub,
          plans,
          consultations: consultations.map((c) => ({
            requestedAt: c.requestedAt,
            declined: c.screening?.decision === 'decline',
            heldAt: c.meeting?.heldAt ?? null,
          })),
          assessments: assessments.map((a) => ({
            decidedAt: a.decisionAt,
            reasons: a.reasons,
            notified: a.qualityReviewNotified,
            sessionDays: sessionsOf(db, a.id).map((s) => s.heldOn),
          })),
          category: latestCategory?.label
            ? { label: latestCategory.label, agreedAt: categoryEvents.at(-1)?.occurredAt ?? '' }
            : null,
        });
        return { id: r.id, label: r.label, evidence: { state, detail } };
      }),
    trackedActions: trackedActionsOfCase(db, caseId, profile),
    referrals: referrals.map((r) => ({
      id: r.id,
      receivedAt: r.receivedAt,
      newReferral: r.newReferral,
      source: `${AGENCY_LABELS[r.sourceAgency as Agency] ?? r.sourceAgency}${r.sourceRole ? ` (${r.sourceRole})` : ''}`,
      reported: r.reported,
      children: r.children.map((c) => ({
        label: people.get(c.personId)?.anonymisedLabel ?? 'Unknown',
        role: c.role,
      })),
      exploitationAdvice: exploitationAdvice(r.exploitation),
      eligibility: r.eligibility,
      proceedReason: r.proceedReason,
      referrer: referrerLine(r),
      facts: r.facts,
      recordedAt: r.recordedAt,
      recordedByName: name(r.recordedBy),
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      version: m.version,
      type: m.type,
      typeLabel: MEETING_TYPES[m.type],
      trigger: m.trigger,
      ...commonPart(m),
      outcomes: m.outcomes.map(outcomeLabel),
      details: m.details,
      categoryLabel: profile.riskMatrix.rows.find((r) => r.category === m.category)?.label ?? '',
      recordedByName: name(m.recordedBy),
    })),
    consultations: consultations.map((c) => ({
      id: c.id,
      version: c.version,
      state: c.state,
      stateLabel: CONSULTATION_STATES[c.state],
      requestedAt: c.requestedAt,
      requestedByName: name(c.requestedBy),
      managerName: name(c.managerId),
      request: c.request,
      screening: c.screening
        ? {
            decision: c.screening.decision,
            rationale: c.screening.rationale,
            byName: name(c.screening.by),
            at: c.screening.at,
          }
        : null,
      meeting: c.meeting
        ? {
            ...commonPart(c.meeting),
            outcome: c.meeting.outcome,
            resourcesShared: c.meeting.resourcesShared,
            nextSteps: c.meeting.nextSteps.map((s) => NEXT_STEPS[s] ?? s),
            notes: c.meeting.notes,
          }
        : null,
    })),
    plans: plans.map((p) => ({
      id: p.id,
      kind: p.kind,
      kindLabel: PLAN_KIND_LABELS[p.kind as PlanKind] ?? p.kind,
      dated: p.dated,
      title: p.title,
      details: p.details,
      withWhom: p.withWhom,
      recordedByName: name(p.recordedBy),
    })),
    history,
  };
}

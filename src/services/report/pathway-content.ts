import { PLAN_KIND_LABELS, type PlanKind } from '#contract/pathway-calls.ts';
import { AGENCY_LABELS, type Agency } from '#contract/vocabulary.ts';
import { formatDay } from '#domain/dates.ts';
import { commonPart, type Meeting } from '#domain/meeting.ts';
import type { Profile } from '#domain/profiles/schema.ts';
import { referrerLine } from '#domain/referrer.ts';
import type { Db } from '#store/database.ts';
import { caseEvents } from '#store/deadlines.ts';
import { consultationsOf, planRecordsOf, referralsOf, strategyMeetingsOf } from '#store/pathway.ts';
import { meetingsOfCase } from '#store/pattern-map.ts';
import { CATEGORY_EVENT } from '../pathway/agreed-category.ts';
import { MEETING_TYPES, NEXT_STEPS } from '../pathway/summary.ts';

/**
 * The case's pathway before and after the assessment, as the AIM report tells it: the referral and who
 * made it, the category agreed (with the descriptors ticked and the rationale, and any re-categorisation),
 * the hub consultation, strategy discussions and meetings, the mapping meeting and the plans. People
 * appear by name as they were when the report was built; this is report context, signed as it was at
 * approval but free to move on afterwards (a later meeting does not break the signatures).
 */
export interface ReportPathway {
  referrals: {
    receivedAt: string;
    newReferral: boolean;
    source: string;
    /** The referrer's name and contact details ('' when none were recorded). */
    referrer: string;
    reported: string;
    eligibility: {
      outcomeLabel: string;
      summary: string;
      criteria: { label: string; explanation: string }[];
    };
    proceedReason: string;
    recordedBy: string;
  }[];
  categories: {
    agreedAt: string;
    label: string;
    brookColour: string;
    childProtectionTier: string;
    serviceResponse: string;
    complex: boolean;
    agreedBy: string;
    rationale: string;
    /** The descriptors ticked, in the words of the profile's risk matrix. */
    descriptors: string[];
    /** The category the descriptors suggested, when the one agreed differs from it. */
    suggested: string;
  }[];
  consultations: {
    requestedAt: string;
    requestedBy: string;
    request: string;
    screening: { decision: string; rationale: string; by: string; at: string } | null;
    meeting:
      | (Meeting & { outcome: string; resourcesShared: string; nextSteps: string; notes: string })
      | null;
  }[];
  strategyMeetings: {
    typeLabel: string;
    trigger: string;
    meeting: Meeting;
    outcomes: string[];
    rationale: string;
    category: string;
  }[];
  mappingMeetings: (Meeting & { notes: string })[];
  plans: { kind: string; dated: string; title: string; details: string; withWhom: string }[];
}

type Consultation = ReturnType<typeof consultationsOf>[number];

const screened = (
  { decision, rationale, by, at }: NonNullable<Consultation['screening']>,
  name: (id: string) => string,
) => ({
  decision: decision === 'accept' ? 'Accepted' : 'Declined',
  rationale,
  by: name(by),
  at,
});

function consultationHeld(m: NonNullable<Consultation['meeting']>) {
  const { outcome, resourcesShared, notes } = m;
  return {
    ...commonPart(m),
    outcome,
    resourcesShared,
    notes,
    nextSteps: m.nextSteps.map((s) => NEXT_STEPS[s] ?? s).join('; '),
  };
}

export function buildReportPathway(
  db: Db,
  caseId: string,
  profile: Profile,
  name: (id: string) => string,
): ReportPathway {
  const agency = (id: string) => AGENCY_LABELS[id as Agency] ?? id;
  const descriptorText = new Map(
    profile.riskMatrix.rows.flatMap((r) => r.descriptors.map((d) => [d.id, d.text] as const)),
  );
  const categoryLabel = (id: string) => profile.riskMatrix.rows.find((r) => r.category === id)?.label ?? id;
  const strategyOutcome = (id: string) =>
    profile.strategyMeeting?.outcomes.find((o) => o.id === id)?.label ?? id;
  return {
    referrals: referralsOf(db, caseId).map((r) => ({
      receivedAt: r.receivedAt,
      newReferral: r.newReferral,
      source: `${agency(r.sourceAgency)}${r.sourceRole ? ` (${r.sourceRole})` : ''}`,
      referrer: referrerLine(r),
      reported: r.reported,
      eligibility: {
        outcomeLabel: r.eligibility.outcomeLabel,
        summary: r.eligibility.summary,
        criteria: r.eligibility.criteria.map((c) => ({ label: c.label, explanation: c.explanation })),
      },
      proceedReason: r.proceedReason,
      recordedBy: name(r.recordedBy),
    })),
    categories: caseEvents(db, caseId)
      .filter((e) => e.event === CATEGORY_EVENT)
      .map((e) => {
        const d = e.details as Record<string, unknown>;
        const text = (k: string) => String(d[k] ?? '');
        const suggested = text('suggested');
        return {
          agreedAt: e.occurredAt,
          label: text('label'),
          brookColour: text('brookColour'),
          childProtectionTier: text('childProtectionTier'),
          serviceResponse: text('serviceResponse'),
          complex: d.complex === true,
          agreedBy: text('agreedBy'),
          rationale: text('rationale'),
          descriptors: ((d.descriptorIds ?? []) as string[]).map((id) => descriptorText.get(id) ?? id),
          suggested: suggested && suggested !== text('category') ? categoryLabel(suggested) : '',
        };
      }),
    consultations: consultationsOf(db, caseId).map((c) => ({
      requestedAt: c.requestedAt,
      requestedBy: name(c.requestedBy),
      request: c.request,
      screening: c.screening && screened(c.screening, name),
      meeting: c.meeting && consultationHeld(c.meeting),
    })),
    strategyMeetings: strategyMeetingsOf(db, caseId).map((m) => ({
      typeLabel: MEETING_TYPES[m.type],
      trigger: m.trigger,
      meeting: commonPart(m),
      outcomes: m.outcomes.map(strategyOutcome),
      rationale: m.details.rationale,
      category: m.category ? categoryLabel(m.category) : '',
    })),
    mappingMeetings: meetingsOfCase(db, caseId).map((m) => ({ ...commonPart(m), notes: m.notes })),
    plans: planRecordsOf(db, caseId).map((p) => ({
      kind: PLAN_KIND_LABELS[p.kind as PlanKind] ?? p.kind,
      dated: p.dated,
      title: p.title,
      details: p.details,
      withWhom: p.withWhom,
    })),
  };
}

/** Text ending in a full stop, once. */
const sentence = (t: string) => (/[.!?]$/.test(t) ? t : `${t}.`);

/** What a meeting decided and the actions it set, in sentences for a chronology. */
function decidedText(m: Meeting): string {
  const actions = m.actions.map(
    (a) => `${a.text}${a.owner ? ` (${a.owner}${a.due ? `, by ${formatDay(a.due)}` : ''})` : ''}`,
  );
  return [
    m.decisions.trim() ? sentence(`Decisions: ${m.decisions.trim()}`) : '',
    actions.length ? sentence(`Actions: ${actions.join('; ')}`) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The pathway's records as rows of the case chronology: the concern, the consultation, meetings and plans. */
export function pathwayChronology(
  p: ReportPathway,
): { at: string; kind: string; what: string; source: string }[] {
  const held = (m: Meeting, title: string) =>
    [sentence(`${title} held${m.chair ? `, chaired by ${m.chair}` : ''}`), decidedText(m)]
      .filter(Boolean)
      .join(' ');
  return [
    ...p.referrals.map((r) => ({
      at: r.receivedAt,
      kind: 'Concern',
      what: `${r.newReferral ? 'New referral' : 'Concern on the open case'} from ${r.source}${r.referrer ? ` (referrer: ${r.referrer})` : ''}: ${r.reported} (${r.eligibility.outcomeLabel})`,
      source: r.recordedBy,
    })),
    ...p.consultations.flatMap((c) => [
      {
        at: c.requestedAt,
        kind: 'Consultation',
        what: `Consultation requested: ${c.request}`,
        source: c.requestedBy,
      },
      ...(c.screening
        ? [
            {
              at: c.screening.at,
              kind: 'Consultation',
              what: `${c.screening.decision} by the hub: ${c.screening.rationale}`,
              source: c.screening.by,
            },
          ]
        : []),
      ...(c.meeting
        ? [
            {
              at: c.meeting.heldAt,
              kind: 'Consultation',
              what: `${held(c.meeting, 'Consultation')} The behaviour is ${c.meeting.outcome}; next steps: ${c.meeting.nextSteps || 'none recorded'}`,
              source: '',
            },
          ]
        : []),
    ]),
    ...p.strategyMeetings.map((m) => ({
      at: m.meeting.heldAt,
      kind: m.typeLabel,
      what: `${held(m.meeting, m.typeLabel)} Outcomes: ${m.outcomes.join('; ')}`,
      source: '',
    })),
    ...p.mappingMeetings.map((m) => ({
      at: m.heldAt,
      kind: 'Mapping meeting',
      what: held(m, 'Mapping meeting'),
      source: '',
    })),
    ...p.plans.map((x) => ({
      at: x.dated,
      kind: x.kind,
      what: `${x.title}${x.withWhom ? ` (with ${x.withWhom})` : ''}`,
      source: '',
    })),
  ];
}

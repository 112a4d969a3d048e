import type { StoredMeetingDetails } from '#contract/assessment-schemas.ts';
import { AGENCY_LABELS, type Agency, GENDER_LABELS } from '#contract/vocabulary.ts';
import { outcomeLabelOf } from '#domain/assessment/frameworks.ts';
import type { RichText } from '#domain/assessment/rich-text.ts';
import { describeRule, effectiveDeadline } from '#domain/clock/index.ts';
import { chronologicalOrder } from '#domain/event-order.ts';
import { placeDate } from '#domain/pattern-map/uncertain-date.ts';
import {
  type AssessmentRow,
  agreedOfAssessment,
  domainProgress,
  itemsOfAssessment,
  meetingsOf,
  ratingsOfAssessment,
  sectionsOfAssessment,
  sessionsOf,
  sourcesOf,
} from '#store/assessments.ts';
import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import type { Db } from '#store/database.ts';
import { deadlinesOfCase } from '#store/deadlines.ts';
import { itemsOfCase, lifeEventTypes, peopleOfCase } from '#store/pattern-map.ts';
import { findUser } from '#store/users.ts';
import { decisionOf, windowRule } from '../assessments/view.ts';
import { namesById } from '../deadlines.ts';
import { requireProfile } from '../profiles.ts';
import { buildReportPathway, type ReportPathway } from './pathway-content.ts';

/**
 * The content of an AIM report, built deterministically from the store. It is what quality assurance
 * approves and what the co-assessors sign: its canonical JSON is hashed, and the Word report is drawn
 * from exactly this. `owned` is what only the assessment's own records supply (people appear by id),
 * and is compared with the live records whenever signatures are checked; `context` (the child, the case,
 * people's names, the window and the pattern-map chronology) is signed as it was at approval but may
 * move on afterwards, so it is not compared.
 */
export interface ReportContent {
  format: 'hsb-aim-report/2';
  owned: {
    assessment: {
      id: string;
      versionNo: number;
      framework: { id: string; name: string; version: number; itemSetName: string | null };
      route: string;
      routeLabel: string;
      reasons: string;
      qualityReviewNotified: string;
      decisionAt: string;
      eligibility: AssessmentRow['eligibility'];
      proceedReason: string;
      outcome: string | null;
      outcomeLabel: string | null;
      leadAssessorId: string;
      coAssessorId: string;
    };
    planning: StoredMeetingDetails | null;
    endMeeting: StoredMeetingDetails | null;
    sources: {
      source: string;
      agency: string;
      consultedOn: string;
      consultedById: string;
      abeInterviewAccessed: boolean;
      notes: string;
    }[];
    sessions: { heldOn: string; with: string[]; assessorIds: string[]; place: string; notes: RichText }[];
    domains: {
      id: string;
      name: string;
      items: {
        kind: 'concern' | 'strength';
        label: string;
        /** Each assessor's own rating appears once both have finished their independent ratings of the domain. */
        ratings: { assessorId: string; rating: string; evidence: string; source: string }[];
        agreed: { rating: string; rationale: string; agreedByIds: string[] } | null;
      }[];
    }[];
    sections: { key: string; heading: string; content: RichText }[];
  };
  context: {
    case: { id: string; reference: string; profile: { id: string; name: string; version: number } };
    child: {
      name: string;
      preferredName: string;
      dateOfBirth: string;
      gender: string;
      socialCareNumber: string;
      youthJusticeNumber: string;
      areaOfResidence: string;
      school: string;
    };
    assessors: {
      role: 'Lead assessor' | 'Co-assessor';
      id: string;
      name: string;
      agency: string;
      aimTrained: boolean;
    }[];
    /** Everyone the report refers to by id, with their name at the time. */
    names: Record<string, string>;
    window: { rule: string; originalDue: string; currentDue: string } | null;
    chronology: {
      date: string;
      approximate: boolean;
      lane: string;
      what: string;
      where: string;
      source: string;
      harmed: string;
      category: string;
    }[];
    /** The pathway around the assessment (absent from reports approved before it was part of the report). */
    pathway?: ReportPathway;
  };
}

export function buildReportContent(db: Db, a: AssessmentRow): ReportContent {
  const hsbCase = findCase(db, a.caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new Error('The assessment’s case is missing.');
  const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
  const names = namesById(db);
  const name = (id: string) => names.get(id) ?? id;
  const referenced = new Set<string>([a.leadAssessorId, a.coAssessorId]);
  const see = (id: string) => {
    referenced.add(id);
    return id;
  };
  const finished = domainProgress(db, a.id);
  const bothFinished = (domainId: string) =>
    [a.leadAssessorId, a.coAssessorId].every((who) =>
      finished.some((f) => f.domainId === domainId && f.assessorId === who),
    );
  const scale = (id: string) => a.framework.ratingScale.find((s) => s.id === id)?.label ?? id;
  const assessor = (role: 'Lead assessor' | 'Co-assessor', id: string) => {
    const u = findUser(db, id);
    return {
      role,
      id,
      name: u?.name ?? id,
      agency: AGENCY_LABELS[(u?.agency ?? 'other') as Agency],
      aimTrained: u?.aimTrained ?? false,
    };
  };
  const items = itemsOfAssessment(db, a.id);
  const ratings = ratingsOfAssessment(db, a.id);
  const agreed = agreedOfAssessment(db, a.id);
  const sections = sectionsOfAssessment(db, a.id);
  const meetings = meetingsOf<StoredMeetingDetails>(db, a.id);
  const itemSet = (a.framework as { itemSet?: { name: string } | null }).itemSet ?? null;

  const w = windowRule(db, a);
  const windowDeadline = w?.rule
    ? deadlinesOfCase(db, a.caseId)
        .filter((d) => d.ruleId === w.rule?.id && d.state !== 'superseded')
        .at(-1)
    : undefined;
  const windowState = windowDeadline
    ? effectiveDeadline({
        rule: windowDeadline.rule,
        trigger: windowDeadline.triggerAt,
        calendar: windowDeadline.calendar,
        adjustments: windowDeadline.adjustments.map((x) => x.adjustment),
      })
    : null;

  const people = new Map(peopleOfCase(db, a.caseId).map((p) => [p.id, p]));
  const lanes = new Map(lifeEventTypes(db).map((t) => [t.id, t.label]));
  const mapItems = itemsOfCase(db, a.caseId).map((i) => ({
    ...i,
    span: placeDate(i.date, child.dateOfBirth),
  }));

  return {
    format: 'hsb-aim-report/2',
    owned: {
      assessment: {
        id: a.id,
        versionNo: a.versionNo,
        framework: {
          id: a.framework.id,
          name: a.framework.name,
          version: a.framework.version,
          itemSetName: itemSet?.name ?? null,
        },
        ...decisionOf(a),
        outcome: a.outcome,
        outcomeLabel: outcomeLabelOf(a.framework, a.outcome),
        leadAssessorId: a.leadAssessorId,
        coAssessorId: a.coAssessorId,
      },
      planning: meetings.find((m) => m.kind === 'planning')?.details ?? null,
      endMeeting: meetings.find((m) => m.kind === 'end')?.details ?? null,
      sources: sourcesOf(db, a.id).map((s) => ({
        source: s.source,
        agency: AGENCY_LABELS[s.agency as Agency] ?? s.agency,
        consultedOn: s.consultedOn,
        consultedById: see(s.consultedBy),
        abeInterviewAccessed: s.abeInterviewAccessed,
        notes: s.notes,
      })),
      sessions: sessionsOf(db, a.id).map((s) => ({
        heldOn: s.heldOn,
        with: s.participants.map((p) => p.label),
        assessorIds: s.assessorIds.map(see),
        place: s.place,
        notes: s.notes,
      })),
      domains: a.framework.domains.map((d) => ({
        id: d.id,
        name: d.name,
        items: items
          .filter((i) => i.domainId === d.id)
          .map((i) => {
            const g = agreed.find((x) => x.itemId === i.id && x.confirmedBy);
            return {
              kind: i.kind,
              label: i.label,
              ratings: bothFinished(d.id)
                ? [a.leadAssessorId, a.coAssessorId].flatMap((who) => {
                    const r = ratings.find((x) => x.itemId === i.id && x.assessorId === who);
                    return r
                      ? [
                          {
                            assessorId: see(who),
                            rating: scale(r.rating),
                            evidence: r.evidence,
                            source: r.source,
                          },
                        ]
                      : [];
                  })
                : [],
              agreed: g
                ? {
                    rating: scale(g.rating),
                    rationale: g.rationale,
                    // Agreed in one step as both rated it (issue 14): recorded by one person, named once.
                    agreedByIds: [...new Set([see(g.proposedBy), see(g.confirmedBy ?? '')])],
                  }
                : null,
            };
          }),
      })),
      sections: a.framework.sections.map((s) => ({
        key: s.id,
        heading: s.heading,
        content: sections.find((x) => x.sectionKey === s.id)?.content ?? { blocks: [] },
      })),
    },
    context: {
      case: {
        id: hsbCase.id,
        reference: hsbCase.reference,
        profile: { id: profile.id, name: profile.name, version: profile.version },
      },
      child: {
        name: child.name,
        preferredName: child.preferredName,
        dateOfBirth: child.dateOfBirth,
        gender: GENDER_LABELS[child.gender],
        socialCareNumber: child.socialCareNumber,
        youthJusticeNumber: child.youthJusticeNumber,
        areaOfResidence: child.areaOfResidence,
        school: child.school,
      },
      assessors: [assessor('Lead assessor', a.leadAssessorId), assessor('Co-assessor', a.coAssessorId)],
      names: Object.fromEntries([...referenced].sort().map((id) => [id, name(id)])),
      window:
        w?.rule && windowState?.ok
          ? {
              rule: describeRule(w.rule.rule),
              originalDue: windowState.deadline.original.dueDay,
              currentDue: windowState.deadline.current.dueDay,
            }
          : null,
      chronology: chronologicalOrder(mapItems).map((i) => ({
        date: i.span.label,
        approximate: i.span.approximate,
        lane: i.kind === 'incident' ? 'Incident' : (lanes.get(i.lane) ?? i.lane),
        what: i.what,
        where: i.place,
        source: AGENCY_LABELS[i.sourceAgency as Agency] ?? i.sourceAgency,
        harmed: i.harmedPersonId ? (people.get(i.harmedPersonId)?.anonymisedLabel ?? '') : '',
        category: [i.hackettCategory ? `Category ${i.hackettCategory}` : '', i.brookColour]
          .filter(Boolean)
          .join(', '),
      })),
      pathway: buildReportPathway(db, a.caseId, profile, name),
    },
  };
}

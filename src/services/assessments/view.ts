import type { AssessmentView, StoredMeetingDetails } from '#contract/assessment-schemas.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { Agency } from '#contract/vocabulary.ts';
import { compareItem, mayShowOtherRatings, stateSeenBy } from '#domain/assessment/comparison.ts';
import { levelsOf } from '#domain/assessment/frameworks.ts';
import { returnParts, returnsOf } from '#domain/assessment/returns.ts';
import { EMPTY_RICH_TEXT } from '#domain/assessment/rich-text.ts';
import { describeRule } from '#domain/clock/index.ts';
import { millisecondsBetween } from '#domain/dates.ts';
import { inOneModel } from '#domain/meeting.ts';
import { citationText } from '#domain/profiles/citations.ts';
import {
  type AssessmentRow,
  agreedOfAssessment,
  assessmentsOfCase,
  domainProgress,
  draftsOf,
  findAssessment,
  holdsOf,
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
import { peopleOfCase } from '#store/pattern-map.ts';
import { transitionsOf } from '#store/sign-off.ts';
import { findUser } from '#store/users.ts';
import { namesById, viewDeadline } from '../deadlines.ts';
import { requireProfile } from '../profiles.ts';

export const ROUTE_LABELS = {
  welfare: "Welfare: Children's Social Care leads and administers",
  criminal: 'Criminal: police instigate an AIM strategy meeting and the youth justice service leads',
} as const;

/** The decision to assess as the assessment view and the report both give it: the route and why. */
export const decisionOf = (a: AssessmentRow) => ({
  route: a.route,
  routeLabel: ROUTE_LABELS[a.route],
  reasons: a.reasons,
  qualityReviewNotified: a.qualityReviewNotified,
  decisionAt: a.decisionAt,
  eligibility: a.eligibility,
  proceedReason: a.proceedReason,
});

/** The window rule for the case's profile (e.g. Lancashire step 8: 45 working days from the first meeting with the child). */
export function windowRule(db: Db, a: AssessmentRow) {
  const hsbCase = findCase(db, a.caseId);
  if (!hsbCase) return undefined;
  const profile = requireProfile(db, hsbCase.profileId, hsbCase.profileVersion);
  const id = profile.aim?.assessmentWindowRuleId;
  return id ? { profile, rule: profile.timescales.find((t) => t.id === id) } : { profile, rule: undefined };
}

export function requireAssessment(db: Db, id: string): AssessmentRow {
  const a = findAssessment(db, id);
  if (!a) throw new WorkbenchError('not-found', 'That assessment was not found.');
  return a;
}

/** Everything the assessment screens show, as seen by one person (independent ratings stay hidden until they finish theirs). */
export function readAssessment(db: Db, id: string, viewerId: string, now: string): AssessmentView {
  const a = requireAssessment(db, id);
  const hsbCase = findCase(db, a.caseId);
  const child = hsbCase && findChild(db, hsbCase.childId);
  if (!hsbCase || !child) throw new WorkbenchError('not-found', 'That case was not found.');
  const names = namesById(db);
  const person = (userId: string) => {
    const u = findUser(db, userId);
    return {
      id: userId,
      name: u?.name ?? userId,
      agency: (u?.agency ?? 'other') as Agency,
      aimTrained: u?.aimTrained ?? false,
    };
  };
  const assessors = [a.leadAssessorId, a.coAssessorId] as const;
  const viewerRole = viewerId === a.leadAssessorId ? 'lead' : viewerId === a.coAssessorId ? 'co' : 'reader';
  const scaleLabel = (id: string) => a.framework.ratingScale.find((s) => s.id === id)?.label ?? id;
  const items = itemsOfAssessment(db, id);
  const ratings = ratingsOfAssessment(db, id);
  const agreed = agreedOfAssessment(db, id);
  const progress = domainProgress(db, id);
  const later = assessmentsOfCase(db, a.caseId).some((x) => x.previousId === a.id);
  const readOnly = later || a.state === 'final' || a.state === 'superseded';

  const window = (() => {
    const w = windowRule(db, a);
    if (!w?.rule) return { view: null, text: 'This profile sets no assessment window.' };
    const d = deadlinesOfCase(db, a.caseId)
      .filter(
        (x) =>
          x.ruleId === w.rule?.id &&
          x.state !== 'superseded' &&
          // A review keeps the window that started for the first version.
          millisecondsBetween((versionChain(db, a)[0] ?? a).startedAt, x.createdAt) >= -1000,
      )
      .at(-1);
    const startsOn = w.rule.startsOn;
    const startLabel =
      'event' in startsOn
        ? (w.profile.triggerEvents.find((e) => e.id === startsOn.event)?.label ?? startsOn.event)
        : 'the step before';
    const text = `${describeRule(w.rule.rule)} of: ${startLabel.toLowerCase()} (${citationText(w.rule.citation)})`;
    return { view: d ? viewDeadline(db, d, now, names) : null, text };
  })();

  const holds = holdsOf(db, id).filter((h) => millisecondsBetween(now, h.expiresAt) > 0);
  const drafts = draftsOf(db, id, viewerId);
  const saved = sectionsOfAssessment(db, id);
  const meetings = meetingsOf<StoredMeetingDetails>(db, id);
  const meeting = (kind: 'planning' | 'end') => {
    const m = meetings.find((x) => x.kind === kind);
    return m
      ? {
          details: inOneModel(m.details),
          version: m.version,
          updatedByName: names.get(m.updatedBy) ?? m.updatedBy,
        }
      : null;
  };
  const itemSet =
    (a.framework as { itemSet?: { name: string; items: { domainId: string }[] } | null }).itemSet ?? null;

  return {
    id: a.id,
    version: a.version,
    versionNo: a.versionNo,
    previousId: a.previousId,
    readOnly,
    caseId: a.caseId,
    caseReference: hsbCase.reference,
    childName: child.name,
    state: a.state,
    framework: {
      id: a.framework.id,
      version: a.framework.version,
      name: a.framework.name,
      description: a.framework.description,
      domains: a.framework.domains,
      ratingScale: a.framework.ratingScale,
      sections: a.framework.sections,
      outcome: a.framework.outcome,
    },
    itemSetName: itemSet?.name ?? null,
    ...decisionOf(a),
    leadAssessor: person(a.leadAssessorId),
    coAssessor: person(a.coAssessorId),
    viewerRole,
    // AIM3 keeps its overall levels (concern, strengths) in outcomeLevels; outcome is the single one (AIM2).
    outcome: a.framework.levels?.length ? null : a.outcome,
    outcomeLevels: levelsOf(a.framework, a.outcome),
    window: window.view,
    windowRule: window.text,
    sources: sourcesOf(db, id).map((s) => ({
      id: s.id,
      source: s.source,
      agency: s.agency,
      consultedOn: s.consultedOn,
      consultedByName: names.get(s.consultedBy) ?? s.consultedBy,
      abeInterviewAccessed: s.abeInterviewAccessed,
      notes: s.notes,
    })),
    sessions: sessionsOf(db, id).map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      participants: s.participants,
      assessorNames: s.assessorIds.map((x) => names.get(x) ?? x),
      place: s.place,
      notes: s.notes,
    })),
    planning: meeting('planning'),
    endMeeting: meeting('end'),
    domains: a.framework.domains.map((domain) => {
      const finished = progress.filter((p) => p.domainId === domain.id);
      const viewerFinished = mayShowOtherRatings(new Set(finished.map((f) => f.assessorId)), {
        id: viewerId,
        isAssessor: viewerRole !== 'reader',
      });
      return {
        id: domain.id,
        name: domain.name,
        finishedBy: finished.map((f) => ({
          assessorId: f.assessorId,
          assessorName: names.get(f.assessorId) ?? f.assessorId,
          finishedAt: f.finishedAt,
        })),
        licensedItemsAvailable: itemSet ? itemSet.items.filter((i) => i.domainId === domain.id).length : 0,
        items: items
          .filter((i) => i.domainId === domain.id)
          .map((item) => {
            const own = ratings.filter((r) => r.itemId === item.id);
            const agreement = agreed.find((x) => x.itemId === item.id);
            const comparison = compareItem(
              {
                itemId: item.id,
                ratings: own,
                agreed: agreement?.confirmedBy ? { rating: agreement.rating } : null,
              },
              assessors,
            );
            const seen = stateSeenBy(comparison.state, viewerFinished);
            return {
              id: item.id,
              kind: item.kind,
              label: item.label,
              licensed: item.licensedItemId !== null,
              // Until the viewer has finished their own ratings, even whether the two agree stays hidden.
              state: seen.state,
              stateLabel: seen.label,
              // Lead assessor first, then the co-assessor.
              ratings: comparison.ratings
                .filter((r) => r !== null)
                .map((r) => {
                  const hidden = r.assessorId !== viewerId && !viewerFinished;
                  return {
                    assessorId: r.assessorId,
                    assessorName: names.get(r.assessorId) ?? r.assessorId,
                    hidden,
                    rating: hidden ? '' : r.rating,
                    ratingLabel: hidden
                      ? 'Hidden until you finish your own ratings of this domain'
                      : scaleLabel(r.rating),
                    evidence: hidden ? '' : r.evidence,
                    source: hidden ? '' : r.source,
                  };
                }),
              agreed: agreement
                ? {
                    rating: agreement.rating,
                    ratingLabel: scaleLabel(agreement.rating),
                    rationale: agreement.rationale,
                    proposedAt: agreement.proposedAt,
                    proposedByName: names.get(agreement.proposedBy) ?? agreement.proposedBy,
                    confirmedByName: agreement.confirmedBy
                      ? (names.get(agreement.confirmedBy) ?? agreement.confirmedBy)
                      : null,
                    confirmedAt: agreement.confirmedAt,
                  }
                : null,
            };
          }),
      };
    }),
    sections: a.framework.sections.map((section) => {
      const row = saved.find((s) => s.sectionKey === section.id);
      const hold = holds.find((h) => h.sectionKey === section.id);
      const draft = drafts.find((d) => d.sectionKey === section.id);
      return {
        key: section.id,
        heading: section.heading,
        content: row?.content ?? EMPTY_RICH_TEXT,
        version: row?.version ?? 0,
        updatedAt: row?.updatedAt ?? null,
        updatedByName: row ? (names.get(row.updatedBy) ?? row.updatedBy) : '',
        heldBy: hold
          ? {
              name: names.get(hold.userId) ?? hold.userId,
              since: hold.heldSince,
              isViewer: hold.userId === viewerId,
            }
          : null,
        myDraft: draft
          ? { content: draft.content, savedAt: draft.savedAt, baseVersion: draft.baseVersion }
          : null,
      };
    }),
    versions: versionChain(db, a).map((x) => ({
      id: x.id,
      versionNo: x.versionNo,
      startedAt: x.startedAt,
      state: x.state,
    })),
    returns: returnsOf(transitionsOf(db, id)).map((r) => ({
      at: r.transition.at,
      byName: names.get(r.transition.by) ?? r.transition.by,
      answered: r.answered,
      comments: r.comments.map((c) => ({
        about: c.about,
        aboutLabel: returnParts(a.framework).find((p) => p.about === c.about)?.label ?? c.about,
        comment: c.comment,
      })),
    })),
    casePeople: peopleOfCase(db, a.caseId).flatMap((p) =>
      p.kind.startsWith('harmed-') || !p.name
        ? []
        : [
            {
              id: p.id,
              name: p.name,
              relationship: p.relationship,
              kind: p.kind === 'parent-carer' ? ('parent-carer' as const) : ('significant-other' as const),
            },
          ],
    ),
  };
}

/** Every version of one assessment, first to last (each review points back to the version it came from). */
export function versionChain(db: Db, a: AssessmentRow): AssessmentRow[] {
  const all = assessmentsOfCase(db, a.caseId);
  const byId = new Map(all.map((x) => [x.id, x]));
  const rootOf = (x: AssessmentRow): string =>
    x.previousId && byId.has(x.previousId) ? rootOf(byId.get(x.previousId) as AssessmentRow) : x.id;
  const root = rootOf(a);
  return all.filter((x) => rootOf(x) === root).sort((x, y) => x.versionNo - y.versionNo);
}

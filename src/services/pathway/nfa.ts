import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import { allStrategyMeetings } from '#store/pathway.ts';
import { mayAccessCase } from '../case-access.ts';
import { namesById } from '../deadlines.ts';
import { requireProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';

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

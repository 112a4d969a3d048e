import type { ParsedRequest } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { CaseTimeline } from '#contract/timescale-schemas.ts';
import { findTimescale } from '#domain/profiles/index.ts';
import { setCaseProfileVersion } from '#store/cases.ts';
import { deadlinesOfCase, supersedeDeadline } from '#store/deadlines.ts';
import { startDeadlines } from '../deadlines.ts';
import { keepBuiltInSnapshot, requireProfile } from '../profiles.ts';
import type { Workbench } from '../workbench.ts';
import { caseContext } from './agreed-category.ts';
import { openCaseParts } from './case.ts';
import { timeline } from './timeline.ts';

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
    const { hsbCase, profile: from } = openCaseParts(db, req.caseId);
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

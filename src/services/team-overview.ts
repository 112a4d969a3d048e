import { rmSync } from 'node:fs';
import type { CallResponse } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import { timelinessByMonth, toCsv } from '#domain/clock/timeliness.ts';
import { formatDay } from '#domain/dates.ts';
import { assessmentsOfCase } from '#store/assessments.ts';
import { findCase } from '#store/cases.ts';
import { findChild } from '#store/children.ts';
import { deadlinesForPerson, deadlinesOfCase } from '#store/deadlines.ts';
import { writeFileAtomic } from '#store/files.ts';
import { mayAccessCase } from './case-access.ts';
import { namesById, viewDeadline } from './deadlines.ts';
import { pathwaySummary } from './pathway/summary.ts';
import { requireProfile } from './profiles.ts';
import type { Workbench } from './workbench.ts';

/**
 * A manager's view of their team: every open case they manage, the stage it is at, who holds it now,
 * what is overdue, and the timeliness of AIM assessments month by month (the share completed within
 * the profile's assessment window: 45 working days under Lancashire, for instance).
 */
export function teamOverview(wb: Workbench): CallResponse<'work.team'> {
  const { user } = wb.signedIn();
  const db = wb.db();
  const now = wb.now().toISOString();
  const names = namesById(db);
  const name = (id: string) => names.get(id) ?? 'someone not on this computer';
  const managed = (
    db
      .prepare(
        `SELECT c.id FROM cases c JOIN case_managers m ON m.case_id = c.id
         WHERE m.user_id = ? AND c.status = 'open' ORDER BY c.reference`,
      )
      .all(user.id) as { id: string }[]
  )
    .map((r) => r.id)
    .filter((id) => mayAccessCase(wb, db, id));

  const cases = managed.flatMap((caseId) => {
    const hsbCase = findCase(db, caseId);
    if (!hsbCase) return [];
    const deadlines = deadlinesOfCase(db, caseId)
      .filter((d) => d.state === 'open')
      .map((d) => viewDeadline(db, d, now, names));
    const overdue = deadlines.filter((d) => d.status === 'overdue');
    const assessment = assessmentsOfCase(db, caseId).at(-1);
    const coAssessors = assessment
      ? `${name(assessment.leadAssessorId)} and ${name(assessment.coAssessorId)}`
      : '';
    const heldBy =
      assessment?.state === 'submitted'
        ? 'The managers, for quality assurance'
        : assessment?.state === 'approved'
          ? `${coAssessors}, to sign`
          : assessment?.state === 'in-progress'
            ? `${coAssessors}, assessing`
            : `${name(hsbCase.socialWorkerId)} (allocated social worker)`;
    return [
      {
        caseId,
        caseReference: hsbCase.reference,
        childName: findChild(db, hsbCase.childId)?.name ?? '',
        stage: pathwaySummary(wb, caseId).stage,
        heldBy,
        overdue: overdue.map((d) => `${d.step}: ${d.statusLabel}`),
      },
    ];
  });

  // Every AIM assessment window met on the cases this person manages (open or closed), by month.
  const windows = deadlinesForPerson(db, user.id, 'manager')
    .filter((d) => d.state === 'met' && d.metAt !== null && mayAccessCase(wb, db, d.caseId))
    .filter((d) => requireProfile(db, d.profileId, d.profileVersion).aim?.assessmentWindowRuleId === d.ruleId)
    .map((d) => ({ metAt: d.metAt as string, onTime: viewDeadline(db, d, now, names).rag === 'green' }));
  return { cases, timeliness: timelinessByMonth(windows) };
}

/** The same figures as a CSV file the manager saves (OFFICIAL-SENSITIVE: it names children). */
export async function exportTeamCsv(wb: Workbench): Promise<CallResponse<'work.exportTeamCsv'>> {
  const overview = teamOverview(wb);
  const day = formatDay(wb.now().toISOString().slice(0, 10)).replaceAll('/', '-');
  const path = await wb.host.chooseSaveFile(`team-timeliness-${day}.csv`);
  if (!path) return { savedTo: null };
  const csv = toCsv([
    ['OFFICIAL-SENSITIVE'],
    [],
    ['Month', 'Completed within the window', 'Completed late', 'Share within (%)'],
    ...overview.timeliness.map((m) => [m.month, m.within, m.late, m.percentWithin]),
    [],
    ['Case', 'Child', 'Stage', 'Held by', 'Overdue'],
    ...overview.cases.map((c) => [c.caseReference, c.childName, c.stage, c.heldBy, c.overdue.join('; ')]),
  ]);
  let written = false;
  try {
    wb.write((_db, audit) => {
      audit({
        action: 'team.export',
        recordType: 'team',
        recordId: 'timeliness',
        summary: `saved the team's cases and timeliness (${overview.cases.length} cases) as CSV`,
      });
      try {
        writeFileAtomic(path, csv);
        written = true;
      } catch {
        throw new WorkbenchError(
          'store-refused',
          'The file could not be written there. Choose another folder; nothing was saved.',
        );
      }
    });
  } catch (error) {
    // Audited exactly when the file exists: a record that could not be committed takes the file with it.
    if (written) rmSync(path, { force: true });
    throw error;
  }
  return { savedTo: path };
}

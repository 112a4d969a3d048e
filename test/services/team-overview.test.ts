import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import type { tempFolder } from '../support/temp.ts';
import { type Harness, SW_PASSWORD, YOS_PASSWORD } from '../support/workbench.ts';
import { addYouthJusticeManager, as, openCase, startRequest, type Team } from './fidelity/support.ts';

// Issue 14, "managers see their team": each open case they manage with its stage, who holds it and
// what is overdue, and the share of AIM assessments completed within the window, month by month, also
// saved as CSV.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => {
  ({ folder, h, team } = w);
});

/** A Lancashire case whose first meeting with the child was on `firstMeeting`, signed off now. */
async function signedOff(patId: string, firstMeeting: string) {
  await as(h, 'admin');
  const caseId = await openCase(h, team, 'lancashire', '2012-02-02', [team.admin.id, patId]);
  await h.call('pathway.recordEvent', {
    caseId,
    event: 'first-meeting-with-child',
    occurredAt: firstMeeting,
    note: '',
  });
  const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
  await as(h, 'sam.sw');
  await h.call('signOff.submit', { assessmentId: a.id, comments: '' });
  await as(h, 'pat.manager');
  await h.call('signOff.approve', { assessmentId: a.id, comments: '', jointReviewer: 'Chris Manager' });
  await as(h, 'yas.yos');
  await h.call('signOff.sign', { assessmentId: a.id, password: YOS_PASSWORD });
  await as(h, 'sam.sw');
  await h.call('signOff.sign', { assessmentId: a.id, password: SW_PASSWORD });
  return caseId;
}

describe('a manager’s view of the team', () => {
  it('lists each case with its stage and holder, and the month’s share of assessments within the window', async () => {
    const pat = await addYouthJusticeManager(h);
    await signedOff(pat.id, '2026-11-20T09:00:00Z'); // on time
    await signedOff(pat.id, '2026-08-03T09:00:00Z'); // 45 working days ran out in October
    await as(h, 'admin');
    const waiting = await openCase(h, team, 'lancashire', '2012-02-02', [team.admin.id]);
    const a = await h.call('assessments.start', startRequest(waiting, team.yos.id, team.socialWorker.id));
    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: 'Ready' });

    await as(h, 'admin');
    const overview = await h.call('work.team', {});
    expect(overview.timeliness).toEqual([{ month: '2026-11', within: 1, late: 1, percentWithin: 50 }]);
    expect(overview.cases).toHaveLength(3);
    expect(overview.cases.find((c) => c.caseId === waiting)).toMatchObject({
      heldBy: 'The managers, for quality assurance',
      overdue: [],
    });
    expect(overview.cases.every((c) => c.stage.length > 0)).toBe(true);

    h.host.saveFile = join(folder.path, 'team.csv');
    expect((await h.call('work.exportTeamCsv', {})).savedTo).toBe(h.host.saveFile);
    const csv = readFileSync(h.host.saveFile, 'utf8');
    expect(csv.split('\r\n').slice(0, 4)).toEqual([
      'OFFICIAL-SENSITIVE',
      '',
      'Month,Completed within the window,Completed late,Share within (%)',
      '2026-11,1,1,50',
    ]);
    expect(csv).toContain('The managers, for quality assurance');
  });

  it('is for managers only', async () => {
    await as(h, 'sam.sw');
    expect((await h.refuse('work.team', {})).code).toBe('forbidden');
  });
});

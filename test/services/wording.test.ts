import { describe, expect, it } from 'vitest';
import { schoolConcern } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { dumpTables } from '../support/store-dump.ts';
import type { Harness, Team } from '../support/workbench.ts';
import { addYouthJusticeManager, SW_PASSWORD } from '../support/workbench.ts';
import { approveAndSign, as, openCase, startRequest } from './fidelity/support.ts';

// Issue 17, "every word on screen is right": sentences the workbench writes, read as a person reads them.

let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => {
  ({ h, team } = w);
});

describe('what the workbench says about a concern', () => {
  it('says "eligible for AIM" in the case status, and the outcome once in the history', async () => {
    // Caught before: "Concern received: eligible for aim"; "Eligible for AIM: Eligible for AIM: all 5 …".
    const caseId = await openCase(h, team, 'lancashire');
    await h.call('pathway.recordConcern', schoolConcern(caseId));
    const summary = await h.call('pathway.summary', { caseId });
    expect(summary.stage).toBe('Concern received: eligible for AIM');
    const detail = summary.history.find((e) => e.kind === 'Concern')?.detail ?? '';
    expect(detail).toMatch(/Eligible for AIM: all \d+ referral criteria are met\./);
    expect(detail.match(/Eligible for AIM/g)).toHaveLength(1);
  });
});

describe('dates that cannot be in the future', () => {
  it('refuses a source consulted tomorrow, and saves nothing', async () => {
    const caseId = await openCase(h, team, 'lancashire');
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    await as(h, 'yas.yos');
    const before = dumpTables(h.wb.db());
    const refused = await h.refuse('assessments.addSource', {
      assessmentId: a.id,
      source: 'School records',
      agency: 'education',
      consultedOn: '2026-11-27',
      abeInterviewAccessed: false,
      notes: '',
    });
    expect(refused.message).toBe(
      'A source cannot have been consulted on a day still to come. Check the date.',
    );
    expect(refused.problems).toEqual([{ path: 'consultedOn', message: expect.any(String) }]);
    expect(dumpTables(h.wb.db())).toEqual(before);
  });
});

describe('what the case history says about an assessment', () => {
  it('says it started on the day it started, then each sign-off step on its own day, never a later state early', async () => {
    // Caught before: the start row read "AIM3 assessment, version 1: Final: signed by both co-assessors"
    // on the day the assessment was started.
    const pat = await addYouthJusticeManager(h);
    const caseId = await openCase(h, team, 'lancashire', '2012-02-02', [team.admin.id, pat.id]);
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    h.clock.now = new Date('2026-11-26T10:02:00Z');
    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: 'Ready for QA' });
    await approveAndSign(h, a.id, 'Clear analysis');
    h.clock.now = new Date('2026-11-26T10:04:00Z');
    await as(h, 'sam.sw');
    await h.call('signOff.sign', { assessmentId: a.id, password: SW_PASSWORD });

    const rows = (await h.call('pathway.summary', { caseId })).history
      .filter((e) => e.kind === 'AIM assessment')
      .map((e) => [e.at.slice(11, 16), e.title, e.byName]);
    expect(rows).toEqual([
      ['10:00', 'AIM3 assessment, version 1 started', team.admin.name],
      ['10:02', 'AIM3 assessment, version 1 submitted for quality assurance', team.socialWorker.name],
      ['10:02', 'AIM3 assessment, version 1 approved', pat.name],
      ['10:02', 'AIM3 assessment, version 1 signed by one co-assessor', team.yos.name],
      ['10:04', 'AIM3 assessment, version 1 signed by both co-assessors: final', team.socialWorker.name],
    ]);
  });
});

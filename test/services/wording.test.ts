import { describe, expect, it } from 'vitest';
import { schoolConcern } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { dumpTables } from '../support/store-dump.ts';
import type { Harness, Team } from '../support/workbench.ts';
import { as, openCase, startRequest } from './fidelity/support.ts';

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

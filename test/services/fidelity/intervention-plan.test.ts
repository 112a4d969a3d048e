import { describe, expect, it } from 'vitest';
import { concernOf23November } from '../../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../../support/each-test.ts';
import { type Harness, SW_PASSWORD } from '../../support/workbench.ts';
import { addYouthJusticeManager, approveAndSign, as, openCase, startRequest, type Team } from './support.ts';

// Issue 12, "The AIM outcome is whole": an intervention plan follows the assessment. Once an AIM
// assessment is signed (final), the case asks for the intervention plan and My work shows it as due
// until a direct-work intervention plan is recorded.

let h: Harness;
let team: Team;

seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => ({ h, team } = w));

const plan = (caseId: string, kind: 'direct-work-plan' | 'safety-plan') => ({
  caseId,
  kind,
  dated: '2026-11-26',
  title: 'Intervention plan',
  details: 'Weekly direct work on healthy relationships, reviewed in six weeks.',
  withWhom: 'Riley and parents',
});

describe('the intervention plan after the assessment', () => {
  it('is due on the case and in My work once the Lancashire assessment is final, until it is recorded', async () => {
    // Caught before: nothing asked for the intervention plan, and My work had no call for actions at all.
    const pat = await addYouthJusticeManager(h);
    const caseId = await openCase(h, team, 'lancashire', '2012-02-02', [team.admin.id, pat.id]);
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    const ids = async () =>
      (await h.call('pathway.summary', { caseId })).trackedActions.map((x) => [x.id, x.doneAt]);

    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: '' });
    // A direct-work plan recorded before the assessment is signed does not count as the plan that follows it.
    await h.call('plans.record', plan(caseId, 'direct-work-plan'));
    expect(await ids()).toEqual([]);
    await approveAndSign(h, a.id, '');
    // Signed by one co-assessor only: not final yet, nothing asked.
    expect(await ids()).toEqual([]);
    h.travelTo(new Date('2026-11-26T11:00:00Z'));
    await as(h, 'sam.sw');
    await h.call('signOff.sign', { assessmentId: a.id, password: SW_PASSWORD });

    const summary = await h.call('pathway.summary', { caseId });
    expect(summary.trackedActions.find((x) => x.id === 'intervention-plan')).toEqual({
      id: 'intervention-plan',
      label: 'Record the intervention plan',
      doneBy: 'direct-work-plan',
      doneAt: null,
      citation: 'Lancashire Joint Working Protocol, step 10: AIM assessment outcome and planning meeting',
    });
    const due = await h.call('deadlines.myActions', {});
    expect(due.filter((x) => x.caseId === caseId).map((x) => x.label)).toContain(
      'Record the intervention plan',
    );

    // A safety plan is not the intervention plan; a direct-work intervention plan is.
    h.travelTo(new Date('2026-11-26T12:00:00Z'));
    await h.call('plans.record', plan(caseId, 'safety-plan'));
    expect((await h.call('deadlines.myActions', {})).map((x) => x.id)).toContain('intervention-plan');
    h.travelTo(new Date('2026-11-26T13:00:00Z'));
    await h.call('plans.record', plan(caseId, 'direct-work-plan'));
    expect(
      (await h.call('pathway.summary', { caseId })).trackedActions.find((x) => x.id === 'intervention-plan')
        ?.doneAt,
    ).toBe('2026-11-26T13:00:00.000Z');
    expect((await h.call('deadlines.myActions', {})).map((x) => x.id)).not.toContain('intervention-plan');
  });

  it('My work also lists the profile’s own tracked actions (Islington: the MASE for CSE)', async () => {
    const caseId = await openCase(h, team, 'islington');
    await h.call('pathway.recordConcern', {
      ...concernOf23November(caseId),
      exploitation: { cse: true, cce: false, missing: false, trafficking: false },
    });
    await as(h, 'sam.sw');
    expect((await h.call('deadlines.myActions', {})).map((x) => [x.caseId, x.id])).toEqual([
      [caseId, 'mase-cse'],
      [caseId, 'mase-feedback'],
    ]);
  });
});

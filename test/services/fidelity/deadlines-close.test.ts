import { describe, expect, it } from 'vitest';
import { seededWorkbenchEachTest } from '../../support/each-test.ts';
import { type Harness, SW_PASSWORD, YOS_PASSWORD } from '../../support/workbench.ts';
import { addYouthJusticeManager, approveAndSign, as, openCase, startRequest, type Team } from './support.ts';

// Issue 14, "deadlines close themselves": Lancashire step 8, "AIM assessment within 45 working days of
// the initial meeting with the child", is met by the final sign-off, with nobody marking it met.

let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => {
  ({ h, team } = w);
});

const windowOf = async (caseId: string) =>
  (await h.call('pathway.timeline', { caseId })).deadlines.find(
    (d) => d.ruleId === 'aim-assessment-completed',
  );

describe('the AIM assessment window under the Lancashire profile', () => {
  it('is met by the final sign-off, on the moment of the last signature, and the trail says so', async () => {
    // Caught before: the deadline stayed "Running" after both signatures until someone typed a date.
    const pat = await addYouthJusticeManager(h);
    const caseId = await openCase(h, team, 'lancashire', '2012-02-02', [team.admin.id, pat.id]);
    await h.call('pathway.recordEvent', {
      caseId,
      event: 'first-meeting-with-child',
      occurredAt: '2026-11-20T09:00:00Z',
      note: '',
    });
    expect((await windowOf(caseId))?.state).toBe('open');
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: 'Ready for QA' });
    await approveAndSign(h, a.id, 'Clear analysis');
    // One signature is not the end: the window runs on.
    expect((await windowOf(caseId))?.state).toBe('open');

    h.clock.now = new Date('2026-11-26T10:04:00Z'); // within the auto-lock
    await as(h, 'sam.sw');
    expect((await h.call('signOff.sign', { assessmentId: a.id, password: SW_PASSWORD })).state).toBe('final');
    const met = await windowOf(caseId);
    expect(met).toMatchObject({ state: 'met', metAt: '2026-11-26T10:04:00.000Z', status: 'met' });
    expect(met?.history.at(-1)).toMatchObject({ kind: 'met', reason: 'final sign-off of the assessment' });
    await as(h, 'admin');
    const trail = await h.call('audit.recent', { limit: 10 });
    expect(trail.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/^AIM assessment completed: .*\(final sign-off of the assessment\)$/),
    );
  });

  it('is not met by a step the profile does not name (a Blackpool case’s interviews stay open at sign-off)', async () => {
    // Caught if every window closed on sign-off: Blackpool's window is the interviews, which the sign-off does not date.
    const caseId = await openCase(h, team, 'blackpool', '2012-02-02', [team.admin.id]);
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    const before = (await h.call('pathway.timeline', { caseId })).deadlines.filter((d) => d.state === 'open');
    expect(before.map((d) => d.ruleId)).toContain('aim-interviews');
    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: '' });
    await as(h, 'admin');
    await h.call('signOff.approve', { assessmentId: a.id, comments: '' });
    await as(h, 'yas.yos');
    await h.call('signOff.sign', { assessmentId: a.id, password: YOS_PASSWORD });
    await as(h, 'sam.sw');
    expect((await h.call('signOff.sign', { assessmentId: a.id, password: SW_PASSWORD })).state).toBe('final');
    const after = (await h.call('pathway.timeline', { caseId })).deadlines.find(
      (d) => d.ruleId === 'aim-interviews',
    );
    expect(after?.state).toBe('open');
  });
});

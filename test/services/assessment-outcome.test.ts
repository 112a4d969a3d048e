import { describe, expect, it } from 'vitest';
import { aimAssessment } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import { type Harness, openTeamCase, signInAs, type Team } from '../support/workbench.ts';

// assessments.setOutcome, through the router: the overall outcome an AIM2 template defines, set by
// one of the two co-assessors while the version is a draft, audited; anything else saves nothing.

let h: Harness;
let team: Team;
let caseId: string;

const as = (username: string) => signInAs(h, username);

const storeFingerprint = () => tableFingerprint(h.wb.db());

const start = (frameworkId: 'aim2' | 'aim3') =>
  h.call(
    'assessments.start',
    aimAssessment(caseId, team, {
      frameworkId,
      decisionAt: '2026-05-05T10:00:00+01:00',
      referralDate: '2026-05-01',
      lastBehaviourDate: '2026-04-20',
    }),
  );

seededWorkbenchEachTest({ start: new Date('2026-05-06T09:00:00+01:00') }, async (w) => {
  ({ h, team } = w);
  caseId = await openTeamCase(h, team, { name: 'Riley Assessed', dateOfBirth: '2013-03-14' });
});

describe('the overall outcome of an assessment', () => {
  it('a co-assessor sets one of the outcomes the framework defines, and changes it; each is audited', async () => {
    const a = await start('aim2');
    expect(a.outcome).toBeNull();
    await as('sam.sw');
    h.travelTo(new Date('2026-05-07T11:00:00+01:00'));
    expect((await h.call('assessments.setOutcome', { assessmentId: a.id, outcome: 'medium' })).outcome).toBe(
      'medium',
    );
    await as('yas.yos');
    h.travelTo(new Date('2026-05-08T11:00:00+01:00'));
    expect((await h.call('assessments.setOutcome', { assessmentId: a.id, outcome: 'high' })).outcome).toBe(
      'high',
    );
    expect((await h.call('assessments.get', { id: a.id })).outcome).toBe('high');
    await as('admin');
    const trail = (await h.call('audit.recent', { limit: 500 }))
      .filter((e) => e.action === 'assessment.outcome')
      .sort((x, y) => x.seq - y.seq);
    expect(trail.map((e) => [e.at, e.userName, e.recordId, e.summary])).toEqual([
      ['2026-05-07T10:00:00.000Z', 'Sam Social Worker', a.id, 'set the overall outcome to medium'],
      ['2026-05-08T10:00:00.000Z', 'Yas Youth Justice', a.id, 'set the overall outcome to high'],
    ]);
    expect((await h.call('audit.check', {})).intact).toBe(true);
  });

  it('refuses an outcome the framework does not define — saving nothing', async () => {
    // (AIM3 records overall levels instead: see test/services/fidelity/aim-outcome.test.ts.)
    const aim2 = await start('aim2');
    await as('sam.sw');
    const before = storeFingerprint();
    for (const [assessmentId, outcome] of [
      [aim2.id, 'severe'],
      [aim2.id, 'Medium level of concern'],
    ] as const) {
      expect(await h.refuse('assessments.setOutcome', { assessmentId, outcome }), outcome).toEqual({
        code: 'invalid-request',
        message: 'Choose one of the outcomes this framework defines.',
        problems: [{ path: 'outcome', message: 'is not an outcome of this framework' }],
      });
    }
    expect(storeFingerprint()).toBe(before);
    expect((await h.call('assessments.get', { id: aim2.id })).outcome).toBeNull();
  });

  it('only the co-assessors set it, and only while the version is a draft — saving nothing otherwise', async () => {
    const a = await start('aim2');
    // The administrator manages the case (so reaches it) but is not an assessor.
    const before = storeFingerprint();
    expect(await h.refuse('assessments.setOutcome', { assessmentId: a.id, outcome: 'low' })).toEqual({
      code: 'forbidden',
      message: 'Only the two co-assessors can change this assessment.',
    });
    expect(storeFingerprint()).toBe(before);
    await as('sam.sw');
    await h.call('assessments.setOutcome', { assessmentId: a.id, outcome: 'low' });
    await h.call('signOff.submit', { assessmentId: a.id, comments: '' });
    const submitted = storeFingerprint();
    expect(await h.refuse('assessments.setOutcome', { assessmentId: a.id, outcome: 'high' })).toEqual({
      code: 'rule-broken',
      message:
        'This version of the assessment can no longer be changed. Start a review to make a new version.',
    });
    expect(storeFingerprint()).toBe(submitted);
    expect((await h.call('assessments.get', { id: a.id })).outcome).toBe('low');
  });
});

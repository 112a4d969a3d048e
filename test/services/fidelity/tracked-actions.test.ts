import { describe, expect, it } from 'vitest';
import { concernOf23November } from '../../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../../support/each-test.ts';
import type { Harness } from '../../support/workbench.ts';
import { openCase, strategyMeeting, type Team } from './support.ts';

// Issue 12, "Missing content from the other seeds": actions the procedures ask for on some cases are
// tracked until the step that does them is recorded with its date.

let h: Harness;
let team: Team;

seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => ({ h, team } = w));

const concern = (caseId: string, cse: boolean) => ({
  ...concernOf23November(caseId),
  exploitation: { cse, cce: false, missing: false, trafficking: false },
});

const actions = async (caseId: string) =>
  (await h.call('pathway.summary', { caseId })).trackedActions.map((a) => [a.id, a.doneAt]);

/** The category agreed on Tuesday 24/11/2026, by whom and why. */
const agreeCategory = (caseId: string, category: '0' | '1' | '2', agreedBy: string, rationale: string) =>
  h.call('pathway.recordCategory', {
    caseId,
    category,
    agreedAt: '2026-11-24T10:00:00Z',
    agreedBy,
    rationale,
    complex: false,
  });

describe('tracked actions', () => {
  it('Islington §7: a concern linked to CSE is taken to the MASE, and its feedback recorded', async () => {
    // Caught before: nothing on the case asked for the MASE, and neither step could be recorded.
    const caseId = await openCase(h, team, 'islington');
    await h.call('pathway.recordConcern', concern(caseId, false));
    expect(await actions(caseId)).toEqual([]);
    await h.call('pathway.recordConcern', concern(caseId, true));
    expect(await actions(caseId)).toEqual([
      ['mase-cse', null],
      ['mase-feedback', null],
    ]);
    await h.call('pathway.recordEvent', {
      caseId,
      event: 'mase-nomination',
      occurredAt: '2026-11-25T14:00:00Z',
      note: 'Nomination form sent',
    });
    const summary = await h.call('pathway.summary', { caseId });
    expect(summary.trackedActions[0]).toMatchObject({
      label: 'Take the case to the MASE: the concern is linked to child sexual exploitation',
      doneAt: '2026-11-25T14:00:00.000Z',
      citation:
        'Islington procedure: Safeguarding Children who Display HSB, 7. Multi-Agency Sexual Exploitation Panel (MASE)',
    });
    expect(summary.trackedActions[1]?.doneAt).toBeNull();
  });

  it('Hounslow: a step-down meeting for category 0, and the 87a referral to CAIT for categories 2 and 3', async () => {
    const zero = await openCase(h, team, 'hounslow');
    await agreeCategory(zero, '0', 'Review meeting', 'Reviewed as inappropriate');
    expect(await actions(zero)).toEqual([['step-down-meeting', null]]);
    await h.call('pathway.recordEvent', {
      caseId: zero,
      event: 'step-down-meeting',
      occurredAt: '2026-11-25T10:00:00Z',
      note: 'School to lead on monitoring',
    });
    expect(await actions(zero)).toEqual([['step-down-meeting', '2026-11-25T10:00:00.000Z']]);

    const two = await openCase(h, team, 'hounslow');
    await agreeCategory(two, '2', 'MASH screening', 'Coercion of a younger child');
    expect(await actions(two)).toEqual([['referral-87a-cait', null]]);

    // Category 1 (flow chart): a section 17 assessment, then a Child in Need plan or a step-down.
    const one = await openCase(h, team, 'hounslow');
    await agreeCategory(one, '1', 'MASH screening', 'Problematic, no overt victimisation');
    expect(await actions(one)).toEqual([
      ['s17-assessment', null],
      ['child-in-need-plan', null],
    ]);
  });

  it('Lancashire steps 10 and 11: the outcome visit, the outcome and planning meeting, and reviews are recorded with dates', async () => {
    const caseId = await openCase(h, team, 'lancashire');
    for (const [event, at] of [
      ['aim-outcome-shared', '2026-11-20T15:00:00Z'],
      ['aim-outcome-planning-meeting', '2026-11-23T10:00:00Z'],
      ['aim-review', '2026-11-25T10:00:00Z'],
    ] as const) {
      await h.call('pathway.recordEvent', { caseId, event, occurredAt: at, note: '' });
    }
    const timeline = await h.call('pathway.timeline', { caseId });
    expect(timeline.events.map((e) => [e.label, e.occurredAt])).toEqual([
      [
        'Visit to the child and family to share the outcome of the AIM assessment',
        '2026-11-20T15:00:00.000Z',
      ],
      ['AIM assessment outcome and planning meeting held', '2026-11-23T10:00:00.000Z'],
      [
        'Review of the AIM assessment (as agreed at the outcome and planning meeting)',
        '2026-11-25T10:00:00.000Z',
      ],
    ]);
    // The actions are asked for once an AIM assessment on the case is final; none is yet.
    expect(await actions(caseId)).toEqual([]);
  });
});

describe('Blackpool amber/red screening route and the SQR review meeting', () => {
  it('an amber screening asks for the transfer, interim safeguarding and the CAFA; a decision to assess asks for the SQR review meeting', async () => {
    // Caught before: the amber/red route (transfer, interim safeguarding measures, CAFA) was not on the case.
    const caseId = await openCase(h, team, 'blackpool');
    await h.call('pathway.recordEvent', {
      caseId,
      event: 'concern-screened',
      occurredAt: '2026-11-24T09:00:00Z',
      note: '',
      brookColour: 'green',
    });
    expect(await actions(caseId)).toEqual([]);
    await h.call('pathway.recordEvent', {
      caseId,
      event: 'concern-screened',
      occurredAt: '2026-11-24T10:00:00Z',
      note: '',
      brookColour: 'amber',
    });
    await h.call('pathway.recordEvent', {
      caseId,
      event: 'transferred-to-ast',
      occurredAt: '2026-11-24T12:00:00Z',
      note: '',
    });
    expect(await actions(caseId)).toEqual([
      ['transfer-ast', '2026-11-24T12:00:00.000Z'],
      ['interim-safeguarding', null],
      ['cafa', null],
    ]);
    await h.call('pathway.recordEvent', {
      caseId,
      event: 'aim-decision',
      occurredAt: '2026-11-25T10:00:00Z',
      note: 'AIM2, welfare route; SQR notified',
    });
    expect((await actions(caseId)).slice(3)).toEqual([['sqr-review-meeting', null]]);
  });
});

describe('AIM alongside', () => {
  it('Hounslow starts the joint AIM for the meeting, and records no notification that was never sent', async () => {
    // Caught before: the automatic start wrote "Recorded at the strategy meeting" as the quality-review
    // notification, whether or not anyone had notified anyone.
    const caseId = await openCase(h, team, 'hounslow');
    await h.call(
      'pathway.recordStrategyMeeting',
      strategyMeeting(caseId, '2026-11-25T10:00:00Z', ['aim-alongside'], {
        details: { rationale: 'Evidence of HSB: referral to YOS for a joint AIM assessment' },
      }),
    );
    const [listed] = await h.call('assessments.forCase', { caseId });
    const started = await h.call('assessments.get', { id: listed?.id ?? '' });
    expect(started.qualityReviewNotified).toBe('');
    expect([started.leadAssessor.id, started.coAssessor.id].sort()).toEqual(
      [team.socialWorker.id, team.yos.id].sort(),
    );
  });
});

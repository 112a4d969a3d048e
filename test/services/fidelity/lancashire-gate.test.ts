import { describe, expect, it } from 'vitest';
import { seededWorkbenchEachTest } from '../../support/each-test.ts';
import type { Harness } from '../../support/workbench.ts';
import { openCase, startRequest, strategyMeeting, type Team } from './support.ts';

// Issue 12, "Lancashire gates the AIM as the protocol does". (The CYJS co-assessor's training is in
// profile-rules.test.ts.)

let h: Harness;
let team: Team;

seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => ({ h, team } = w));

describe('Lancashire: an ongoing police investigation blocks the AIM assessment', () => {
  it('is refused even with a reason to proceed, and saves nothing', async () => {
    // Referral Criteria: "If there is an ongoing police investigation, CYJS will not be able to complete an
    // AIM assessment or interventions but can support CSC with a consultation." Caught before: it was a
    // warning, and a reason in the box started the assessment.
    const caseId = await openCase(h, team, 'lancashire');
    const request = {
      ...startRequest(caseId, team.yos.id, team.socialWorker.id, { ongoingPoliceInvestigation: true }),
      proceedReason: 'The family asked for the assessment to go ahead',
    };
    const refused = await h.refuse('assessments.start', request);
    expect(refused).toMatchObject({
      code: 'rule-broken',
      message:
        'The AIM assessment cannot start under the Lancashire profile. CYJS cannot complete an AIM assessment or interventions while there is an ongoing police investigation, but can support CSC with a consultation. Nothing has been saved.',
      problems: [
        { path: 'facts.ongoingPoliceInvestigation', message: 'stops an AIM assessment under this profile' },
      ],
    });
    expect(await h.call('assessments.forCase', { caseId })).toEqual([]);
    const timeline = await h.call('pathway.timeline', { caseId });
    expect(timeline.events).toEqual([]);
    // With no investigation the same request starts the assessment.
    const started = await h.call('assessments.start', {
      ...request,
      facts: { ...request.facts, ongoingPoliceInvestigation: false },
    });
    expect(started.state).toBe('in-progress');
  });
});

describe('Lancashire: a strategy discussion or meeting can be recorded', () => {
  it('with CYJS invited and the meeting’s own outcome and rationale', async () => {
    // Referral Criteria: "consideration for a strategy meeting should have taken place and CYJS to be invited".
    // Caught before: the profile listed no outcomes, so no strategy meeting could be recorded on the case.
    const caseId = await openCase(h, team, 'lancashire');
    const profile = await h.call('profiles.get', { id: 'lancashire', version: 2 });
    expect(profile.document.strategyMeeting?.attendees).toEqual(['CYJS (to be invited)']);
    const missing = await h.refuse(
      'pathway.recordStrategyMeeting',
      strategyMeeting(caseId, '2026-11-25T10:00:00Z', ['outcome-recorded']),
    );
    expect(missing.problems).toEqual([
      { path: 'details.rationale', message: 'is required for this outcome' },
    ]);
    const summary = await h.call(
      'pathway.recordStrategyMeeting',
      strategyMeeting(caseId, '2026-11-25T10:00:00Z', ['outcome-recorded'], {
        details: { rationale: 'Single-agency response; request a consultation with the CYJS HSB Hub' },
      }),
    );
    expect(JSON.stringify(summary)).toContain('Outcome as decided by the meeting');
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consentRecord, consentToHubReferral, externalMapShare } from '../../support/case-steps.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../../support/each-test.ts';
import type { Harness } from '../../support/workbench.ts';
import {
  addYouthJusticeManager,
  as,
  jointApproval,
  openCase,
  setTrained,
  startRequest,
  type Team,
} from './support.ts';

// Issue 12, "Profile data, not code": who screens hub referrals, who quality-assures, whose consent a
// pattern-map share needs and whether the lead assessor must be trained are read from the case's profile.
// Where a procedure is silent the profile says "not stated in the procedure" and the workbench invents no rule.

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;

seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => ({ folder, h, team } = w));

async function requestConsultation(caseId: string) {
  await as(h, 'sam.sw');
  const summary = await h.call('consultations.request', {
    caseId,
    managerId: team.admin.id,
    request: 'Help to understand the behaviour',
  });
  const c = summary.consultations[0];
  if (!c) throw new Error('no consultation');
  return c;
}

/** The screening decision that accepts the consultation request. */
const acceptance = (c: { id: string; version: number }) =>
  ({ consultationId: c.id, expectedVersion: c.version, decision: 'accept', rationale: '' }) as const;

describe('who screens a consultation request is the profile’s', () => {
  it('Hounslow does not say who screens (E&V Coordinator, agency not stated): a CSC manager on the case may screen', async () => {
    // Caught before: screening was hard-coded to the youth justice service for every profile.
    const caseId = await openCase(h, team, 'hounslow');
    const c = await requestConsultation(caseId);
    await as(h, 'admin');
    const screened = await h.call('consultations.screen', acceptance(c));
    expect(screened.consultations[0]?.state).toBe('accepted');
  });

  it('Lancashire step 2: only the CYJS HSB Hub screens, and the refusal names it', async () => {
    const caseId = await openCase(h, team, 'lancashire');
    // Lancashire step 1 needs the child's and a parent's consent to the referral.
    await consentToHubReferral(h, caseId, 'Parent One');
    const c = await requestConsultation(caseId);
    await as(h, 'admin');
    const refused = await h.refuse('consultations.screen', acceptance(c));
    expect(refused).toMatchObject({
      code: 'forbidden',
      message:
        'Under the Lancashire profile the request is screened by the CYJS HSB Hub: ask them to screen it.',
    });
    const summary = await h.call('pathway.summary', { caseId });
    expect(summary.consultations[0]?.state).toBe('requested');
  });
});

describe('whose consent a pattern-map share needs is the profile’s', () => {
  it('Islington does not say: the allocated social worker’s permission alone lets the map go to an external agency', async () => {
    // Caught before: the Lancashire rule (social worker, child and every parent/carer) applied to every profile.
    const caseId = await openCase(h, team, 'islington');
    await as(h, 'sam.sw');
    const exportExternal = externalMapShare(caseId);
    h.host.saveFile = join(folder.path, 'map.docx');
    const refused = await h.refuse('map.export', exportExternal);
    expect(refused.message).toBe(
      'The map cannot be shared with an external agency yet. The permission of the allocated social worker (Sam Social Worker) is not recorded.',
    );
    await h.call('consents.record', consentRecord(caseId, 'social-worker-permission', null));
    expect(await h.call('map.export', exportExternal)).toEqual({ savedTo: h.host.saveFile });
  });
});

describe('who must be AIM-trained is the profile’s', () => {
  it('Blackpool does not say the lead must be trained: an untrained lead may start the assessment', async () => {
    // Caught before: "Under the Blackpool profile the lead assessor must be AIM-trained."
    await setTrained(h, team.yos, false);
    const caseId = await openCase(h, team, 'blackpool');
    const started = await h.call(
      'assessments.start',
      startRequest(caseId, team.yos.id, team.socialWorker.id),
    );
    expect(started.state).toBe('in-progress');
    const profile = await h.call('profiles.get', { id: 'blackpool', version: 2 });
    expect(profile.document.aim?.trainedAssessors).toBe('not-stated');
  });

  it('Lancashire step 6: the CYJS co-assessor must be AIM-trained, even when the trained CSC worker leads', async () => {
    // Caught before: only the lead was checked, so a trained CSC lead with an untrained CYJS co-assessor started.
    await setTrained(h, team.yos, false);
    const caseId = await openCase(h, team, 'lancashire');
    const refused = await h.refuse(
      'assessments.start',
      startRequest(caseId, team.socialWorker.id, team.yos.id),
    );
    expect(refused).toMatchObject({
      code: 'rule-broken',
      message:
        'Under the Lancashire profile the CYJS co-assessor must be AIM-trained. Ask the CYJS team manager to identify an AIM-trained practitioner.',
      problems: [{ path: 'coAssessorId', message: 'is not AIM-trained' }],
    });
    expect(await h.call('assessments.forCase', { caseId })).toEqual([]);
    // The CSC social worker need not be trained (step 6 asks it only of the CYJS practitioner).
    await setTrained(h, team.yos, true);
    await setTrained(h, team.socialWorker, false);
    const started = await h.call(
      'assessments.start',
      startRequest(caseId, team.yos.id, team.socialWorker.id),
    );
    expect(started.state).toBe('in-progress');
  });
});

describe('who quality-assures is the profile’s', () => {
  it('Lancashire step 9: the CYJS Team Manager quality-assures; a CSC manager cannot approve', async () => {
    // Caught before: the Lancashire profile listed CSC managers among those who quality-assure.
    const pat = await addYouthJusticeManager(h);
    const caseId = await openCase(h, team, 'lancashire', '2012-02-02', [team.admin.id, pat.id]);
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: '' });
    await as(h, 'admin');
    expect(await h.refuse('signOff.approve', { assessmentId: a.id, comments: '' })).toMatchObject({
      code: 'forbidden',
      message: 'Under this profile, managers from your agency do not quality-assure AIM assessments.',
    });
    await as(h, 'pat.manager');
    expect((await h.call('signOff.approve', jointApproval(a.id, ''))).state).toBe('approved');
  });
});

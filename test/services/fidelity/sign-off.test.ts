import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParts } from '../../support/docx-xml.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../../support/each-test.ts';
import { addTeamMember, type Harness, SW_PASSWORD, YOS_PASSWORD } from '../../support/workbench.ts';
import { addYouthJusticeManager, as, jointApproval, openCase, startRequest, type Team } from './support.ts';

// Issue 12, Lancashire step 9: "Quality assurance by the CYJS Team Manager or Consultant Social Worker,
// reviewed jointly with the CSC Team Manager (recorded); sign off by the assessing CYJS worker and the
// CSC allocated social worker."

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;
let pat: Awaited<ReturnType<typeof addYouthJusticeManager>>;

seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, async (w) => {
  ({ folder, h, team } = w);
  pat = await addYouthJusticeManager(h);
});

/** A case under the profile with an assessment by Yas (lead) and Sam, submitted for quality assurance. */
async function submitted(profileId: string) {
  const caseId = await openCase(h, team, profileId, '2012-02-02', [team.admin.id, pat.id]);
  const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
  await as(h, 'sam.sw');
  await h.call('signOff.submit', { assessmentId: a.id, comments: 'Ready for QA' });
  return { caseId, assessmentId: a.id };
}

/** The administrator (a manager of the case) allocates it to another CSC social worker, Sue. */
async function reallocateToSue(caseId: string) {
  await as(h, 'admin');
  const sue = await addTeamMember(
    h,
    {
      username: 'sue.sw',
      name: 'Sue Social Worker',
      agency: 'childrens-social-care',
      roles: ['practitioner'],
      aimTrained: false,
    },
    'sue social worker pass 1',
  );
  const { case: c } = await h.call('cases.get', { id: caseId });
  await h.call('cases.allocate', {
    id: caseId,
    expectedVersion: c.version,
    socialWorkerId: sue.id,
    yosPractitionerId: team.yos.id,
    managerIds: [team.admin.id, pat.id],
  });
}

describe('Lancashire sign-off by the allocated social worker', () => {
  it('refuses a CSC co-assessor who is no longer the allocated social worker; the CYJS worker still signs', async () => {
    // Caught before: any co-assessor signed, so Sam signed after the case had been allocated to Sue.
    const { caseId, assessmentId } = await submitted('lancashire');
    await as(h, 'pat.manager');
    await h.call('signOff.approve', approval(assessmentId));
    await reallocateToSue(caseId);

    await as(h, 'sam.sw');
    const status = await h.call('signOff.status', { assessmentId });
    expect(status.allowed.sign).toBe(false);
    expect(status.reasons.sign).toMatch(
      /signed for Children's Social Care by the case's allocated social worker/,
    );
    const refused = await h.refuse('signOff.sign', { assessmentId, password: SW_PASSWORD });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toBe(
      "Under the Lancashire profile the report is signed for Children's Social Care by the case's allocated social worker, and you are not allocated to this case now. Ask a manager to allocate the case to you, or the allocated social worker to take part in a new version of the assessment.",
    );
    // Nothing was saved: no signature, no transition.
    expect((await h.call('signOff.status', { assessmentId })).transitions.map((t) => t.action)).toEqual([
      'submit',
      'approve',
    ]);

    await as(h, 'yas.yos');
    const signed = await h.call('signOff.sign', { assessmentId, password: YOS_PASSWORD });
    expect(signed.signatures.map((s) => s.signerName)).toEqual(['Yas Youth Justice']);
  });

  it('the allocated social worker signs as before', async () => {
    const { assessmentId } = await submitted('lancashire');
    await as(h, 'pat.manager');
    await h.call('signOff.approve', approval(assessmentId));
    await as(h, 'yas.yos');
    await h.call('signOff.sign', { assessmentId, password: YOS_PASSWORD });
    await as(h, 'sam.sw');
    expect((await h.call('signOff.sign', { assessmentId, password: SW_PASSWORD })).state).toBe('final');
  });

  it('where the profile does not state who signs (Blackpool), a reallocated co-assessor still signs', async () => {
    const caseId = await openCase(h, team, 'blackpool', '2012-02-02', [team.admin.id]);
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: '' });
    await reallocateToSue(caseId);
    await h.call('signOff.approve', { assessmentId: a.id, comments: '' });
    await as(h, 'sam.sw');
    expect((await h.call('signOff.sign', { assessmentId: a.id, password: SW_PASSWORD })).state).toBe(
      'approved',
    );
    // Co-assessing kept Sam on the case only to finish this version: once it is final, he is not on it.
    expect((await h.call('cases.get', { id: caseId })).case.id).toBe(caseId);
    await as(h, 'yas.yos');
    expect((await h.call('signOff.sign', { assessmentId: a.id, password: YOS_PASSWORD })).state).toBe(
      'final',
    );
    await as(h, 'sam.sw');
    expect((await h.refuse('cases.get', { id: caseId })).code).toBe('forbidden');
  });
});

const approval = (assessmentId: string) => jointApproval(assessmentId);

describe('Lancashire quality assurance reviewed jointly with the CSC Team Manager', () => {
  it('approval needs the joint reviewer, records it with the approval, and the Word report shows it', async () => {
    // Caught before: approval recorded nothing about the joint review (the request had no such field).
    const { assessmentId } = await submitted('lancashire');
    await as(h, 'pat.manager');
    const before = await h.call('signOff.status', { assessmentId });
    expect(before.jointReviewRole).toBe('CSC Team Manager');
    const refused = await h.refuse('signOff.approve', { assessmentId, comments: 'Clear analysis' });
    expect(refused).toMatchObject({
      code: 'invalid-request',
      message:
        'Under the Lancashire profile the assessment is reviewed jointly with the CSC Team Manager. Enter who reviewed it with you, then approve it. Nothing was saved.',
      problems: [{ path: 'jointReviewer', message: 'Enter the CSC Team Manager who reviewed it with you' }],
    });
    // Nothing was saved: still submitted, no approval, no approved content.
    const after = await h.call('signOff.status', { assessmentId });
    expect([after.state, after.contentHash, after.transitions.length]).toEqual(['submitted', null, 1]);

    const approved = await h.call('signOff.approve', approval(assessmentId));
    expect(approved.state).toBe('approved');
    expect(approved.transitions[1]).toMatchObject({
      action: 'approve',
      byName: 'Pat Manager',
      comments: 'Reviewed jointly with Chris Team Manager (CSC Team Manager).\nClear analysis',
    });

    h.host.saveFile = join(folder.path, 'report.docx');
    await h.call('reports.export', { assessmentId });
    expect(docxParts(h.host.saveFile)['word/document.xml']).toContain(
      'Reviewed jointly with Chris Team Manager (CSC Team Manager).',
    );
  });

  it('where the profile names no joint review (Blackpool), approval needs no joint reviewer', async () => {
    const caseId = await openCase(h, team, 'blackpool');
    const a = await h.call('assessments.start', startRequest(caseId, team.yos.id, team.socialWorker.id));
    await as(h, 'sam.sw');
    await h.call('signOff.submit', { assessmentId: a.id, comments: '' });
    await as(h, 'admin');
    const approved = await h.call('signOff.approve', { assessmentId: a.id, comments: 'Fine' });
    expect([approved.jointReviewRole, approved.transitions[1]?.comments]).toEqual(['', 'Fine']);
  });
});

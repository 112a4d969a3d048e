import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aimAssessment, DECIDED_20_MAY } from '../support/case-steps.ts';
import { joinTeamByFiles } from '../support/sync-team.ts';
import { tempFolder } from '../support/temp.ts';
import {
  addYouthJusticeManager,
  harness,
  openCaseFor,
  SW_PASSWORD,
  seededTeam,
  setUpYouthJusticeMachine,
  signInAs,
  YOS_PASSWORD,
} from '../support/workbench.ts';

// A report quality-assured and signed by both co-assessors on machine A (Children's Social Care)
// reaches the youth justice manager on machine B in a case bundle: the signatures verify there,
// against the sign-off keys the signed team roster gives for each signer.

const START = new Date('2026-06-01T09:00:00+01:00');
const B_ADMIN = { username: 'bella.admin', password: 'youth justice admin pw' };
const PAT = { username: 'pat.manager', password: 'pat manager pass 1' };

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

const as = signInAs;

describe('a signed report on another machine', () => {
  it('shows both signatures verified on the manager’s machine, and a tampered signature does not verify', async () => {
    const a = harness(join(folder.path, 'a'), { start: START });
    const b = harness(join(folder.path, 'b'), { start: START });
    const team = await seededTeam(a);
    const bella = await setUpYouthJusticeMachine(b, B_ADMIN.password);
    // Pat signs in once and chooses a password, so this computer knows Pat's device key.
    const pat = await addYouthJusticeManager(b, bella);
    await joinTeamByFiles(a, b, folder.path);

    const hsbCase = await openCaseFor(
      a,
      team,
      { name: 'Riley Signed', dateOfBirth: '2012-02-02' },
      { managerIds: [team.admin.id, pat.id] },
    );
    const started = await a.call('assessments.start', aimAssessment(hsbCase.id, team, DECIDED_20_MAY));
    const assessmentId = started.id;
    await as(a, 'sam.sw');
    await a.call('assessments.saveSection', {
      assessmentId,
      sectionKey: 'formulation',
      expectedVersion: 0,
      content: { blocks: [{ type: 'paragraph', runs: [{ text: 'Riley was frightened and isolated.' }] }] },
    });
    await a.call('signOff.submit', { assessmentId, comments: 'Ready for QA' });
    // Lancashire: the youth justice manager quality-assures — Pat, on B, approves there.
    a.host.saveFile = join(folder.path, 'for-qa.hsbcase');
    await a.call('sync.sendCase', { caseId: hsbCase.id, recipientIds: [pat.id] });
    await as(b, PAT.username, PAT.password);
    b.host.openFile = join(folder.path, 'for-qa.hsbcase');
    await b.call('sync.openBundle', {});
    // Pat returns it first with a comment on the formulation: it reaches A beside that section (migration 022).
    await b.call('signOff.return', {
      assessmentId,
      comments: '',
      sectionComments: [{ about: 'section:formulation', comment: 'Say what Riley was frightened of.' }],
    });
    b.host.saveFile = join(folder.path, 'returned.hsbcase');
    await b.call('sync.sendCase', { caseId: hsbCase.id, recipientIds: [team.yos.id, team.socialWorker.id] });
    a.host.openFile = join(folder.path, 'returned.hsbcase');
    expect((await a.call('sync.openBundle', {})).refused).toEqual([]);
    const returned = await a.call('assessments.get', { id: assessmentId });
    expect(returned.returns.at(-1)).toMatchObject({
      byName: 'Pat Manager',
      answered: false,
      comments: [{ about: 'section:formulation', comment: 'Say what Riley was frightened of.' }],
    });
    await a.call('signOff.submit', { assessmentId, comments: 'Added what frightened Riley' });
    a.host.saveFile = join(folder.path, 'resubmitted.hsbcase');
    await a.call('sync.sendCase', { caseId: hsbCase.id, recipientIds: [pat.id] });
    b.host.openFile = join(folder.path, 'resubmitted.hsbcase');
    await b.call('sync.openBundle', {});
    await b.call('signOff.approve', {
      assessmentId,
      comments: 'Clear analysis',
      jointReviewer: 'Chris Team Manager',
    });
    b.host.saveFile = join(folder.path, 'approved.hsbcase');
    await b.call('sync.sendCase', { caseId: hsbCase.id, recipientIds: [team.yos.id, team.socialWorker.id] });
    await as(a, 'yas.yos');
    a.host.openFile = join(folder.path, 'approved.hsbcase');
    await a.call('sync.openBundle', {});
    await a.call('signOff.sign', { assessmentId, password: YOS_PASSWORD });
    await as(a, 'sam.sw');
    const onA = await a.call('signOff.sign', { assessmentId, password: SW_PASSWORD });
    expect(onA.signatures.every((s) => s.verified)).toBe(true);

    a.host.saveFile = join(folder.path, 'signed.hsbcase');
    await a.call('sync.sendCase', { caseId: hsbCase.id, recipientIds: [pat.id] });
    b.host.openFile = join(folder.path, 'signed.hsbcase');
    const opened = await b.call('sync.openBundle', {});
    expect(opened.refused).toEqual([]);

    const onB = await b.call('signOff.status', { assessmentId });
    expect(onB.state).toBe(onA.state);
    const rows = (list: typeof onA.signatures) =>
      list
        .map((s) => [s.signerName, s.verified, s.problem])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(rows(onB.signatures)).toEqual([
      ['Sam Social Worker', true, ''],
      ['Yas Youth Justice', true, ''],
    ]);
    expect(rows(onB.signatures)).toEqual(rows(onA.signatures));

    // A signature altered on B's disk no longer verifies there.
    b.wb
      .db()
      .prepare("UPDATE report_signatures SET signature = 'AAAA' || substr(signature, 5) WHERE signer_id = ?")
      .run(team.socialWorker.id);
    const tampered = await b.call('signOff.status', { assessmentId });
    expect(tampered.signatures.find((s) => !s.verified)?.signerName).toBe('Sam Social Worker');
  });
});

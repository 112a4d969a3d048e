import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aimAssessment, DECIDED_20_MAY } from '../support/case-steps.ts';
import { tempFolder } from '../support/temp.ts';
import {
  ADMIN_PASSWORD,
  addYouthJusticeManager,
  type Harness,
  harness,
  openTeamCase,
  SW_PASSWORD,
  seededTeam,
  signInAs,
  YOS_PASSWORD,
} from '../support/workbench.ts';

// users.resetPassword, through the router: an administrator sets a new password for someone who has
// forgotten theirs. They must change it at their next sign-in, the old password opens nothing, they get
// a new signing key that signs, and what they signed with the old key still verifies.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let team: Awaited<ReturnType<typeof seededTeam>>;
let caseId: string;

const RESET = 'set by the administrator 1';
const CHOSEN = 'sams own new password 1';
const passwords: Record<string, string> = {};
const as = (username: string) => signInAs(h, username, passwords[username] ?? '');

/**
 * Takes an in-progress assessment through QA to both signatures. Lancashire step 9: the CYJS Team Manager
 * quality-assures, so Pat, a youth justice manager of the case, approves.
 */
async function approveAndSign(assessmentId: string) {
  await as('sam.sw');
  await h.call('signOff.submit', { assessmentId, comments: '' });
  await as('pat.manager');
  await h.call('signOff.approve', { assessmentId, comments: '', jointReviewer: 'Chris Team Manager' });
  await as('yas.yos');
  await h.call('signOff.sign', { assessmentId, password: YOS_PASSWORD });
  await as('sam.sw');
  return h.call('signOff.sign', { assessmentId, password: passwords['sam.sw'] ?? '' });
}

beforeEach(async () => {
  folder = tempFolder();
  h = harness(folder.path, { start: new Date('2026-06-01T09:00:00+01:00') });
  Object.assign(passwords, { admin: ADMIN_PASSWORD, 'sam.sw': SW_PASSWORD, 'yas.yos': YOS_PASSWORD });
  team = await seededTeam(h);
  caseId = await openTeamCase(h, team, { name: 'Riley Signed', dateOfBirth: '2012-02-02' });
  passwords['pat.manager'] = 'pat manager pass 1';
  const pat = await addYouthJusticeManager(h);
  const { case: opened } = await h.call('cases.get', { id: caseId });
  await h.call('cases.allocate', {
    id: caseId,
    expectedVersion: opened.version,
    socialWorkerId: team.socialWorker.id,
    yosPractitionerId: team.yos.id,
    managerIds: [team.admin.id, pat.id],
  });
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

const samId = () => team.socialWorker.id;

describe('an administrator resets a password', () => {
  it('the person must change it at the next sign-in, and the old password no longer works', async () => {
    await h.call('users.resetPassword', { id: samId(), newPassword: RESET });
    const [entry] = await h.call('audit.recent', { limit: 1 });
    expect(entry).toMatchObject({
      action: 'user.reset-password',
      recordId: samId(),
      userName: 'Alex Administrator',
      summary: 'set a new password for sam.sw, to be changed at next sign-in',
    });
    expect(JSON.stringify(await h.call('audit.recent', { limit: 500 }))).not.toContain(RESET);

    await h.call('session.signOut', {});
    expect(await h.refuse('session.signIn', { username: 'sam.sw', password: SW_PASSWORD })).toEqual({
      code: 'wrong-password',
      message: 'The username or password is not right. Check them and try again.',
    });
    // Also after a restart: the keyring file on disc no longer opens with the old password.
    h.wb.close();
    h = harness(folder.path, { start: new Date('2026-06-01T09:10:00+01:00') });
    expect((await h.refuse('session.signIn', { username: 'sam.sw', password: SW_PASSWORD })).code).toBe(
      'wrong-password',
    );

    const signedIn = await h.call('session.signIn', { username: 'sam.sw', password: RESET });
    expect(signedIn).toMatchObject({ state: 'signed-in', mustChangePassword: true });
    expect(await h.refuse('cases.get', { id: caseId })).toEqual({
      code: 'forbidden',
      message: 'Choose your own password first: the one you were given was set by an administrator.',
    });
    const changed = await h.call('account.changePassword', { currentPassword: RESET, newPassword: CHOSEN });
    expect(changed.mustChangePassword).toBe(false);
    expect((await h.call('cases.get', { id: caseId })).case.id).toBe(caseId);
    await h.call('session.signOut', {});
    expect((await h.refuse('session.signIn', { username: 'sam.sw', password: RESET })).code).toBe(
      'wrong-password',
    );
    expect(
      (await h.call('session.signIn', { username: 'sam.sw', password: CHOSEN })).mustChangePassword,
    ).toBe(false);
  });

  it('their new signing key signs, and what they signed before the reset still verifies', async () => {
    const first = await h.call(
      'assessments.start',
      aimAssessment(caseId, { yos: team.yos, socialWorker: { id: samId() } }, DECIDED_20_MAY),
    );
    const signedBefore = await approveAndSign(first.id);
    expect(signedBefore.state).toBe('final');
    expect(signedBefore.verification.status).toBe('verified');

    await as('admin');
    h.travelTo(new Date('2026-06-02T09:00:00+01:00'));
    await h.call('users.resetPassword', { id: samId(), newPassword: RESET });
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: RESET });
    await h.call('account.changePassword', { currentPassword: RESET, newPassword: CHOSEN });
    passwords['sam.sw'] = CHOSEN;

    // The report signed with the old key still says so.
    const earlier = await h.call('signOff.status', { assessmentId: first.id });
    expect(earlier.verification.status).toBe('verified');
    expect(earlier.verification.message).toMatch(
      /^Signed by Yas Youth Justice .* and Sam Social Worker .* unchanged since\.$/,
    );
    expect(earlier.signatures.map((s) => [s.signerName, s.verified])).toEqual([
      ['Yas Youth Justice', true],
      ['Sam Social Worker', true],
    ]);

    // A review makes version 2; Sam signs it with the new key, and both versions verify.
    const second = await h.call('assessments.startReview', {
      assessmentId: first.id,
      reason: 'New information from school',
    });
    const signedAfter = await approveAndSign(second.id);
    expect(signedAfter.state).toBe('final');
    expect(signedAfter.verification.status).toBe('verified');
    expect(signedAfter.signatures.map((s) => [s.signerName, s.verified])).toEqual([
      ['Yas Youth Justice', true],
      ['Sam Social Worker', true],
    ]);
    expect((await h.call('signOff.status', { assessmentId: first.id })).verification.status).toBe('verified');
  });
});

import { describe, expect, it } from 'vitest';
import { NOT_ALLOCATED } from '#services/case-access.ts';
import { addMother, consentRecord } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import type { Harness, Team } from '../support/workbench.ts';
import { addTeamMember, openCaseFor, signInAs, TEAM_PASSWORDS } from '../support/workbench.ts';

// cases.allocate, through the router: a manager of the case reallocates it; the social worker who was
// taken off loses access to the case, and the sharing permission they gave for the pattern map lapses.

let h: Harness;
let team: Team;
let solId: string;
let caseId: string;

const SOL_PASSWORD = 'second social worker 1';
const PASSWORDS: Record<string, string> = { ...TEAM_PASSWORDS, 'sol.sw': SOL_PASSWORD };
const as = (username: string) => signInAs(h, username, PASSWORDS[username]);

const storeFingerprint = () => tableFingerprint(h.wb.db());

const consent = (subject: 'child' | 'parent-carer' | 'social-worker-permission', personId: string | null) =>
  h.call('consents.record', consentRecord(caseId, subject, personId));

seededWorkbenchEachTest({ start: new Date('2026-11-20T10:00:00Z') }, async (w) => {
  ({ h, team } = w);
  solId = (
    await addTeamMember(
      h,
      {
        username: 'sol.sw',
        name: 'Sol Second',
        agency: 'childrens-social-care',
        roles: ['practitioner'],
        aimTrained: false,
      },
      SOL_PASSWORD,
    )
  ).id;
  caseId = (await openCaseFor(h, team, { name: 'Jamie Example' })).id;
  // Everything the map needs to go to an external agency: the child's and the mother's consent
  // (recorded by the manager) and the allocated social worker's own permission.
  const mother = await addMother(h, caseId);
  await consent('child', null);
  await consent('parent-carer', mother.id);
  await as('sam.sw');
  await consent('social-worker-permission', null);
  expect((await h.call('map.get', { caseId })).sharing.missingForExternal).toEqual([]);
  await as('admin');
});

const allocation = (socialWorkerId: string, expectedVersion: number, managerIds = [team.admin.id]) => ({
  id: caseId,
  expectedVersion,
  socialWorkerId,
  yosPractitionerId: team.yos.id,
  managerIds,
});
const reallocate = (socialWorkerId: string, expectedVersion: number, managerIds = [team.admin.id]) =>
  h.call('cases.allocate', allocation(socialWorkerId, expectedVersion, managerIds));

describe('reallocating a case', () => {
  it('a manager gives the case to another social worker: saved, audited, and the new version returned', async () => {
    h.travelTo(new Date('2026-11-23T09:30:00Z'));
    const after = await reallocate(solId, 1);
    expect(after).toMatchObject({
      id: caseId,
      version: 2,
      socialWorkerId: solId,
      yosPractitionerId: team.yos.id,
      managerIds: [team.admin.id],
    });
    expect((await h.call('cases.get', { id: caseId })).case.socialWorkerId).toBe(solId);
    const [entry] = await h.call('audit.recent', { limit: 1 });
    expect(entry).toMatchObject({
      at: '2026-11-23T09:30:00.000Z',
      userName: 'Alex Administrator',
      action: 'case.allocate',
      recordType: 'case',
      recordId: caseId,
      summary: `changed the allocation: social worker ${team.socialWorker.id} → ${solId}`,
    });
    expect((await h.call('audit.check', {})).intact).toBe(true);
  });

  it('the social worker taken off the case loses access to it; the new one gains it', async () => {
    await reallocate(solId, 1);
    await as('sam.sw');
    for (const [name, request] of [
      ['cases.get', { id: caseId }],
      ['map.get', { caseId }],
      ['pathway.timeline', { caseId }],
    ] as const) {
      expect(await h.refuse(name, request), name).toEqual({ code: 'forbidden', message: NOT_ALLOCATED });
    }
    // Searching still finds the case, but only as much as anyone unallocated sees.
    expect(await h.call('cases.search', { query: 'Jamie' })).toEqual([
      expect.objectContaining({ accessible: false, caseId, socialWorkerName: 'Sol Second' }),
    ]);
    await as('sol.sw');
    expect((await h.call('cases.get', { id: caseId })).case.socialWorkerId).toBe(solId);
  });

  it('the permission to share the map given by the social worker taken off lapses; the new one must give theirs', async () => {
    await reallocate(solId, 1);
    await as('sol.sw');
    const map = await h.call('map.get', { caseId });
    expect(map.sharing).toEqual({
      allocatedSocialWorkerId: solId,
      allocatedSocialWorkerName: 'Sol Second',
      missingForExternal: ['The permission of the allocated social worker (Sol Second) is not recorded.'],
    });
    // The child's and the mother's consent stay: only the permission was personal to the social worker.
    await consent('social-worker-permission', null);
    expect((await h.call('map.get', { caseId })).sharing.missingForExternal).toEqual([]);
  });

  it('refuses a stale allocation, a social worker from another agency, and a practitioner reallocating — saving nothing', async () => {
    await reallocate(solId, 1);
    const before = storeFingerprint();
    const stale = await h.refuse('cases.allocate', allocation(team.socialWorker.id, 1));
    expect(stale).toEqual({
      code: 'conflict',
      message:
        'Someone else changed this case’s allocation after you opened it. Your change was not saved: reload and try again.',
    });
    const wrongAgency = await h.refuse('cases.allocate', allocation(team.yos.id, 2));
    expect(wrongAgency).toMatchObject({
      code: 'rule-broken',
      message: "The allocated social worker must be an active practitioner from Children's Social Care.",
      problems: [
        { path: 'socialWorkerId', message: 'is not an active practitioner in childrens-social-care' },
      ],
    });
    expect(storeFingerprint()).toBe(before);
    await as('sol.sw');
    const signedInAsSol = storeFingerprint();
    const practitioner = await h.refuse('cases.allocate', allocation(solId, 2, []));
    expect(practitioner).toEqual({
      code: 'forbidden',
      message: 'Only a manager can do this. Ask someone with that role.',
    });
    expect(storeFingerprint()).toBe(signedInAsSol);
    await as('admin');
    expect((await h.call('cases.get', { id: caseId })).case).toMatchObject({
      version: 2,
      socialWorkerId: solId,
      managerIds: [team.admin.id],
    });
  });
});

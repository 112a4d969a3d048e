import { describe, expect, it } from 'vitest';
import { recentAudit } from '#store/audit-trail.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { tableFingerprint } from '../support/store-dump.ts';
import type { Harness, Team } from '../support/workbench.ts';
import {
  addOtherManager,
  addTeamMember,
  openCaseFor,
  signInAs,
  TEAM_PASSWORDS,
  teamAllocation,
} from '../support/workbench.ts';

// Review finding 5: temporary access (a break-glass grant, or hub access through an open consultation)
// reads a case but can never be turned into a lasting place on it or on the child.

let h: Harness;
let team: Team;
let managerId: string;
let hubManagerId: string;
let caseId: string;
let childId: string;

const PASSWORDS: Record<string, string> = {
  ...TEAM_PASSWORDS,
  'max.manager': 'other manager pass 1',
  'hal.hub': 'hub and manager pass 1',
};
const as = (username: string) => signInAs(h, username, PASSWORDS[username]);

const storeFingerprint = () => tableFingerprint(h.wb.db());

seededWorkbenchEachTest({ start: new Date('2026-11-20T10:00:00Z') }, async (w) => {
  ({ h, team } = w);
  managerId = (await addOtherManager(h, PASSWORDS['max.manager'] ?? '')).id;
  hubManagerId = (
    await addTeamMember(
      h,
      {
        username: 'hal.hub',
        name: 'Hal Hub',
        agency: 'youth-justice',
        roles: ['practitioner', 'manager'],
        aimTrained: true,
      },
      PASSWORDS['hal.hub'] ?? '',
    )
  ).id;
  const hsbCase = await openCaseFor(
    h,
    team,
    {
      name: 'Riley Example',
      dateOfBirth: '2012-04-04',
      socialCareNumber: 'SC-4242',
      youthJusticeNumber: '',
      preferredName: '',
      areaOfResidence: '',
      school: '',
    },
    { profileId: 'blackpool' },
  );
  childId = hsbCase.childId;
  caseId = hsbCase.id;
});

const takeOver = (userId: string) =>
  h.refuse('cases.allocate', {
    id: caseId,
    expectedVersion: 1,
    socialWorkerId: team.socialWorker.id,
    yosPractitionerId: team.yos.id,
    managerIds: [team.admin.id, userId],
  });
const openAnother = (userId: string) =>
  h.refuse('cases.open', {
    childId,
    profileId: 'blackpool',
    socialWorkerId: team.socialWorker.id,
    yosPractitionerId: team.yos.id,
    managerIds: [userId],
  });

describe('temporary access cannot be made permanent', () => {
  it('a manager holding a break-glass grant cannot add themselves to the case or open another case on the child', async () => {
    await as('max.manager');
    await h.call('cases.breakGlass', { caseId, reason: 'Out of hours; Sam unreachable' });
    expect((await h.call('cases.get', { id: caseId })).case.managerIds).toEqual([team.admin.id]);
    const before = storeFingerprint();
    const allocate = await takeOver(managerId);
    expect(allocate.code).toBe('forbidden');
    expect(allocate.message).toMatch(/break-glass .*Nothing was saved\.$/);
    const open = await openAnother(managerId);
    expect(open.code).toBe('forbidden');
    expect(open.message).toMatch(/break-glass .*Nothing was saved\.$/);
    expect(storeFingerprint()).toBe(before);
    // When the grant runs out, the manager is out again.
    h.travelTo(new Date('2026-11-20T18:01:00Z'));
    expect((await h.refuse('cases.get', { id: caseId })).code).toBe('forbidden');
  });

  it('hub access through an open consultation does not let a hub member who is also a manager allocate themselves', async () => {
    await as('sam.sw');
    await h.call('consultations.request', { caseId, managerId: team.admin.id, request: 'Advice' });
    await as('hal.hub');
    expect((await h.call('cases.get', { id: caseId })).case.id).toBe(caseId);
    const before = storeFingerprint();
    expect((await takeOver(hubManagerId)).code).toBe('forbidden');
    expect((await openAnother(hubManagerId)).code).toBe('forbidden');
    expect(storeFingerprint()).toBe(before);
  });

  it('the case’s own manager still reallocates, and the audit names the change as user ids only', async () => {
    h.travelTo(new Date('2026-11-23T09:30:00Z'));
    await h.call('cases.allocate', {
      id: caseId,
      expectedVersion: 1,
      socialWorkerId: team.socialWorker.id,
      yosPractitionerId: team.yos.id,
      managerIds: [team.admin.id, managerId],
    });
    const [entry] = recentAudit(h.wb.db(), 1);
    const after = [team.admin.id, managerId].sort().join(', ');
    expect(entry?.summary).toBe(`changed the allocation: managers [${team.admin.id}] → [${after}]`);
    expect(entry?.summary).not.toMatch(/Max|Alex/);
    // The case's own manager may open another case for the same child.
    const another = await h.call('cases.open', { childId, ...teamAllocation(team), profileId: 'blackpool' });
    expect(another.childId).toBe(childId);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { CallRequest } from '#contract/calls.ts';
import { aimAssessment } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import {
  addOtherManager,
  addTeamMember,
  addYouthJusticeManager,
  type Harness,
  openCaseFor,
  PAT_PASSWORD,
  signInAs,
  type Team,
} from '../support/workbench.ts';

// Who may take a decision on a case, beyond being able to open it (found in a review): quality assurance
// and closing a case belong to the managers on the case; a closed case is no way into the child's record
// on another, open case.

let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-11-20T10:00:00Z') }, (w) => ({ h, team } = w));

const DEE_PASSWORD = 'dee dual pass 11';
const dee = () =>
  addTeamMember(
    h,
    {
      username: 'dee.dual',
      name: 'Dee Dual',
      agency: 'childrens-social-care',
      roles: ['practitioner', 'manager'],
      aimTrained: true,
    },
    DEE_PASSWORD,
  );

describe('quality assurance', () => {
  let assessmentId: string;
  let caseId: string;
  beforeEach(async () => {
    await addYouthJusticeManager(h);
    const hsbCase = await openCaseFor(h, team, { name: 'Kim Three' });
    caseId = hsbCase.id;
    await signInAs(h, 'sam.sw');
    assessmentId = (await h.call('assessments.start', aimAssessment(caseId, team))).id;
    await h.call('signOff.submit', { assessmentId, comments: '' });
  });

  it('is not open to a manager whose only access is an emergency (break-glass) grant', async () => {
    await signInAs(h, 'pat.manager', PAT_PASSWORD);
    await h.call('cases.breakGlass', { caseId, reason: 'Urgent call from the police' });
    for (const [name, request] of [
      ['signOff.return', { assessmentId, comments: 'Redo the formulation' }],
      ['signOff.approve', { assessmentId, comments: '', jointReviewer: 'Chris' }],
    ] as const) {
      const refused = await h.refuse(name, request as CallRequest<typeof name>);
      expect(refused).toMatchObject({ code: 'forbidden' });
      expect(refused.message).toMatch(/emergency or hub access.*A manager on the case must do it/);
    }
    expect((await h.call('signOff.status', { assessmentId })).state).toBe('submitted');
  });
});

describe('closing a case', () => {
  it('is for a manager on the case, not its social worker who also holds the manager role', async () => {
    const dual = await dee();
    const hsbCase = await openCaseFor(h, team, { name: 'Kim Two' }, { socialWorkerId: dual.id });
    await signInAs(h, 'dee.dual', DEE_PASSWORD);
    const refused = await h.refuse('cases.close', {
      id: hsbCase.id,
      expectedVersion: hsbCase.version,
      reason: 'No further action',
    });
    expect(refused).toMatchObject({
      code: 'forbidden',
      message: 'Only a manager of the case can close it. Nothing has been saved.',
    });
    expect((await h.call('cases.get', { id: hsbCase.id })).case.status).toBe('open');
  });
});

describe('a child on a closed case and on another, open case', () => {
  it('cannot be changed through the closed case by someone not on the open one', async () => {
    const other = await addTeamMember(
      h,
      {
        username: 'dee.sw',
        name: 'Dee Social Worker',
        agency: 'childrens-social-care',
        roles: ['practitioner'],
        aimTrained: true,
      },
      'dee sw pass 111',
    );
    const max = await addOtherManager(h, 'max manager pass 1');
    const first = await openCaseFor(h, team, { name: 'Kim Five' });
    await h.call('cases.close', {
      id: first.id,
      expectedVersion: first.version,
      reason: 'No further action',
    });
    await h.call('cases.open', {
      childId: first.childId,
      profileId: 'lancashire',
      socialWorkerId: other.id,
      yosPractitionerId: team.yos.id,
      managerIds: [max.id],
    });
    await signInAs(h, 'sam.sw');
    const child = await h.call('children.get', { id: first.childId });
    const { id, version, createdAt, createdBy, updatedAt, ...fields } = child as typeof child & {
      updatedBy?: string;
    };
    delete (fields as Record<string, unknown>).updatedBy;
    const refused = await h.refuse('children.update', {
      id,
      expectedVersion: version,
      ...fields,
      name: 'Kim Renamed',
    } as CallRequest<'children.update'>);
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(refused.message).toMatch(/Your case for this child is closed.*Nothing was saved\./);
    expect((await h.call('children.get', { id: first.childId })).name).toBe('Kim Five');
  });
});

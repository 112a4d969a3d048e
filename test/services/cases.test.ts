import { describe, expect, it } from 'vitest';
import { childDetails } from '../support/case-steps.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { type Harness, type Team, teamAllocation } from '../support/workbench.ts';

let h: Harness;
let team: Team;

const child = childDetails;

seededWorkbenchEachTest({}, (w) => ({ h, team } = w));

async function openCaseFor(name: string, extra: Parameters<typeof childDetails>[1] = {}) {
  const created = await h.call('children.create', child(name, extra));
  const hsbCase = await h.call('cases.open', {
    childId: created.id,
    ...teamAllocation(team),
    profileId: 'islington',
  });
  return { child: created, hsbCase };
}

describe('children and cases', () => {
  it('opens a case with a yearly reference, the profile and version, and the allocation', async () => {
    const { hsbCase } = await openCaseFor('Riley Test');
    expect(hsbCase.reference).toBe('HSB-2026-0001');
    expect(hsbCase).toMatchObject({
      profileId: 'islington',
      profileVersion: 2,
      status: 'open',
      managerIds: [team.admin.id],
    });
    expect((await openCaseFor('Second Child')).hsbCase.reference).toBe('HSB-2026-0002');
  });

  it('finds cases by name, preferred name, identifier or reference, by the start of words', async () => {
    await openCaseFor('Riley Jones', { preferredName: 'Ri', socialCareNumber: 'LCS-55123' });
    await openCaseFor('Morgan Smith', { youthJusticeNumber: 'YJ-7781' });
    const names = async (query: string) =>
      (await h.call('cases.search', { query })).map((c) => (c.accessible ? c.childName : c.reference));
    expect(await names('')).toHaveLength(2);
    expect(await names('riley')).toEqual(['Riley Jones']);
    expect(await names('Smi')).toEqual(['Morgan Smith']);
    expect(await names('55123')).toEqual(['Riley Jones']);
    expect(await names('YJ-7781')).toEqual(['Morgan Smith']);
    expect(await names('HSB-2026-0002')).toEqual(['Morgan Smith']);
    expect(await names('nobody')).toEqual([]);
    expect(await names('"*) OR (')).toEqual([]);
  });

  it('keeps search in step when a child is renamed', async () => {
    const { child: c } = await openCaseFor('Old Name');
    await h.call('children.update', { ...child('New Name'), id: c.id, expectedVersion: 1 });
    expect(
      (await h.call('cases.search', { query: 'new' })).map((x) => (x.accessible ? x.childName : x.reference)),
    ).toEqual(['New Name']);
    expect(await h.call('cases.search', { query: 'old' })).toEqual([]);
  });

  it('refuses an edit made on a stale copy instead of overwriting the other person’s change', async () => {
    const { child: c } = await openCaseFor('Alex Shared');
    await h.call('children.update', {
      ...child('Alex Shared', { school: 'First edit' }),
      id: c.id,
      expectedVersion: 1,
    });
    const error = await h.refuse('children.update', {
      ...child('Alex Shared', { school: 'Second edit' }),
      id: c.id,
      expectedVersion: 1,
    });
    expect(error.code).toBe('conflict');
    expect((await h.call('children.get', { id: c.id })).school).toBe('First edit');
  });

  it('counts “today” in London: just after midnight in summer, a date of birth of today is not in the future', async () => {
    h.travelTo(new Date('2026-06-01T23:30:00Z')); // 00:30 on 2 June in London (BST)
    const baby = await h.call('children.create', child('Born Today', { dateOfBirth: '2026-06-02' }));
    expect(baby.dateOfBirth).toBe('2026-06-02');
  });

  it('refuses a date of birth in the future', async () => {
    const error = await h.refuse('children.create', child('Future Child', { dateOfBirth: '2030-01-01' }));
    expect(error.problems).toEqual([{ path: 'dateOfBirth', message: 'cannot be in the future' }]);
  });

  it('audits every change with who and what, without copying the child’s details into the trail', async () => {
    const { hsbCase } = await openCaseFor('Private Name');
    const recent = await h.call('audit.recent', { limit: 2 });
    expect(recent.map((e) => e.action)).toEqual(['case.open', 'child.create']);
    expect(recent[0]).toMatchObject({
      userId: team.admin.id,
      recordId: hsbCase.id,
      userName: 'Alex Administrator',
    });
    expect(JSON.stringify(recent)).not.toContain('Private Name');
    expect(await h.call('audit.check', {})).toMatchObject({ intact: true });
  });
});

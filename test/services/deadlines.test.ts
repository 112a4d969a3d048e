import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallRequest } from '#contract/calls.ts';
import { hounslowProfile, lancashireProfile as LANCASHIRE } from '#domain/profiles/index.ts';
import { type SeededWorkbench, seededWorkbenchEachTest } from '../support/each-test.ts';
import { type Harness, openCaseFor, SW_PASSWORD, type Team } from '../support/workbench.ts';

let folder: SeededWorkbench['folder'];
let h: Harness;
let team: Team;

seededWorkbenchEachTest({ start: new Date('2026-08-27T15:00:00Z') }, (w) => ({ folder, h, team } = w));

const openCase = (profileId: string) =>
  openCaseFor(h, team, { name: 'Casey Clock', dateOfBirth: '2012-06-01' }, { profileId });

const category = (caseId: string, agreedAt: string, value: '0' | '1' | '2' | '3' = '2', complex = false) =>
  h.call('pathway.recordCategory', {
    caseId,
    category: value,
    agreedAt,
    agreedBy: 'Strategy discussion: CSC team manager and police',
    rationale: 'Coercion and a significant age gap reported by school.',
    complex,
  });

const recordEvent = (
  caseId: string,
  event: CallRequest<'pathway.recordEvent'>['event'],
  occurredAt: string,
  more: Partial<CallRequest<'pathway.recordEvent'>> = {},
) => h.call('pathway.recordEvent', { caseId, event, occurredAt, note: '', ...more });

const markMet = (d: { id: string; version: number } | undefined, metAt: string, note: string) =>
  h.call('deadlines.markMet', { deadlineId: d?.id ?? '', expectedVersion: d?.version ?? 1, metAt, note });

describe('deadlines on a case', () => {
  it('Islington: category 2 agreed on the Thursday before the August bank holiday → strategy meeting due Wed 02/09/2026', async () => {
    const hsbCase = await openCase('islington');
    // Islington §5.3: within 3 working days. Thu 27/08 is day 0; Fri 28/08 day 1; Mon 31/08 is a bank holiday;
    // Tue 01/09 day 2; Wed 02/09 day 3.
    const timeline = await category(hsbCase.id, '2026-08-27T14:00:00+01:00');
    expect(timeline.categoryHistory).toHaveLength(1);
    expect(timeline.categoryHistory[0]).toMatchObject({ category: '2', brookColour: 'Red' });
    const meeting = timeline.deadlines.find((d) => d.ruleId === 'strategy-meeting');
    expect(meeting).toMatchObject({ state: 'open', ruleText: 'within 3 working days', profileVersion: 2 });
    expect(meeting?.originalDue.dueDay).toBe('2026-09-02');
    expect(meeting?.citation.section).toMatch(/5/);
    expect(meeting?.statusLabel).toBe('Due within 5 working days');
    expect(meeting?.rag).toBe('amber');
    expect(timeline.deadlines.some((d) => d.ruleId === 'strategy-meeting-complex')).toBe(false);
  });

  it('a complex category 2 concern gets the 5 working-day rule instead', async () => {
    const hsbCase = await openCase('islington');
    const timeline = await category(hsbCase.id, '2026-08-27T14:00:00+01:00', '2', true);
    expect(timeline.deadlines.map((d) => [d.ruleId, d.originalDue.dueDay])).toEqual([
      ['strategy-meeting-complex', '2026-09-04'],
    ]);
  });

  it('appears on the allocated social worker’s My work, and an extension keeps the original date', async () => {
    const hsbCase = await openCase('islington');
    await category(hsbCase.id, '2026-08-27T14:00:00+01:00');
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
    const [mine] = await h.call('deadlines.mine', {});
    expect(mine).toMatchObject({
      caseReference: hsbCase.reference,
      childName: 'Casey Clock',
      step: 'HSB strategy meeting held',
    });

    const noReason = await h.refuse('deadlines.adjust', {
      deadlineId: mine?.id,
      expectedVersion: mine?.version,
      type: 'extend',
      reason: '  ',
      extraWorkingDays: 2,
    });
    expect(noReason.code).toBe('invalid-request');
    expect(noReason.message).toMatch(/reason is needed/);

    const extended = await h.call('deadlines.adjust', {
      deadlineId: mine?.id ?? '',
      expectedVersion: mine?.version ?? 1,
      type: 'extend',
      reason: 'Police officer in the case unavailable until Friday',
      extraWorkingDays: 2,
    });
    expect(extended.originalDue.dueDay).toBe('2026-09-02');
    expect(extended.currentDue.dueDay).toBe('2026-09-04');
    expect(extended.history).toEqual([
      expect.objectContaining({
        kind: 'extend',
        byName: 'Sam Social Worker',
        reason: 'Police officer in the case unavailable until Friday',
      }),
    ]);
    const stale = await h.refuse('deadlines.adjust', {
      deadlineId: mine?.id,
      expectedVersion: mine?.version,
      type: 'pause',
      reason: 'court directions',
    });
    expect(stale.code).toBe('conflict');
  });

  it('goes red and overdue once the day passes, counted in working days', async () => {
    const hsbCase = await openCase('islington');
    await category(hsbCase.id, '2026-08-27T14:00:00+01:00');
    h.travelTo(new Date('2026-09-04T09:00:00+01:00'));
    const [d] = await h.call('deadlines.mine', {});
    expect(d).toMatchObject({ status: 'overdue', rag: 'red', statusLabel: 'Overdue by 2 working days' });
  });

  it('pause and resume move the due date by the working days paused', async () => {
    const hsbCase = await openCase('islington');
    await category(hsbCase.id, '2026-08-27T14:00:00+01:00');
    const [d] = (await h.call('pathway.timeline', { caseId: hsbCase.id })).deadlines;
    h.travelTo(new Date('2026-08-28T10:00:00+01:00'));
    const paused = await h.call('deadlines.adjust', {
      deadlineId: d?.id ?? '',
      expectedVersion: d?.version ?? 1,
      type: 'pause',
      reason: 'Court directions awaited',
    });
    expect(paused).toMatchObject({ paused: true, status: 'paused', rag: 'amber' });
    h.travelTo(new Date('2026-09-03T10:00:00+01:00'));
    const resumed = await h.call('deadlines.adjust', {
      deadlineId: paused.id,
      expectedVersion: paused.version,
      type: 'resume',
      reason: '',
    });
    // Paused Fri 28/08, resumed Thu 03/09: Tue, Wed, Thu = 3 working days (Mon 31/08 a bank holiday).
    expect(resumed.currentDue.dueDay).toBe('2026-09-07');
    expect(resumed.originalDue.dueDay).toBe('2026-09-02');
    expect(resumed.history.map((x) => x.kind)).toEqual(['pause', 'resume']);
  });

  it('Blackpool: an amber concern starts a 24-hour clock, exactly 24 real hours across the October clock change', async () => {
    h.travelTo(new Date('2026-10-25T12:00:00Z'));
    const hsbCase = await openCase('blackpool');
    const timeline = await recordEvent(hsbCase.id, 'concern-screened', '2026-10-24T10:30:00+01:00', {
      note: 'Screened with the Brook tool',
      brookColour: 'amber',
    });
    const [d] = timeline.deadlines;
    expect(d?.ruleText).toBe('within 24 hours');
    expect(d?.originalDue.dueInstant).toBe('2026-10-25T09:30:00.000Z');
    expect(Date.parse(d?.originalDue.dueInstant ?? '') - Date.parse('2026-10-24T10:30:00+01:00')).toBe(
      24 * 3_600_000,
    );
  });

  it('Blackpool: a green concern starts no strategy-meeting clock', async () => {
    const hsbCase = await openCase('blackpool');
    const timeline = await recordEvent(hsbCase.id, 'concern-screened', '2026-08-27T10:00:00+01:00', {
      brookColour: 'green',
    });
    expect(timeline.deadlines).toEqual([]);
    expect(timeline.events[0]?.summary).toBe('Brook: Green');
  });

  it('a closure day added later does not move a running deadline, but counts for new ones', async () => {
    const hsbCase = await openCase('lancashire');
    await recordEvent(hsbCase.id, 'first-meeting-with-child', '2026-08-27T10:00:00+01:00');
    await h.call('calendar.addClosure', { day: '2026-09-01', label: 'Staff training day' });
    const second = await openCase('lancashire');
    const t2 = await recordEvent(second.id, 'first-meeting-with-child', '2026-08-27T10:00:00+01:00');
    const t1 = await h.call('pathway.timeline', { caseId: hsbCase.id });
    // Lancashire step 8: 45 working days from the first meeting with the child.
    expect(t1.deadlines[0]?.originalDue.dueDay).toBe('2026-10-30');
    expect(t2.deadlines[0]?.originalDue.dueDay).toBe('2026-11-02');
    expect((await h.refuse('calendar.addClosure', { day: '2026-09-01', label: 'again' })).code).toBe(
      'conflict',
    );
  });

  it('Islington: emergency action met starts the strategy meeting within 5 working days of it', async () => {
    const hsbCase = await openCase('islington');
    const t = await recordEvent(hsbCase.id, 'immediate-protection-needed', '2026-08-27T09:00:00+01:00');
    const emergency = t.deadlines.find((d) => d.ruleId === 'emergency-action');
    expect(emergency?.ruleText).toBe('immediately');
    await markMet(emergency, '2026-08-27T11:00:00+01:00', 'Police protection');
    const after = await h.call('pathway.timeline', { caseId: hsbCase.id });
    const followUp = after.deadlines.find((d) => d.ruleId === 'strategy-meeting-after-emergency-action');
    expect(followUp?.originalDue.dueDay).toBe('2026-09-04');
    expect(after.deadlines.find((d) => d.ruleId === 'emergency-action')?.state).toBe('met');
  });

  it('a manager sees the team’s deadlines and how many were met on time', async () => {
    const hsbCase = await openCase('islington');
    const t = await category(hsbCase.id, '2026-08-27T14:00:00+01:00');
    const d = t.deadlines[0];
    await markMet(d, '2026-08-27T15:00:00+01:00', 'Held');
    const team = await h.call('deadlines.team', {});
    expect(team.summary).toEqual({ met: 1, metOnTime: 1, metLate: 0, open: 0, overdue: 0 });
    expect(team.deadlines[0]?.statusLabel).toMatch(/on time/i);
  });

  it('refuses a step in the future and a step the profile does not have', async () => {
    const hsbCase = await openCase('islington');
    expect(
      (
        await h.refuse('pathway.recordCategory', {
          caseId: hsbCase.id,
          category: '2',
          agreedAt: '2027-01-01T10:00:00Z',
          agreedBy: 'x',
          rationale: 'y',
          complex: false,
        })
      ).problems,
    ).toEqual([{ path: 'agreedAt', message: 'is in the future' }]);
    expect(
      (
        await h.refuse('pathway.recordEvent', {
          caseId: hsbCase.id,
          event: 'first-meeting-with-child',
          occurredAt: '2026-08-27T10:00:00Z',
          note: '',
        })
      ).message,
    ).toMatch(/does not have that step/);
  });
});

describe('protocol profiles', () => {
  const lancashireCopy = (version: number, days: number) =>
    JSON.stringify({
      ...LANCASHIRE,
      id: 'lancashire-local',
      name: 'Lancashire (local)',
      version,
      timescales: LANCASHIRE.timescales.map((t) =>
        t.id === 'aim-assessment-completed' ? { ...t, rule: { kind: 'working-days', days } } : t,
      ),
    });

  it('lists the five built-in profiles', async () => {
    const list = await h.call('profiles.list', {});
    expect(list.map((p) => p.id).sort()).toEqual([
      'blackpool',
      'england-generic',
      'hounslow',
      'islington',
      'lancashire',
    ]);
    expect(list.every((p) => p.source === 'built-in')).toBe(true);
  });

  it('refuses an invalid profile with the path of each fault, and imports nothing', async () => {
    const bad = JSON.parse(lancashireCopy(1, 45));
    bad.timescales[0].rule = { kind: 'working-days', days: -3 };
    bad.timescales.push({ ...bad.timescales[0], id: 'second', rule: { kind: 'fortnights', n: 2 } });
    delete bad.nation;
    const error = await h.refuse('profiles.import', { text: JSON.stringify(bad) });
    expect(error.code).toBe('invalid-request');
    const paths = error.problems?.map((p) => p.path) ?? [];
    expect(paths).toContain('nation');
    expect(paths).toContain('timescales[0].rule.days');
    expect(paths.some((p) => p.startsWith('timescales[1].rule'))).toBe(true);
    expect((await h.call('profiles.list', {})).some((p) => p.id === 'lancashire-local')).toBe(false);
    expect((await h.refuse('profiles.import', { text: '{ not json' })).problems?.[0]?.path).toBe('(file)');
  });

  it('refuses replacing a built-in profile or reusing a version number', async () => {
    expect(
      (await h.refuse('profiles.import', { text: JSON.stringify({ ...LANCASHIRE, version: 9 }) })).message,
    ).toMatch(/built-in profile/);
    await h.call('profiles.import', { text: lancashireCopy(1, 45) });
    expect((await h.refuse('profiles.import', { text: lancashireCopy(1, 40) })).code).toBe('conflict');
  });

  it('clones a built-in to edit, and exports a profile as a file, audited', async () => {
    const clone = await h.call('profiles.clone', {
      id: 'islington',
      version: 2,
      newId: 'islington-2027',
      newName: 'Islington 2027 draft',
    });
    expect(clone).toMatchObject({ id: 'islington-2027', version: 1, source: 'cloned' });
    h.host.saveFile = join(folder.path, 'export.json');
    const saved = await h.call('profiles.export', { id: 'islington-2027', version: 1 });
    expect(saved?.savedTo).toBe(h.host.saveFile);
    expect(JSON.parse(readFileSync(h.host.saveFile, 'utf8'))).toMatchObject({
      id: 'islington-2027',
      name: 'Islington 2027 draft',
    });
    expect((await h.call('audit.recent', { limit: 1 }))[0]?.action).toBe('profile.export');
    h.host.saveFile = null;
    expect(await h.call('profiles.export', { id: 'islington', version: 2 })).toBeNull();
    expect(existsSync(join(folder.path, 'islington-v2.json'))).toBe(false);
  });

  it('a new profile version never changes an open case’s deadlines until the case is moved, audited', async () => {
    await h.call('profiles.import', { text: lancashireCopy(1, 45) });
    const hsbCase = await openCase('lancashire-local');
    await recordEvent(hsbCase.id, 'first-meeting-with-child', '2026-08-27T10:00:00+01:00');
    await h.call('profiles.import', { text: lancashireCopy(2, 40) });
    const before = await h.call('pathway.timeline', { caseId: hsbCase.id });
    expect(before.profile).toMatchObject({ version: 1, latestVersion: 2 });
    expect(before.deadlines.map((d) => d.originalDue.dueDay)).toEqual(['2026-10-30']);

    const moved = await h.call('pathway.moveProfileVersion', {
      caseId: hsbCase.id,
      version: 2,
      reason: 'Protocol revised in September',
    });
    expect(moved.profile.version).toBe(2);
    expect(moved.deadlines.map((d) => [d.state, d.originalDue.dueDay, d.profileVersion])).toEqual([
      ['superseded', '2026-10-30', 1],
      ['open', '2026-10-23', 2],
    ]);
    expect((await h.call('audit.recent', { limit: 1 }))[0]?.summary).toMatch(
      /moved from Lancashire \(local\) version 1 to version 2 \(\d+ deadlines? recalculated\)$/,
    );
  });

  it('moving a case restarts only the changed rule, never a deadline already met', async () => {
    const hounslowCopy = (version: number, icpcDays: number) =>
      JSON.stringify({
        ...hounslowProfile,
        id: 'hounslow-local',
        name: 'Hounslow (local)',
        version,
        timescales: hounslowProfile.timescales.map((t) =>
          t.id === 'icpc-initiated' ? { ...t, rule: { kind: 'calendar-days', days: icpcDays } } : t,
        ),
      });
    await h.call('profiles.import', { text: hounslowCopy(1, 15) });
    const hsbCase = await openCase('hounslow-local');
    const t = await recordEvent(hsbCase.id, 's47-initiated', '2026-08-27T10:00:00+01:00');
    const s47 = t.deadlines.find((x) => x.ruleId === 's47-completed');
    await markMet(s47, '2026-08-27T12:00:00+01:00', 'done');
    await h.call('profiles.import', { text: hounslowCopy(2, 10) });
    const moved = await h.call('pathway.moveProfileVersion', {
      caseId: hsbCase.id,
      version: 2,
      reason: 'Protocol revised',
    });
    expect(moved.deadlines.map((x) => [x.ruleId, x.state, x.profileVersion]).sort()).toEqual([
      ['icpc-initiated', 'open', 2],
      ['icpc-initiated', 'superseded', 1],
      ['s47-completed', 'met', 1],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { lookForArrivals, type NoticeWindow } from '../../src/main/arrivals.ts';
import { ArrivalWatch } from '../../src/services/arrivals.ts';
import { openCase, strategyMeeting, type Team } from '../services/fidelity/support.ts';
import { seededWorkbenchEachTest } from '../support/each-test.ts';
import { ADMIN_PASSWORD, type Harness, YOS_PASSWORD } from '../support/workbench.ts';

// Issue 14: a desktop notice when something new arrives in My work while the window is in the
// background — and never a child's details in it. The shell's look at My work, driven with a real store
// and a window that is in front or not.

let h: Harness;
let team: Team;
seededWorkbenchEachTest({ start: new Date('2026-11-26T10:00:00Z') }, (w) => {
  ({ h, team } = w);
});

function fakeWindow(focused: boolean) {
  const did: string[] = [];
  const window: NoticeWindow & { focused: boolean } = {
    focused,
    isFocused: () => window.focused,
    isMinimized: () => true,
    restore: () => did.push('restore'),
    show: () => did.push('show'),
    focus: () => did.push('focus'),
  };
  return { window, did };
}

/** Yas, signed in, is given a strategy meeting action by the administrator (as the shell would see it). */
async function actionFor(owner: string, text: string, caseId: string) {
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  await h.call('pathway.recordStrategyMeeting', {
    ...strategyMeeting(caseId, '2026-11-25T10:00:00Z', ['outcome-recorded'], {
      details: { rationale: 'Single-agency response' },
    }),
    actions: [{ text, owner, due: null, done: false }],
  });
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
}

describe('desktop notices of new work', () => {
  it('tell the person in the background how many things arrived, and nothing about the child', async () => {
    const caseId = await openCase(h, team, 'lancashire');
    const watch = new ArrivalWatch(h.wb);
    const { window, did } = fakeWindow(false);
    const shown: { title: string; body: string }[] = [];
    const clicks: (() => void)[] = [];
    const show = (n: { title: string; body: string }, onClick: () => void) => {
      shown.push(n);
      clicks.push(onClick);
    };
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
    lookForArrivals(watch, window, show); // the first look after signing in sees what was already there
    expect(shown).toEqual([]);

    await actionFor('Yas Youth Justice', 'Ring Child Lancashire’s school about the incident', caseId);
    lookForArrivals(watch, window, show);
    expect(shown).toEqual([{ title: 'HSB Workbench', body: 'Something new is waiting for you in My work.' }]);
    expect(JSON.stringify(shown)).not.toMatch(/Child lancashire|school|HSB-\d/i);
    clicks[0]?.();
    expect(did).toEqual(['restore', 'show', 'focus']);

    lookForArrivals(watch, window, show); // nothing more has arrived
    expect(shown).toHaveLength(1);
    await actionFor('Yas Youth Justice', 'Book a room', caseId);
    await actionFor('Yas Youth Justice', 'Write to the family', caseId);
    lookForArrivals(watch, window, show);
    expect(shown.at(-1)?.body).toBe('2 new things are waiting for you in My work.');
  });

  it('stay quiet while the window is in front, for another person’s work, and when locked', async () => {
    const caseId = await openCase(h, team, 'lancashire');
    const watch = new ArrivalWatch(h.wb);
    const { window } = fakeWindow(true);
    const shown: unknown[] = [];
    const show = (n: unknown) => shown.push(n);
    await h.call('session.signOut', {});
    await h.call('session.signIn', { username: 'yas.yos', password: YOS_PASSWORD });
    lookForArrivals(watch, window, show);
    await actionFor('Yas Youth Justice', 'Visit', caseId);
    lookForArrivals(watch, window, show);
    expect(shown).toEqual([]); // in front: the person sees My work

    window.focused = false;
    await actionFor('Sam Social Worker', 'Not Yas’s', caseId);
    lookForArrivals(watch, window, show);
    expect(shown).toEqual([]);

    await h.call('session.lock', {});
    expect(watch.look()).toBe(0);
    await h.call('session.unlock', { password: YOS_PASSWORD });
    expect(watch.look()).toBe(0); // after the lock, a fresh first look
  });
});

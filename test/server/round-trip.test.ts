import { describe, expect, it } from 'vitest';
import { newBoxKeyPair, newSigningKeyPair } from '#store/crypto.ts';
import { openChangeSet } from '#sync/envelope.ts';
import { signMembership } from '#sync/membership.ts';
import { deviceKeyOf, signRoster } from '#sync/roster.ts';
import { TeamClient } from '#sync/team-client.ts';
import type { LiveMessage } from '#sync/team-protocol.ts';
import {
  allocation,
  change,
  clientFor,
  quietServer,
  serverEachTest,
  teamWithCase,
  testClock,
  VARIANTS,
} from './support.ts';

// Two co-assessors work one case through the server: what one uploads the other receives, checked
// and decryptable; a retried upload stores nothing twice; a live notice arrives within 2 s; a new
// device joins through a one-time invitation; someone not allocated to the case is refused its changes.

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(`the team server on ${variant.kind}`, () => {
    const clock = testClock();
    const live = serverEachTest(variant.kind, clock);

    it('relays a change set from one co-assessor to the other, who can check and read it', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      const yos = clientFor(live.server.url, t, t.yos, { now: clock.now });
      const acks = await sw.upload([
        change(t.sw, 'case-1', 1, c1.key, 'first note'),
        change(t.sw, 'case-1', 2, c1.key),
      ]);
      expect(acks.map((a) => a.duplicate)).toEqual([false, false]);

      const synced = await yos.syncAll();
      const got = synced.get('case-1');
      expect(got?.tampering).toBeUndefined();
      expect(got?.envelopes.map((e) => e.header.id)).toEqual([
        'sw:sw-laptop:case-1:1',
        'sw:sw-laptop:case-1:2',
      ]);
      const roster = yos.state().roster;
      const opened = openChangeSet(got?.envelopes[0] as never, {
        devicePublicKey: (a, d) => (roster ? deviceKeyOf(roster, a, d) : undefined),
        caseKey: () => c1.key.key,
      });
      expect(opened.ops[0]?.edit.value).toBe('first note');
      // Nothing new: the next pull is empty.
      expect((await yos.pull('case-1')).envelopes).toEqual([]);
      expect(await yos.listCases()).toEqual([{ caseId: 'case-1', generation: 1, cursor: acks[1]?.cursor }]);
    });

    it('stores a retried upload once, and refuses different bytes under the same id', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      const first = change(t.sw, 'case-1', 1, c1.key);
      const [a] = await sw.upload([first]);
      const [b] = await sw.upload([first]);
      expect(b).toEqual({ id: a?.id, cursor: a?.cursor, duplicate: true });
      const forged = change(t.sw, 'case-1', 1, c1.key, 'something else');
      await expect(sw.upload([forged])).rejects.toMatchObject({ code: 'conflict' });
      const rows = await live.store.db.query('SELECT envelope_id FROM envelopes');
      expect(rows).toHaveLength(1);
      const yos = clientFor(live.server.url, t, t.yos, { now: clock.now });
      await yos.refreshMemberships();
      expect((await yos.pull('case-1')).envelopes).toHaveLength(1);
    });

    it('tells a connected co-assessor of a new change within 2 seconds', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      const yos = clientFor(live.server.url, t, t.yos, { now: clock.now });
      const outsider = clientFor(live.server.url, t, t.outsider, { now: clock.now });
      const heard: LiveMessage[] = [];
      const outsiderHeard: LiveMessage[] = [];
      const ready = (list: LiveMessage[]) =>
        new Promise<{ close: () => void }>((resolve) => {
          const sub = (list === heard ? yos : outsider).subscribe({
            onMessage: (m) => {
              list.push(m);
              if (m.type === 'ready') resolve(sub);
            },
          });
        });
      const subs = [await ready(heard), await ready(outsiderHeard)];
      const started = performance.now();
      const [ack] = await sw.upload([change(t.sw, 'case-1', 1, c1.key)]);
      // Wait for this upload's notice: an earlier one (the allocation's, which PostgreSQL may deliver late
      // under load) is not the answer.
      const told = () => heard.some((m) => m.type === 'case' && m.cursor === ack?.cursor);
      while (!told() && performance.now() - started < 2000) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const elapsed = performance.now() - started;
      for (const s of subs) s.close();
      expect(heard).toContainEqual({ type: 'case', caseId: 'case-1', cursor: ack?.cursor });
      expect(elapsed).toBeLessThan(2000);
      expect(outsiderHeard.filter((m) => m.type === 'case')).toEqual([]);
    });

    it('enrols a new device with a one-time invitation, and serves it once the administrator adds it to the roster', async () => {
      const { t, admin, c1 } = await teamWithCase(live.server.url, clock.now);
      const { code } = await admin.createInvitation(60);
      const laptop2 = newSigningKeyPair();
      const enrolment = {
        teamId: 'team-1',
        code: code.toLowerCase(),
        memberId: 'yos',
        deviceId: 'yos-desktop',
        name: 'YOS desktop',
        signingPublicKey: laptop2.publicKey,
        signingKey: laptop2.privateKey,
        boxPublicKey: newBoxKeyPair().publicKey,
      };
      expect(await TeamClient.enrol(live.server.url, enrolment)).toEqual({
        pinnedAdministratorKey: t.pinned,
      });
      // One time only.
      await expect(TeamClient.enrol(live.server.url, enrolment)).rejects.toThrow(/already used/);
      const [listed] = await admin.listEnrolments();
      expect(listed).toMatchObject({
        memberId: 'yos',
        deviceId: 'yos-desktop',
        signingPublicKey: laptop2.publicKey,
      });

      const desktop = new TeamClient({
        serverUrl: live.server.url,
        device: {
          teamId: 'team-1',
          memberId: 'yos',
          deviceId: 'yos-desktop',
          signingKey: laptop2.privateKey,
        },
        pinnedAdministratorKey: t.pinned,
        now: clock.now,
      });
      await expect(desktop.listCases()).rejects.toMatchObject({ code: 'forbidden' });

      const roster = structuredClone(t.signedRoster.roster);
      roster.version = 2;
      roster.members
        .find((m) => m.id === 'yos')
        ?.devices.push({ id: 'yos-desktop', signingPublicKey: laptop2.publicKey });
      await admin.publishRoster(
        signRoster(roster, { memberId: 'admin', deviceId: t.admin.deviceId }, t.admin.device.privateKey),
      );

      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      await sw.upload([change(t.sw, 'case-1', 1, c1.key)]);
      const synced = await desktop.syncAll();
      expect(synced.get('case-1')?.envelopes).toHaveLength(1);
      expect(desktop.state().roster?.version).toBe(2);
    });

    it('refuses an expired invitation, and one made by someone who is not an administrator', async () => {
      const { t, admin } = await teamWithCase(live.server.url, clock.now);
      const { code } = await admin.createInvitation(5);
      clock.advance(6 * 60_000);
      const keys = newSigningKeyPair();
      await expect(
        TeamClient.enrol(live.server.url, {
          teamId: 'team-1',
          code,
          memberId: 'sw',
          deviceId: 'sw-2',
          name: 'SW 2',
          signingPublicKey: keys.publicKey,
          signingKey: keys.privateKey,
          boxPublicKey: newBoxKeyPair().publicKey,
        }),
      ).rejects.toThrow(/expired/);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      await expect(sw.createInvitation()).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('does not send a case’s changes to someone not allocated to it, nor take their uploads', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      await sw.upload([change(t.sw, 'case-1', 1, c1.key)]);
      const outsider = clientFor(live.server.url, t, t.outsider, { now: clock.now });
      await expect(outsider.pull('case-1')).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/not allocated to this case/),
      });
      expect(await outsider.listCases()).toEqual([]);
      await expect(outsider.upload([change(t.outsider, 'case-1', 1, c1.key)])).rejects.toMatchObject({
        code: 'forbidden',
      });
      // After reallocation to the outsider, they receive it; and sw, removed, no longer does.
      const c2 = allocation(t, 'case-1', [t.outsider, t.yos], 2);
      const admin = clientFor(live.server.url, t, t.admin, { now: clock.now });
      await admin.publishMembership(c2.signed);
      await outsider.refreshMemberships();
      expect((await outsider.pull('case-1')).envelopes).toHaveLength(1);
      await expect(sw.pull('case-1')).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('keeps only rosters and memberships that check out against what it holds', async () => {
      const { t, admin, c1 } = await teamWithCase(live.server.url, clock.now);
      // The very same signed statements again (a retry after a lost answer) are acknowledged, not stored twice.
      await admin.publishMembership(c1.signed);
      await clientFor(live.server.url, t, t.sw, { now: clock.now }).request(
        'POST',
        '/v1/teams/team-1/roster',
        {
          signedRoster: t.signedRoster,
        },
      );
      const sameVersion = signRoster(
        { ...t.signedRoster.roster, issuedAt: '2026-11-26T11:00:00.000Z' },
        { memberId: 'admin', deviceId: t.admin.deviceId },
        t.admin.device.privateKey,
      );
      await expect(admin.publishRoster(sameVersion)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/not newer/),
      });
      const byPractitioner = signRoster(
        { ...t.signedRoster.roster, version: 2 },
        { memberId: 'sw', deviceId: t.sw.deviceId },
        t.sw.device.privateKey,
      );
      await expect(admin.publishRoster(byPractitioner)).rejects.toMatchObject({ code: 'conflict' });
      // An outsider cannot take over a case the server holds by allocating its next generation to themselves.
      const selfAllocated = allocation(t, 'case-1', [t.outsider], 2);
      const outsider = clientFor(live.server.url, t, t.outsider, { now: clock.now });
      const forged = signMembership(
        selfAllocated.signed.membership,
        { memberId: 'outsider', deviceId: t.outsider.deviceId },
        t.outsider.device.privateKey,
      );
      await expect(outsider.publishMembership(forged)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/may not allocate/),
      });
      const replayedOld = allocation(t, 'case-1', [t.sw, t.yos, t.outsider], 1);
      await expect(admin.publishMembership(replayedOld.signed)).rejects.toMatchObject({ code: 'conflict' });
      expect(await live.store.db.query('SELECT case_id FROM memberships')).toHaveLength(1);
      expect(await live.store.db.query('SELECT version FROM rosters')).toHaveLength(1);
    });

    it('reconnects the live subscription after the server restarts, and says so', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const yos = clientFor(live.server.url, t, t.yos, { now: clock.now });
      const states: string[] = [];
      const heard: LiveMessage[] = [];
      const sub = yos.subscribe({ onMessage: (m) => heard.push(m), onState: (st) => states.push(st) });
      const until = async (test: () => boolean) => {
        const started = performance.now();
        while (!test() && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
        expect(test()).toBe(true);
      };
      await until(() => states.includes('connected'));
      const port = live.server.port;
      await live.server.close();
      await until(() => states.includes('disconnected'));
      live.server = await quietServer(live.store.db, { now: clock.now, port });
      await until(() => states.filter((st) => st === 'connected').length === 2);
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      await sw.upload([change(t.sw, 'case-1', 1, c1.key)]);
      await until(() => heard.some((m) => m.type === 'case'));
      sub.close();
      expect(states.at(-1)).toBe('closed');
    });
  });
}

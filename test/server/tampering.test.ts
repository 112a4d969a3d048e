import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { wrapCaseKey } from '#sync/bundle.ts';
import type { SignedCaseMembership } from '#sync/membership.ts';
import type { SignedRoster } from '#sync/roster.ts';
import { TeamServerTampering } from '#sync/team-client.ts';
import { change, clientFor, serverEachTest, teamWithCase, testClock, VARIANTS } from './support.ts';

// The server is trusted only to keep bytes. Whoever can write its database — council IT, a cloud host,
// an intruder — can swap a key, add a member, drop, alter, reorder or replay change sets; each is
// done here directly in the database, and each is caught by the client that receives it.

for (const variant of VARIANTS) {
  describe.skipIf(variant.skip)(`tampering in the ${variant.kind} database`, () => {
    const clock = testClock();
    const live = serverEachTest(variant.kind, clock);

    let authorClient: ReturnType<typeof clientFor> | null = null;
    async function threeChanges() {
      const setup = await teamWithCase(live.server.url, clock.now);
      const { t, c1 } = setup;
      const sw = clientFor(live.server.url, t, t.sw, { now: clock.now });
      authorClient = sw;
      await sw.upload([1, 2, 3].map((n) => change(t.sw, 'case-1', n, c1.key)));
      const yos = clientFor(live.server.url, t, t.yos, { now: clock.now });
      await yos.refreshMemberships();
      return { ...setup, yos };
    }

    async function rewriteEnvelope(id: string, edit: (e: Record<string, unknown>) => void) {
      const [row] = await live.store.db.query<{ body: Uint8Array }>(
        'SELECT body FROM envelopes WHERE envelope_id = $1',
        [id],
      );
      const envelope = JSON.parse(Buffer.from(row?.body as Uint8Array).toString('utf8'));
      edit(envelope);
      await live.store.db.query('UPDATE envelopes SET body = $2 WHERE envelope_id = $1', [
        id,
        Buffer.from(JSON.stringify(envelope)),
      ]);
    }

    it('a device key swapped in the roster row is refused, and so are change sets signed with it', async () => {
      const { t, c1 } = await teamWithCase(live.server.url, clock.now);
      const yos = clientFor(live.server.url, t, t.yos, { now: clock.now });
      await yos.refreshRoster();
      // The intruder puts their own key in place of the social worker's, and forges a change by "sw".
      const [row] = await live.store.db.query<{ body: string }>('SELECT body FROM rosters WHERE version = 1');
      await live.store.db.query('UPDATE rosters SET body = $1 WHERE version = 1', [
        row?.body.replace(t.sw.device.publicKey, t.outsider.device.publicKey),
      ]);
      await clientFor(live.server.url, t, t.outsider, { now: clock.now }).listCases(); // the server now believes it
      const forged = change({ ...t.sw, device: t.outsider.device }, 'case-1', 1, c1.key, 'forged');
      await live.store.db.query(
        `INSERT INTO envelopes (team_id, envelope_id, author, device, seq, case_id, case_key_id, schema, size, body)
         VALUES ('team-1', $1, 'sw', 'sw-laptop', 1, 'case-1', $2, 1, 1, $3)`,
        [forged.header.id, c1.key.id, Buffer.from(JSON.stringify(forged))],
      );
      await yos.refreshMemberships();
      const pulled = await yos.pull('case-1');
      expect(pulled.envelopes).toEqual([]);
      expect(pulled.tampering?.kind).toBe('signature');
      // A machine joining now, trusting only the pinned key, refuses the altered roster outright.
      const fresh = clientFor(live.server.url, t, t.admin, { now: clock.now });
      const refused = await fresh.refreshRoster().catch((e) => e);
      expect(refused).toBeInstanceOf(TeamServerTampering);
      expect(refused.report.kind).toBe('roster');
      expect(refused.message).toMatch(/tampered with: tell your team administrator/);
    });

    it('a member added to a membership row is refused by the client it was meant to fool', async () => {
      const { t, c1 } = await threeChanges();
      const [row] = await live.store.db.query<{ body: string }>('SELECT body FROM memberships');
      const signed = JSON.parse(row?.body as string) as SignedCaseMembership;
      signed.membership.members.push('outsider');
      signed.membership.keys.push(wrapCaseKey('case-1', c1.key.id, randomBytes(32), t.outsider.member));
      await live.store.db.query(
        `UPDATE memberships SET body = $1, members = array_append(members, 'outsider')`,
        [JSON.stringify(signed)],
      );
      const outsider = clientFor(live.server.url, t, t.outsider, { now: clock.now });
      expect(await outsider.listCases()).toHaveLength(1); // the server was fooled
      const refused = await outsider.refreshMemberships().catch((e) => e);
      expect(refused).toBeInstanceOf(TeamServerTampering);
      expect(refused.report).toMatchObject({ kind: 'membership', caseId: 'case-1' });
      const pulled = await outsider.pull('case-1');
      expect(pulled.envelopes).toEqual([]);
      expect(pulled.tampering?.kind).toBe('membership');
    });

    it('a deleted change set is noticed by every reader of the case, its author included', async () => {
      const { t, yos } = await threeChanges();
      await live.store.db.query(`DELETE FROM envelopes WHERE envelope_id = 'sw:sw-laptop:case-1:2'`);
      // Numbered per author, device and case: number 3 without 2 is a gap, for the co-assessor too.
      const byReader = await yos.pull('case-1');
      expect(byReader.envelopes.map((e) => e.header.seq)).toEqual([1]);
      expect(byReader.tampering).toMatchObject({ kind: 'gap', envelopeId: 'sw:sw-laptop:case-1:2' });
      expect(byReader.tampering?.message).toMatch(/never arrived from the team server/);
      // The author's client held the acknowledgements from its upload (the same client, as in the app).
      const sw = authorClient as NonNullable<typeof authorClient>;
      const pulled = await sw.pull('case-1');
      expect(pulled.tampering).toMatchObject({ kind: 'gap', envelopeId: 'sw:sw-laptop:case-1:2' });
      // Its state carries the acknowledgement over a restart of the app.
      const restarted = clientFor(live.server.url, t, t.sw, {
        now: clock.now,
        held: { ...sw.state(), cursors: {}, sequences: {}, seen: [] },
      });
      await restarted.refreshMemberships();
      expect((await restarted.pull('case-1')).tampering?.kind).toBe('gap');
    });

    it('altered envelope bytes are refused by the signature check', async () => {
      const { yos } = await threeChanges();
      await rewriteEnvelope('sw:sw-laptop:case-1:2', (e) => {
        const body = Buffer.from(e.ciphertext as string, 'base64');
        body[0] = (body[0] ?? 0) ^ 1;
        e.ciphertext = body.toString('base64');
      });
      const pulled = await yos.pull('case-1');
      expect(pulled.envelopes.map((e) => e.header.seq)).toEqual([1]);
      expect(pulled.tampering).toMatchObject({ kind: 'signature', envelopeId: 'sw:sw-laptop:case-1:2' });
    });

    it('reordered and replayed change sets are noticed', async () => {
      const { t, yos } = await threeChanges();
      const rows = await live.store.db.query<{ server_seq: unknown; envelope_id: string }>(
        'SELECT server_seq, envelope_id FROM envelopes ORDER BY server_seq',
      );
      const [s1, s2, s3] = rows.map((r) => Number(r.server_seq));
      await live.store.db.query(
        `UPDATE envelopes SET server_seq = $1 WHERE envelope_id = 'sw:sw-laptop:case-1:2'`,
        [(s3 ?? 0) + 100],
      );
      const pulled = await yos.pull('case-1');
      // Change set 3 arriving before 2 is a gap: nothing from 3 on is taken until 2 arrives.
      expect(pulled.envelopes.map((e) => e.header.seq)).toEqual([1]);
      expect(pulled.tampering).toMatchObject({ kind: 'gap', envelopeId: 'sw:sw-laptop:case-1:2' });

      // Put it back; a machine that has taken everything is then sent the first again under a new number.
      await live.store.db.query(
        `UPDATE envelopes SET server_seq = $1 WHERE envelope_id = 'sw:sw-laptop:case-1:2'`,
        [s2],
      );
      const other = clientFor(live.server.url, t, t.yos, { now: clock.now });
      await other.refreshMemberships();
      expect((await other.pull('case-1')).envelopes.map((e) => e.header.seq)).toEqual([1, 2, 3]);
      await live.store.db.query(
        `INSERT INTO envelopes (team_id, envelope_id, author, device, seq, case_id, case_key_id, schema, size, body)
         SELECT team_id, 'replayed', author, device, seq, case_id, case_key_id, schema, size, body FROM envelopes
         WHERE server_seq = $1`,
        [s1],
      );
      const replayed = await other.pull('case-1');
      expect(replayed.envelopes).toEqual([]);
      expect(replayed.tampering?.kind).toBe('reorder');
    });

    it('a roster whose signer was rewritten to a non-administrator is refused', async () => {
      const { t } = await teamWithCase(live.server.url, clock.now);
      const [row] = await live.store.db.query<{ body: string }>('SELECT body FROM rosters');
      const signed = JSON.parse(row?.body as string) as SignedRoster;
      signed.signer = { memberId: 'outsider', deviceId: t.outsider.deviceId };
      await live.store.db.query('UPDATE rosters SET body = $1', [JSON.stringify(signed)]);
      const refused = await clientFor(live.server.url, t, t.yos, { now: clock.now })
        .refreshRoster()
        .catch((e) => e);
      expect(refused.report?.kind).toBe('roster');
    });
  });
}

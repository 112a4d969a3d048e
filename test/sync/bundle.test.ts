import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type FieldEdit, replacesFor } from '#domain/sync/field-merge.ts';
import { type ChangeSet, Replica } from '#domain/sync/replica.ts';
import { newBoxKeyPair } from '#store/crypto.ts';
import { BundleRefused, readBundle, unwrapCaseKey, wrapCaseKey, writeBundle } from '#sync/bundle.ts';
import type { CaseKey, Envelope } from '#sync/envelope.ts';
import { EnvelopeRefused, openChangeSet, sealChangeSet } from '#sync/envelope.ts';
import { acceptRoster, deviceKeyOf, type Roster, RosterRefused, signRoster } from '#sync/roster.ts';
import { rosterOf, teamMember } from '../support/team-keys.ts';

// Two co-assessors on two machines, a manager on a third: change sets are sealed under the case key,
// signed by the author's device, carried in a bundle encrypted to the recipients, and merged.

const NOW = new Date('2026-11-26T10:00:00Z');
const CANARY = 'Canary-Quillfeather-7731';

const person = (id: string, administrator = false) => teamMember(id, { administrator });
const admin = person('admin', true);
const sw = person('sw');
const yos = person('yos');
const manager = person('manager');
const roster: Roster = rosterOf([admin, sw, yos, manager], NOW);
const caseKey: CaseKey = { id: 'k1', key: randomBytes(32) };

let seq = 0;
function changeSet(
  author: ReturnType<typeof person>,
  replica: Replica,
  field: string,
  value: string,
): ChangeSet {
  seq += 1;
  const edit: FieldEdit = {
    at: `${String(1_795_687_200_000 + seq).padStart(15, '0')}-0000-${author.id}`,
    replaces: replacesFor(replica.field('sections', 'formulation', field)),
    value,
    by: author.id,
  };
  return {
    id: `${author.id}:${author.id}-laptop:${seq}`,
    author: author.id,
    device: `${author.id}-laptop`,
    seq,
    caseId: 'case-1',
    schema: 1,
    ops: [{ table: 'sections', id: 'formulation', field, edit }],
  };
}

const lookups = (keys: Record<string, Buffer>) => ({
  devicePublicKey: (author: string, device: string) => deviceKeyOf(roster, author, device),
  caseKey: (_caseId: string, caseKeyId: string) => keys[caseKeyId],
});

function sentBySocialWorker() {
  const swReplica = new Replica(1);
  const cs = changeSet(sw, swReplica, 'text', `The child said ${CANARY} at school.`);
  swReplica.apply(cs);
  const envelopes = [sealChangeSet(cs, caseKey, sw.device.privateKey)];
  const bundle = writeBundle(
    {
      caseId: 'case-1',
      envelopes,
      caseKeys: [yos, manager].map((p) => wrapCaseKey('case-1', caseKey.id, caseKey.key, p.member)),
    },
    { memberId: sw.id, deviceId: 'sw-laptop', signingKey: sw.device.privateKey },
    [yos.member, manager.member],
    NOW,
  );
  return { swReplica, bundle, envelopes };
}

function applyBundle(bytes: Buffer, me: ReturnType<typeof person>, replica: Replica) {
  const { contents } = readBundle(bytes, { memberId: me.id, boxPrivateKey: me.box.privateKey }, roster);
  const mine = contents.caseKeys.find((k) => k.memberId === me.id);
  const key = mine ? unwrapCaseKey(mine, me.box.privateKey) : null;
  return contents.envelopes.map((e) =>
    replica.apply(openChangeSet(e, lookups(key ? { [caseKey.id]: key } : {}))),
  );
}

describe('case bundles', () => {
  it('round trip: the recipient merges the change sets and shows what the sender shows; a replay says already up to date', () => {
    const { swReplica, bundle } = sentBySocialWorker();
    const yosReplica = new Replica(1);
    expect(applyBundle(bundle, yos, yosReplica)).toEqual(['applied']);
    expect(yosReplica.dump()).toBe(swReplica.dump());
    expect(applyBundle(bundle, yos, yosReplica)).toEqual(['already-applied']);
  });

  it('never carries the text in plaintext', () => {
    const { bundle } = sentBySocialWorker();
    expect(bundle.includes(CANARY)).toBe(false);
    expect(bundle.includes(Buffer.from(CANARY, 'utf16le'))).toBe(false);
  });

  it('refuses a tampered, truncated or foreign bundle, changing nothing', () => {
    const { bundle } = sentBySocialWorker();
    const replica = new Replica(1);
    const before = replica.dump();
    const file = JSON.parse(bundle.toString('utf8'));
    file.createdAt = '2026-11-27T10:00:00.000Z';
    expect(() => applyBundle(Buffer.from(JSON.stringify(file)), yos, replica)).toThrow(
      /altered after it was sent/,
    );
    const flipped = JSON.parse(bundle.toString('utf8'));
    const body = Buffer.from(flipped.ciphertext, 'base64');
    body[5] = (body[5] ?? 0) ^ 1;
    flipped.ciphertext = body.toString('base64');
    expect(() => applyBundle(Buffer.from(JSON.stringify(flipped)), yos, replica)).toThrow(BundleRefused);
    expect(() => applyBundle(bundle.subarray(0, bundle.length - 40), yos, replica)).toThrow(/cut short/);
    expect(() => applyBundle(bundle, admin, replica)).toThrow(/addressed to someone else/);
    expect(replica.dump()).toBe(before);
  });

  it('a change set with a forged signature, or one the person holds no key for, is refused whole', () => {
    const { envelopes } = sentBySocialWorker();
    const [original] = envelopes as [Envelope];
    const forged: Envelope = {
      ...original,
      header: { ...original.header, author: 'yos', device: 'yos-laptop' },
    };
    expect(() => openChangeSet(forged, lookups({ k1: caseKey.key }))).toThrow(/signature does not verify/);
    expect(() => openChangeSet(original, lookups({}))).toThrow(/do not hold the key/);
    expect(() => openChangeSet(original, lookups({ k1: randomBytes(32) }))).toThrow(EnvelopeRefused);
  });

  it('after reallocation the case key changes, and the removed worker cannot read what is written next', () => {
    const next: CaseKey = { id: 'k2', key: randomBytes(32) };
    const replica = new Replica(1);
    const cs = changeSet(yos, replica, 'text', 'written after the social worker left');
    const sealed = sealChangeSet(cs, next, yos.device.privateKey);
    // The new key is sealed only for those still allocated.
    const wrapped = [yos, manager].map((p) => wrapCaseKey('case-1', next.id, next.key, p.member));
    expect(wrapped.find((w) => w.memberId === sw.id)).toBeUndefined();
    const swOldKeys = { [caseKey.id]: caseKey.key };
    expect(() => openChangeSet(sealed, lookups(swOldKeys))).toThrow(/do not hold the key/);
    // The sealed key for the manager does not open with the social worker's private key either.
    const managers = wrapped.find((w) => w.memberId === manager.id);
    expect(managers && unwrapCaseKey({ ...managers, memberId: sw.id }, sw.box.privateKey)).toBeNull();
  });
});

describe('the team roster', () => {
  it('accepts a roster signed by the pinned administrator, then only newer ones signed by an administrator in it', () => {
    const first = signRoster(
      roster,
      { memberId: 'admin', deviceId: 'admin-laptop' },
      admin.device.privateKey,
    );
    const held = acceptRoster(first, { pinnedAdministratorKey: admin.device.publicKey, current: null });
    const forged = signRoster(
      { ...roster, version: 2 },
      { memberId: 'sw', deviceId: 'sw-laptop' },
      sw.device.privateKey,
    );
    expect(() =>
      acceptRoster(forged, { pinnedAdministratorKey: admin.device.publicKey, current: held }),
    ).toThrow(RosterRefused);
    const swappedKey = structuredClone(first);
    (swappedKey.roster.members[1] as { boxPublicKey: string }).boxPublicKey = newBoxKeyPair().publicKey;
    expect(() =>
      acceptRoster(swappedKey, { pinnedAdministratorKey: admin.device.publicKey, current: null }),
    ).toThrow(/not signed by a team administrator/);
    const replayed = first;
    expect(() =>
      acceptRoster(replayed, { pinnedAdministratorKey: admin.device.publicKey, current: held }),
    ).toThrow(/not newer/);
    const second = signRoster(
      { ...roster, version: 2, members: roster.members.filter((m) => m.id !== 'sw') },
      { memberId: 'admin', deviceId: 'admin-laptop' },
      admin.device.privateKey,
    );
    expect(
      acceptRoster(second, { pinnedAdministratorKey: admin.device.publicKey, current: held }).members,
    ).toHaveLength(3);
  });
});

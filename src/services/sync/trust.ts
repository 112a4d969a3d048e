import { randomBytes, randomUUID } from 'node:crypto';
import { WorkbenchError } from '#contract/errors.ts';
import type { Agency, Role } from '#contract/vocabulary.ts';
import { isHubStaff } from '#domain/case-access.ts';
import { allocationFacts } from '#store/case-access.ts';
import type { Db } from '#store/database.ts';
import { keyringPublicKeys } from '#store/settings.ts';
import { caseKeyFor, keepCaseKey, readMeta, writeMeta } from '#store/sync/state.ts';
import { prepared } from '#store/sync/statements.ts';
import { unwrapCaseKey, wrapCaseKey } from '#sync/bundle.ts';
import {
  acceptMembership,
  type CaseMembership,
  MembershipRefused,
  type SignedCaseMembership,
  signMembership,
} from '#sync/membership.ts';
import {
  acceptRoster,
  type Roster,
  type RosterMember,
  RosterRefused,
  type SignedRoster,
  signRoster,
} from '#sync/roster.ts';
import type { DeviceIdentity } from './identity.ts';

// What this machine trusts: the team roster (signed by an administrator, the first one's key pinned)
// and, per case, who may see it (signed case memberships holding the case key sealed per member).

export function heldRoster(db: Db): SignedRoster | null {
  const text = readMeta(db, 'roster');
  return text ? (JSON.parse(text) as SignedRoster) : null;
}

export const rosterOfStore = (db: Db): Roster | null => heldRoster(db)?.roster ?? null;

export const pinnedAdministratorKey = (db: Db): string | null => readMeta(db, 'pinned-administrator') ?? null;

/** Remembers the device key each person signs with on this machine, so the roster can list it. */
export function recordDeviceKey(db: Db, device: DeviceIdentity): void {
  if (readMeta(db, `device:${device.memberId}`) !== device.publicKey) {
    writeMeta(db, `device:${device.memberId}`, device.publicKey);
  }
}

/** This machine's people as roster members: those with a current keyring entry and a known device key. */
export function localMembers(db: Db, databaseDevice: (memberId: string) => string): RosterMember[] {
  const boxKeys = keyringPublicKeys(db) ?? {};
  const users = prepared(
    db,
    `SELECT id, name, agency, roles, aim_trained AS aimTrained FROM users
       WHERE active = 1 AND username NOT LIKE 'team:%' ORDER BY name`,
  ).all() as { id: string; name: string; agency: string; roles: string; aimTrained: number }[];
  return users.flatMap((u) => {
    const box = boxKeys[u.id];
    const signing = readMeta(db, `device:${u.id}`);
    if (!box || !signing) return [];
    const roles = JSON.parse(u.roles) as string[];
    const signOff = prepared(
      db,
      'SELECT id, public_key AS publicKey FROM signing_keys WHERE user_id = ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    ).get(u.id) as { id: string; publicKey: string } | undefined;
    return [
      {
        id: u.id,
        name: u.name,
        roles,
        agency: u.agency,
        aimTrained: u.aimTrained === 1,
        boxPublicKey: box,
        devices: [
          {
            id: databaseDevice(u.id),
            signingPublicKey: signing,
            ...(signOff ? { signOffKey: { id: signOff.id, publicKey: signOff.publicKey } } : {}),
          },
        ],
        administrator: roles.includes('administrator'),
      },
    ];
  });
}

/**
 * People in the roster who have no account here get one that cannot sign in (no keyring entry), so
 * their records, allocations and ratings show their names; "team:" usernames mark them.
 */
function ensureTeamPeople(db: Db, roster: Roster, now: string): void {
  const insert = prepared(
    db,
    `INSERT INTO users (id, username, name, agency, roles, aim_trained, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, roles = excluded.roles, agency = excluded.agency,
       aim_trained = excluded.aim_trained, updated_at = excluded.updated_at
     WHERE users.username LIKE 'team:%'`,
  );
  const key = prepared(
    db,
    `INSERT INTO signing_keys (id, user_id, public_key, created_at) SELECT ?, ?, ?, ?
     WHERE EXISTS (SELECT 1 FROM users WHERE id = ? AND username LIKE 'team:%')
     ON CONFLICT (id) DO NOTHING`,
  );
  for (const m of roster.members) {
    insert.run(
      m.id,
      `team:${m.id}`,
      m.name,
      m.agency ?? 'other',
      JSON.stringify(m.roles),
      m.aimTrained ? 1 : 0,
      now,
      now,
    );
    for (const d of m.devices) {
      if (d.signOffKey) key.run(d.signOffKey.id, m.id, d.signOffKey.publicKey, now, m.id);
    }
  }
}

/** Keeps a roster if it is properly signed and newer; the first one pins its signer's key. */
export function acceptRosterInto(db: Db, signed: SignedRoster, now: Date): Roster {
  const held = heldRoster(db);
  const pinned = pinnedAdministratorKey(db);
  let pinnedKey = pinned;
  if (!pinned) {
    // Enrolment: the first roster's signer is pinned (the person compares its fingerprint first).
    const signer = signed.roster.members.find((m) => m.id === signed.signer.memberId && m.administrator);
    pinnedKey = signer?.devices.find((d) => d.id === signed.signer.deviceId)?.signingPublicKey ?? null;
    if (!pinnedKey) throw new RosterRefused('The team roster is not signed by one of its administrators.');
  }
  const roster = acceptRoster(signed, {
    pinnedAdministratorKey: pinnedKey as string,
    current: held?.roster ?? null,
  });
  if (!pinned) writeMeta(db, 'pinned-administrator', pinnedKey as string);
  writeMeta(db, 'roster', JSON.stringify(signed));
  ensureTeamPeople(db, roster, now.toISOString());
  return roster;
}

/** Publishes a new roster version signed by this administrator's device. */
export function publishRoster(
  db: Db,
  device: DeviceIdentity,
  members: RosterMember[],
  now: Date,
  teamId?: string,
): SignedRoster {
  const held = heldRoster(db)?.roster;
  const roster: Roster = {
    format: 'hsb-roster/1',
    teamId: held?.teamId ?? teamId ?? randomUUID(),
    version: (held?.version ?? 0) + 1,
    issuedAt: now.toISOString(),
    members,
  };
  const signed = signRoster(
    roster,
    { memberId: device.memberId, deviceId: device.deviceId },
    device.privateKey,
  );
  acceptRosterInto(db, signed, now);
  return signed;
}

export function membershipOfKey(db: Db, caseId: string, keyId: string): CaseMembership | undefined {
  const row = prepared(db, 'SELECT signed FROM sync_memberships WHERE case_id = ? AND case_key_id = ?').get(
    caseId,
    keyId,
  ) as { signed: string } | undefined;
  return row ? (JSON.parse(row.signed) as SignedCaseMembership).membership : undefined;
}

export function latestMembership(db: Db, caseId: string): SignedCaseMembership | undefined {
  const row = prepared(
    db,
    'SELECT signed FROM sync_memberships WHERE case_id = ? ORDER BY generation DESC, case_key_id DESC LIMIT 1',
  ).get(caseId) as { signed: string } | undefined;
  return row ? (JSON.parse(row.signed) as SignedCaseMembership) : undefined;
}

export function membershipsOf(db: Db, caseId: string): SignedCaseMembership[] {
  return (
    prepared(
      db,
      'SELECT signed FROM sync_memberships WHERE case_id = ? ORDER BY generation, case_key_id',
    ).all(caseId) as {
      signed: string;
    }[]
  ).map((r) => JSON.parse(r.signed) as SignedCaseMembership);
}

/**
 * Keeps a signed membership if it verifies against the roster and is newer, and keeps the case key
 * sealed for `me`, if any. Older generations arriving late are kept too (they let change sets written
 * under them be checked), as long as they verify.
 */
export function acceptMembershipInto(
  db: Db,
  signed: SignedCaseMembership,
  me: { memberId: string; boxKey: Buffer | null },
): void {
  const roster = rosterOfStore(db);
  if (!roster) throw new MembershipRefused('This computer has not joined a team yet.');
  const m = signed.membership;
  const exists = prepared(db, 'SELECT 1 FROM sync_memberships WHERE case_id = ? AND case_key_id = ?').get(
    m?.caseId,
    m?.caseKeyId,
  );
  if (exists) return;
  const before = prepared(
    db,
    'SELECT signed FROM sync_memberships WHERE case_id = ? AND generation < ? ORDER BY generation DESC LIMIT 1',
  ).get(m?.caseId, m?.generation) as { signed: string } | undefined;
  const previous = before ? (JSON.parse(before.signed) as SignedCaseMembership).membership : null;
  const accepted = acceptMembership(signed, roster, previous);
  prepared(
    db,
    'INSERT INTO sync_memberships (case_id, generation, case_key_id, signed) VALUES (?, ?, ?, ?)',
  ).run(accepted.caseId, accepted.generation, accepted.caseKeyId, JSON.stringify(signed));
  const mine = accepted.keys.find((k) => k.memberId === me.memberId);
  const key = mine && me.boxKey ? unwrapCaseKey(mine, me.boxKey) : null;
  if (key) {
    keepCaseKey(db, {
      caseId: accepted.caseId,
      keyId: accepted.caseKeyId,
      generation: accepted.generation,
      key,
    });
  }
}

/**
 * Who needs to know a case, as the access rule on each machine decides it: its social worker, youth
 * justice practitioner, managers and assessors, and, while a consultation is open, the hub's staff
 * (so that a hub practitioner on their own computer can screen it). Break-glass access is a local,
 * temporary thing and never puts anyone in the case's key.
 */
export function allocatedTo(db: Db, caseId: string): string[] {
  const facts = allocationFacts(db, caseId);
  if (!facts) return [];
  const hub = facts.consultationOpen
    ? (
        prepared(db, 'SELECT id, agency, roles FROM users WHERE active = 1').all() as {
          id: string;
          agency: Agency;
          roles: string;
        }[]
      )
        .map((u) => ({ id: u.id, agency: u.agency, roles: JSON.parse(u.roles) as Role[] }))
        .filter(isHubStaff)
        .map((u) => u.id)
    : [];
  return [
    ...new Set([
      facts.socialWorkerId,
      facts.yosPractitionerId,
      ...facts.managerIds,
      ...facts.assessorIds,
      ...hub,
    ]),
  ].sort();
}

/**
 * Makes sure the case's latest signed membership matches who is allocated now. When it does not (a
 * reallocation, or the case has never been shared), a new generation is signed; it gets a new case
 * key unless the case's key has never been shared with anyone (generation 1 made locally), so a
 * removed worker never receives the key of what is written afterwards.
 */
export function refreshMembership(
  db: Db,
  caseId: string,
  device: DeviceIdentity,
  now: Date,
): SignedCaseMembership {
  const roster = rosterOfStore(db);
  if (!roster) {
    throw new WorkbenchError(
      'conflict',
      'This computer has not joined a team yet. An administrator sets the team up under Administration → Team.',
    );
  }
  const inRoster = new Set(roster.members.map((m) => m.id));
  const members = allocatedTo(db, caseId).filter((id) => inRoster.has(id));
  const latest = latestMembership(db, caseId);
  if (latest && JSON.stringify([...latest.membership.members].sort()) === JSON.stringify(members))
    return latest;
  if (members.length === 0) {
    throw new WorkbenchError('conflict', 'No one allocated to this case is in the team roster yet.');
  }
  const held = caseKeyFor(db, caseId);
  const fresh = latest !== undefined;
  const key = fresh
    ? { caseId, keyId: randomUUID(), generation: held.generation + 1, key: randomBytes(32) }
    : held;
  if (fresh) keepCaseKey(db, key);
  const generation = Math.max(key.generation, (latest?.membership.generation ?? 0) + 1);
  const membership: CaseMembership = {
    format: 'hsb-case-membership/1',
    teamId: roster.teamId,
    caseId,
    generation,
    caseKeyId: key.keyId,
    members,
    keys: members.map((id) => {
      const member = roster.members.find((m) => m.id === id) as RosterMember;
      return wrapCaseKey(caseId, key.keyId, key.key, member);
    }),
    issuedAt: now.toISOString(),
  };
  const signed = signMembership(
    membership,
    { memberId: device.memberId, deviceId: device.deviceId },
    device.privateKey,
  );
  acceptMembershipInto(db, signed, { memberId: device.memberId, boxKey: null });
  return signed;
}

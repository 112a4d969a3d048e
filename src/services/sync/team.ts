import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CallResponse } from '#contract/calls.ts';
import { WorkbenchError } from '#contract/errors.ts';
import type { Db } from '#store/database.ts';
import { writeFileAtomic } from '#store/files.ts';
import { readMeta } from '#store/sync/state.ts';
import { type RosterMember, RosterRefused, type SignedRoster } from '#sync/roster.ts';
import type { Workbench } from '../workbench.ts';
import { type DeviceIdentity, deviceIdFor } from './identity.ts';
import {
  acceptRosterInto,
  heldRoster,
  localMembers,
  pinnedAdministratorKey,
  publishRoster,
} from './trust.ts';

export const fingerprint = (publicKeys: string[]): string =>
  createHash('sha256').update(publicKeys.join('|')).digest('hex').slice(0, 16).toUpperCase();

/** The device key of the signed-in person, or a plain refusal saying what to do. */
export function deviceOf(wb: Workbench): DeviceIdentity {
  const { device } = wb.signedIn();
  if (!device) {
    throw new WorkbenchError(
      'conflict',
      'Your keys for working with other computers are not available in this session. Sign out and sign in again with your password.',
    );
  }
  return device;
}

const MAX_FILE_BYTES = 200 * 1024 * 1024;

export function readChosenFile(path: string): Buffer {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_FILE_BYTES) throw new Error('too large');
    return bytes;
  } catch {
    throw new WorkbenchError(
      'invalid-request',
      'That file could not be read. Check it is the file you were sent and try again.',
    );
  }
}

export function teamView(wb: Workbench, db: Db): CallResponse<'sync.team'> {
  const signed = heldRoster(db);
  const { device, user } = wb.signedIn();
  const local = new Set(
    (db.prepare("SELECT id FROM users WHERE username NOT LIKE 'team:%'").all() as { id: string }[]).map(
      (r) => r.id,
    ),
  );
  const pinned = pinnedAdministratorKey(db);
  return {
    joined: signed !== null,
    teamId: signed?.roster.teamId ?? null,
    rosterVersion: signed?.roster.version ?? null,
    pinnedFingerprint: pinned ? fingerprint([pinned]) : null,
    myFingerprint: device && device.memberId === user.id ? fingerprint([device.publicKey]) : null,
    members: (signed?.roster.members ?? []).map((m) => ({
      id: m.id,
      name: m.name,
      roles: m.roles,
      agency: m.agency ?? 'other',
      administrator: m.administrator,
      fingerprint: fingerprint(m.devices.map((d) => d.signingPublicKey)),
      onThisComputer: local.has(m.id),
    })),
  };
}

const databaseDevice = (wb: Workbench) => (memberId: string) =>
  deviceIdFor(wb.keyring().databaseId, memberId);

/** An administrator starts a team from this computer's people; their device key is pinned as its root. */
export function createTeam(wb: Workbench): CallResponse<'sync.team'> {
  const device = deviceOf(wb);
  return wb.write((db, audit) => {
    if (heldRoster(db)) throw new WorkbenchError('conflict', 'This computer is already in a team.');
    const members = localMembers(db, databaseDevice(wb));
    if (!members.some((m) => m.id === device.memberId)) {
      throw new WorkbenchError(
        'conflict',
        'Sign out and sign in again with your password, then set up the team.',
      );
    }
    const signed = publishRoster(db, device, members, wb.now());
    audit({
      action: 'team.create',
      recordType: 'team',
      recordId: signed.roster.teamId,
      summary: `set up the team with ${members.length} ${members.length === 1 ? 'person' : 'people'} from this computer`,
    });
    return teamView(wb, db);
  });
}

const joinRequest = z.strictObject({
  format: z.literal('hsb-join-request/1'),
  members: z
    .array(
      z.strictObject({
        id: z.string().max(64),
        name: z.string().max(200),
        roles: z.array(z.string().max(40)).max(5),
        agency: z.string().max(40).optional(),
        aimTrained: z.boolean().optional(),
        boxPublicKey: z.string().max(100),
        devices: z
          .array(
            z.strictObject({
              id: z.string().max(64),
              signingPublicKey: z.string().max(200),
              signOffKey: z
                .strictObject({ id: z.string().max(64), publicKey: z.string().max(200) })
                .optional(),
            }),
          )
          .max(10),
        administrator: z.boolean(),
      }),
    )
    .max(200),
});

/** This computer's people, for an administrator elsewhere to add to the team. */
export async function exportJoinRequest(wb: Workbench): Promise<CallResponse<'sync.exportJoinRequest'>> {
  const db = wb.db();
  const members = localMembers(db, databaseDevice(wb));
  if (members.length === 0) {
    throw new WorkbenchError(
      'conflict',
      'No one on this computer has signed in with a password since the update, so there is no one to add yet.',
    );
  }
  const path = await wb.host.chooseSaveFile('join-team-request.json');
  if (!path) return { savedTo: null };
  writeFileAtomic(path, `${JSON.stringify({ format: 'hsb-join-request/1', members }, null, 2)}\n`);
  return { savedTo: path };
}

/** An administrator adds another computer's people: a new roster version, signed here. */
export async function importJoinRequest(wb: Workbench): Promise<CallResponse<'sync.team'>> {
  const device = deviceOf(wb);
  const path = await wb.host.chooseOpenFile('Open a request to join the team');
  if (!path) return teamView(wb, wb.db());
  let parsed: z.infer<typeof joinRequest>;
  try {
    parsed = joinRequest.parse(JSON.parse(readChosenFile(path).toString('utf8')));
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError(
      'invalid-request',
      'That file is not a request to join the team. Nothing has been changed.',
    );
  }
  return wb.write((db, audit) => {
    const held = heldRoster(db);
    if (!held) throw new WorkbenchError('conflict', 'Set up the team first (Administration → Team).');
    const byId = new Map<string, RosterMember>(held.roster.members.map((m) => [m.id, m]));
    for (const m of parsed.members) byId.set(m.id, m);
    const signed = publishRoster(db, device, [...byId.values()], wb.now());
    audit({
      action: 'team.add-people',
      recordType: 'team',
      recordId: signed.roster.teamId,
      summary: `added ${parsed.members.map((m) => m.name).join(', ')} to the team (roster version ${signed.roster.version})`,
    });
    return teamView(wb, db);
  });
}

export async function exportRoster(wb: Workbench): Promise<CallResponse<'sync.exportRoster'>> {
  const held = heldRoster(wb.db());
  if (!held) throw new WorkbenchError('conflict', 'This computer is not in a team yet.');
  const path = await wb.host.chooseSaveFile(`team-roster-v${held.roster.version}.json`);
  if (!path) return { savedTo: null };
  writeFileAtomic(path, `${JSON.stringify(held, null, 2)}\n`);
  return { savedTo: path };
}

/** Keeps a roster file if it is signed by the administrator this computer trusts (the first one is pinned). */
export async function importRoster(wb: Workbench): Promise<CallResponse<'sync.team'>> {
  const path = await wb.host.chooseOpenFile('Open the team roster');
  if (!path) return teamView(wb, wb.db());
  let signed: SignedRoster;
  try {
    signed = JSON.parse(readChosenFile(path).toString('utf8')) as SignedRoster;
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError('invalid-request', 'That file is not a team roster. Nothing has been changed.');
  }
  return wb.write((db, audit) => {
    try {
      acceptRosterInto(db, signed, wb.now());
    } catch (error) {
      if (error instanceof RosterRefused || error instanceof TypeError) {
        throw new WorkbenchError(
          'conflict',
          `${error instanceof RosterRefused ? error.message : 'That file is not a team roster.'} Nothing has been changed.`,
        );
      }
      throw error;
    }
    audit({
      action: 'team.roster',
      recordType: 'team',
      recordId: signed.roster.teamId,
      summary: `took the team roster version ${signed.roster.version}`,
    });
    return teamView(wb, db);
  });
}

export const hasTeam = (db: Db) => readMeta(db, 'roster') !== undefined;

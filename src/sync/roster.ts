import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson } from '../domain/sign-off/canonical-json.ts';

/**
 * The team roster: who is in the team, their public keys and devices, signed by a team administrator.
 * A machine accepts only a roster signed by a key it already trusts: the first administrator's device
 * key, pinned at enrolment; after that, an administrator's device in the roster it already holds.
 */

export interface RosterDevice {
  id: string;
  /** Ed25519 public key, SPKI DER base64: signs change sets and bundles. */
  signingPublicKey: string;
  /** The person's sign-off key on this device, so their report signatures verify on every machine. */
  signOffKey?: { id: string; publicKey: string };
}

export interface RosterMember {
  id: string;
  name: string;
  roles: string[];
  /** X25519 public key, raw base64: case keys and bundle keys are sealed to it. */
  boxPublicKey: string;
  devices: RosterDevice[];
  administrator: boolean;
  /** For the people list on other machines (optional: rosters before it had none). */
  agency?: string;
  aimTrained?: boolean;
}

export interface Roster {
  format: 'hsb-roster/1';
  teamId: string;
  /** Rises with every change; an older roster is never accepted over a newer one. */
  version: number;
  issuedAt: string;
  members: RosterMember[];
}

export interface SignedRoster {
  roster: Roster;
  signer: { memberId: string; deviceId: string };
  signature: string;
}

export class RosterRefused extends Error {}

const signed = (roster: Roster, signer: SignedRoster['signer']) =>
  Buffer.from(canonicalJson({ roster, signer }), 'utf8');

export function signRoster(
  roster: Roster,
  signer: SignedRoster['signer'],
  deviceSigningKey: Buffer,
): SignedRoster {
  const key = createPrivateKey({ key: deviceSigningKey, format: 'der', type: 'pkcs8' });
  return { roster, signer, signature: sign(null, signed(roster, signer), key).toString('base64') };
}

function verifies(s: SignedRoster, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, signed(s.roster, s.signer), key, Buffer.from(s.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The device key of an administrator in `roster`, if the signer is one. */
function administratorKey(roster: Roster, signer: SignedRoster['signer']): string | undefined {
  const member = roster.members.find((m) => m.id === signer.memberId && m.administrator);
  return member?.devices.find((d) => d.id === signer.deviceId)?.signingPublicKey;
}

/**
 * Accepts a roster only if it is signed by a trusted administrator's device: the pinned key for the
 * first roster, otherwise an administrator of the roster already held; and only if it is newer.
 */
export function acceptRoster(
  incoming: SignedRoster,
  trust: { pinnedAdministratorKey: string; current: Roster | null },
): Roster {
  const { roster, signer } = incoming;
  if (roster.format !== 'hsb-roster/1') throw new RosterRefused('This is not a team roster.');
  const trustedKey = trust.current ? administratorKey(trust.current, signer) : trust.pinnedAdministratorKey;
  if (!trustedKey || !verifies(incoming, trustedKey)) {
    throw new RosterRefused(
      'The team roster is not signed by a team administrator this computer trusts, so it was not used.',
    );
  }
  if (trust.current) {
    if (roster.teamId !== trust.current.teamId)
      throw new RosterRefused('The roster belongs to another team.');
    if (roster.version <= trust.current.version) {
      throw new RosterRefused('This roster is not newer than the one this computer already has.');
    }
  }
  return roster;
}

export function deviceKeyOf(roster: Roster, memberId: string, deviceId: string): string | undefined {
  return roster.members.find((m) => m.id === memberId)?.devices.find((d) => d.id === deviceId)
    ?.signingPublicKey;
}

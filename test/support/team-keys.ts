import { newBoxKeyPair, newSigningKeyPair } from '#store/crypto.ts';
import type { Roster, RosterMember } from '#sync/roster.ts';

/** A team member with real key pairs and one device, as the roster lists them. */
export function teamMember(id: string, options: { administrator?: boolean; roles?: string[] } = {}) {
  const box = newBoxKeyPair();
  const device = newSigningKeyPair();
  const member: RosterMember = {
    id,
    name: id,
    roles: options.roles ?? ['practitioner'],
    boxPublicKey: box.publicKey,
    devices: [{ id: `${id}-laptop`, signingPublicKey: device.publicKey }],
    administrator: options.administrator ?? false,
  };
  return { id, box, device, deviceId: `${id}-laptop`, member };
}

export type TeamMember = ReturnType<typeof teamMember>;

export function rosterOf(members: TeamMember[], issuedAt: Date, version = 1, teamId = 'team-1'): Roster {
  return {
    format: 'hsb-roster/1',
    teamId,
    version,
    issuedAt: issuedAt.toISOString(),
    members: members.map((m) => m.member),
  };
}

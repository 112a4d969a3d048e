import { createHash, createPrivateKey, createPublicKey, hkdfSync } from 'node:crypto';

/**
 * This person's device key on this machine: the Ed25519 key that signs their change sets and case
 * bundles. It is derived from their sign-off key (which is unwrapped only by their password), so it
 * needs no storage of its own and is kept in memory for the session only; the sign-off key itself is
 * not kept. The device id names the pair (person, machine) and is stable across sign-ins.
 */
export interface DeviceIdentity {
  memberId: string;
  deviceId: string;
  /** PKCS#8 DER */
  privateKey: Buffer;
  /** SPKI DER base64 */
  publicKey: string;
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export const deviceIdFor = (databaseId: string, memberId: string): string =>
  `d${createHash('sha256').update(`hsb-device:${databaseId}:${memberId}`).digest('hex').slice(0, 24)}`;

export function deriveDeviceIdentity(
  signingKey: Buffer,
  databaseId: string,
  memberId: string,
): DeviceIdentity | null {
  if (signingKey.length === 0) return null;
  const seed = Buffer.from(hkdfSync('sha256', signingKey, `hsb-device:${databaseId}`, memberId, 32));
  const privateKey = Buffer.concat([ED25519_PKCS8_PREFIX, seed]);
  seed.fill(0);
  const publicKey = createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' }))
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
  return { memberId, deviceId: deviceIdFor(databaseId, memberId), privateKey, publicKey };
}

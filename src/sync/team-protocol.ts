import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';

/**
 * What the desktop client and the team server agree on: request signing, the shapes of request
 * bodies (checked by the server with zod; the signed objects inside are kept exactly as sent, since
 * their signatures cover every byte) and the live notification.
 *
 * Every request after enrolment is signed by the device's Ed25519 key over
 * `HSB-REQUEST-1 \n method \n path-with-query \n member \n device \n timestamp \n nonce \n sha256(body)`,
 * so a request cannot be altered, moved to another address, replayed (the nonce is refused a second
 * time) or kept for later (the timestamp must be within five minutes of the server's clock).
 */

export const HEADER = {
  member: 'x-hsb-member',
  device: 'x-hsb-device',
  timestamp: 'x-hsb-timestamp',
  nonce: 'x-hsb-nonce',
  signature: 'x-hsb-signature',
} as const;

export const CLOCK_SKEW_MS = 5 * 60_000;

export const sha256Hex = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

export function requestSigningBytes(r: {
  method: string;
  path: string;
  member: string;
  device: string;
  timestamp: string;
  nonce: string;
  bodySha256: string;
}): Buffer {
  return Buffer.from(
    [
      'HSB-REQUEST-1',
      r.method.toUpperCase(),
      r.path,
      r.member,
      r.device,
      r.timestamp,
      r.nonce,
      r.bodySha256,
    ].join('\n'),
    'utf8',
  );
}

const privateKeys = new WeakMap<Buffer, KeyObject>();
export function signBytes(bytes: Buffer, pkcs8: Buffer): string {
  let key = privateKeys.get(pkcs8);
  if (!key) {
    key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    privateKeys.set(pkcs8, key);
  }
  return sign(null, bytes, key).toString('base64');
}

export function verifyBytes(bytes: Buffer, signature: string, spkiBase64: string): boolean {
  try {
    return verify(
      null,
      bytes,
      createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' }),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** What a new device signs with its own key when it enrols, proving it holds the key it names. */
export const enrolmentSigningBytes = (e: {
  teamId: string;
  code: string;
  memberId: string;
  deviceId: string;
  signingPublicKey: string;
  boxPublicKey: string;
}) =>
  Buffer.from(
    [
      'HSB-ENROL-1',
      e.teamId,
      normaliseCode(e.code),
      e.memberId,
      e.deviceId,
      e.signingPublicKey,
      e.boxPublicKey,
    ].join('\n'),
    'utf8',
  );

/** Invitation codes are typed by people: case, spaces and dashes do not matter. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

// ---- shapes -------------------------------------------------------------------------------------

const id = z.string().min(1).max(200);
const base64 = z
  .string()
  .max(2_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const envelopeSchema = z.object({
  header: z.looseObject({
    format: z.literal('hsb-change-set/1'),
    id,
    author: id,
    device: id,
    seq: z.number().int().positive(),
    caseId: id,
    caseKeyId: id,
    schema: z.number().int().nonnegative(),
  }),
  nonce: base64.max(64),
  ciphertext: base64,
  signature: base64.max(200),
});

const signer = z.object({ memberId: id, deviceId: id });

export const signedRosterSchema = z.object({
  roster: z.looseObject({
    format: z.literal('hsb-roster/1'),
    teamId: id,
    version: z.number().int().positive(),
    issuedAt: z.string().max(100),
    members: z
      .array(
        z.looseObject({
          id,
          name: z.string().max(500),
          roles: z.array(z.string().max(100)).max(20),
          boxPublicKey: base64.max(200),
          devices: z.array(z.looseObject({ id, signingPublicKey: base64.max(200) })).max(50),
          administrator: z.boolean(),
        }),
      )
      .min(1)
      .max(5000),
  }),
  signer,
  signature: base64.max(200),
});

export const signedMembershipSchema = z.object({
  membership: z.looseObject({
    format: z.literal('hsb-case-membership/1'),
    teamId: id,
    caseId: id,
    generation: z.number().int().positive(),
    caseKeyId: id,
    members: z.array(id).min(1).max(500),
    keys: z
      .array(z.looseObject({ caseId: id, caseKeyId: id, memberId: id, wrapped: z.looseObject({}) }))
      .max(500),
    issuedAt: z.string().max(100),
  }),
  signer,
  signature: base64.max(200),
});

/** `setupCode`: the server's team set-up code (a missing one is refused with 403, not as a malformed body). */
export const createTeamBody = z.object({
  signedRoster: signedRosterSchema,
  setupCode: z.string().max(100).optional(),
});
export const rosterBody = z.object({ signedRoster: signedRosterSchema });
export const membershipBody = z.object({ signedMembership: signedMembershipSchema });
export const invitationBody = z.object({
  expiresInMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
});
export const enrolBody = z.object({
  code: z.string().min(1).max(100),
  memberId: id,
  deviceId: id,
  name: z.string().min(1).max(500),
  signingPublicKey: base64.max(200),
  boxPublicKey: base64.max(200),
  proof: base64.max(200),
});
export const MAX_ENVELOPES_PER_UPLOAD = 200;
export const uploadBody = z.object({
  envelopes: z.array(envelopeSchema).min(1).max(MAX_ENVELOPES_PER_UPLOAD),
});

/** A live notification: the case has change sets up to `cursor`, or the roster has a new version. */
export type LiveMessage =
  | { type: 'case'; caseId: string; cursor: number }
  | { type: 'roster'; version: number }
  | { type: 'ready' };

import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { canonicalJson } from '../domain/sign-off/canonical-json.ts';
import type { ChangeSet } from '../domain/sync/replica.ts';

/**
 * A change set as it travels (in a case bundle or through the team server): a plaintext header with
 * only what routing needs, the change set itself encrypted under the case's content key
 * (AES-256-GCM, the header as associated data), and the author's device signature over header,
 * nonce and ciphertext. A relay can store and forward it; it cannot read or alter it unnoticed.
 */

export interface EnvelopeHeader {
  format: 'hsb-change-set/1';
  id: string;
  author: string;
  device: string;
  seq: number;
  caseId: string;
  /** Which generation of the case key encrypted it (keys change when the case is reallocated). */
  caseKeyId: string;
  schema: number;
}

export interface Envelope {
  header: EnvelopeHeader;
  /** base64 */
  nonce: string;
  /** base64: ciphertext followed by the 16-byte tag */
  ciphertext: string;
  /** base64 Ed25519 signature */
  signature: string;
}

export interface CaseKey {
  id: string;
  /** 32 random bytes */
  key: Buffer;
}

export class EnvelopeRefused extends Error {}

/** A change set's id: unique, the same on every machine, and numbered per author, device and case. */
export const changeSetId = (author: string, device: string, caseId: string, seq: number): string =>
  `${author}:${device}:${caseId}:${seq}`;

const signedBytes = (header: EnvelopeHeader, nonce: string, ciphertext: string) =>
  Buffer.from(canonicalJson({ header, nonce, ciphertext }), 'utf8');

const headerOf = (cs: ChangeSet, caseKeyId: string): EnvelopeHeader => ({
  format: 'hsb-change-set/1',
  id: cs.id,
  author: cs.author,
  device: cs.device,
  seq: cs.seq,
  caseId: cs.caseId,
  caseKeyId,
  schema: cs.schema,
});

/** Encrypts and signs a change set with the author's device key (Ed25519, PKCS#8 DER). */
export function sealChangeSet(cs: ChangeSet, caseKey: CaseKey, deviceSigningKey: Buffer): Envelope {
  const header = headerOf(cs, caseKey.id);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', caseKey.key, nonce);
  cipher.setAAD(Buffer.from(canonicalJson(header), 'utf8'));
  const body = Buffer.concat([cipher.update(canonicalJson(cs), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const envelope = { header, nonce: nonce.toString('base64'), ciphertext: body.toString('base64') };
  const privateKey = createPrivateKey({ key: deviceSigningKey, format: 'der', type: 'pkcs8' });
  const signature = sign(null, signedBytes(header, envelope.nonce, envelope.ciphertext), privateKey);
  return { ...envelope, signature: signature.toString('base64') };
}

/** Whether the envelope's signature verifies against a device's public key (Ed25519, SPKI DER base64). */
export function signatureVerifies(envelope: Envelope, devicePublicKey: string): boolean {
  try {
    const publicKey = createPublicKey({
      key: Buffer.from(devicePublicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return verify(
      null,
      signedBytes(envelope.header, envelope.nonce, envelope.ciphertext),
      publicKey,
      Buffer.from(envelope.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/**
 * Verifies, then decrypts. Anything wrong refuses the whole change set: an unknown device, a bad
 * signature, a case key this person does not hold, altered bytes, or a body that does not match its header.
 */
export function openChangeSet(
  envelope: Envelope,
  lookups: {
    devicePublicKey: (author: string, device: string) => string | undefined;
    caseKey: (caseId: string, caseKeyId: string) => Buffer | undefined;
  },
): ChangeSet {
  const { header } = envelope;
  const deviceKey = lookups.devicePublicKey(header.author, header.device);
  if (!deviceKey) throw new EnvelopeRefused('It was signed by a device that is not in the team roster.');
  if (!signatureVerifies(envelope, deviceKey)) {
    throw new EnvelopeRefused('Its signature does not verify: it was altered after it was made.');
  }
  const key = lookups.caseKey(header.caseId, header.caseKeyId);
  if (!key) throw new EnvelopeRefused('You do not hold the key for this case, so it cannot be read.');
  let plain: string;
  try {
    const body = Buffer.from(envelope.ciphertext, 'base64');
    if (body.length < 16) throw new Error('short');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.nonce, 'base64'));
    decipher.setAAD(Buffer.from(canonicalJson(header), 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new EnvelopeRefused('It could not be decrypted: it was damaged or altered.');
  }
  const cs = JSON.parse(plain) as ChangeSet;
  const expected = headerOf(cs, header.caseKeyId);
  if (canonicalJson(expected) !== canonicalJson(header)) {
    throw new EnvelopeRefused('Its contents do not match its label.');
  }
  return cs;
}

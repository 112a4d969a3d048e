import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { canonicalJson } from '../domain/sign-off/canonical-json.ts';
import { openBox, type SealedBox, sealTo } from '../store/crypto.ts';
import type { Envelope } from './envelope.ts';
import type { SignedCaseMembership } from './membership.ts';
import { deviceKeyOf, type Roster, type SignedRoster } from './roster.ts';

/**
 * A case bundle: one file carrying the change sets its recipients lack, for partners with no shared
 * server (today a secure mailbox). The contents are encrypted under a random bundle key sealed to each
 * recipient's X25519 key, and the whole file is signed by the sender's device. A bundle that was
 * altered, cut short or addressed to someone else is refused whole.
 */

export interface WrappedCaseKey {
  caseId: string;
  caseKeyId: string;
  memberId: string;
  wrapped: SealedBox;
}

export interface BundleContents {
  caseId: string;
  envelopes: Envelope[];
  /** The case's earlier keys, sealed for each recipient, so a new co-assessor can read what came before. */
  caseKeys: WrappedCaseKey[];
  /** The sender's team roster, so a recipient can take a newer one (only if it is properly signed). */
  roster?: SignedRoster;
  /** Every generation of who may see the case, as signed. */
  memberships?: SignedCaseMembership[];
}

interface BundleFile {
  format: 'hsb-case-bundle/1';
  bundleId: string;
  from: { memberId: string; deviceId: string };
  createdAt: string;
  recipients: { memberId: string; wrappedKey: SealedBox }[];
  nonce: string;
  ciphertext: string;
  signature: string;
}

export class BundleRefused extends Error {}

const bundleKeyAad = (bundleId: string, memberId: string) => `hsb-bundle-key:${bundleId}:${memberId}`;
export const caseKeyAad = (caseId: string, caseKeyId: string, memberId: string) =>
  `hsb-case-key:${caseId}:${caseKeyId}:${memberId}`;

const unsigned = (file: Omit<BundleFile, 'signature'>) => Buffer.from(canonicalJson(file), 'utf8');

export function writeBundle(
  contents: BundleContents,
  sender: { memberId: string; deviceId: string; signingKey: Buffer },
  recipients: { id: string; boxPublicKey: string }[],
  now: Date,
): Buffer {
  const bundleId = randomUUID();
  const key = randomBytes(32);
  const nonce = randomBytes(12);
  const header = {
    format: 'hsb-case-bundle/1' as const,
    bundleId,
    from: { memberId: sender.memberId, deviceId: sender.deviceId },
  };
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(canonicalJson(header), 'utf8'));
  const body = Buffer.concat([
    cipher.update(canonicalJson(contents), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const file: Omit<BundleFile, 'signature'> = {
    ...header,
    createdAt: now.toISOString(),
    recipients: recipients.map((r) => ({
      memberId: r.id,
      wrappedKey: sealTo(r.boxPublicKey, key, bundleKeyAad(bundleId, r.id)),
    })),
    nonce: nonce.toString('base64'),
    ciphertext: body.toString('base64'),
  };
  key.fill(0);
  const signature = sign(
    null,
    unsigned(file),
    createPrivateKey({ key: sender.signingKey, format: 'der', type: 'pkcs8' }),
  );
  return Buffer.from(`${JSON.stringify({ ...file, signature: signature.toString('base64') })}\n`, 'utf8');
}

/** Opens a bundle addressed to `me`, after checking the sender's device signature against the roster. */
export function readBundle(
  bytes: Buffer,
  me: { memberId: string; boxPrivateKey: Buffer },
  roster: Roster,
): { from: string; createdAt: string; contents: BundleContents } {
  let file: BundleFile;
  try {
    file = JSON.parse(bytes.toString('utf8')) as BundleFile;
  } catch {
    throw new BundleRefused(
      'This file is not a whole case bundle: it may have been cut short. Ask for it to be sent again.',
    );
  }
  if (file?.format !== 'hsb-case-bundle/1') throw new BundleRefused('This file is not a case bundle.');
  const senderKey = deviceKeyOf(roster, file.from?.memberId, file.from?.deviceId);
  if (!senderKey) throw new BundleRefused('It was sent from a device that is not in the team roster.');
  const { signature, ...rest } = file;
  let signedOk = false;
  try {
    signedOk = verify(
      null,
      unsigned(rest),
      createPublicKey({ key: Buffer.from(senderKey, 'base64'), format: 'der', type: 'spki' }),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    signedOk = false;
  }
  if (!signedOk) throw new BundleRefused('It was altered after it was sent, so nothing in it was used.');
  const mine = file.recipients.find((r) => r.memberId === me.memberId);
  if (!mine) throw new BundleRefused('It is addressed to someone else, so it cannot be opened here.');
  const key = openBox(me.boxPrivateKey, mine.wrappedKey, bundleKeyAad(file.bundleId, me.memberId));
  if (!key) throw new BundleRefused('Its key could not be opened with your keys.');
  try {
    const body = Buffer.from(file.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.nonce, 'base64'));
    decipher.setAAD(
      Buffer.from(canonicalJson({ format: file.format, bundleId: file.bundleId, from: file.from }), 'utf8'),
    );
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    return {
      from: file.from.memberId,
      createdAt: file.createdAt,
      contents: JSON.parse(plain.toString('utf8')),
    };
  } catch {
    throw new BundleRefused('It could not be decrypted: it was damaged or altered.');
  } finally {
    key.fill(0);
  }
}

/** Seals a case key for a member (their X25519 public key). */
export function wrapCaseKey(
  caseId: string,
  caseKeyId: string,
  key: Buffer,
  member: { id: string; boxPublicKey: string },
): WrappedCaseKey {
  return {
    caseId,
    caseKeyId,
    memberId: member.id,
    wrapped: sealTo(member.boxPublicKey, key, caseKeyAad(caseId, caseKeyId, member.id)),
  };
}

export function unwrapCaseKey(w: WrappedCaseKey, boxPrivateKey: Buffer): Buffer | null {
  return openBox(boxPrivateKey, w.wrapped, caseKeyAad(w.caseId, w.caseKeyId, w.memberId));
}

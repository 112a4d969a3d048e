import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';

// Node's built-in crypto only: scrypt (memory-hard KDF), AES-256-GCM key wrapping, HMAC-SHA-256.

export interface ScryptParams {
  name: 'scrypt';
  /** CPU/memory cost: a power of two. */
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

/** 2^17 × 8 × 128 bytes = 128 MiB of memory per derivation: OWASP's scrypt floor is 2^17, r=8, p=1. */
export const DEFAULT_KDF_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
export type KdfCost = { N: number; r: number; p: number };

export function newScryptParams(cost: KdfCost = DEFAULT_KDF_COST): ScryptParams {
  return { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') };
}

export function deriveKey(secret: string, params: ScryptParams): Buffer {
  const { N, r, p } = params;
  return scryptSync(secret.normalize('NFKC'), Buffer.from(params.salt, 'base64'), 32, {
    N,
    r,
    p,
    maxmem: 256 * N * r + 16 * 1024 * 1024,
  });
}

export interface Sealed {
  /** base64 of 12-byte nonce, 16-byte tag and ciphertext */
  iv: string;
  tag: string;
  data: string;
}

export function seal(key: Buffer, plaintext: Buffer, associatedData: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Returns null when the key is wrong or the sealed value was altered. */
export function open(key: Buffer, sealed: Sealed, associatedData: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export const randomKey = (): Buffer => randomBytes(32);

export function hmac(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An Ed25519 key pair for signing off reports: PEM-free DER, base64. */
export function newSigningKeyPair(): { publicKey: string; privateKey: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

// Recovery keys: 40 random Crockford base-32 characters (200 bits) written as 8 groups of 5.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryKey(): string {
  const bytes = randomBytes(40);
  // 256 is a multiple of 32, so b % 32 is unbiased.
  const chars = [...bytes].map((b) => CROCKFORD[b % 32]).join('');
  return chars.match(/.{5}/g)?.join('-') ?? chars;
}

/** Accepts the key as typed: any case, with or without dashes and spaces; O→0, I/L→1. */
export function normaliseRecoveryKey(typed: string): string {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return cleaned.match(/.{1,5}/g)?.join('-') ?? cleaned;
}

// Sealed boxes: a key sealed to a person's X25519 public key, so that an administrator can wrap a new
// database key for everyone (key rotation) without knowing their passwords. An ephemeral X25519 key
// agrees a secret with the recipient's key; HKDF-SHA-256 turns it into an AES-256-GCM key.

export interface BoxKeyPair {
  /** raw 32-byte X25519 public key, base64 */
  publicKey: string;
  /** raw 32-byte X25519 private key */
  privateKey: Buffer;
}

export interface SealedBox extends Sealed {
  /** the sender's ephemeral X25519 public key, raw base64 */
  ephemeral: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

function x25519Private(raw: Buffer) {
  const publicKey = x25519PublicFromPrivate(raw);
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d: b64url(raw), x: b64url(publicKey) },
    format: 'jwk',
  });
}

function x25519PublicFromPrivate(raw: Buffer): Buffer {
  const jwk = createPublicKey(
    createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), raw]),
      format: 'der',
      type: 'pkcs8',
    }),
  ).export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
}

/** The X25519 public key (raw, base64) of a raw private key. */
export const publicKeyOf = (privateKey: Buffer): string =>
  x25519PublicFromPrivate(privateKey).toString('base64');

const x25519Public = (raw: string) =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: b64url(Buffer.from(raw, 'base64')) },
    format: 'jwk',
  });

export function newBoxKeyPair(): BoxKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64'),
    privateKey: Buffer.from(jwk.d ?? '', 'base64url'),
  };
}

function boxKey(shared: Buffer, ephemeral: string, recipient: string, associatedData: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', shared, Buffer.from(`${ephemeral}:${recipient}`), `hsb-box:${associatedData}`, 32),
  );
}

/** Seals `plaintext` so that only the holder of the private key matching `recipientPublicKey` can open it. */
export function sealTo(recipientPublicKey: string, plaintext: Buffer, associatedData: string): SealedBox {
  const ephemeral = newBoxKeyPair();
  const shared = diffieHellman({
    privateKey: x25519Private(ephemeral.privateKey),
    publicKey: x25519Public(recipientPublicKey),
  });
  const key = boxKey(shared, ephemeral.publicKey, recipientPublicKey, associatedData);
  ephemeral.privateKey.fill(0);
  shared.fill(0);
  const sealed = seal(key, plaintext, associatedData);
  key.fill(0);
  return { ...sealed, ephemeral: ephemeral.publicKey };
}

/** Opens a sealed box with the recipient's private key; null when it is not theirs or was altered. */
export function openBox(privateKey: Buffer, box: SealedBox, associatedData: string): Buffer | null {
  try {
    const ownPublic = x25519PublicFromPrivate(privateKey).toString('base64');
    const shared = diffieHellman({
      privateKey: x25519Private(privateKey),
      publicKey: x25519Public(box.ephemeral),
    });
    const key = boxKey(shared, box.ephemeral, ownPublic, associatedData);
    shared.fill(0);
    const opened = open(key, box, associatedData);
    key.fill(0);
    return opened;
  } catch {
    return null;
  }
}

/** A check value that tells a wrong password from a damaged wrapped key (both fail to decrypt). */
export const passwordVerifier = (wrappingKey: Buffer, associatedData: string): string =>
  createHmac('sha256', wrappingKey).update(`hsb-verifier:${associatedData}`, 'utf8').digest('base64');

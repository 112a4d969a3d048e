import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  generateKeyPairSync,
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

import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { WorkbenchError } from '../contract/errors.ts';
import {
  deriveKey,
  type KdfCost,
  newBoxKeyPair,
  newScryptParams,
  open,
  openBox,
  passwordVerifier,
  publicKeyOf,
  type ScryptParams,
  type Sealed,
  type SealedBox,
  seal,
  sealTo,
} from './crypto.ts';
import { writeFileAtomic } from './files.ts';

/**
 * The keyring file lives beside the database. For each person it holds an X25519 key pair whose
 * private half (with their Ed25519 signing key) is wrapped (AES-256-GCM) by a key derived from their
 * password, and the database and audit-trail keys sealed to their public half. The recovery key has
 * an entry of the same shape. Because the store keys are sealed to public keys, an administrator can
 * rotate the database key and re-wrap it for everyone without knowing their passwords.
 *
 * A change that goes with a database change (a new person, a password, a rotation) is written first
 * to `keyring.next.json` with the next generation number; the database commits that generation in
 * the same transaction as the change; then the pending file replaces the keyring. Whichever step a
 * crash interrupts, the next sign-in keeps the keyring whose generation the database committed.
 */

const sealedSchema = z.strictObject({ iv: z.string(), tag: z.string(), data: z.string() });
const sealedBoxSchema = z.strictObject({
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
  ephemeral: z.string(),
});
const kdfSchema = z.strictObject({
  name: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
});

/** The first keyring format: the store keys wrapped directly by the password. Upgraded at sign-in. */
const legacyUserSchema = z.strictObject({
  userId: z.string(),
  username: z.string(),
  kdf: kdfSchema,
  keys: sealedSchema,
  signingKey: sealedSchema,
  mustChangePassword: z.boolean(),
});

const userEntrySchema = z.strictObject({
  userId: z.string(),
  username: z.string(),
  kdf: kdfSchema,
  /** HMAC of the wrapping key: tells a wrong password from a damaged entry. */
  verifier: z.string(),
  /** The X25519 private key (32 bytes) followed by the Ed25519 signing key (PKCS#8 DER), sealed by the password. */
  secrets: sealedSchema,
  publicKey: z.string(),
  keys: sealedBoxSchema,
  mustChangePassword: z.boolean(),
});
export type KeyringUserEntry = z.infer<typeof userEntrySchema> | z.infer<typeof legacyUserSchema>;

const legacyRecoverySchema = z.strictObject({ kdf: kdfSchema, keys: sealedSchema });
const recoverySchema = z.strictObject({
  kdf: kdfSchema,
  verifier: z.string(),
  secret: sealedSchema,
  publicKey: z.string(),
  keys: sealedBoxSchema,
});

const throttleSchema = z.strictObject({ failures: z.number().int(), lastFailureAt: z.string() });
export type ThrottleState = z.infer<typeof throttleSchema>;

const keyringSchema = z.strictObject({
  format: z.literal('hsb-workbench-keyring'),
  version: z.union([z.literal(1), z.literal(2)]),
  databaseId: z.string(),
  createdAt: z.string(),
  /** Bumped by every change made together with the database; the database records the one it committed. */
  generation: z.number().int().nonnegative().default(0),
  users: z.array(z.union([userEntrySchema, legacyUserSchema])),
  recovery: z.union([recoverySchema, legacyRecoverySchema]),
  /** Format 1 only: failed sign-ins, now kept in their own file (see sign-in-throttle.ts). */
  throttle: z.record(z.string(), throttleSchema).optional(),
});
export type KeyringFile = z.infer<typeof keyringSchema>;

/** What one unwrap yields: the 32-byte database key and the 32-byte audit-trail key. */
export interface StoreKeys {
  databaseKey: Buffer;
  auditKey: Buffer;
}

export type Unwrapped =
  | { ok: true; userId: string; keys: StoreKeys; signingKey: Buffer; boxKey?: Buffer }
  | { ok: false; reason: 'wrong-password' | 'damaged' };

const keysAad = (databaseId: string, who: string) => `hsb-keys:${databaseId}:${who}`;
const signingAad = (databaseId: string, userId: string) => `hsb-signing:${databaseId}:${userId}`;
const secretsAad = (databaseId: string, who: string) => `hsb-secrets:${databaseId}:${who}`;

export function packKeys(keys: StoreKeys): Buffer {
  return Buffer.concat([keys.databaseKey, keys.auditKey]);
}

function unpackKeys(packed: Buffer): StoreKeys {
  return { databaseKey: packed.subarray(0, 32), auditKey: packed.subarray(32, 64) };
}

export function wipeKeys(keys: StoreKeys | null | undefined): void {
  keys?.databaseKey.fill(0);
  keys?.auditKey.fill(0);
}

const isLegacy = (e: KeyringUserEntry): e is z.infer<typeof legacyUserSchema> => !('verifier' in e);

export const pendingKeyringPath = (path: string) => path.replace(/\.json$/, '.next.json');

function parseKeyringFile(path: string, what: string): KeyringFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new WorkbenchError(
      'store-refused',
      `The ${what} beside the database cannot be read. Restore it from your last backup; nothing has been changed.`,
    );
  }
  const parsed = keyringSchema.safeParse(raw);
  if (!parsed.success) {
    throw new WorkbenchError(
      'store-refused',
      `The ${what} beside the database is damaged. Restore it from your last backup; nothing has been changed.`,
    );
  }
  return parsed.data;
}

export class Keyring {
  readonly path: string;
  private file: KeyringFile;
  private readonly cost: KdfCost;

  private constructor(path: string, file: KeyringFile, cost: KdfCost) {
    this.path = path;
    this.file = file;
    this.cost = cost;
  }

  static exists(path: string): boolean {
    return existsSync(path);
  }

  static load(path: string, cost: KdfCost): Keyring {
    return new Keyring(path, parseKeyringFile(path, 'keyring file'), cost);
  }

  /** The keyring change waiting for its database commit to be confirmed, if a crash left one. */
  static loadPending(path: string, cost: KdfCost): Keyring | null {
    const pending = pendingKeyringPath(path);
    if (!existsSync(pending)) return null;
    try {
      return new Keyring(path, parseKeyringFile(pending, 'pending keyring file'), cost);
    } catch {
      // A pending file that cannot be read was never committed to: the database cannot name its generation.
      rmSync(pending, { force: true });
      return null;
    }
  }

  /** Creates the keyring for a new store, with the recovery entry; people are added with setUser. */
  static create(
    path: string,
    cost: KdfCost,
    init: { databaseId: string; keys: StoreKeys; recoveryKey: string; now: string },
  ): Keyring {
    const file: KeyringFile = {
      format: 'hsb-workbench-keyring',
      version: 2,
      databaseId: init.databaseId,
      createdAt: init.now,
      generation: 1,
      users: [],
      recovery: newRecoveryEntry(init.databaseId, cost, init.recoveryKey, init.keys),
    };
    return new Keyring(path, file, cost);
  }

  get databaseId(): string {
    return this.file.databaseId;
  }

  get generation(): number {
    return this.file.generation;
  }

  /** Failed sign-ins recorded by the first keyring format, to be moved to the throttle file. */
  get legacyThrottle(): Record<string, ThrottleState> {
    return this.file.throttle ?? {};
  }

  snapshot(): KeyringFile {
    return structuredClone(this.file);
  }

  /** A copy to change, one generation on: write it with savePending, commit the generation, then promote it. */
  next(): Keyring {
    const file = structuredClone(this.file);
    file.generation = this.file.generation + 1;
    file.version = 2;
    delete file.throttle;
    return new Keyring(this.path, file, this.cost);
  }

  /** Rewrites this keyring in place: only for changes that do not alter what any password unlocks. */
  save(): void {
    writeFileAtomic(this.path, `${JSON.stringify(this.file, null, 2)}\n`);
  }

  savePending(): void {
    writeFileAtomic(pendingKeyringPath(this.path), `${JSON.stringify(this.file, null, 2)}\n`);
  }

  /** The database committed this generation: the pending file becomes the keyring. */
  promote(): void {
    renameSync(pendingKeyringPath(this.path), this.path);
  }

  static discardPending(path: string): void {
    rmSync(pendingKeyringPath(path), { force: true });
  }

  entryFor(username: string): KeyringUserEntry | undefined {
    return this.file.users.find((u) => u.username === username);
  }

  entryById(userId: string): KeyringUserEntry | undefined {
    return this.file.users.find((u) => u.userId === userId);
  }

  /** Each entry's X25519 public key by user id (and 'recovery'); first-format entries have none. */
  publicKeys(): Record<string, string> {
    const keys: Record<string, string> = {};
    for (const u of this.file.users) if (!isLegacy(u)) keys[u.userId] = u.publicKey;
    if ('publicKey' in this.file.recovery) keys.recovery = this.file.recovery.publicKey;
    return keys;
  }

  /** People whose entries still use the first format: they have not signed in since the upgrade. */
  legacyUserIds(): string[] {
    return this.file.users.filter(isLegacy).map((u) => u.userId);
  }

  /**
   * Unwraps the store keys with a person's password. The keys come back only with the id of the person
   * they were sealed for (the associated data binds it), so a relabelled entry cannot sign in as
   * someone else: the caller looks the person up by that id.
   */
  unwrapWithPassword(username: string, password: string): Unwrapped {
    const entry = this.entryFor(username);
    if (!entry) {
      // Spend the same effort as a real attempt so timing does not reveal which usernames exist.
      deriveKey(password, newScryptParams({ N: this.cost.N, r: this.cost.r, p: this.cost.p }));
      return { ok: false, reason: 'wrong-password' };
    }
    const wrappingKey = deriveKey(password, entry.kdf);
    try {
      if (isLegacy(entry)) {
        const packed = open(wrappingKey, entry.keys, keysAad(this.databaseId, entry.userId));
        const signingKey = open(wrappingKey, entry.signingKey, signingAad(this.databaseId, entry.userId));
        if (!packed || !signingKey) return { ok: false, reason: 'wrong-password' };
        return { ok: true, userId: entry.userId, keys: unpackKeys(packed), signingKey };
      }
      if (passwordVerifier(wrappingKey, secretsAad(this.databaseId, entry.userId)) !== entry.verifier) {
        return { ok: false, reason: 'wrong-password' };
      }
      const secrets = open(wrappingKey, entry.secrets, secretsAad(this.databaseId, entry.userId));
      if (!secrets || secrets.length <= 32) return { ok: false, reason: 'damaged' };
      const boxKey = secrets.subarray(0, 32);
      // The public key the store keys are sealed to must be this private key's: a swapped one is damage.
      if (publicKeyOf(boxKey) !== entry.publicKey) {
        secrets.fill(0);
        return { ok: false, reason: 'damaged' };
      }
      const packed = openBox(boxKey, entry.keys, keysAad(this.databaseId, entry.userId));
      const boxKeyCopy = Buffer.from(boxKey);
      boxKey.fill(0);
      if (packed?.length !== 64) {
        secrets.fill(0);
        boxKeyCopy.fill(0);
        return { ok: false, reason: 'damaged' };
      }
      return {
        ok: true,
        userId: entry.userId,
        keys: unpackKeys(packed),
        signingKey: secrets.subarray(32),
        boxKey: boxKeyCopy,
      };
    } finally {
      wrappingKey.fill(0);
    }
  }

  unwrapWithRecoveryKey(recoveryKey: string): StoreKeys | null {
    const recovery = this.file.recovery;
    const wrappingKey = deriveKey(recoveryKey, recovery.kdf);
    try {
      if (!('verifier' in recovery)) {
        const packed = open(wrappingKey, recovery.keys, keysAad(this.databaseId, 'recovery'));
        return packed ? unpackKeys(packed) : null;
      }
      const secret = open(wrappingKey, recovery.secret, secretsAad(this.databaseId, 'recovery'));
      if (!secret) return null;
      if (publicKeyOf(secret) !== recovery.publicKey) {
        secret.fill(0);
        return null;
      }
      const packed = openBox(secret, recovery.keys, keysAad(this.databaseId, 'recovery'));
      secret.fill(0);
      return packed ? unpackKeys(packed) : null;
    } finally {
      wrappingKey.fill(0);
    }
  }

  /** Whether the recovery entry can be re-wrapped for new keys without the recovery key itself. */
  get recoveryCanBeRewrapped(): boolean {
    return 'verifier' in this.file.recovery;
  }

  setRecoveryKey(recoveryKey: string, keys: StoreKeys): void {
    this.file.recovery = newRecoveryEntry(this.databaseId, this.cost, recoveryKey, keys);
  }

  /** Adds or replaces a person's entry: a new key pair, sealed by their password, receives the store keys. */
  setUser(
    user: { userId: string; username: string },
    password: string,
    keys: StoreKeys,
    signingKey: Buffer,
    mustChangePassword: boolean,
  ): void {
    const kdf: ScryptParams = newScryptParams(this.cost);
    const wrappingKey = deriveKey(password, kdf);
    const box = newBoxKeyPair();
    const secrets = Buffer.concat([box.privateKey, signingKey]);
    const packed = packKeys(keys);
    const entry: KeyringUserEntry = {
      userId: user.userId,
      username: user.username,
      kdf,
      verifier: passwordVerifier(wrappingKey, secretsAad(this.databaseId, user.userId)),
      secrets: seal(wrappingKey, secrets, secretsAad(this.databaseId, user.userId)),
      publicKey: box.publicKey,
      keys: sealTo(box.publicKey, packed, keysAad(this.databaseId, user.userId)),
      mustChangePassword,
    };
    wrappingKey.fill(0);
    secrets.fill(0);
    packed.fill(0);
    box.privateKey.fill(0);
    this.file.users = [...this.file.users.filter((u) => u.userId !== user.userId), entry];
  }

  removeUser(userId: string): void {
    this.file.users = this.file.users.filter((u) => u.userId !== userId);
  }

  /**
   * Seals new store keys for every person and the recovery entry (key rotation). Entries still in the
   * first format cannot be re-wrapped without the person's password: they are removed, and returned.
   */
  rewrapAll(keys: StoreKeys): { removedUserIds: string[] } {
    const removedUserIds = this.legacyUserIds();
    const packed = packKeys(keys);
    this.file.users = this.file.users.flatMap((u) =>
      isLegacy(u) ? [] : [{ ...u, keys: sealTo(u.publicKey, packed, keysAad(this.databaseId, u.userId)) }],
    );
    const recovery = this.file.recovery;
    if ('verifier' in recovery) {
      this.file.recovery = {
        ...recovery,
        keys: sealTo(recovery.publicKey, packed, keysAad(this.databaseId, 'recovery')),
      };
    }
    packed.fill(0);
    return { removedUserIds };
  }
}

function newRecoveryEntry(
  databaseId: string,
  cost: KdfCost,
  recoveryKey: string,
  keys: StoreKeys,
): z.infer<typeof recoverySchema> {
  const kdf = newScryptParams(cost);
  const wrappingKey = deriveKey(recoveryKey, kdf);
  const box = newBoxKeyPair();
  const packed = packKeys(keys);
  const entry = {
    kdf,
    verifier: passwordVerifier(wrappingKey, secretsAad(databaseId, 'recovery')),
    secret: seal(wrappingKey, box.privateKey, secretsAad(databaseId, 'recovery')),
    publicKey: box.publicKey,
    keys: sealTo(box.publicKey, packed, keysAad(databaseId, 'recovery')),
  };
  wrappingKey.fill(0);
  box.privateKey.fill(0);
  packed.fill(0);
  return entry;
}

export function parseKeyringText(text: string): KeyringFile | null {
  try {
    const parsed = keyringSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type { Sealed, SealedBox };

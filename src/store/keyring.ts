import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { WorkbenchError } from '../contract/errors.ts';
import {
  deriveKey,
  type KdfCost,
  newScryptParams,
  open,
  type ScryptParams,
  type Sealed,
  seal,
} from './crypto.ts';
import { writeFileAtomic } from './files.ts';

/**
 * The keyring file lives beside the database. It holds, per person, the database key and the
 * audit-trail key wrapped (AES-256-GCM) by a key derived from that person's password, and the same
 * keys wrapped by the one-time recovery key. The database key is random and never derived from a
 * password, so changing a password re-wraps one entry and never rewrites the database.
 */

const sealedSchema = z.strictObject({ iv: z.string(), tag: z.string(), data: z.string() });
const kdfSchema = z.strictObject({
  name: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
});

const userEntrySchema = z.strictObject({
  userId: z.string(),
  username: z.string(),
  kdf: kdfSchema,
  keys: sealedSchema,
  signingKey: sealedSchema,
  mustChangePassword: z.boolean(),
});
export type KeyringUserEntry = z.infer<typeof userEntrySchema>;

const throttleSchema = z.strictObject({ failures: z.number().int(), lastFailureAt: z.string() });
export type ThrottleState = z.infer<typeof throttleSchema>;

const keyringSchema = z.strictObject({
  format: z.literal('hsb-workbench-keyring'),
  version: z.literal(1),
  databaseId: z.string(),
  createdAt: z.string(),
  users: z.array(userEntrySchema),
  recovery: z.strictObject({ kdf: kdfSchema, keys: sealedSchema }),
  throttle: z.record(z.string(), throttleSchema),
});
export type KeyringFile = z.infer<typeof keyringSchema>;

/** What one unwrap yields: the 32-byte database key and the 32-byte audit-trail key. */
export interface StoreKeys {
  databaseKey: Buffer;
  auditKey: Buffer;
}

const keysAad = (databaseId: string, who: string) => `hsb-keys:${databaseId}:${who}`;
const signingAad = (databaseId: string, userId: string) => `hsb-signing:${databaseId}:${userId}`;

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
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new WorkbenchError(
        'store-refused',
        'The keyring file beside the database cannot be read. Restore it from your last backup; nothing has been changed.',
      );
    }
    const parsed = keyringSchema.safeParse(raw);
    if (!parsed.success) {
      throw new WorkbenchError(
        'store-refused',
        'The keyring file beside the database is damaged. Restore it from your last backup; nothing has been changed.',
      );
    }
    return new Keyring(path, parsed.data, cost);
  }

  /** Creates the keyring for a new store, with the first person's entry and the recovery entry. */
  static create(
    path: string,
    cost: KdfCost,
    init: { databaseId: string; keys: StoreKeys; recoveryKey: string; now: string },
  ): Keyring {
    const recoveryKdf = newScryptParams(cost);
    const file: KeyringFile = {
      format: 'hsb-workbench-keyring',
      version: 1,
      databaseId: init.databaseId,
      createdAt: init.now,
      users: [],
      recovery: {
        kdf: recoveryKdf,
        keys: seal(
          deriveKey(init.recoveryKey, recoveryKdf),
          packKeys(init.keys),
          keysAad(init.databaseId, 'recovery'),
        ),
      },
      throttle: {},
    };
    return new Keyring(path, file, cost);
  }

  get databaseId(): string {
    return this.file.databaseId;
  }

  snapshot(): KeyringFile {
    return structuredClone(this.file);
  }

  save(): void {
    writeFileAtomic(this.path, `${JSON.stringify(this.file, null, 2)}\n`);
  }

  entryFor(username: string): KeyringUserEntry | undefined {
    return this.file.users.find((u) => u.username === username);
  }

  entryById(userId: string): KeyringUserEntry | undefined {
    return this.file.users.find((u) => u.userId === userId);
  }

  /** Unwraps the store keys with a person's password; null when the password is wrong. */
  unwrapWithPassword(username: string, password: string): { keys: StoreKeys; signingKey: Buffer } | null {
    const entry = this.entryFor(username);
    if (!entry) {
      // Spend the same effort as a real attempt so timing does not reveal which usernames exist.
      deriveKey(password, newScryptParams({ N: this.cost.N, r: this.cost.r, p: this.cost.p }));
      return null;
    }
    const wrappingKey = deriveKey(password, entry.kdf);
    const packed = open(wrappingKey, entry.keys, keysAad(this.databaseId, entry.userId));
    const signingKey = open(wrappingKey, entry.signingKey, signingAad(this.databaseId, entry.userId));
    wrappingKey.fill(0);
    if (!packed || !signingKey) return null;
    return { keys: unpackKeys(packed), signingKey };
  }

  unwrapWithRecoveryKey(recoveryKey: string): StoreKeys | null {
    const { kdf, keys } = this.file.recovery;
    const wrappingKey = deriveKey(recoveryKey, kdf);
    const packed = open(wrappingKey, keys, keysAad(this.databaseId, 'recovery'));
    wrappingKey.fill(0);
    return packed ? unpackKeys(packed) : null;
  }

  /** Adds or replaces a person's entry: their password wraps the store keys and their signing key. */
  setUser(
    user: { userId: string; username: string },
    password: string,
    keys: StoreKeys,
    signingKey: Buffer,
    mustChangePassword: boolean,
  ): void {
    const kdf: ScryptParams = newScryptParams(this.cost);
    const wrappingKey = deriveKey(password, kdf);
    const entry: KeyringUserEntry = {
      userId: user.userId,
      username: user.username,
      kdf,
      keys: seal(wrappingKey, packKeys(keys), keysAad(this.databaseId, user.userId)),
      signingKey: seal(wrappingKey, signingKey, signingAad(this.databaseId, user.userId)),
      mustChangePassword,
    };
    wrappingKey.fill(0);
    this.file.users = [...this.file.users.filter((u) => u.userId !== user.userId), entry];
  }

  removeUser(userId: string): void {
    this.file.users = this.file.users.filter((u) => u.userId !== userId);
  }

  /** Failed attempts, by a key such as `user:alex` (prefixed, so no name can clash with an object key). */
  throttleFor(key: string): ThrottleState | undefined {
    return Object.hasOwn(this.file.throttle, `t:${key}`) ? this.file.throttle[`t:${key}`] : undefined;
  }

  setThrottle(key: string, state: ThrottleState | undefined): void {
    const next: Record<string, ThrottleState> = Object.create(null);
    Object.assign(next, this.file.throttle);
    if (state) next[`t:${key}`] = state;
    else delete next[`t:${key}`];
    this.file.throttle = next;
  }
}

export function parseKeyringText(text: string): KeyringFile | null {
  try {
    const parsed = keyringSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type { Sealed };

import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../contract/errors.ts';
import type { UserSummary } from '../contract/schemas.ts';
import { appendAudit } from '../store/audit-trail.ts';
import { crashPoint } from '../store/crash-points.ts';
import { DEFAULT_KDF_COST, type KdfCost } from '../store/crypto.ts';
import { type Db, openDatabase } from '../store/database.ts';
import { HEAD_FILE, headFileKept, type LossFinding, writeHeadFile } from '../store/head-file.ts';
import { Keyring, type StoreKeys, wipeKeys } from '../store/keyring.ts';
import { finishInterruptedSteps } from '../store/restore-journal.ts';
import {
  keyringGeneration,
  readSettings,
  setKeyringGeneration,
  setKeyringPublicKeys,
} from '../store/settings.ts';
import { ThrottleFile } from '../store/throttle-file.ts';
import type { Host } from './host.ts';
import { captureChanges } from './sync/capture.ts';
import type { DeviceIdentity } from './sync/identity.ts';
import { ServerLink } from './sync/server-link.ts';
import { recordDeviceKey } from './sync/trust.ts';

export interface WorkbenchOptions {
  /** The app's user-data folder: the database and keyring live here. */
  dataDir: string;
  host: Host;
  /** scrypt cost; the default is the production cost. Recorded in the keyring beside each wrap. */
  kdfCost?: KdfCost;
  now?: () => Date;
  /** The data schema this workbench applies change sets up to (tests pretend to be an older version). */
  syncSchema?: number;
}

export type Session =
  | { state: 'signed-out' }
  | { state: 'locked'; userId: string; username: string; name: string }
  | {
      state: 'signed-in';
      user: UserSummary;
      keys: StoreKeys;
      /** Signs this person's change sets and bundles; null after a recovery-key sign-in until the next one. */
      device: DeviceIdentity | null;
      /** Opens case keys and bundles sealed to this person (X25519); null until a password sign-in. */
      boxKey: Buffer | null;
      lastActivity: number;
      mustChangePassword: boolean;
    };

export interface AuditNote {
  action: string;
  recordType: string;
  recordId: string;
  summary: string;
}

/**
 * The workbench's state in the main process: where the files are, the open encrypted database and
 * who is signed in. There is one per running app (or per test), never a module-level singleton.
 */
export class Workbench {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly keyringPath: string;
  readonly host: Host;
  readonly kdfCost: KdfCost;
  readonly now: () => Date;
  readonly syncSchema: number | undefined;
  session: Session = { state: 'signed-out' };
  private database: Db | null = null;
  private keyringCache: Keyring | null = null;
  private throttleCache: ThrottleFile | null = null;
  /** Failed attempts at usernames the keyring does not know: in memory only, so they grow no file. */
  readonly unknownNameFailures = new Map<string, { failures: number; lastFailureAt: string }>();
  /** `workbench.head`: the latest audit entry, kept outside the database (see store/head-file.ts). */
  readonly headPath: string;
  /** Set at sign-in when the database has lost changes the head file records; writes are refused. */
  loss: LossFinding | null = null;
  private link: ServerLink | null = null;

  constructor(options: WorkbenchOptions) {
    this.dataDir = options.dataDir;
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    finishInterruptedSteps(this.dataDir);
    this.headPath = join(this.dataDir, HEAD_FILE);
    this.databasePath = join(this.dataDir, 'workbench.db');
    this.keyringPath = join(this.dataDir, 'keyring.json');
    this.host = options.host;
    this.kdfCost = options.kdfCost ?? DEFAULT_KDF_COST;
    this.now = options.now ?? (() => new Date());
    this.syncSchema = options.syncSchema;
    this.finishInterruptedRekey();
  }

  /** Where a re-keyed copy of the database is written before it replaces the live file. */
  get rekeyingPath(): string {
    return `${this.databasePath}.rekeying`;
  }

  /**
   * A re-keyed copy still waiting beside the database means the swap never happened: the live file is
   * the whole truth, so the copy goes (the pending keyring is discarded at the next sign-in, since the
   * database never committed its generation). Temporary files of interrupted atomic writes go too.
   */
  private finishInterruptedRekey(): void {
    for (const suffix of ['', '-journal', '-wal', '-shm'])
      rmSync(this.rekeyingPath + suffix, { force: true });
    for (const name of readdirSync(this.dataDir)) {
      if (/^\.(keyring(\.next)?\.json|throttle\.json)\.[0-9a-f-]+\.tmp$/.test(name)) {
        rmSync(join(this.dataDir, name), { force: true });
      }
    }
  }

  get throttlePath(): string {
    return join(this.dataDir, 'throttle.json');
  }

  /** Failed password attempts per account; those the first keyring format kept move here once. */
  throttle(): ThrottleFile {
    if (!this.throttleCache) {
      this.throttleCache = ThrottleFile.load(this.throttlePath);
      if (this.isSetUp()) {
        const legacy = this.keyring().legacyThrottle;
        for (const [key, state] of Object.entries(legacy)) {
          const name = key.replace(/^t:/, '');
          if (!this.throttleCache.get(name)) this.throttleCache.set(name, state);
        }
      }
    }
    return this.throttleCache;
  }

  isSetUp(): boolean {
    return Keyring.exists(this.keyringPath);
  }

  keyring(): Keyring {
    if (!this.keyringCache) {
      if (!this.isSetUp()) {
        if (existsSync(this.databasePath)) {
          throw new WorkbenchError(
            'store-refused',
            'The keyring file is missing from the data folder, so the database cannot be opened. Restore the keyring from your last backup.',
          );
        }
        throw new WorkbenchError('not-set-up', 'The workbench has not been set up yet.');
      }
      this.keyringCache = Keyring.load(this.keyringPath, this.kdfCost);
    }
    return this.keyringCache;
  }

  adoptKeyring(keyring: Keyring): void {
    this.keyringCache = keyring;
  }

  forgetKeyring(): void {
    this.keyringCache = null;
    this.throttleCache = null;
  }

  openStore(keys: StoreKeys): Db {
    if (!this.database && !existsSync(this.databasePath)) {
      // Never a fresh, empty database beside a keyring that belongs to one with records in it.
      throw new WorkbenchError(
        'store-refused',
        'The database file is missing from the data folder, so the workbench cannot open it. Restore from your last backup; nothing has been changed.',
      );
    }
    if (!this.database) this.database = openDatabase(this.databasePath, keys.databaseKey);
    return this.database;
  }

  closeStore(): void {
    if (this.database?.open) {
      try {
        this.database.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        this.database.close();
      }
    }
    this.database = null;
  }

  /** The open database of the signed-in person; refuses when nobody is signed in. */
  db(): Db {
    const session = this.signedIn();
    return this.openStore(session.keys);
  }

  signedIn(): Extract<Session, { state: 'signed-in' }> {
    if (this.session.state === 'signed-in') return this.session;
    if (this.session.state === 'locked') {
      throw new WorkbenchError('locked', 'The workbench is locked. Enter your password to carry on.');
    }
    throw new WorkbenchError('not-signed-in', 'Please sign in first.');
  }

  /**
   * A change to the database that also changes what passwords unlock (a new person, a new password,
   * a deactivation). The next keyring is written beside the current one inside the transaction, the
   * database commits its generation, then the next keyring takes the current one's place. If anything
   * fails before the commit, the pending keyring is removed and nothing has changed; a crash after the
   * commit is finished at the next sign-in (see session.ts).
   */
  changeKeyring<T>(change: (db: Db, audit: (note: AuditNote) => void, next: Keyring) => T): T {
    const next = this.settledKeyring(this.db()).next();
    let result: T;
    try {
      result = this.write((db, audit) => {
        const value = change(db, audit, next);
        setKeyringGeneration(db, next.generation);
        setKeyringPublicKeys(db, next.publicKeys());
        next.savePending();
        crashPoint('keyring-pending-written');
        return value;
      });
    } catch (error) {
      Keyring.discardPending(this.keyringPath);
      throw error;
    }
    crashPoint('keyring-committed');
    // From here the database has committed: the in-memory keyring is the committed one even if the
    // rename fails (settledKeyring retries it, and the next sign-in finishes it).
    this.keyringCache = next;
    try {
      next.promote();
    } catch {
      // left pending: see above
    }
    return result;
  }

  /**
   * The keyring the database committed to. A pending keyring left by an interrupted change (or a
   * rename that failed) is put in place when the database holds its generation, and removed when it
   * does not. A keyring that is behind the database cannot be changed from: refused plainly.
   */
  settledKeyring(db: Db): Keyring {
    const committed = keyringGeneration(db);
    const pending = Keyring.loadPending(this.keyringPath, this.kdfCost);
    if (pending) {
      if (pending.generation === committed) {
        pending.promote();
        this.keyringCache = pending;
      } else {
        Keyring.discardPending(this.keyringPath);
      }
    }
    const keyring = this.keyring();
    if (keyring.generation !== committed) {
      throw new WorkbenchError(
        'store-refused',
        'The keyring file does not match the database, so no password or account can be changed. Nothing has been changed; restore the keyring and database from the same backup.',
      );
    }
    return keyring;
  }

  /** The connection to the team server an administrator configured (idle when there is none). */
  serverLink(): ServerLink {
    this.link ??= new ServerLink(this);
    return this.link;
  }

  /** Runs `change` in one transaction with the audit entries it records: all are kept, or none. */
  write<T>(change: (db: Db, audit: (note: AuditNote) => void) => T): T {
    const session = this.signedIn();
    const db = this.db();
    const at = this.now().toISOString();
    let audited = 0;
    let made = 0;
    const result = db.transaction(() => {
      const notes: AuditNote[] = [];
      const outcome = change(db, (note) => {
        audited++;
        notes.push(note);
        appendAudit(db, session.keys.auditKey, { ...note, at, userId: session.user.id });
      });
      if (session.device) recordDeviceKey(db, session.device);
      made = captureChanges(
        db,
        session.device,
        this.now(),
        notes.map((n) => ({ ...n, at })),
      ).length;
      return outcome;
    })();
    if (made > 0) this.link?.nudge();
    if (audited > 0) this.recordHead(db, session.keys.auditKey);
    return result;
  }

  /** Rewrites the head file after a commit that added audit entries (not while a loss stands unresolved). */
  recordHead(db: Db, auditKey: Buffer): void {
    // Only once the database records that the head file is kept: before that, a missing head file
    // is not a finding, so writing one would hide nothing and could mask a later deletion.
    if (this.loss || !headFileKept(db)) return;
    try {
      writeHeadFile(this.headPath, db, this.keyring().databaseId, auditKey);
    } catch {
      // The commit stands. A head file left behind the database is not a loss (only one ahead is),
      // and the next commit writes it again.
    }
  }

  autoLockMinutes(): number {
    if (this.session.state !== 'signed-in') return 10;
    return readSettings(this.db()).autoLockMinutes;
  }

  /** Locks when the signed-in person has been inactive for longer than the auto-lock setting. */
  lockIfIdle(): boolean {
    if (this.session.state !== 'signed-in') return false;
    const idleMs = this.now().getTime() - this.session.lastActivity;
    const minutes = this.autoLockMinutes();
    if (idleMs < minutes * 60_000) return false;
    this.lock(`locked automatically after ${minutes} minutes without activity`);
    return true;
  }

  touch(): void {
    if (this.session.state === 'signed-in') this.session.lastActivity = this.now().getTime();
  }

  /** Drops the keys from memory and closes the database; the person must enter their password again. */
  lock(summary = 'locked the workbench'): void {
    if (this.session.state !== 'signed-in') return;
    const { user } = this.session;
    try {
      this.write((_db, audit) =>
        audit({ action: 'session.lock', recordType: 'user', recordId: user.id, summary }),
      );
    } finally {
      // The keys leave memory even if the audit entry could not be written.
      this.dropKeys();
      this.session = { state: 'locked', userId: user.id, username: user.username, name: user.name };
    }
  }

  signOut(): void {
    try {
      if (this.session.state === 'signed-in') {
        const { user } = this.session;
        this.write((_db, audit) =>
          audit({ action: 'session.sign-out', recordType: 'user', recordId: user.id, summary: 'signed out' }),
        );
      }
    } finally {
      this.dropKeys();
      this.session = { state: 'signed-out' };
      this.loss = null;
    }
  }

  dropKeys(): void {
    this.link?.stop();
    this.closeStore();
    if (this.session.state === 'signed-in') {
      wipeKeys(this.session.keys);
      this.session.device?.privateKey.fill(0);
      this.session.boxKey?.fill(0);
    }
  }

  close(): void {
    this.dropKeys();
    this.session = { state: 'signed-out' };
  }
}

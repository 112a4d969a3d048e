import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { SessionStatus, UserSummary } from '../contract/schemas.ts';
import { type FailedSignIns, recordFailure, secondsUntilNextAttempt } from '../domain/sign-in-throttle.ts';
import { appendAudit } from '../store/audit-trail.ts';
import { newRecoveryKey, newSigningKeyPair, normaliseRecoveryKey, randomKey } from '../store/crypto.ts';
import { type Db, openDatabase, storeCipher } from '../store/database.ts';
import { markHeadFileKept, writeHeadFile } from '../store/head-file.ts';
import { Keyring, type StoreKeys, type Unwrapped, wipeKeys } from '../store/keyring.ts';
import {
  DEFAULT_SETTINGS,
  keyringGeneration,
  readSettings,
  setKeyringGeneration,
  setKeyringPublicKeys,
  writeSettings,
} from '../store/settings.ts';
import { addSigningKey, findUser, findUserByUsername, insertUser } from '../store/users.ts';
import { finishPendingExports } from './export-file.ts';
import { reencryptStore } from './keys.ts';
import { checkStoreAtSignIn } from './store-checks.ts';
import { applyWaitingChangeSets } from './sync/apply.ts';
import { deriveDeviceIdentity } from './sync/identity.ts';
import type { Workbench } from './workbench.ts';

export function sessionStatus(wb: Workbench): SessionStatus {
  const s = wb.session;
  if (s.state === 'signed-in') {
    return {
      setUp: true,
      state: 'signed-in',
      user: s.user,
      autoLockMinutes: readSettings(wb.db()).autoLockMinutes,
      mustChangePassword: s.mustChangePassword,
      lostChanges: wb.loss,
    };
  }
  const setUp = wb.isSetUp();
  const lockedUser: UserSummary | null =
    s.state === 'locked'
      ? {
          id: s.userId,
          username: s.username,
          name: s.name,
          agency: 'other',
          roles: [],
          aimTrained: false,
          active: true,
        }
      : null;
  return {
    setUp,
    state: s.state,
    user: lockedUser,
    autoLockMinutes: DEFAULT_SETTINGS.autoLockMinutes,
    mustChangePassword: false,
    lostChanges: null,
  };
}

/** First run: creates the encrypted store, the keyring, the recovery key and the administrator. */
export function setUp(
  wb: Workbench,
  req: ParsedRequest<'session.setUp'>,
): { recoveryKey: string; status: SessionStatus } {
  if (wb.isSetUp())
    throw new WorkbenchError('already-set-up', 'The workbench is already set up. Please sign in.');
  const now = wb.now().toISOString();
  const keys: StoreKeys = { databaseKey: randomKey(), auditKey: randomKey() };
  const recoveryKey = newRecoveryKey();
  const keyring = Keyring.create(wb.keyringPath, wb.kdfCost, {
    databaseId: randomUUID(),
    keys,
    recoveryKey,
    now,
  });
  const roles = [...new Set([...req.administrator.roles, 'administrator' as const])];
  const user: UserSummary = { id: randomUUID(), ...req.administrator, roles, active: true };
  const signing = newSigningKeyPair();
  keyring.setUser(
    { userId: user.id, username: user.username },
    req.password,
    keys,
    signing.privateKey,
    false,
  );

  for (const suffix of ['', '-wal', '-shm']) rmSync(wb.databasePath + suffix, { force: true });
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    db = openDatabase(wb.databasePath, keys.databaseKey);
    const store = db;
    store.transaction(() => {
      insertUser(store, user, now);
      addSigningKey(store, { id: randomUUID(), userId: user.id, publicKey: signing.publicKey }, now);
      writeSettings(store, DEFAULT_SETTINGS);
      setKeyringGeneration(store, keyring.generation);
      setKeyringPublicKeys(store, keyring.publicKeys());
      markHeadFileKept(store, now);
      appendAudit(store, keys.auditKey, {
        at: now,
        userId: user.id,
        action: 'workbench.set-up',
        recordType: 'user',
        recordId: user.id,
        summary: 'set up the workbench and created the first administrator',
      });
    })();
    // The head file first: a keyring beside a database without its head file would look like a loss.
    writeHeadFile(wb.headPath, store, keyring.databaseId, keys.auditKey);
    // The keyring is written last: until it exists the workbench is not set up, whatever the database holds.
    keyring.save();
  } catch (error) {
    db?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(wb.databasePath + suffix, { force: true });
    rmSync(wb.keyringPath, { force: true });
    rmSync(wb.headPath, { force: true });
    throw error;
  }
  db.close();
  wb.loss = null;
  wb.adoptKeyring(keyring);
  startSession(wb, user, keys, signing.privateKey, false);
  return { recoveryKey, status: sessionStatus(wb) };
}

/** Failed attempts are counted per account in the throttle file, and per unknown name in memory only. */
function failuresFor(wb: Workbench, key: string): FailedSignIns | undefined {
  return isKnownThrottleKey(wb, key) ? wb.throttle().get(key) : wb.unknownNameFailures.get(key);
}

const isKnownThrottleKey = (wb: Workbench, key: string) =>
  key === RECOVERY_THROTTLE || wb.keyring().entryFor(key) !== undefined;

const RECOVERY_THROTTLE = '#recovery';
const MAX_UNKNOWN_NAMES = 1000;

function refuseIfThrottled(wb: Workbench, key: string, now: Date): void {
  const state = failuresFor(wb, key);
  if (state && !(Date.parse(state.lastFailureAt) <= now.getTime())) {
    // A failure dated in the future (the clock was ahead, or the file was edited) is re-dated to now,
    // once, so the wait it causes is never longer than the longest delay.
    storeFailures(wb, key, { ...state, lastFailureAt: now.toISOString() });
  }
  const wait = secondsUntilNextAttempt(failuresFor(wb, key), now);
  if (wait > 0) {
    throw new WorkbenchError(
      'throttled',
      `Too many failed attempts for this account. Wait ${wait} seconds, then try again.`,
      { retryAfterSeconds: wait },
    );
  }
}

function recordFailedAttempt(wb: Workbench, key: string, now: Date): void {
  storeFailures(wb, key, recordFailure(failuresFor(wb, key), now));
}

function storeFailures(wb: Workbench, key: string, next: FailedSignIns): void {
  if (isKnownThrottleKey(wb, key)) {
    wb.throttle().set(key, next);
    return;
  }
  const names = wb.unknownNameFailures;
  names.delete(key);
  if (names.size >= MAX_UNKNOWN_NAMES) names.delete(names.keys().next().value as string);
  names.set(key, next);
}

function clearFailures(wb: Workbench, key: string): void {
  wb.unknownNameFailures.delete(key);
  if (wb.throttle().get(key)) wb.throttle().set(key, undefined);
}

const DAMAGED_ENTRY =
  'Your entry in the keyring is damaged, so your password cannot unlock it. Ask an administrator to set a new password for you, or restore the keyring from your last backup.';

function wrongPassword(wb: Workbench, key: string, now: Date, message: string): never {
  recordFailedAttempt(wb, key, now);
  throw new WorkbenchError('wrong-password', message);
}

/**
 * Checks the signed-in person's password again (to sign a report, change the password, re-key the
 * store), throttled like sign-in. Returns the unwrapped signing key; the caller wipes it.
 */
export function confirmPassword(wb: Workbench, password: string, refusal: string): Buffer {
  const session = wb.signedIn();
  const now = wb.now();
  const { username } = session.user;
  refuseIfThrottled(wb, username, now);
  const check = wb.keyring().unwrapWithPassword(username, password);
  if (!check.ok) {
    if (check.reason === 'damaged') throw new WorkbenchError('store-refused', DAMAGED_ENTRY);
    wrongPassword(wb, username, now, refusal);
  }
  wipeKeys(check.keys);
  clearFailures(wb, username);
  return check.signingKey;
}

/** The signing key is not kept in the session: signing and password changes unwrap it again with the password. */
function startSession(
  wb: Workbench,
  user: UserSummary,
  keys: StoreKeys,
  signingKey: Buffer,
  mustChange: boolean,
  boxKey: Buffer | null = null,
) {
  const device = deriveDeviceIdentity(signingKey, wb.keyring().databaseId, user.id);
  signingKey.fill(0);
  wb.session = {
    state: 'signed-in',
    user,
    keys,
    device,
    boxKey,
    lastActivity: wb.now().getTime(),
    mustChangePassword: mustChange,
  };
}

/**
 * Unwraps the store keys with a password and opens the store. If a crash left a keyring change
 * pending, the database decides: the keyring whose generation it committed is kept, the other goes,
 * and the password must be right in the keyring that is kept.
 */
function unlockStore(
  wb: Workbench,
  unwrap: (keyring: Keyring) => Unwrapped,
  endSession: () => void,
): Unwrapped {
  const current = wb.keyring();
  const pending = Keyring.loadPending(wb.keyringPath, wb.kdfCost);
  const candidates = pending ? [current, pending] : [current];
  let damaged = false;
  let openError: unknown = null;
  for (const candidate of candidates) {
    const unwrapped = unwrap(candidate);
    if (!unwrapped.ok) {
      damaged ||= unwrapped.reason === 'damaged';
      continue;
    }
    endSession();
    let db: Db;
    try {
      db = wb.openStore(unwrapped.keys);
    } catch (error) {
      // After an interrupted re-key only the pending keyring's key opens the database.
      wipeKeys(unwrapped.keys);
      unwrapped.signingKey.fill(0);
      openError = error;
      continue;
    }
    if (!pending) return unwrapped;
    const kept = keyringGeneration(db) === pending.generation ? pending : current;
    if (kept === pending) pending.promote();
    else Keyring.discardPending(wb.keyringPath);
    wb.adoptKeyring(kept);
    if (kept === candidate) return unwrapped;
    wipeKeys(unwrapped.keys);
    unwrapped.signingKey.fill(0);
    const again = unwrap(kept);
    if (!again.ok) wb.closeStore();
    return again;
  }
  if (openError && !damaged) throw openError;
  return { ok: false, reason: damaged ? 'damaged' : 'wrong-password' };
}

/**
 * Stores made before AEGIS are re-encrypted with it once, at the first sign-in, by the same re-keying
 * step as key rotation (here keeping the key): see keys.ts.
 */
function upgradeStore(
  wb: Workbench,
  userId: string,
  password: string,
  unwrapped: Extract<Unwrapped, { ok: true }>,
) {
  const entry = wb.keyring().entryById(userId);
  if (entry && !('verifier' in entry) && !wb.loss) {
    // A first-format entry: the same password now wraps a key pair, so a rotation can reach this person.
    wb.changeKeyring((_db, audit, next) => {
      next.setUser(
        { userId, username: entry.username },
        password,
        unwrapped.keys,
        unwrapped.signingKey,
        entry.mustChangePassword,
      );
      audit({
        action: 'account.keyring-upgrade',
        recordType: 'user',
        recordId: userId,
        summary: 'their keyring entry was moved to the current format',
      });
    });
  }
  // A store that has lost changes or is damaged is not copied: it waits for a restore or an accepted loss.
  if (storeCipher(wb.db()) !== 'aegis' && !wb.loss) reencryptStore(wb, { rotate: false });
}

/** Unwraps the keys with a password, opens the store and starts the session; throttled on failure. */
function authenticate(
  wb: Workbench,
  username: string,
  password: string,
  action: 'sign-in' | 'unlock',
): SessionStatus {
  const now = wb.now();
  refuseIfThrottled(wb, username, now);
  // Whoever was signed in (or locked) is signed out once a password has unwrapped the keys.
  const unwrapped = unlockStore(
    wb,
    (keyring) => keyring.unwrapWithPassword(username, password),
    () => {
      if (wb.session.state !== 'signed-out') wb.dropKeys();
      wb.session = { state: 'signed-out' };
    },
  );
  if (!unwrapped.ok) {
    if (unwrapped.reason === 'damaged') throw new WorkbenchError('store-refused', DAMAGED_ENTRY);
    wrongPassword(
      wb,
      username,
      now,
      action === 'unlock'
        ? 'That password is not right. Try again, or sign in as someone else.'
        : 'The username or password is not right. Check them and try again.',
    );
  }
  const { keys, signingKey } = unwrapped;
  let user: UserSummary | undefined;
  try {
    const db = wb.openStore(keys);
    // The person is the one the keys were sealed for, whatever name their keyring entry carries.
    user = findUser(db, unwrapped.userId);
    if (user?.active && user.username === username) checkStoreAtSignIn(wb, db, keys, user.id);
  } catch (error) {
    wb.closeStore();
    wipeKeys(keys);
    signingKey.fill(0);
    throw error;
  }
  if (!user?.active || user.username !== username) {
    wb.closeStore();
    wipeKeys(keys);
    signingKey.fill(0);
    if (user?.active) throw new WorkbenchError('store-refused', DAMAGED_ENTRY);
    throw new WorkbenchError(
      'forbidden',
      'This account has been deactivated. Ask your workbench administrator if you need access.',
    );
  }
  const previous = failuresFor(wb, username);
  clearFailures(wb, username);
  const mustChange = wb.keyring().entryFor(username)?.mustChangePassword ?? false;
  startSession(wb, user, keys, Buffer.from(signingKey), mustChange, unwrapped.boxKey ?? null);
  const failures = previous
    ? ` after ${previous.failures} failed attempt${previous.failures === 1 ? '' : 's'}`
    : '';
  try {
    wb.write((db, audit) => {
      audit({
        action: action === 'unlock' ? 'session.unlock' : 'session.sign-in',
        recordType: 'user',
        recordId: user.id,
        summary: `${action === 'unlock' ? 'unlocked the workbench' : 'signed in'}${failures}`,
      });
      // Change sets an older version kept for later are applied once this version understands them.
      const applied = wb.loss ? 0 : applyWaitingChangeSets(wb, db);
      if (applied > 0) {
        audit({
          action: 'sync.apply-waiting',
          recordType: 'user',
          recordId: user.id,
          summary: `applied ${applied} change set${applied === 1 ? '' : 's'} from other computers that this version of the workbench now understands`,
        });
      }
    });
  } catch (error) {
    // Signed in but not recorded: not a session to keep.
    wb.dropKeys();
    wb.session = { state: 'signed-out' };
    signingKey.fill(0);
    throw error;
  }
  // With a team server configured, the live link opens now (main process only).
  wb.serverLink().start();
  try {
    upgradeStore(wb, user.id, password, unwrapped);
  } catch {
    // The upgrade is tried again at the next sign-in; the person is signed in either way.
  } finally {
    signingKey.fill(0);
  }
  finishPendingExports(wb);
  return sessionStatus(wb);
}

export function signIn(wb: Workbench, req: ParsedRequest<'session.signIn'>): SessionStatus {
  return authenticate(wb, req.username, req.password, 'sign-in');
}

export function unlock(wb: Workbench, req: ParsedRequest<'session.unlock'>): SessionStatus {
  if (wb.session.state !== 'locked') {
    throw new WorkbenchError('invalid-request', 'The workbench is not locked.');
  }
  return authenticate(wb, wb.session.username, req.password, 'unlock');
}

/** Forgotten password: the recovery key unwraps the store keys and sets a new password for the account. */
export function recover(wb: Workbench, req: ParsedRequest<'session.recover'>): SessionStatus {
  const now = wb.now();
  // One throttle for every recovery attempt, whatever username is tried: the recovery key is the secret.
  refuseIfThrottled(wb, RECOVERY_THROTTLE, now);
  const recoveryKey = normaliseRecoveryKey(req.recoveryKey);
  const unwrapped = unlockStore(
    wb,
    (k): Unwrapped => {
      const keys = k.unwrapWithRecoveryKey(recoveryKey);
      return keys
        ? { ok: true, userId: '', keys, signingKey: Buffer.alloc(0) }
        : { ok: false, reason: 'wrong-password' };
    },
    () => {
      if (wb.session.state !== 'signed-out') wb.dropKeys();
      wb.session = { state: 'signed-out' };
    },
  );
  if (!unwrapped.ok)
    wrongPassword(wb, RECOVERY_THROTTLE, now, 'That recovery key is not right. Check it and try again.');
  const { keys } = unwrapped;
  const db = wb.openStore(keys);
  const user = findUserByUsername(db, req.username);
  if (!user?.active) {
    wb.closeStore();
    wipeKeys(keys);
    throw new WorkbenchError('not-found', 'There is no active account with that username.');
  }
  try {
    checkStoreAtSignIn(wb, db, keys, user.id);
  } catch (error) {
    wb.closeStore();
    wipeKeys(keys);
    throw error;
  }
  // The old signing key was wrapped by the forgotten password, so a new key pair replaces it.
  const signing = newSigningKeyPair();
  startSession(wb, user, keys, Buffer.alloc(0), false);
  try {
    wb.changeKeyring((store, audit, next) => {
      addSigningKey(
        store,
        { id: randomUUID(), userId: user.id, publicKey: signing.publicKey },
        now.toISOString(),
      );
      audit({
        action: 'session.recover',
        recordType: 'user',
        recordId: user.id,
        summary: 'set a new password with the recovery key',
      });
      next.setUser(
        { userId: user.id, username: user.username },
        req.newPassword,
        keys,
        signing.privateKey,
        false,
      );
    });
  } catch (error) {
    wb.dropKeys();
    wb.session = { state: 'signed-out' };
    throw error;
  } finally {
    signing.privateKey.fill(0);
  }
  clearFailures(wb, RECOVERY_THROTTLE);
  clearFailures(wb, user.username);
  return sessionStatus(wb);
}

export function changePassword(wb: Workbench, req: ParsedRequest<'account.changePassword'>): SessionStatus {
  const session = wb.signedIn();
  const signingKey = confirmPassword(
    wb,
    req.currentPassword,
    'Your current password is not right. Nothing has been changed.',
  );
  try {
    if (req.newPassword === req.currentPassword) {
      throw new WorkbenchError('rule-broken', 'The new password must be different from the current one.');
    }
    wb.changeKeyring((_db, audit, next) => {
      audit({
        action: 'account.change-password',
        recordType: 'user',
        recordId: session.user.id,
        summary: 'changed their password',
      });
      next.setUser(
        { userId: session.user.id, username: session.user.username },
        req.newPassword,
        session.keys,
        signingKey,
        false,
      );
    });
  } finally {
    signingKey.fill(0);
  }
  session.mustChangePassword = false;
  return sessionStatus(wb);
}

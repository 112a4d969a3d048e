import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { SessionStatus, UserSummary } from '../contract/schemas.ts';
import { recordFailure, secondsUntilNextAttempt } from '../domain/sign-in-throttle.ts';
import { appendAudit } from '../store/audit-trail.ts';
import { newRecoveryKey, newSigningKeyPair, normaliseRecoveryKey, randomKey } from '../store/crypto.ts';
import { openDatabase } from '../store/database.ts';
import { markHeadFileKept, writeHeadFile } from '../store/head-file.ts';
import { Keyring, type StoreKeys, wipeKeys } from '../store/keyring.ts';
import { DEFAULT_SETTINGS, readSettings, writeSettings } from '../store/settings.ts';
import { addSigningKey, findUserByUsername, insertUser } from '../store/users.ts';
import { checkStoreAtSignIn } from './store-checks.ts';
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

  rmSync(wb.databasePath, { force: true });
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    db = openDatabase(wb.databasePath, keys.databaseKey);
    const store = db;
    store.transaction(() => {
      insertUser(store, user, now);
      addSigningKey(store, { id: randomUUID(), userId: user.id, publicKey: signing.publicKey }, now);
      writeSettings(store, DEFAULT_SETTINGS);
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

function refuseIfThrottled(keyring: Keyring, username: string, now: Date): void {
  const wait = secondsUntilNextAttempt(keyring.throttleFor(username), now);
  if (wait > 0) {
    throw new WorkbenchError(
      'throttled',
      `Too many failed attempts for this account. Wait ${wait} seconds, then try again.`,
      { retryAfterSeconds: wait },
    );
  }
}

function wrongPassword(keyring: Keyring, username: string, now: Date, message: string): never {
  keyring.setThrottle(username, recordFailure(keyring.throttleFor(username), now));
  keyring.save();
  throw new WorkbenchError('wrong-password', message);
}

/** The signing key is not kept in the session: signing and password changes unwrap it again with the password. */
function startSession(
  wb: Workbench,
  user: UserSummary,
  keys: StoreKeys,
  signingKey: Buffer,
  mustChange: boolean,
) {
  signingKey.fill(0);
  wb.session = {
    state: 'signed-in',
    user,
    keys,
    lastActivity: wb.now().getTime(),
    mustChangePassword: mustChange,
  };
}

/** Unwraps the keys with a password, opens the store and starts the session; throttled on failure. */
function authenticate(
  wb: Workbench,
  username: string,
  password: string,
  action: 'sign-in' | 'unlock',
): SessionStatus {
  const keyring = wb.keyring();
  const now = wb.now();
  refuseIfThrottled(keyring, username, now);
  const unwrapped = keyring.unwrapWithPassword(username, password);
  if (!unwrapped) {
    wrongPassword(
      keyring,
      username,
      now,
      action === 'unlock'
        ? 'That password is not right. Try again, or sign in as someone else.'
        : 'The username or password is not right. Check them and try again.',
    );
  }
  const { keys, signingKey } = unwrapped;
  if (wb.session.state !== 'signed-out') wb.dropKeys();
  wb.session = { state: 'signed-out' };
  let user: UserSummary | undefined;
  try {
    const db = wb.openStore(keys);
    user = findUserByUsername(db, username);
    if (user?.active) checkStoreAtSignIn(wb, db, keys, user.id);
  } catch (error) {
    wb.closeStore();
    wipeKeys(keys);
    throw error;
  }
  if (!user?.active) {
    wb.closeStore();
    wipeKeys(keys);
    throw new WorkbenchError(
      'forbidden',
      'This account has been deactivated. Ask your workbench administrator if you need access.',
    );
  }
  const previous = keyring.throttleFor(username);
  if (previous) {
    keyring.setThrottle(username, undefined);
    keyring.save();
  }
  const mustChange = keyring.entryFor(username)?.mustChangePassword ?? false;
  startSession(wb, user, keys, signingKey, mustChange);
  const failures = previous
    ? ` after ${previous.failures} failed attempt${previous.failures === 1 ? '' : 's'}`
    : '';
  wb.write((_db, audit) =>
    audit({
      action: action === 'unlock' ? 'session.unlock' : 'session.sign-in',
      recordType: 'user',
      recordId: user.id,
      summary: `${action === 'unlock' ? 'unlocked the workbench' : 'signed in'}${failures}`,
    }),
  );
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
  const keyring = wb.keyring();
  const now = wb.now();
  // One throttle for every recovery attempt, whatever username is tried: the recovery key is the secret.
  const throttleKey = '#recovery';
  refuseIfThrottled(keyring, throttleKey, now);
  const keys = keyring.unwrapWithRecoveryKey(normaliseRecoveryKey(req.recoveryKey));
  if (!keys)
    wrongPassword(keyring, throttleKey, now, 'That recovery key is not right. Check it and try again.');
  if (wb.session.state !== 'signed-out') wb.dropKeys();
  wb.session = { state: 'signed-out' };
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
  const at = now.toISOString();
  db.transaction(() => {
    addSigningKey(db, { id: randomUUID(), userId: user.id, publicKey: signing.publicKey }, at);
    appendAudit(db, keys.auditKey, {
      at,
      userId: user.id,
      action: 'session.recover',
      recordType: 'user',
      recordId: user.id,
      summary: 'set a new password with the recovery key',
    });
    keyring.setUser(
      { userId: user.id, username: user.username },
      req.newPassword,
      keys,
      signing.privateKey,
      false,
    );
    keyring.setThrottle(throttleKey, undefined);
    keyring.setThrottle(user.username, undefined);
    keyring.save();
  })();
  wb.recordHead(db, keys.auditKey);
  startSession(wb, user, keys, signing.privateKey, false);
  return sessionStatus(wb);
}

export function changePassword(wb: Workbench, req: ParsedRequest<'account.changePassword'>): SessionStatus {
  const session = wb.signedIn();
  const keyring = wb.keyring();
  const now = wb.now();
  const { username } = session.user;
  refuseIfThrottled(keyring, username, now);
  const check = keyring.unwrapWithPassword(username, req.currentPassword);
  if (!check)
    wrongPassword(keyring, username, now, 'Your current password is not right. Nothing has been changed.');
  wipeKeys(check.keys);
  if (req.newPassword === req.currentPassword) {
    check.signingKey.fill(0);
    throw new WorkbenchError('rule-broken', 'The new password must be different from the current one.');
  }
  try {
    wb.write((_db, audit) => {
      audit({
        action: 'account.change-password',
        recordType: 'user',
        recordId: session.user.id,
        summary: 'changed their password',
      });
      keyring.setUser(
        { userId: session.user.id, username },
        req.newPassword,
        session.keys,
        check.signingKey,
        false,
      );
      keyring.save();
    });
  } finally {
    check.signingKey.fill(0);
  }
  session.mustChangePassword = false;
  return sessionStatus(wb);
}

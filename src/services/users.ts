import { randomUUID } from 'node:crypto';
import type { ParsedRequest } from '../contract/calls.ts';
import { WorkbenchError } from '../contract/errors.ts';
import type { UserSummary } from '../contract/schemas.ts';
import { newSigningKeyPair } from '../store/crypto.ts';
import {
  addSigningKey,
  countActiveAdministrators,
  findUser,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
} from '../store/users.ts';
import type { Workbench } from './workbench.ts';

export const usersList = (wb: Workbench): UserSummary[] => listUsers(wb.db());

/** The administrator adds a person; their initial password wraps the store keys and must be changed at first sign-in. */
export function createUser(wb: Workbench, req: ParsedRequest<'users.create'>): UserSummary {
  const session = wb.signedIn();
  const { initialPassword, ...fields } = req;
  const user: UserSummary = { id: randomUUID(), ...fields, roles: [...new Set(fields.roles)], active: true };
  const signing = newSigningKeyPair();
  const now = wb.now().toISOString();
  try {
    return wb.changeKeyring((db, audit, keyring) => {
      if (findUserByUsername(db, user.username)) {
        throw new WorkbenchError(
          'conflict',
          `The username “${user.username}” is already taken. Choose another.`,
          {
            problems: [{ path: 'username', message: 'is already taken' }],
          },
        );
      }
      insertUser(db, user, now);
      addSigningKey(db, { id: randomUUID(), userId: user.id, publicKey: signing.publicKey }, now);
      audit({
        action: 'user.create',
        recordType: 'user',
        recordId: user.id,
        summary: `added ${user.username} (${user.roles.join(', ')}; ${user.agency}${user.aimTrained ? '; AIM-trained' : ''})`,
      });
      keyring.setUser(
        { userId: user.id, username: user.username },
        initialPassword,
        session.keys,
        signing.privateKey,
        true,
      );
      return user;
    });
  } finally {
    signing.privateKey.fill(0);
  }
}

function describeChanges(before: UserSummary, after: UserSummary): string {
  const changed = (['name', 'agency', 'roles', 'aimTrained', 'active'] as const).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (!after.active && before.active) return 'deactivated the account';
  if (after.active && !before.active) return `reactivated the account; changed ${changed.join(', ')}`;
  return changed.length ? `changed ${changed.join(', ')}` : 'saved with no changes';
}

export function updateUserDetails(wb: Workbench, req: ParsedRequest<'users.update'>): UserSummary {
  const session = wb.signedIn();
  return wb.changeKeyring((db, audit, keyring) => {
    const before = findUser(db, req.id);
    if (!before) throw new WorkbenchError('not-found', 'That person is not in the workbench.');
    const after: UserSummary = { ...before, ...req, roles: [...new Set(req.roles)] };
    updateUser(db, after, wb.now().toISOString());
    if (countActiveAdministrators(db) === 0) {
      throw new WorkbenchError(
        'rule-broken',
        'The workbench must keep at least one active administrator. Make someone else an administrator first.',
      );
    }
    if (before.id === session.user.id && !after.active) {
      throw new WorkbenchError('rule-broken', 'You cannot deactivate your own account.');
    }
    audit({
      action: 'user.update',
      recordType: 'user',
      recordId: after.id,
      summary: describeChanges(before, after),
    });
    if (!after.active && before.active) {
      // A deactivated person's password must no longer unwrap the database key.
      keyring.removeUser(after.id);
    }
    if (after.id === session.user.id) session.user = after;
    return after;
  });
}

/**
 * Sets a new password for someone who has forgotten theirs. Their old signing key was wrapped by the
 * old password, so they get a new key pair (the old public key is kept to verify earlier sign-offs).
 */
export function resetPassword(wb: Workbench, req: ParsedRequest<'users.resetPassword'>): null {
  const session = wb.signedIn();
  const signing = newSigningKeyPair();
  const now = wb.now().toISOString();
  let username = '';
  try {
    wb.changeKeyring((db, audit, keyring) => {
      const user = findUser(db, req.id);
      if (!user) throw new WorkbenchError('not-found', 'That person is not in the workbench.');
      if (!user.active) {
        throw new WorkbenchError(
          'rule-broken',
          'Reactivate the account before setting a new password for it.',
        );
      }
      addSigningKey(db, { id: randomUUID(), userId: user.id, publicKey: signing.publicKey }, now);
      audit({
        action: 'user.reset-password',
        recordType: 'user',
        recordId: user.id,
        summary: `set a new password for ${user.username}, to be changed at next sign-in`,
      });
      keyring.setUser(
        { userId: user.id, username: user.username },
        req.newPassword,
        session.keys,
        signing.privateKey,
        true,
      );
      username = user.username;
    });
  } finally {
    signing.privateKey.fill(0);
  }
  // The person's failed attempts were against the old password.
  if (wb.throttle().get(username)) wb.throttle().set(username, undefined);
  return null;
}

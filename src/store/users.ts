import type { UserSummary } from '../contract/schemas.ts';
import type { Agency, Role } from '../contract/vocabulary.ts';
import type { Db } from './database.ts';

interface UserRow {
  id: string;
  username: string;
  name: string;
  agency: string;
  roles: string;
  aim_trained: number;
  active: number;
}

const toUser = (row: UserRow): UserSummary => ({
  id: row.id,
  username: row.username,
  name: row.name,
  agency: row.agency as Agency,
  roles: JSON.parse(row.roles) as Role[],
  aimTrained: row.aim_trained === 1,
  active: row.active === 1,
});

const COLUMNS = 'id, username, name, agency, roles, aim_trained, active';

export function listUsers(db: Db): UserSummary[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY name COLLATE NOCASE`).all() as UserRow[]).map(
    toUser,
  );
}

export function findUser(db: Db, id: string): UserSummary | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  return row ? toUser(row) : undefined;
}

export function findUserByUsername(db: Db, username: string): UserSummary | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ?`).get(username) as
    | UserRow
    | undefined;
  return row ? toUser(row) : undefined;
}

export function insertUser(db: Db, user: UserSummary, now: string): void {
  db.prepare(
    `INSERT INTO users (id, username, name, agency, roles, aim_trained, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    user.id,
    user.username,
    user.name,
    user.agency,
    JSON.stringify(user.roles),
    user.aimTrained ? 1 : 0,
    user.active ? 1 : 0,
    now,
    now,
  );
}

export function updateUser(db: Db, user: UserSummary, now: string): void {
  db.prepare(
    `UPDATE users SET name = ?, agency = ?, roles = ?, aim_trained = ?, active = ?, updated_at = ? WHERE id = ?`,
  ).run(
    user.name,
    user.agency,
    JSON.stringify(user.roles),
    user.aimTrained ? 1 : 0,
    user.active ? 1 : 0,
    now,
    user.id,
  );
}

export function countActiveAdministrators(db: Db): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM users WHERE active = 1 AND EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = 'administrator')`,
    )
    .get() as { n: number };
  return row.n;
}

export function addSigningKey(
  db: Db,
  key: { id: string; userId: string; publicKey: string },
  now: string,
): void {
  db.prepare('UPDATE signing_keys SET retired_at = ? WHERE user_id = ? AND retired_at IS NULL').run(
    now,
    key.userId,
  );
  db.prepare('INSERT INTO signing_keys (id, user_id, public_key, created_at) VALUES (?, ?, ?, ?)').run(
    key.id,
    key.userId,
    key.publicKey,
    now,
  );
}

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

/** A person's columns as named parameters, for the insert and the update alike. */
const userParams = (user: UserSummary, now: string) => ({
  id: user.id,
  username: user.username,
  name: user.name,
  agency: user.agency,
  roles: JSON.stringify(user.roles),
  aimTrained: user.aimTrained ? 1 : 0,
  active: user.active ? 1 : 0,
  now,
});

export function insertUser(db: Db, user: UserSummary, now: string): void {
  db.prepare(
    `INSERT INTO users (id, username, name, agency, roles, aim_trained, active, created_at, updated_at)
     VALUES (@id, @username, @name, @agency, @roles, @aimTrained, @active, @now, @now)`,
  ).run(userParams(user, now));
}

export function updateUser(db: Db, user: UserSummary, now: string): void {
  db.prepare(
    `UPDATE users SET name = @name, agency = @agency, roles = @roles, aim_trained = @aimTrained,
       active = @active, updated_at = @now WHERE id = @id`,
  ).run(userParams(user, now));
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

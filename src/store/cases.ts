import { randomBytes } from 'node:crypto';
import type { CaseListItem, HsbCase } from '../contract/schemas.ts';
import type { Db } from './database.ts';

interface CaseRow {
  id: string;
  version: number;
  reference: string;
  child_id: string;
  profile_id: string;
  profile_version: number;
  status: 'open' | 'closed';
  social_worker_id: string;
  yos_practitioner_id: string;
  opened_at: string;
  opened_by: string;
}

function managersOf(db: Db, caseId: string): string[] {
  return (
    db.prepare('SELECT user_id FROM case_managers WHERE case_id = ? ORDER BY rowid').all(caseId) as {
      user_id: string;
    }[]
  ).map((r) => r.user_id);
}

const toCase = (db: Db, r: CaseRow): HsbCase => ({
  id: r.id,
  version: r.version,
  reference: r.reference,
  childId: r.child_id,
  profileId: r.profile_id,
  profileVersion: r.profile_version,
  status: r.status,
  socialWorkerId: r.social_worker_id,
  yosPractitionerId: r.yos_practitioner_id,
  managerIds: managersOf(db, r.id),
  openedAt: r.opened_at,
  openedBy: r.opened_by,
});

export function findCase(db: Db, id: string): HsbCase | undefined {
  const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
  return row ? toCase(db, row) : undefined;
}

/**
 * The next reference in the year, e.g. HSB-2026-0007. A computer in a team numbers its own cases
 * under its own code (HSB-2026-K7QF-0007), so two computers never give two cases one reference.
 */
export function nextCaseReference(db: Db, year: number): string {
  const code = teamComputerCode(db);
  const prefix = code ? `HSB-${year}-${code}-` : `HSB-${year}-`;
  const taken = db.prepare('SELECT 1 FROM cases WHERE reference = ?');
  const row = db.prepare('SELECT count(*) AS n FROM cases WHERE reference LIKE ?').get(`${prefix}%`) as {
    n: number;
  };
  let n = row.n + 1;
  while (taken.get(`${prefix}${String(n).padStart(4, '0')}`)) n++;
  return `${prefix}${String(n).padStart(4, '0')}`;
}

/** This computer's code in case references, made when it joins a team (none before). */
function teamComputerCode(db: Db): string | null {
  const inTeam = db.prepare("SELECT 1 FROM sync_meta WHERE key = 'roster'").get();
  if (!inTeam) return null;
  const held = db.prepare("SELECT value FROM sync_meta WHERE key = 'computer-code'").get() as
    | { value: string }
    | undefined;
  if (held) return held.value;
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const code = Array.from(randomBytes(4), (b) => letters[b % letters.length]).join('');
  db.prepare("INSERT INTO sync_meta (key, value) VALUES ('computer-code', ?)").run(code);
  return code;
}

function setManagers(db: Db, caseId: string, managerIds: readonly string[]): void {
  db.prepare('DELETE FROM case_managers WHERE case_id = ?').run(caseId);
  const add = db.prepare('INSERT INTO case_managers (case_id, user_id) VALUES (?, ?)');
  for (const id of new Set(managerIds)) add.run(caseId, id);
}

export function insertCase(db: Db, c: HsbCase): void {
  db.prepare(
    `INSERT INTO cases (id, version, reference, child_id, profile_id, profile_version, status, social_worker_id,
       yos_practitioner_id, opened_at, opened_by, updated_at)
     VALUES (@id, @version, @reference, @childId, @profileId, @profileVersion, @status, @socialWorkerId,
       @yosPractitionerId, @openedAt, @openedBy, @openedAt)`,
  ).run({ ...c, managerIds: undefined });
  setManagers(db, c.id, c.managerIds);
  reindexCase(db, c.id);
}

export function updateAllocation(
  db: Db,
  c: Pick<HsbCase, 'id' | 'socialWorkerId' | 'yosPractitionerId' | 'managerIds'>,
  expectedVersion: number,
  now: string,
): boolean {
  const result = db
    .prepare(
      `UPDATE cases SET version = version + 1, social_worker_id = ?, yos_practitioner_id = ?, updated_at = ?
       WHERE id = ? AND version = ?`,
    )
    .run(c.socialWorkerId, c.yosPractitionerId, now, c.id, expectedVersion);
  if (result.changes !== 1) return false;
  setManagers(db, c.id, c.managerIds);
  return true;
}

/** Whether the child has cases and every one of them is closed. */
export function allCasesOfChildClosed(db: Db, childId: string): boolean {
  const row = db
    .prepare(
      "SELECT COUNT(*) AS total, SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open FROM cases WHERE child_id = ?",
    )
    .get(childId) as { total: number; open: number | null };
  return row.total > 0 && (row.open ?? 0) === 0;
}

/** Closes or reopens a case, if it is still at the version the person saw. */
export function setCaseStatus(
  db: Db,
  id: string,
  status: HsbCase['status'],
  expectedVersion: number,
  now: string,
): boolean {
  const result = db
    .prepare(
      'UPDATE cases SET version = version + 1, status = ?, updated_at = ? WHERE id = ? AND version = ?',
    )
    .run(status, now, id, expectedVersion);
  return result.changes === 1;
}

/** Keeps the full-text index of a case in step with its child's names and identifiers. */
export function reindexCase(db: Db, caseId: string): void {
  db.prepare('DELETE FROM case_search WHERE case_id = ?').run(caseId);
  db.prepare(
    `INSERT INTO case_search (case_id, content)
     SELECT c.id, concat_ws(' ', c.reference, ch.name, ch.preferred_name, ch.social_care_number,
       ch.youth_justice_number)
     FROM cases c JOIN children ch ON ch.id = c.child_id WHERE c.id = ?`,
  ).run(caseId);
}

export function reindexCasesOfChild(db: Db, childId: string): void {
  const ids = db.prepare('SELECT id FROM cases WHERE child_id = ?').all(childId) as { id: string }[];
  for (const { id } of ids) reindexCase(db, id);
}

/** Turns what a person typed into an FTS5 query: every word must match the start of a word. */
export function toFtsQuery(typed: string): string | null {
  const words = typed.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}

const LIST_SELECT = `SELECT c.id AS caseId, c.reference, c.status, c.profile_id AS profileId, c.child_id AS childId,
    ch.name AS childName, ch.preferred_name AS preferredName, ch.date_of_birth AS dateOfBirth,
    ch.social_care_number AS socialCareNumber, ch.youth_justice_number AS youthJusticeNumber,
    c.opened_at AS openedAt
  FROM cases c JOIN children ch ON ch.id = c.child_id`;

export type CaseListRow = Omit<CaseListItem, 'profileName' | 'accessible'> & { profileId: string };

export function searchCases(db: Db, typed: string, limit = 200): CaseListRow[] {
  const query = toFtsQuery(typed);
  if (!query) {
    return db.prepare(`${LIST_SELECT} ORDER BY c.opened_at DESC LIMIT ?`).all(limit) as CaseListRow[];
  }
  return db
    .prepare(
      `${LIST_SELECT} WHERE c.id IN (SELECT case_id FROM case_search WHERE case_search MATCH ?)
       ORDER BY ch.name COLLATE NOCASE LIMIT ?`,
    )
    .all(query, limit) as CaseListRow[];
}

export function setCaseProfileVersion(db: Db, caseId: string, version: number, now: string): void {
  db.prepare('UPDATE cases SET profile_version = ?, version = version + 1, updated_at = ? WHERE id = ?').run(
    version,
    now,
    caseId,
  );
}

/**
 * Has FTS5 remove a deleted row's words from the index itself (its secure-delete option, SQLite ≥ 3.42)
 * instead of leaving them in older index blocks until a merge, so a renamed child's old name leaves
 * the file. Run at every open; the first time on a store written before, it also rebuilds the index so
 * names removed earlier go too (the connection's secure_delete pragma zeroes the freed pages).
 */
export function secureSearchIndex(db: Db): void {
  const row = db.prepare("SELECT v FROM case_search_config WHERE k = 'secure-delete'").get() as
    | { v: unknown }
    | undefined;
  if (row?.v === 1) return;
  db.transaction(() => {
    db.prepare("INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', 1)").run();
    db.prepare("INSERT INTO case_search (case_search) VALUES ('rebuild')").run();
  })();
}

/** The open cases a person is allocated to (social worker, YOS practitioner, opener or manager), as My work lists them. */
export function openCaseIdsOf(db: Db, userId: string): string[] {
  const rows = db
    .prepare(
      `SELECT c.id FROM cases c
       WHERE c.status = 'open' AND (c.social_worker_id = @userId OR c.yos_practitioner_id = @userId
         OR c.opened_by = @userId
         OR EXISTS (SELECT 1 FROM case_managers m WHERE m.case_id = c.id AND m.user_id = @userId))
       ORDER BY c.reference`,
    )
    .all({ userId }) as { id: string }[];
  return rows.map((r) => r.id);
}

import type { CaseAllocationFacts } from '../domain/case-access.ts';
import { OPEN_CONSULTATION_STATES } from '../domain/case-access.ts';
import { findCase } from './cases.ts';
import type { Db } from './database.ts';

export interface AccessGrantRow {
  id: string;
  caseId: string;
  userId: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
}

export interface AccessRequestRow {
  id: string;
  caseId: string;
  userId: string;
  reason: string;
  requestedAt: string;
}

/** Everything the access rule needs to know about one case, or undefined when there is no such case. */
export function allocationFacts(db: Db, caseId: string): CaseAllocationFacts | undefined {
  const hsbCase = findCase(db, caseId);
  if (!hsbCase) return undefined;
  const assessors = db
    // Co-assessing gives access while the assessment is being written and signed, not after it is final.
    .prepare(
      "SELECT lead_assessor_id AS lead, co_assessor_id AS co FROM assessments WHERE case_id = ? AND state NOT IN ('final', 'superseded')",
    )
    .all(caseId) as { lead: string; co: string }[];
  const open = db
    .prepare(
      `SELECT count(*) AS n FROM consultations WHERE case_id = ? AND state IN (${OPEN_CONSULTATION_STATES.map(() => '?').join(', ')})`,
    )
    .get(caseId, ...OPEN_CONSULTATION_STATES) as { n: number };
  return {
    socialWorkerId: hsbCase.socialWorkerId,
    yosPractitionerId: hsbCase.yosPractitionerId,
    managerIds: hsbCase.managerIds,
    assessorIds: assessors.flatMap((a) => [a.lead, a.co]),
    consultationOpen: open.n > 0,
    grants: grantsOf(db, caseId),
  };
}

export function grantsOf(db: Db, caseId: string): AccessGrantRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, user_id AS userId, reason, granted_at AS grantedAt, expires_at AS expiresAt
       FROM case_access_grants WHERE case_id = ? ORDER BY granted_at, rowid`,
    )
    .all(caseId) as AccessGrantRow[];
}

export function insertGrant(db: Db, g: AccessGrantRow): void {
  db.prepare(
    `INSERT INTO case_access_grants (id, case_id, user_id, reason, granted_at, expires_at)
     VALUES (@id, @caseId, @userId, @reason, @grantedAt, @expiresAt)`,
  ).run(g);
}

export function accessRequestsOf(db: Db, caseId: string): AccessRequestRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, user_id AS userId, reason, requested_at AS requestedAt
       FROM case_access_requests WHERE case_id = ? ORDER BY requested_at, rowid`,
    )
    .all(caseId) as AccessRequestRow[];
}

export function insertAccessRequest(db: Db, r: AccessRequestRow): void {
  db.prepare(
    `INSERT INTO case_access_requests (id, case_id, user_id, reason, requested_at)
     VALUES (@id, @caseId, @userId, @reason, @requestedAt)`,
  ).run(r);
}

/** The tables whose rows belong to one case through a case_id column. */
const CASE_TABLES = {
  assessment: 'assessments',
  deadline: 'deadlines',
  'map-item': 'map_items',
  'map-link': 'map_links',
  'map-theme': 'map_themes',
  person: 'case_people',
  'strategy-meeting': 'strategy_meetings',
  consultation: 'consultations',
} as const;

/** The case a record belongs to, or undefined when there is no such record. */
export function caseIdOf(db: Db, kind: keyof typeof CASE_TABLES, id: string): string | undefined {
  const row = db.prepare(`SELECT case_id AS caseId FROM ${CASE_TABLES[kind]} WHERE id = ?`).get(id) as
    | { caseId: string }
    | undefined;
  return row?.caseId;
}

export function caseIdOfAssessmentItem(db: Db, itemId: string): string | undefined {
  const row = db
    .prepare(
      'SELECT a.case_id AS caseId FROM assessment_items i JOIN assessments a ON a.id = i.assessment_id WHERE i.id = ?',
    )
    .get(itemId) as { caseId: string } | undefined;
  return row?.caseId;
}

/** The cases opened for a child, and who recorded the child. */
export function childAccessFacts(
  db: Db,
  childId: string,
): { createdBy: string; caseIds: string[] } | undefined {
  const child = db.prepare('SELECT created_by AS createdBy FROM children WHERE id = ?').get(childId) as
    | { createdBy: string }
    | undefined;
  if (!child) return undefined;
  const cases = db.prepare('SELECT id FROM cases WHERE child_id = ? ORDER BY opened_at').all(childId) as {
    id: string;
  }[];
  return { createdBy: child.createdBy, caseIds: cases.map((c) => c.id) };
}

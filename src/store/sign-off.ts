import type { Db } from './database.ts';

export interface TransitionRow {
  id: string;
  assessmentId: string;
  action: string;
  fromState: string;
  toState: string;
  comments: string;
  /** A return's comments, each on the part it is about (JSON: ReturnComment[]); '[]' otherwise. */
  sectionComments: string;
  at: string;
  by: string;
}

export function transitionsOf(db: Db, assessmentId: string): TransitionRow[] {
  return db
    .prepare(
      `SELECT id, assessment_id AS assessmentId, action, from_state AS fromState, to_state AS toState, comments, section_comments AS sectionComments, at, by
       FROM report_transitions WHERE assessment_id = ? ORDER BY at, rowid`,
    )
    .all(assessmentId) as TransitionRow[];
}

export function insertTransition(db: Db, t: TransitionRow): void {
  db.prepare(
    'INSERT INTO report_transitions (id, assessment_id, action, from_state, to_state, comments, section_comments, at, by) VALUES (@id, @assessmentId, @action, @fromState, @toState, @comments, @sectionComments, @at, @by)',
  ).run(t);
}

export function snapshotOf(
  db: Db,
  assessmentId: string,
): { content: string; contentHash: string; takenAt: string } | undefined {
  return db
    .prepare(
      'SELECT content, content_hash AS contentHash, taken_at AS takenAt FROM report_snapshots WHERE assessment_id = ?',
    )
    .get(assessmentId) as { content: string; contentHash: string; takenAt: string } | undefined;
}

export function saveSnapshot(
  db: Db,
  assessmentId: string,
  content: string,
  contentHash: string,
  now: string,
): void {
  db.prepare(
    `INSERT INTO report_snapshots (assessment_id, content, content_hash, taken_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(assessment_id) DO UPDATE SET content = excluded.content, content_hash = excluded.content_hash, taken_at = excluded.taken_at`,
  ).run(assessmentId, content, contentHash, now);
}

export interface SignatureRow {
  id: string;
  assessmentId: string;
  signerId: string;
  signingKeyId: string;
  payload: string;
  signature: string;
  keyMac: string;
  signedAt: string;
}

export function signaturesOf(db: Db, assessmentId: string): SignatureRow[] {
  return db
    .prepare(
      `SELECT id, assessment_id AS assessmentId, signer_id AS signerId, signing_key_id AS signingKeyId, payload, signature,
              key_mac AS keyMac, signed_at AS signedAt
       FROM report_signatures WHERE assessment_id = ? ORDER BY signed_at, rowid`,
    )
    .all(assessmentId) as SignatureRow[];
}

export function insertSignature(db: Db, s: SignatureRow): void {
  db.prepare(
    `INSERT INTO report_signatures (id, assessment_id, signer_id, signing_key_id, payload, signature, key_mac, signed_at)
     VALUES (@id, @assessmentId, @signerId, @signingKeyId, @payload, @signature, @keyMac, @signedAt)`,
  ).run(s);
}

export function currentSigningKey(db: Db, userId: string): { id: string; publicKey: string } | undefined {
  return db
    .prepare(
      'SELECT id, public_key AS publicKey FROM signing_keys WHERE user_id = ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    )
    .get(userId) as { id: string; publicKey: string } | undefined;
}

export function signingKeyById(
  db: Db,
  id: string,
): { id: string; userId: string; publicKey: string } | undefined {
  return db
    .prepare('SELECT id, user_id AS userId, public_key AS publicKey FROM signing_keys WHERE id = ?')
    .get(id) as { id: string; userId: string; publicKey: string } | undefined;
}

export function insertReportExport(
  db: Db,
  e: {
    id: string;
    assessmentId: string | null;
    caseId: string;
    kind: string;
    versionNo: number | null;
    marking: string;
    savedTo: string;
    at: string;
    by: string;
  },
): void {
  db.prepare(
    `INSERT INTO report_exports (id, assessment_id, case_id, kind, version_no, marking, saved_to, at, by)
     VALUES (@id, @assessmentId, @caseId, @kind, @versionNo, @marking, @savedTo, @at, @by)`,
  ).run(e);
}

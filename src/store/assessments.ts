import type { Framework } from '../domain/assessment/frameworks.ts';
import type { ItemSet } from '../domain/assessment/item-sets.ts';
import type { RichText } from '../domain/assessment/rich-text.ts';
import type { Db } from './database.ts';

// Rows of AIM assessments. JSON columns are parsed here so the services see plain objects.

const json = <T>(text: string | null): T => JSON.parse(text ?? 'null') as T;

export function itemSetFor(db: Db, frameworkId: string): (ItemSet & { importedAt: string }) | undefined {
  const row = db
    .prepare('SELECT name, licence, items, imported_at FROM framework_item_sets WHERE framework_id = ?')
    .get(frameworkId) as { name: string; licence: string; items: string; imported_at: string } | undefined;
  return row
    ? {
        frameworkId,
        name: row.name,
        licence: row.licence,
        items: json(row.items),
        importedAt: row.imported_at,
      }
    : undefined;
}

export function saveItemSet(db: Db, set: ItemSet, by: string, now: string): void {
  db.prepare(
    `INSERT INTO framework_item_sets (framework_id, name, licence, items, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(framework_id) DO UPDATE SET name = excluded.name, licence = excluded.licence, items = excluded.items,
       imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
  ).run(set.frameworkId, set.name, set.licence, JSON.stringify(set.items), now, by);
}

export interface AssessmentRow {
  id: string;
  caseId: string;
  versionNo: number;
  previousId: string | null;
  framework: Framework & { itemSet?: ItemSet | null };
  route: 'welfare' | 'criminal';
  reasons: string;
  qualityReviewNotified: string;
  decisionAt: string;
  eligibility: {
    outcomeLabel: string;
    summary: string;
    criteria: { label: string; result: string; explanation: string }[];
  };
  proceedReason: string;
  leadAssessorId: string;
  coAssessorId: string;
  outcome: string | null;
  state: string;
  startedAt: string;
  startedBy: string;
  version: number;
}

const ASSESSMENT_SELECT = `SELECT id, case_id AS caseId, version_no AS versionNo, previous_id AS previousId, framework, route, reasons,
  quality_review_notified AS qualityReviewNotified, decision_at AS decisionAt, eligibility, proceed_reason AS proceedReason,
  lead_assessor_id AS leadAssessorId, co_assessor_id AS coAssessorId, outcome, state, started_at AS startedAt,
  started_by AS startedBy, version FROM assessments`;

const toAssessment = (r: AssessmentRow & { framework: string; eligibility: string }): AssessmentRow => ({
  ...r,
  framework: json(r.framework),
  eligibility: json(r.eligibility),
});

export function findAssessment(db: Db, id: string): AssessmentRow | undefined {
  const row = db.prepare(`${ASSESSMENT_SELECT} WHERE id = ?`).get(id) as
    | (AssessmentRow & { framework: string; eligibility: string })
    | undefined;
  return row ? toAssessment(row) : undefined;
}

export function assessmentsOfCase(db: Db, caseId: string): AssessmentRow[] {
  return (
    db
      .prepare(`${ASSESSMENT_SELECT} WHERE case_id = ? ORDER BY started_at, version_no`)
      .all(caseId) as (AssessmentRow & {
      framework: string;
      eligibility: string;
    })[]
  ).map(toAssessment);
}

export function insertAssessment(db: Db, a: AssessmentRow): void {
  db.prepare(
    `INSERT INTO assessments (id, case_id, version_no, previous_id, framework, route, reasons, quality_review_notified, decision_at,
       eligibility, proceed_reason, lead_assessor_id, co_assessor_id, outcome, state, started_at, started_by, version)
     VALUES (@id, @caseId, @versionNo, @previousId, @framework, @route, @reasons, @qualityReviewNotified, @decisionAt, @eligibility,
       @proceedReason, @leadAssessorId, @coAssessorId, @outcome, @state, @startedAt, @startedBy, @version)`,
  ).run({ ...a, framework: JSON.stringify(a.framework), eligibility: JSON.stringify(a.eligibility) });
}

export function setAssessmentField(db: Db, id: string, field: 'outcome' | 'state', value: string): void {
  db.prepare(
    `UPDATE assessments SET ${field === 'outcome' ? 'outcome' : 'state'} = ?, version = version + 1 WHERE id = ?`,
  ).run(value, id);
}

export interface ItemRow {
  id: string;
  assessmentId: string;
  domainId: string;
  kind: 'concern' | 'strength';
  label: string;
  licensedItemId: string | null;
  createdAt: string;
  createdBy: string;
}

export function itemsOfAssessment(db: Db, assessmentId: string): ItemRow[] {
  return db
    .prepare(
      `SELECT id, assessment_id AS assessmentId, domain_id AS domainId, kind, label, licensed_item_id AS licensedItemId,
              created_at AS createdAt, created_by AS createdBy
       FROM assessment_items WHERE assessment_id = ? ORDER BY created_at, rowid`,
    )
    .all(assessmentId) as ItemRow[];
}

export function findAssessmentItem(db: Db, id: string): ItemRow | undefined {
  return db
    .prepare(
      `SELECT id, assessment_id AS assessmentId, domain_id AS domainId, kind, label, licensed_item_id AS licensedItemId,
              created_at AS createdAt, created_by AS createdBy FROM assessment_items WHERE id = ?`,
    )
    .get(id) as ItemRow | undefined;
}

export function insertAssessmentItem(db: Db, i: ItemRow): void {
  db.prepare(
    `INSERT INTO assessment_items (id, assessment_id, domain_id, kind, label, licensed_item_id, created_at, created_by)
     VALUES (@id, @assessmentId, @domainId, @kind, @label, @licensedItemId, @createdAt, @createdBy)`,
  ).run(i);
}

export interface RatingRow {
  itemId: string;
  assessorId: string;
  rating: string;
  evidence: string;
  source: string;
  updatedAt: string;
}

export function ratingsOfAssessment(db: Db, assessmentId: string): RatingRow[] {
  return db
    .prepare(
      `SELECT r.item_id AS itemId, r.assessor_id AS assessorId, r.rating, r.evidence, r.source, r.updated_at AS updatedAt
       FROM item_ratings r JOIN assessment_items i ON i.id = r.item_id WHERE i.assessment_id = ?`,
    )
    .all(assessmentId) as RatingRow[];
}

export function upsertRating(db: Db, r: RatingRow): void {
  db.prepare(
    `INSERT INTO item_ratings (item_id, assessor_id, rating, evidence, source, updated_at) VALUES (@itemId, @assessorId, @rating, @evidence, @source, @updatedAt)
     ON CONFLICT(item_id, assessor_id) DO UPDATE SET rating = excluded.rating, evidence = excluded.evidence, source = excluded.source,
       updated_at = excluded.updated_at`,
  ).run(r);
}

export function domainProgress(
  db: Db,
  assessmentId: string,
): { domainId: string; assessorId: string; finishedAt: string }[] {
  return db
    .prepare(
      'SELECT domain_id AS domainId, assessor_id AS assessorId, finished_at AS finishedAt FROM domain_progress WHERE assessment_id = ?',
    )
    .all(assessmentId) as { domainId: string; assessorId: string; finishedAt: string }[];
}

export function finishDomain(
  db: Db,
  assessmentId: string,
  domainId: string,
  assessorId: string,
  now: string,
): void {
  db.prepare(
    'INSERT OR IGNORE INTO domain_progress (assessment_id, domain_id, assessor_id, finished_at) VALUES (?, ?, ?, ?)',
  ).run(assessmentId, domainId, assessorId, now);
}

export interface AgreedRow {
  itemId: string;
  rating: string;
  rationale: string;
  proposedBy: string;
  proposedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export function agreedOfAssessment(db: Db, assessmentId: string): AgreedRow[] {
  return db
    .prepare(
      `SELECT a.item_id AS itemId, a.rating, a.rationale, a.proposed_by AS proposedBy, a.proposed_at AS proposedAt,
              a.confirmed_by AS confirmedBy, a.confirmed_at AS confirmedAt
       FROM agreed_positions a JOIN assessment_items i ON i.id = a.item_id WHERE i.assessment_id = ?`,
    )
    .all(assessmentId) as AgreedRow[];
}

export function upsertAgreed(db: Db, a: AgreedRow): void {
  db.prepare(
    `INSERT INTO agreed_positions (item_id, rating, rationale, proposed_by, proposed_at, confirmed_by, confirmed_at)
     VALUES (@itemId, @rating, @rationale, @proposedBy, @proposedAt, @confirmedBy, @confirmedAt)
     ON CONFLICT(item_id) DO UPDATE SET rating = excluded.rating, rationale = excluded.rationale, proposed_by = excluded.proposed_by,
       proposed_at = excluded.proposed_at, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at`,
  ).run(a);
}

export interface SectionRow {
  sectionKey: string;
  content: RichText;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export function sectionsOfAssessment(db: Db, assessmentId: string): SectionRow[] {
  return (
    db
      .prepare(
        'SELECT section_key AS sectionKey, content, version, updated_at AS updatedAt, updated_by AS updatedBy FROM assessment_sections WHERE assessment_id = ?',
      )
      .all(assessmentId) as (Omit<SectionRow, 'content'> & { content: string })[]
  ).map((r) => ({ ...r, content: json<RichText>(r.content) }));
}

/** Saves a section if it is still at `expectedVersion` (0 = never saved); false when someone saved first. */
export function saveSectionRow(
  db: Db,
  assessmentId: string,
  key: string,
  content: RichText,
  expectedVersion: number,
  by: string,
  now: string,
): boolean {
  if (expectedVersion === 0) {
    return (
      db
        .prepare(
          `INSERT OR IGNORE INTO assessment_sections (assessment_id, section_key, content, version, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)`,
        )
        .run(assessmentId, key, JSON.stringify(content), now, by).changes === 1
    );
  }
  return (
    db
      .prepare(
        `UPDATE assessment_sections SET content = ?, version = version + 1, updated_at = ?, updated_by = ?
         WHERE assessment_id = ? AND section_key = ? AND version = ?`,
      )
      .run(JSON.stringify(content), now, by, assessmentId, key, expectedVersion).changes === 1
  );
}

export interface DraftRow {
  sectionKey: string;
  userId: string;
  content: RichText;
  baseVersion: number;
  savedAt: string;
}

export function draftsOf(db: Db, assessmentId: string, userId: string): DraftRow[] {
  return (
    db
      .prepare(
        'SELECT section_key AS sectionKey, user_id AS userId, content, base_version AS baseVersion, saved_at AS savedAt FROM section_drafts WHERE assessment_id = ? AND user_id = ?',
      )
      .all(assessmentId, userId) as (Omit<DraftRow, 'content'> & { content: string })[]
  ).map((r) => ({ ...r, content: json<RichText>(r.content) }));
}

export function saveDraft(db: Db, assessmentId: string, d: DraftRow): void {
  db.prepare(
    `INSERT INTO section_drafts (assessment_id, section_key, user_id, content, base_version, saved_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(assessment_id, section_key, user_id) DO UPDATE SET content = excluded.content, base_version = excluded.base_version, saved_at = excluded.saved_at`,
  ).run(assessmentId, d.sectionKey, d.userId, JSON.stringify(d.content), d.baseVersion, d.savedAt);
}

export function deleteDraft(db: Db, assessmentId: string, key: string, userId: string): void {
  db.prepare('DELETE FROM section_drafts WHERE assessment_id = ? AND section_key = ? AND user_id = ?').run(
    assessmentId,
    key,
    userId,
  );
}

export interface HoldRow {
  sectionKey: string;
  userId: string;
  heldSince: string;
  expiresAt: string;
}

export function holdsOf(db: Db, assessmentId: string): HoldRow[] {
  return db
    .prepare(
      'SELECT section_key AS sectionKey, user_id AS userId, held_since AS heldSince, expires_at AS expiresAt FROM section_holds WHERE assessment_id = ?',
    )
    .all(assessmentId) as HoldRow[];
}

export function putHold(db: Db, assessmentId: string, h: HoldRow): void {
  db.prepare(
    `INSERT INTO section_holds (assessment_id, section_key, user_id, held_since, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(assessment_id, section_key) DO UPDATE SET user_id = excluded.user_id, held_since = excluded.held_since, expires_at = excluded.expires_at`,
  ).run(assessmentId, h.sectionKey, h.userId, h.heldSince, h.expiresAt);
}

export function dropHold(db: Db, assessmentId: string, key: string): void {
  db.prepare('DELETE FROM section_holds WHERE assessment_id = ? AND section_key = ?').run(assessmentId, key);
}

export interface SourceRow {
  id: string;
  source: string;
  agency: string;
  consultedOn: string;
  consultedBy: string;
  abeInterviewAccessed: boolean;
  notes: string;
}

export function sourcesOf(db: Db, assessmentId: string): SourceRow[] {
  return (
    db
      .prepare(
        `SELECT id, source, agency, consulted_on AS consultedOn, consulted_by AS consultedBy, abe_interview_accessed AS abe, notes
         FROM assessment_sources WHERE assessment_id = ? ORDER BY consulted_on, rowid`,
      )
      .all(assessmentId) as (Omit<SourceRow, 'abeInterviewAccessed'> & { abe: number })[]
  ).map(({ abe, ...r }) => ({ ...r, abeInterviewAccessed: abe === 1 }));
}

export function insertSource(db: Db, assessmentId: string, s: SourceRow, now: string): void {
  db.prepare(
    `INSERT INTO assessment_sources (id, assessment_id, source, agency, consulted_on, consulted_by, abe_interview_accessed, notes, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.id,
    assessmentId,
    s.source,
    s.agency,
    s.consultedOn,
    s.consultedBy,
    s.abeInterviewAccessed ? 1 : 0,
    s.notes,
    now,
    s.consultedBy,
  );
}

export interface SessionRow {
  id: string;
  heldOn: string;
  participants: { kind: 'child' | 'parent-carer' | 'significant-other' | 'professional'; label: string }[];
  assessorIds: string[];
  place: string;
  notes: RichText;
  createdBy: string;
}

export function sessionsOf(db: Db, assessmentId: string): SessionRow[] {
  return (
    db
      .prepare(
        `SELECT id, held_on AS heldOn, participants, assessor_ids AS assessorIds, place, notes, created_by AS createdBy
         FROM assessment_sessions WHERE assessment_id = ? ORDER BY held_on, rowid`,
      )
      .all(assessmentId) as {
      id: string;
      heldOn: string;
      participants: string;
      assessorIds: string;
      place: string;
      notes: string;
      createdBy: string;
    }[]
  ).map((r) => ({
    ...r,
    participants: json(r.participants),
    assessorIds: json(r.assessorIds),
    notes: json(r.notes),
  }));
}

export function insertSession(db: Db, assessmentId: string, s: SessionRow, now: string): void {
  db.prepare(
    `INSERT INTO assessment_sessions (id, assessment_id, held_on, participants, assessor_ids, place, notes, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.id,
    assessmentId,
    s.heldOn,
    JSON.stringify(s.participants),
    JSON.stringify(s.assessorIds),
    s.place,
    JSON.stringify(s.notes),
    now,
    s.createdBy,
  );
}

export interface MeetingRow<T> {
  kind: 'planning' | 'end';
  details: T;
  version: number;
  updatedBy: string;
}

export function meetingsOf<T>(db: Db, assessmentId: string): MeetingRow<T>[] {
  return (
    db
      .prepare(
        'SELECT kind, details, version, updated_by AS updatedBy FROM assessment_meetings WHERE assessment_id = ?',
      )
      .all(assessmentId) as {
      kind: 'planning' | 'end';
      details: string;
      version: number;
      updatedBy: string;
    }[]
  ).map((r) => ({ ...r, details: json<T>(r.details) }));
}

/** Saves a meeting record if still at `expectedVersion` (null = new); false when someone saved first. */
export function saveMeetingRow(
  db: Db,
  assessmentId: string,
  kind: 'planning' | 'end',
  details: unknown,
  expectedVersion: number | null,
  by: string,
  now: string,
): boolean {
  if (expectedVersion === null) {
    return (
      db
        .prepare(
          'INSERT OR IGNORE INTO assessment_meetings (assessment_id, kind, details, version, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)',
        )
        .run(assessmentId, kind, JSON.stringify(details), now, by).changes === 1
    );
  }
  return (
    db
      .prepare(
        'UPDATE assessment_meetings SET details = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE assessment_id = ? AND kind = ? AND version = ?',
      )
      .run(JSON.stringify(details), now, by, assessmentId, kind, expectedVersion).changes === 1
  );
}

import type { Db } from './database.ts';

// Case notes (issue 14): add-only, so there is no update or delete here.

export interface CaseNoteRow {
  id: string;
  caseId: string;
  eventDay: string;
  text: string;
  recordedAt: string;
  recordedBy: string;
}

/** A case's notes, newest first by the day of the event, then by when they were recorded. */
export function caseNotesOf(db: Db, caseId: string): CaseNoteRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, event_day AS eventDay, text, recorded_at AS recordedAt, recorded_by AS recordedBy
       FROM case_notes WHERE case_id = ? ORDER BY event_day DESC, recorded_at DESC, rowid DESC`,
    )
    .all(caseId) as CaseNoteRow[];
}

export function insertCaseNote(db: Db, n: CaseNoteRow): void {
  db.prepare(
    `INSERT INTO case_notes (id, case_id, event_day, text, recorded_at, recorded_by)
     VALUES (@id, @caseId, @eventDay, @text, @recordedAt, @recordedBy)`,
  ).run(n);
}

import type { DeadlineAdjustment, DeadlineRule, WorkingCalendar } from '../domain/clock/index.ts';
import type { Db } from './database.ts';

export interface CaseEventRecord {
  id: string;
  caseId: string;
  event: string;
  occurredAt: string;
  details: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
}

export function insertCaseEvent(db: Db, e: CaseEventRecord): void {
  db.prepare(
    `INSERT INTO case_events (id, case_id, event, occurred_at, details, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.caseId, e.event, e.occurredAt, JSON.stringify(e.details), e.recordedAt, e.recordedBy);
}

export function caseEvents(db: Db, caseId: string): CaseEventRecord[] {
  const rows = db
    .prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY occurred_at, recorded_at')
    .all(caseId) as {
    id: string;
    case_id: string;
    event: string;
    occurred_at: string;
    details: string;
    recorded_at: string;
    recorded_by: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    event: r.event,
    occurredAt: r.occurred_at,
    details: JSON.parse(r.details) as Record<string, unknown>,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}

export interface DeadlineRecord {
  id: string;
  caseId: string;
  profileId: string;
  profileVersion: number;
  ruleId: string;
  label: string;
  rule: DeadlineRule;
  citation: { source: string; section: string };
  startedByEvent: string;
  startedByLabel: string;
  triggerAt: string;
  calendar: WorkingCalendar;
  originalDueDay: string;
  originalDueInstant: string;
  state: 'open' | 'met' | 'superseded';
  metAt: string | null;
  metNote: string;
  createdAt: string;
  createdBy: string;
  version: number;
  adjustments: { adjustment: DeadlineAdjustment; recordedBy: string }[];
}

interface DeadlineRow {
  id: string;
  case_id: string;
  profile_id: string;
  profile_version: number;
  rule_id: string;
  label: string;
  rule: string;
  citation: string;
  started_by_event: string;
  started_by_label: string;
  trigger_at: string;
  calendar: string;
  original_due_day: string;
  original_due_instant: string;
  state: 'open' | 'met' | 'superseded';
  met_at: string | null;
  met_note: string;
  created_at: string;
  created_by: string;
  version: number;
}

function adjustmentsOf(db: Db, deadlineId: string): DeadlineRecord['adjustments'] {
  const rows = db
    .prepare('SELECT adjustment, recorded_by FROM deadline_adjustments WHERE deadline_id = ? ORDER BY seq')
    .all(deadlineId) as { adjustment: string; recorded_by: string }[];
  return rows.map((r) => ({
    adjustment: JSON.parse(r.adjustment) as DeadlineAdjustment,
    recordedBy: r.recorded_by,
  }));
}

const toRecord = (db: Db, r: DeadlineRow): DeadlineRecord => ({
  id: r.id,
  caseId: r.case_id,
  profileId: r.profile_id,
  profileVersion: r.profile_version,
  ruleId: r.rule_id,
  label: r.label,
  rule: JSON.parse(r.rule) as DeadlineRule,
  citation: JSON.parse(r.citation) as DeadlineRecord['citation'],
  startedByEvent: r.started_by_event,
  startedByLabel: r.started_by_label,
  triggerAt: r.trigger_at,
  calendar: JSON.parse(r.calendar) as WorkingCalendar,
  originalDueDay: r.original_due_day,
  originalDueInstant: r.original_due_instant,
  state: r.state,
  metAt: r.met_at,
  metNote: r.met_note,
  createdAt: r.created_at,
  createdBy: r.created_by,
  version: r.version,
  adjustments: adjustmentsOf(db, r.id),
});

export function insertDeadline(db: Db, d: Omit<DeadlineRecord, 'adjustments' | 'version'>): void {
  db.prepare(
    `INSERT INTO deadlines (id, case_id, profile_id, profile_version, rule_id, label, rule, citation,
       started_by_event, started_by_label, trigger_at, calendar, original_due_day, original_due_instant, state, met_at,
       met_note, created_at, created_by)
     VALUES (@id, @caseId, @profileId, @profileVersion, @ruleId, @label, @rule, @citation, @startedByEvent,
       @startedByLabel, @triggerAt, @calendar, @originalDueDay, @originalDueInstant, @state, @metAt, @metNote, @createdAt,
       @createdBy)`,
  ).run({
    ...d,
    rule: JSON.stringify(d.rule),
    citation: JSON.stringify(d.citation),
    calendar: JSON.stringify(d.calendar),
  });
}

export function findDeadline(db: Db, id: string): DeadlineRecord | undefined {
  const row = db.prepare('SELECT * FROM deadlines WHERE id = ?').get(id) as DeadlineRow | undefined;
  return row ? toRecord(db, row) : undefined;
}

export function deadlinesOfCase(db: Db, caseId: string): DeadlineRecord[] {
  const rows = db
    .prepare('SELECT * FROM deadlines WHERE case_id = ? ORDER BY trigger_at, created_at, rowid')
    .all(caseId) as DeadlineRow[];
  return rows.map((r) => toRecord(db, r));
}

/** Deadlines on open cases where the person is allocated (social worker, YOS practitioner, manager) or opened the case. */
export function deadlinesForPerson(db: Db, userId: string, as: 'allocated' | 'manager'): DeadlineRecord[] {
  const where =
    as === 'manager'
      ? 'EXISTS (SELECT 1 FROM case_managers m WHERE m.case_id = c.id AND m.user_id = @userId)'
      : `(c.social_worker_id = @userId OR c.yos_practitioner_id = @userId OR c.opened_by = @userId
          OR EXISTS (SELECT 1 FROM case_managers m WHERE m.case_id = c.id AND m.user_id = @userId))`;
  const rows = db
    .prepare(
      `SELECT d.* FROM deadlines d JOIN cases c ON c.id = d.case_id
       WHERE c.status = 'open' AND d.state != 'superseded' AND ${where}
       ORDER BY d.original_due_instant`,
    )
    .all({ userId }) as DeadlineRow[];
  return rows.map((r) => toRecord(db, r));
}

export function appendAdjustment(
  db: Db,
  deadlineId: string,
  adjustment: DeadlineAdjustment,
  by: string,
): void {
  const next = db
    .prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM deadline_adjustments WHERE deadline_id = ?')
    .get(deadlineId) as { seq: number };
  db.prepare(
    'INSERT INTO deadline_adjustments (deadline_id, seq, adjustment, recorded_by) VALUES (?, ?, ?, ?)',
  ).run(deadlineId, next.seq, JSON.stringify(adjustment), by);
  db.prepare('UPDATE deadlines SET version = version + 1 WHERE id = ?').run(deadlineId);
}

export function markDeadlineMet(db: Db, id: string, at: string, note: string): void {
  db.prepare(
    "UPDATE deadlines SET state = 'met', met_at = ?, met_note = ?, version = version + 1 WHERE id = ?",
  ).run(at, note, id);
}

export function supersedeDeadline(db: Db, id: string): void {
  db.prepare("UPDATE deadlines SET state = 'superseded', version = version + 1 WHERE id = ?").run(id);
}

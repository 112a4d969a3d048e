import type { AgendaItem, Meeting, MeetingAction, MeetingAttendee } from '#domain/meeting.ts';
import type { Db } from './database.ts';

// Rows of the pathway records. JSON columns are parsed here; the services see plain objects.

const parse = <T>(text: string | null): T => JSON.parse(text ?? 'null') as T;

export interface ReferralRow {
  id: string;
  caseId: string;
  receivedAt: string;
  newReferral: boolean;
  sourceAgency: string;
  sourceRole: string;
  reported: string;
  children: { personId: string; role: string }[];
  exploitation: { cse: boolean; cce: boolean; missing: boolean; trafficking: boolean };
  eligibility: {
    outcome: string;
    outcomeLabel: string;
    summary: string;
    criteria: { label: string; result: string; explanation: string }[];
  };
  proceedReason: string;
  /** Issue 14: who made the referral and how to reach them ('' when not recorded). */
  referrerName: string;
  referrerPhone: string;
  referrerEmail: string;
  /** The eligibility facts the concern gave ({} for concerns recorded before they were kept). */
  facts: Record<string, string | boolean>;
  recordedAt: string;
  recordedBy: string;
}

export function referralsOf(db: Db, caseId: string): ReferralRow[] {
  return (
    db
      .prepare(
        `SELECT id, case_id AS caseId, received_at AS receivedAt, new_referral AS newReferral, source_agency AS sourceAgency,
                source_role AS sourceRole, reported, children, exploitation, eligibility, proceed_reason AS proceedReason,
                referrer_name AS referrerName, referrer_phone AS referrerPhone, referrer_email AS referrerEmail,
                facts, recorded_at AS recordedAt, recorded_by AS recordedBy
         FROM referrals WHERE case_id = ? ORDER BY received_at, rowid`,
      )
      .all(caseId) as (Omit<
      ReferralRow,
      'children' | 'exploitation' | 'eligibility' | 'newReferral' | 'facts'
    > & {
      children: string;
      facts: string;
      exploitation: string;
      eligibility: string;
      newReferral: number;
    })[]
  ).map((r) => ({
    ...r,
    newReferral: r.newReferral === 1,
    children: parse(r.children),
    exploitation: parse(r.exploitation),
    eligibility: parse(r.eligibility),
    facts: parse(r.facts),
  }));
}

export function insertReferral(db: Db, r: ReferralRow): void {
  db.prepare(
    `INSERT INTO referrals (id, case_id, received_at, new_referral, source_agency, source_role, reported, children, exploitation,
       eligibility, proceed_reason, referrer_name, referrer_phone, referrer_email, facts, recorded_at, recorded_by)
     VALUES (@id, @caseId, @receivedAt, @newReferral, @sourceAgency, @sourceRole, @reported, @children, @exploitation, @eligibility,
       @proceedReason, @referrerName, @referrerPhone, @referrerEmail, @facts, @recordedAt, @recordedBy)`,
  ).run({
    ...r,
    newReferral: r.newReferral ? 1 : 0,
    children: JSON.stringify(r.children),
    exploitation: JSON.stringify(r.exploitation),
    eligibility: JSON.stringify(r.eligibility),
    facts: JSON.stringify(r.facts),
  });
}

export interface StrategyMeetingRow {
  id: string;
  caseId: string;
  type: 'discussion' | 'meeting' | 'complex-abuse';
  trigger: string;
  heldAt: string;
  chair: string;
  attendees: MeetingAttendee[];
  agenda: AgendaItem[];
  decisions: string;
  outcomes: string[];
  details: {
    rationale: string;
    leadAgency: string;
    s47Type: '' | 'single' | 'joint';
    followUpWorkingDays: number | null;
  };
  category: string;
  actions: MeetingAction[];
  recordedAt: string;
  recordedBy: string;
  version: number;
}

const MEETING_SELECT = `SELECT id, case_id AS caseId, type, trigger, held_at AS heldAt, chair, attendees, agenda, decisions, outcomes, details,
  category, actions, recorded_at AS recordedAt, recorded_by AS recordedBy, version FROM strategy_meetings`;

type RawMeeting = Omit<StrategyMeetingRow, 'attendees' | 'agenda' | 'outcomes' | 'details' | 'actions'> &
  Record<'attendees' | 'agenda' | 'outcomes' | 'details' | 'actions', string>;

const toMeeting = (r: RawMeeting): StrategyMeetingRow => ({
  ...r,
  attendees: parse(r.attendees),
  agenda: parse(r.agenda),
  outcomes: parse(r.outcomes),
  details: parse(r.details),
  actions: parse(r.actions),
});

export function strategyMeetingsOf(db: Db, caseId: string): StrategyMeetingRow[] {
  return (
    db.prepare(`${MEETING_SELECT} WHERE case_id = ? ORDER BY held_at, rowid`).all(caseId) as RawMeeting[]
  ).map(toMeeting);
}

export function allStrategyMeetings(db: Db): StrategyMeetingRow[] {
  return (db.prepare(`${MEETING_SELECT} ORDER BY held_at DESC`).all() as RawMeeting[]).map(toMeeting);
}

export function findStrategyMeeting(db: Db, id: string): StrategyMeetingRow | undefined {
  const row = db.prepare(`${MEETING_SELECT} WHERE id = ?`).get(id) as RawMeeting | undefined;
  return row ? toMeeting(row) : undefined;
}

export function insertStrategyMeeting(db: Db, m: StrategyMeetingRow): void {
  db.prepare(
    `INSERT INTO strategy_meetings (id, case_id, type, trigger, held_at, chair, attendees, agenda, decisions, outcomes, details, category,
       actions, recorded_at, recorded_by, version)
     VALUES (@id, @caseId, @type, @trigger, @heldAt, @chair, @attendees, @agenda, @decisions, @outcomes, @details, @category, @actions,
       @recordedAt, @recordedBy, @version)`,
  ).run({
    ...m,
    attendees: JSON.stringify(m.attendees),
    agenda: JSON.stringify(m.agenda),
    outcomes: JSON.stringify(m.outcomes),
    details: JSON.stringify(m.details),
    actions: JSON.stringify(m.actions),
  });
}

export function updateMeetingActions(
  db: Db,
  id: string,
  actions: StrategyMeetingRow['actions'],
  expectedVersion: number,
): boolean {
  return (
    db
      .prepare('UPDATE strategy_meetings SET actions = ?, version = version + 1 WHERE id = ? AND version = ?')
      .run(JSON.stringify(actions), id, expectedVersion).changes === 1
  );
}

export interface ConsultationRow {
  id: string;
  caseId: string;
  state: 'requested' | 'accepted' | 'declined' | 'held';
  requestedAt: string;
  requestedBy: string;
  managerId: string;
  request: string;
  screening: { decision: 'accept' | 'decline'; rationale: string; by: string; at: string } | null;
  meeting:
    | (Meeting & {
        outcome: string;
        resourcesShared: string;
        nextSteps: string[];
        notes: string;
        recordedBy: string;
      })
    | null;
  version: number;
}

const CONSULTATION_SELECT = `SELECT id, case_id AS caseId, state, requested_at AS requestedAt, requested_by AS requestedBy, manager_id AS managerId,
  request, screening, meeting, version FROM consultations`;

type RawConsultation = Omit<ConsultationRow, 'screening' | 'meeting'> & {
  screening: string | null;
  meeting: string | null;
};
const toConsultation = (r: RawConsultation): ConsultationRow => ({
  ...r,
  screening: parse(r.screening),
  meeting: parse(r.meeting),
});

export function consultationsOf(db: Db, caseId: string): ConsultationRow[] {
  return (
    db
      .prepare(`${CONSULTATION_SELECT} WHERE case_id = ? ORDER BY requested_at, rowid`)
      .all(caseId) as RawConsultation[]
  ).map(toConsultation);
}

export function findConsultation(db: Db, id: string): ConsultationRow | undefined {
  const row = db.prepare(`${CONSULTATION_SELECT} WHERE id = ?`).get(id) as RawConsultation | undefined;
  return row ? toConsultation(row) : undefined;
}

export function insertConsultation(db: Db, c: ConsultationRow): void {
  db.prepare(
    `INSERT INTO consultations (id, case_id, state, requested_at, requested_by, manager_id, request, screening, meeting, version)
     VALUES (@id, @caseId, @state, @requestedAt, @requestedBy, @managerId, @request, @screening, @meeting, @version)`,
  ).run({
    ...c,
    screening: c.screening ? JSON.stringify(c.screening) : null,
    meeting: c.meeting ? JSON.stringify(c.meeting) : null,
  });
}

export function updateConsultation(db: Db, c: ConsultationRow, expectedVersion: number): boolean {
  return (
    db
      .prepare(
        'UPDATE consultations SET state = ?, screening = ?, meeting = ?, version = version + 1 WHERE id = ? AND version = ?',
      )
      .run(
        c.state,
        c.screening ? JSON.stringify(c.screening) : null,
        c.meeting ? JSON.stringify(c.meeting) : null,
        c.id,
        expectedVersion,
      ).changes === 1
  );
}

export interface PlanRecordRow {
  id: string;
  caseId: string;
  kind: string;
  dated: string;
  title: string;
  details: string;
  withWhom: string;
  recordedAt: string;
  recordedBy: string;
}

export function planRecordsOf(db: Db, caseId: string): PlanRecordRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, kind, dated, title, details, with_whom AS withWhom, recorded_at AS recordedAt, recorded_by AS recordedBy
       FROM plan_records WHERE case_id = ? ORDER BY dated, rowid`,
    )
    .all(caseId) as PlanRecordRow[];
}

export function insertPlanRecord(db: Db, p: PlanRecordRow): void {
  db.prepare(
    `INSERT INTO plan_records (id, case_id, kind, dated, title, details, with_whom, recorded_at, recorded_by)
     VALUES (@id, @caseId, @kind, @dated, @title, @details, @withWhom, @recordedAt, @recordedBy)`,
  ).run(p);
}

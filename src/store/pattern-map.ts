import type { Meeting } from '../domain/meeting.ts';
import type { UncertainDate } from '../domain/pattern-map/uncertain-date.ts';
import type { Db } from './database.ts';

// Rows of the pattern map and the people and consents it depends on.

export interface PersonRow {
  id: string;
  caseId: string;
  kind: string;
  name: string;
  anonymisedLabel: string;
  relationship: string;
  version: number;
}

export function peopleOfCase(db: Db, caseId: string): PersonRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, kind, name, anonymised_label AS anonymisedLabel, relationship, version
       FROM case_people WHERE case_id = ? ORDER BY created_at, rowid`,
    )
    .all(caseId) as PersonRow[];
}

export function findPerson(db: Db, id: string): PersonRow | undefined {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, kind, name, anonymised_label AS anonymisedLabel, relationship, version
       FROM case_people WHERE id = ?`,
    )
    .get(id) as PersonRow | undefined;
}

export function insertPerson(db: Db, p: Omit<PersonRow, 'version'>, by: string, now: string): void {
  db.prepare(
    `INSERT INTO case_people (id, case_id, kind, name, anonymised_label, relationship, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.id, p.caseId, p.kind, p.name, p.anonymisedLabel, p.relationship, now, by);
}

export function updatePerson(
  db: Db,
  p: Omit<PersonRow, 'caseId' | 'version'>,
  expectedVersion: number,
): boolean {
  return (
    db
      .prepare(
        `UPDATE case_people SET kind = ?, name = ?, anonymised_label = ?, relationship = ?, version = version + 1
         WHERE id = ? AND version = ?`,
      )
      .run(p.kind, p.name, p.anonymisedLabel, p.relationship, p.id, expectedVersion).changes === 1
  );
}

export interface ConsentRow {
  id: string;
  caseId: string;
  purpose: string;
  subject: 'child' | 'parent-carer' | 'social-worker-permission';
  personId: string | null;
  status: 'given' | 'refused' | 'not-sought';
  reason: string;
  recordedAt: string;
  recordedBy: string;
  /** How it was given ('phone', 'in person' …); '' where not recorded. */
  method: string;
  /** The day it was given, where recorded. */
  givenOn: string | null;
  /** The consent already recorded (at referral) that this one rests on (issue 14). */
  restsOn: string | null;
}

export function consentsOfCase(db: Db, caseId: string): ConsentRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, purpose, subject, person_id AS personId, status, reason,
              recorded_at AS recordedAt, recorded_by AS recordedBy, method, given_on AS givenOn, rests_on AS restsOn
       FROM case_consents WHERE case_id = ? ORDER BY recorded_at, rowid`,
    )
    .all(caseId) as ConsentRow[];
}

export function insertConsent(db: Db, c: ConsentRow): void {
  db.prepare(
    `INSERT INTO case_consents (id, case_id, purpose, subject, person_id, status, reason, recorded_at, recorded_by,
       method, given_on, rests_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.id,
    c.caseId,
    c.purpose,
    c.subject,
    c.personId,
    c.status,
    c.reason,
    c.recordedAt,
    c.recordedBy,
    c.method,
    c.givenOn,
    c.restsOn,
  );
}

export interface LifeEventTypeRow {
  id: string;
  label: string;
}

export function lifeEventTypes(db: Db): LifeEventTypeRow[] {
  return db
    .prepare('SELECT id, label FROM life_event_types ORDER BY sort_order, label')
    .all() as LifeEventTypeRow[];
}

export function insertLifeEventType(db: Db, t: LifeEventTypeRow): void {
  db.prepare(
    'INSERT INTO life_event_types (id, label, sort_order) VALUES (?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM life_event_types))',
  ).run(t.id, t.label);
}

export interface ItemRow {
  id: string;
  caseId: string;
  kind: 'life-event' | 'incident';
  lane: string;
  what: string;
  people: string[];
  place: string;
  date: UncertainDate;
  sourceAgency: string;
  sourceDetail: string;
  harmedPersonId: string | null;
  childAgeThen: number | null;
  hackettCategory: string;
  brookColour: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

interface RawItem extends Omit<ItemRow, 'people' | 'date' | 'hackettCategory' | 'brookColour'> {
  people: string;
  date: string;
  hackettCategory: string | null;
  brookColour: string | null;
}

const ITEM_SELECT = `SELECT id, case_id AS caseId, kind, lane, what, people, place, date, source_agency AS sourceAgency,
    source_detail AS sourceDetail, harmed_person_id AS harmedPersonId, child_age_then AS childAgeThen,
    hackett_category AS hackettCategory, brook_colour AS brookColour, created_at AS createdAt,
    created_by AS createdBy, updated_at AS updatedAt, updated_by AS updatedBy, version
  FROM map_items`;

const toItem = (r: RawItem): ItemRow => ({
  ...r,
  people: JSON.parse(r.people) as string[],
  date: JSON.parse(r.date) as UncertainDate,
  hackettCategory: r.hackettCategory ?? '',
  brookColour: r.brookColour ?? '',
});

export function itemsOfCase(db: Db, caseId: string): ItemRow[] {
  return (
    db.prepare(`${ITEM_SELECT} WHERE case_id = ? ORDER BY created_at, rowid`).all(caseId) as RawItem[]
  ).map(toItem);
}

export function findItem(db: Db, id: string): ItemRow | undefined {
  const row = db.prepare(`${ITEM_SELECT} WHERE id = ?`).get(id) as RawItem | undefined;
  return row ? toItem(row) : undefined;
}

const itemParams = (i: ItemRow) => ({
  ...i,
  people: JSON.stringify(i.people),
  date: JSON.stringify(i.date),
  hackettCategory: i.hackettCategory || null,
  brookColour: i.brookColour || null,
});

export function insertItem(db: Db, item: ItemRow): void {
  db.prepare(
    `INSERT INTO map_items (id, case_id, kind, lane, what, people, place, date, source_agency, source_detail,
       harmed_person_id, child_age_then, hackett_category, brook_colour, created_at, created_by, updated_at, updated_by, version)
     VALUES (@id, @caseId, @kind, @lane, @what, @people, @place, @date, @sourceAgency, @sourceDetail, @harmedPersonId,
       @childAgeThen, @hackettCategory, @brookColour, @createdAt, @createdBy, @updatedAt, @updatedBy, @version)`,
  ).run(itemParams(item));
}

/** Returns false when the item changed since `expectedVersion` was read (someone else saved first). */
export function updateItem(db: Db, item: ItemRow, expectedVersion: number): boolean {
  return (
    db
      .prepare(
        `UPDATE map_items SET lane = @lane, what = @what, people = @people, place = @place, date = @date,
           source_agency = @sourceAgency, source_detail = @sourceDetail, harmed_person_id = @harmedPersonId,
           child_age_then = @childAgeThen, hackett_category = @hackettCategory, brook_colour = @brookColour,
           updated_at = @updatedAt, updated_by = @updatedBy, version = version + 1
         WHERE id = @id AND version = @expectedVersion`,
      )
      .run({ ...itemParams(item), expectedVersion }).changes === 1
  );
}

export function deleteItem(db: Db, id: string, expectedVersion: number): boolean {
  return (
    db.prepare('DELETE FROM map_items WHERE id = ? AND version = ?').run(id, expectedVersion).changes === 1
  );
}

/** How many links start or end at an item (they are removed with it). */
export function countLinksOfItem(db: Db, itemId: string): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM map_links WHERE from_item = ? OR to_item = ?')
      .get(itemId, itemId) as {
      n: number;
    }
  ).n;
}

/** Keeps the reason an item was removed, with who removed it and when (not the item's content). */
export function insertItemRemoval(
  db: Db,
  r: {
    id: string;
    caseId: string;
    itemId: string;
    kind: string;
    reason: string;
    removedAt: string;
    removedBy: string;
  },
): void {
  db.prepare(
    `INSERT INTO map_item_removals (id, case_id, item_id, kind, reason, removed_at, removed_by)
     VALUES (@id, @caseId, @itemId, @kind, @reason, @removedAt, @removedBy)`,
  ).run(r);
}

export interface LinkRow {
  id: string;
  caseId: string;
  fromId: string;
  toId: string;
  kind: string;
  label: string;
  createdBy: string;
}

export function linksOfCase(db: Db, caseId: string): LinkRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, from_item AS fromId, to_item AS toId, kind, label, created_by AS createdBy
       FROM map_links WHERE case_id = ? ORDER BY created_at, rowid`,
    )
    .all(caseId) as LinkRow[];
}

export function insertLink(db: Db, l: LinkRow, now: string): void {
  db.prepare(
    'INSERT INTO map_links (id, case_id, from_item, to_item, kind, label, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(l.id, l.caseId, l.fromId, l.toId, l.kind, l.label, now, l.createdBy);
}

/** Links and themes are read and removed one by one the same way. */
const byId = <T>(db: Db, table: 'map_links' | 'map_themes', columns: string, id: string) =>
  db.prepare(`SELECT ${columns} FROM ${table} WHERE id = ?`).get(id) as T | undefined;
const removeById = (db: Db, table: 'map_links' | 'map_themes', id: string) => {
  db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
};

export const findLink = (db: Db, id: string) =>
  byId<LinkRow>(
    db,
    'map_links',
    'id, case_id AS caseId, from_item AS fromId, to_item AS toId, kind, label, created_by AS createdBy',
    id,
  );

export const deleteLink = (db: Db, id: string): void => removeById(db, 'map_links', id);

export interface ThemeRow {
  id: string;
  caseId: string;
  fromDay: string;
  toDay: string;
  text: string;
  createdBy: string;
}

export function themesOfCase(db: Db, caseId: string): ThemeRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, from_day AS fromDay, to_day AS toDay, text, created_by AS createdBy
       FROM map_themes WHERE case_id = ? ORDER BY from_day, rowid`,
    )
    .all(caseId) as ThemeRow[];
}

export function insertTheme(db: Db, t: ThemeRow, now: string): void {
  db.prepare(
    'INSERT INTO map_themes (id, case_id, from_day, to_day, text, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(t.id, t.caseId, t.fromDay, t.toDay, t.text, now, t.createdBy);
}

export const findTheme = (db: Db, id: string) =>
  byId<ThemeRow>(
    db,
    'map_themes',
    'id, case_id AS caseId, from_day AS fromDay, to_day AS toDay, text, created_by AS createdBy',
    id,
  );

export const deleteTheme = (db: Db, id: string): void => removeById(db, 'map_themes', id);

/** A pattern-mapping meeting as stored: the meeting (domain/meeting.ts) with its case, notes and author. */
export interface MeetingRow extends Meeting {
  id: string;
  caseId: string;
  notes: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

interface RawMeeting extends Omit<MeetingRow, 'attendees' | 'agenda' | 'actions'> {
  attendees: string;
  agenda: string;
  actions: string;
}

const MEETING_SELECT = `SELECT id, case_id AS caseId, held_at AS heldAt, chair, attendees, agenda, decisions, actions, notes,
  created_by AS createdBy, updated_at AS updatedAt, version FROM map_meetings`;

const toMeeting = (r: RawMeeting): MeetingRow => ({
  ...r,
  attendees: JSON.parse(r.attendees) as MeetingRow['attendees'],
  agenda: JSON.parse(r.agenda) as MeetingRow['agenda'],
  actions: JSON.parse(r.actions) as MeetingRow['actions'],
});

export function meetingsOfCase(db: Db, caseId: string): MeetingRow[] {
  return (db.prepare(`${MEETING_SELECT} WHERE case_id = ? ORDER BY held_at`).all(caseId) as RawMeeting[]).map(
    toMeeting,
  );
}

export function findMeeting(db: Db, id: string): MeetingRow | undefined {
  const row = db.prepare(`${MEETING_SELECT} WHERE id = ?`).get(id) as RawMeeting | undefined;
  return row ? toMeeting(row) : undefined;
}

export function insertMeeting(db: Db, m: MeetingRow): void {
  db.prepare(
    `INSERT INTO map_meetings (id, case_id, held_at, chair, attendees, agenda, decisions, actions, notes, created_at, created_by,
       updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.id, m.caseId, ...meetingFields(m), m.updatedAt, m.createdBy, m.updatedAt);
}

/** A mapping meeting's own fields, in the column order both statements use (held_at … notes). */
const meetingFields = (m: MeetingRow) => [
  m.heldAt,
  m.chair,
  JSON.stringify(m.attendees),
  JSON.stringify(m.agenda),
  m.decisions,
  JSON.stringify(m.actions),
  m.notes,
];

export function updateMeeting(db: Db, m: MeetingRow, expectedVersion: number): boolean {
  return (
    db
      .prepare(
        `UPDATE map_meetings SET held_at = ?, chair = ?, attendees = ?, agenda = ?, decisions = ?, actions = ?, notes = ?,
           updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
      )
      .run(...meetingFields(m), m.updatedAt, m.id, expectedVersion).changes === 1
  );
}

export interface MapExportRow {
  id: string;
  caseId: string;
  at: string;
  by: string;
  audience: string;
  recipient: string;
  view: string;
  format: string;
  savedTo: string;
  /** On what footing each consent rests, where a parent or carer could not be asked. */
  consentBasis: string;
}

export function insertMapExport(
  db: Db,
  e: Omit<MapExportRow, 'consentBasis'> & { consentBasis?: string },
): void {
  db.prepare(
    `INSERT INTO map_exports (id, case_id, at, by, audience, recipient, view, format, saved_to, consent_basis)
     VALUES (@id, @caseId, @at, @by, @audience, @recipient, @view, @format, @savedTo, @consentBasis)`,
  ).run({ ...e, consentBasis: e.consentBasis ?? '' });
}

export function mapExportsOf(db: Db, caseId: string): MapExportRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, at, by, audience, recipient, view, format, saved_to AS savedTo, consent_basis AS consentBasis
       FROM map_exports WHERE case_id = ? ORDER BY at, rowid`,
    )
    .all(caseId) as MapExportRow[];
}

export function saveReportMapImage(
  db: Db,
  caseId: string,
  png: Buffer,
  view: string,
  by: string,
  now: string,
): void {
  db.prepare(
    `INSERT INTO report_map_images (case_id, png, view, captured_at, captured_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(case_id) DO UPDATE SET png = excluded.png, view = excluded.view, captured_at = excluded.captured_at,
       captured_by = excluded.captured_by`,
  ).run(caseId, png, view, now, by);
}

export function reportMapImageOf(
  db: Db,
  caseId: string,
): { png: Buffer; view: string; capturedAt: string } | undefined {
  return db
    .prepare('SELECT png, view, captured_at AS capturedAt FROM report_map_images WHERE case_id = ?')
    .get(caseId) as { png: Buffer; view: string; capturedAt: string } | undefined;
}

export interface IdentifyingWordRow {
  id: string;
  caseId: string;
  word: string;
  shownAs: string;
  createdAt: string;
  createdBy: string;
}

export function identifyingWordsOf(db: Db, caseId: string): IdentifyingWordRow[] {
  return db
    .prepare(
      `SELECT id, case_id AS caseId, word, shown_as AS shownAs, created_at AS createdAt, created_by AS createdBy
       FROM case_identifying_words WHERE case_id = ? ORDER BY created_at, rowid`,
    )
    .all(caseId) as IdentifyingWordRow[];
}

export function insertIdentifyingWord(db: Db, w: IdentifyingWordRow): void {
  db.prepare(
    `INSERT INTO case_identifying_words (id, case_id, word, shown_as, created_at, created_by)
     VALUES (@id, @caseId, @word, @shownAs, @createdAt, @createdBy)`,
  ).run(w);
}

export function deleteIdentifyingWord(db: Db, caseId: string, id: string): boolean {
  return (
    db.prepare('DELETE FROM case_identifying_words WHERE id = ? AND case_id = ?').run(id, caseId).changes ===
    1
  );
}

export interface ConsentExceptionRow {
  id: string;
  caseId: string;
  purpose: string;
  personId: string;
  circumstance: string;
  reason: string;
  recordedAt: string;
  recordedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  version: number;
}

const EXCEPTION_SELECT = `SELECT id, case_id AS caseId, purpose, person_id AS personId, circumstance, reason,
  recorded_at AS recordedAt, recorded_by AS recordedBy, approved_at AS approvedAt, approved_by AS approvedBy, version
  FROM consent_exceptions`;

export function consentExceptionsOf(db: Db, caseId: string): ConsentExceptionRow[] {
  return db
    .prepare(`${EXCEPTION_SELECT} WHERE case_id = ? ORDER BY recorded_at, rowid`)
    .all(caseId) as ConsentExceptionRow[];
}

export function findConsentException(db: Db, id: string): ConsentExceptionRow | undefined {
  return db.prepare(`${EXCEPTION_SELECT} WHERE id = ?`).get(id) as ConsentExceptionRow | undefined;
}

export function insertConsentException(db: Db, e: Omit<ConsentExceptionRow, 'version'>): void {
  db.prepare(
    `INSERT INTO consent_exceptions (id, case_id, purpose, person_id, circumstance, reason, recorded_at, recorded_by,
       approved_at, approved_by)
     VALUES (@id, @caseId, @purpose, @personId, @circumstance, @reason, @recordedAt, @recordedBy, @approvedAt, @approvedBy)`,
  ).run(e);
}

export function approveConsentException(db: Db, id: string, by: string, at: string): boolean {
  return (
    db
      .prepare(
        'UPDATE consent_exceptions SET approved_at = ?, approved_by = ?, version = version + 1 WHERE id = ? AND approved_at IS NULL',
      )
      .run(at, by, id).changes === 1
  );
}

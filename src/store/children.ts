import type { Child } from '../contract/schemas.ts';
import type { Gender } from '../contract/vocabulary.ts';
import type { Db } from './database.ts';

interface ChildRow {
  id: string;
  version: number;
  name: string;
  preferred_name: string;
  date_of_birth: string;
  gender: string;
  social_care_number: string;
  youth_justice_number: string;
  area_of_residence: string;
  school: string;
  ethnicity: string;
  first_language: string;
  interpreter_needed: string;
  send_status: string;
  send_note: string;
  home_address: string;
  gp_practice: string;
  gp_contact: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

const toChild = (r: ChildRow): Child => ({
  id: r.id,
  version: r.version,
  name: r.name,
  preferredName: r.preferred_name,
  dateOfBirth: r.date_of_birth,
  gender: r.gender as Gender,
  socialCareNumber: r.social_care_number,
  youthJusticeNumber: r.youth_justice_number,
  areaOfResidence: r.area_of_residence,
  school: r.school,
  ethnicity: r.ethnicity,
  firstLanguage: r.first_language,
  interpreterNeeded: r.interpreter_needed as Child['interpreterNeeded'],
  send: r.send_status as Child['send'],
  sendNote: r.send_note,
  homeAddress: r.home_address,
  gpPractice: r.gp_practice,
  gpContact: r.gp_contact,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
});

// Issue 14: the rest of the child's record, column and parameter side by side.
const RECORD: [string, string][] = [
  ['ethnicity', '@ethnicity'],
  ['first_language', '@firstLanguage'],
  ['interpreter_needed', '@interpreterNeeded'],
  ['send_status', '@send'],
  ['send_note', '@sendNote'],
  ['home_address', '@homeAddress'],
  ['gp_practice', '@gpPractice'],
  ['gp_contact', '@gpContact'],
];
const RECORD_COLUMN_NAMES = RECORD.map(([c]) => c);
const RECORD_PARAMS = RECORD.map(([, p]) => p);
const RECORD_COLUMNS = RECORD_COLUMN_NAMES.join(', ');
const RECORD_VALUES = RECORD_PARAMS.join(', ');

export function findChild(db: Db, id: string): Child | undefined {
  const row = db.prepare('SELECT * FROM children WHERE id = ?').get(id) as ChildRow | undefined;
  return row ? toChild(row) : undefined;
}

export function insertChild(db: Db, child: Child): void {
  db.prepare(
    `INSERT INTO children (id, version, name, preferred_name, date_of_birth, gender, social_care_number,
       youth_justice_number, area_of_residence, school, ${RECORD_COLUMNS}, created_at, created_by, updated_at, updated_by)
     VALUES (@id, @version, @name, @preferredName, @dateOfBirth, @gender, @socialCareNumber,
       @youthJusticeNumber, @areaOfResidence, @school, ${RECORD_VALUES}, @createdAt, @createdBy, @updatedAt, @createdBy)`,
  ).run(child);
}

/** Returns false when someone else changed the child since `expectedVersion` was read. */
export function updateChild(db: Db, child: Child, expectedVersion: number, updatedBy: string): boolean {
  const result = db
    .prepare(
      `UPDATE children SET version = version + 1, name = @name, preferred_name = @preferredName,
         date_of_birth = @dateOfBirth, gender = @gender, social_care_number = @socialCareNumber,
         youth_justice_number = @youthJusticeNumber, area_of_residence = @areaOfResidence, school = @school,
         ${RECORD_COLUMN_NAMES.map((c, i) => `${c} = ${RECORD_PARAMS[i]}`).join(', ')},
         updated_at = @updatedAt, updated_by = @updatedBy
       WHERE id = @id AND version = @expectedVersion`,
    )
    .run({ ...child, expectedVersion, updatedBy });
  return result.changes === 1;
}

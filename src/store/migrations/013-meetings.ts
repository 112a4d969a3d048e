import type { Db } from '../database.ts';
import type { Migration } from './migration.ts';

// Frozen copies of the old shapes: a migration must keep meaning what it meant when it shipped.
type OldAttendance = 'present' | 'apologies' | boolean | undefined;

const attendance = (old: OldAttendance): 'attended' | 'apologies' | 'did-not-attend' =>
  old === 'present' || old === true || old === undefined
    ? 'attended'
    : old === 'apologies'
      ? 'apologies'
      : 'did-not-attend';

function rewriteJson<T>(db: Db, table: string, column: string, change: (value: T) => unknown) {
  const rows = db
    .prepare(`SELECT rowid AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`)
    .all() as {
    id: number;
    value: string;
  }[];
  const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
  for (const r of rows) update.run(JSON.stringify(change(JSON.parse(r.value) as T)), r.id);
}

/**
 * One meeting model: date and time, chair, attendees (name, role, agency, attended / sent apologies / did not
 * attend), agenda, decisions and actions, the same for every kind of meeting.
 * - strategy meetings gain decisions, and `present` becomes `attended`;
 * - mapping meetings gain an agenda, and `present: true/false` becomes attended / did not attend (the old
 *   record said only whether the person was there);
 * - a hub consultation's attendees (names only) become attendees who attended, with no role or agency
 *   recorded, and it gains an empty chair, agenda, decisions and actions.
 * AIM planning and end meetings are not rewritten: an approved report's content is compared with them as
 * stored, so they are read in either shape (`services/assessments/meeting-record.ts`).
 */
export const meetings: Migration = {
  version: 13,
  name: 'meetings',
  up(db) {
    db.exec(`
      ALTER TABLE strategy_meetings ADD COLUMN decisions TEXT NOT NULL DEFAULT '';
      ALTER TABLE map_meetings ADD COLUMN agenda TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(agenda));
    `);
    rewriteJson<{ attendance: OldAttendance }[]>(db, 'strategy_meetings', 'attendees', (list) =>
      list.map((a) => ({ ...a, attendance: attendance(a.attendance) })),
    );
    rewriteJson<{ name: string; role: string; agency: string; present: boolean }[]>(
      db,
      'map_meetings',
      'attendees',
      (list) => list.map(({ present, ...a }) => ({ ...a, attendance: attendance(present) })),
    );
    rewriteJson<{ attendees: string[] }>(db, 'consultations', 'meeting', (m) => ({
      ...m,
      chair: '',
      attendees: m.attendees.map((name) => ({ name, role: '', agency: '', attendance: 'attended' })),
      agenda: [],
      decisions: '',
      actions: [],
    }));
  },
};

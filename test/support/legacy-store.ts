import Database from 'better-sqlite3-multiple-ciphers';
import { londonDay } from '#domain/dates.ts';
import type { Db } from '#store/database.ts';
import { dropCaptureTriggers } from '#store/sync/tables.ts';

/**
 * Turns a store into one made before AEGIS: the same key, pages encrypted with ChaCha20-Poly1305
 * (re-keyed out of WAL mode, as SQLite3MultipleCiphers requires). For tests of the upgrade only.
 */
export function encryptWithChaCha20(path: string, key: Buffer): void {
  const hex = key.toString('hex');
  const db = new Database(path);
  try {
    db.pragma("cipher = 'aegis'");
    db.pragma(`key = "x'${hex}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma("cipher = 'chacha20'");
    db.pragma(`rekey = "x'${hex}'"`);
  } finally {
    db.close();
  }
}

/** Which cipher opens the file with this key, or null if neither does. */
export function cipherOfFile(path: string, key: Buffer): 'aegis' | 'chacha20' | null {
  for (const cipher of ['aegis', 'chacha20'] as const) {
    const db = new Database(path, { readonly: true });
    try {
      db.pragma(`cipher = '${cipher}'`);
      db.pragma(`key = "x'${key.toString('hex')}'"`);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return cipher;
    } catch {
      // try the next
    } finally {
      db.close();
    }
  }
  return null;
}

type Attendee = { name: string; role: string; agency: string; attendance: string };

/**
 * Turns the meetings in a store into the shapes schema 12 stored, before the one meeting model (migration 013):
 * strategy attendees `present` or `apologies` and no decisions column; mapping attendees `present: true/false`
 * and no agenda column; a consultation's attendees as names, with no chair, agenda, decisions or actions; an
 * AIM meeting held on a day (`heldOn`), with no chair, agenda, decisions or attendance. For upgrade tests only.
 */
export function meetingsAsSchema12(db: Db): void {
  const rewrite = <T>(table: string, column: string, key: string, change: (value: T) => unknown) => {
    const rows = db.prepare(`SELECT ${key} AS id, ${column} AS value FROM ${table}`).all() as {
      id: string;
      value: string | null;
    }[];
    for (const r of rows)
      if (r.value !== null)
        db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`).run(
          JSON.stringify(change(JSON.parse(r.value) as T)),
          r.id,
        );
  };
  rewrite<Attendee[]>('strategy_meetings', 'attendees', 'id', (list) =>
    list.map((a) => ({ ...a, attendance: a.attendance === 'attended' ? 'present' : 'apologies' })),
  );
  rewrite<Attendee[]>('map_meetings', 'attendees', 'id', (list) =>
    list.map(({ attendance, ...a }) => ({ ...a, present: attendance === 'attended' })),
  );
  rewrite<Record<string, unknown> & { attendees: Attendee[] }>('consultations', 'meeting', 'id', (m) => {
    const { chair: _c, agenda: _a, decisions: _d, actions: _x, ...rest } = m;
    return { ...rest, attendees: m.attendees.map((a) => a.name) };
  });
  rewrite<Record<string, unknown> & { heldAt: string; attendees: Attendee[] }>(
    'assessment_meetings',
    'details',
    'assessment_id',
    (d) => {
      const { heldAt, chair: _c, agenda: _a, decisions: _d, ...rest } = d;
      return {
        ...rest,
        heldOn: londonDay(heldAt),
        attendees: d.attendees.map(({ attendance: _x, ...a }) => a),
      };
    },
  );
  // Schema 12 had neither the sync engine's tables nor its capture triggers.
  dropCaptureTriggers(db);
  for (const { name } of db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sync\\_%' ESCAPE '\\'")
    .all() as { name: string }[]) {
    db.exec(`DROP TABLE ${name}`);
  }
  db.exec(
    'ALTER TABLE strategy_meetings DROP COLUMN decisions; ALTER TABLE map_meetings DROP COLUMN agenda;',
  );
  // Nor what migration 021 added.
  db.exec(
    'DROP TABLE case_identifying_words; DROP TABLE consent_exceptions; ALTER TABLE map_exports DROP COLUMN consent_basis;',
  );
  // Nor what migrations 022 and 023 added (issue 14).
  db.exec('ALTER TABLE report_transitions DROP COLUMN section_comments; DROP TABLE case_notes;');
  for (const column of [
    'ethnicity',
    'first_language',
    'interpreter_needed',
    'send_status',
    'send_note',
    'home_address',
    'gp_practice',
    'gp_contact',
  ])
    db.exec(`ALTER TABLE children DROP COLUMN ${column}`);
  for (const column of ['referrer_name', 'referrer_phone', 'referrer_email', 'facts'])
    db.exec(`ALTER TABLE referrals DROP COLUMN ${column}`);
  // Nor what migration 024 added.
  db.exec(
    'ALTER TABLE case_consents DROP COLUMN method; ALTER TABLE case_consents DROP COLUMN given_on; ALTER TABLE case_consents DROP COLUMN rests_on;',
  );
  db.pragma('user_version = 12');
}

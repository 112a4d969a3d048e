import { createHash } from 'node:crypto';
import type { Db } from '../database.ts';

/**
 * Which tables travel between machines, how a row is named on every machine (its key columns) and
 * which case it belongs to (an SQL expression over the row, `$` standing for NEW or OLD). Every column
 * of these tables is captured except the `local` ones: `version` is each machine's own counter for
 * "someone changed this since you opened it", so a remote change raises it like a local one.
 *
 * Not synced, on purpose: accounts and keys (the signed roster carries people), settings, the local
 * audit chain (change sets carry their own entries), drafts (they stay on the author's machine until
 * saved), pending exports, the search index (rebuilt from what arrives) and team-wide reference data.
 */
export interface SyncedTable {
  name: string;
  key: string[];
  caseOf: string;
  /**
   * The same placement without SQL, for a record that is not in its table yet (only in the merge
   * state): the column naming its case, or naming its parent record (whose key is its id) in `parent`.
   * Absent for children, which belong to each case that names them.
   */
  link?: CaseLink;
  local?: string[];
}

export interface CaseLink {
  column: string;
  parent?: string;
}

interface CaseOf {
  sql: string;
  link?: CaseLink;
}

const byCase: CaseOf = { sql: '$.case_id', link: { column: 'case_id' } };
const byAssessment: CaseOf = {
  sql: '(SELECT case_id FROM assessments WHERE id = $.assessment_id)',
  link: { column: 'assessment_id', parent: 'assessments' },
};
const byItem: CaseOf = {
  sql: '(SELECT a.case_id FROM assessment_items i JOIN assessments a ON a.id = i.assessment_id WHERE i.id = $.item_id)',
  link: { column: 'item_id', parent: 'assessment_items' },
};

const table = (name: string, caseOf: CaseOf, key: string[] = ['id']): SyncedTable => ({
  name,
  key,
  caseOf: caseOf.sql,
  ...(caseOf.link ? { link: caseOf.link } : {}),
  local: ['version'],
});

/** In the order a record's parents come before it (the order a whole case is sent in). */
export const SYNCED_TABLES: readonly SyncedTable[] = [
  // A child belongs to each of its cases: its changes travel with every one of them.
  table('children', { sql: 'NULL' }),
  table('cases', { sql: '$.id', link: { column: 'id' } }),
  table('case_managers', byCase, ['case_id', 'user_id']),
  table('case_access_grants', byCase),
  table('case_access_requests', byCase),
  table('case_events', byCase),
  table('deadlines', byCase),
  table(
    'deadline_adjustments',
    {
      sql: '(SELECT case_id FROM deadlines WHERE id = $.deadline_id)',
      link: { column: 'deadline_id', parent: 'deadlines' },
    },
    ['deadline_id', 'seq'],
  ),
  table('referrals', byCase),
  table('strategy_meetings', byCase),
  table('consultations', byCase),
  table('plan_records', byCase),
  table('case_people', byCase),
  table('case_consents', byCase),
  table('consent_exceptions', byCase),
  table('case_identifying_words', byCase),
  table('case_notes', byCase),
  table('map_items', byCase),
  table('map_links', byCase),
  table('map_themes', byCase),
  table('map_meetings', byCase),
  table('map_exports', byCase),
  table('map_item_removals', byCase),
  table('report_map_images', byCase, ['case_id']),
  table('assessments', byCase),
  table('assessment_items', byAssessment),
  table('item_ratings', byItem, ['item_id', 'assessor_id']),
  table('agreed_positions', byItem, ['item_id']),
  table('domain_progress', byAssessment, ['assessment_id', 'domain_id', 'assessor_id']),
  table('assessment_sections', byAssessment, ['assessment_id', 'section_key']),
  table('section_holds', byAssessment, ['assessment_id', 'section_key']),
  table('assessment_sources', byAssessment),
  table('assessment_sessions', byAssessment),
  table('assessment_meetings', byAssessment, ['assessment_id', 'kind']),
  table('report_transitions', byAssessment),
  table('report_snapshots', byAssessment, ['assessment_id']),
  // The key's binding to its signer is each machine's own (an HMAC under its audit key), made on arrival.
  {
    name: 'report_signatures',
    key: ['id'],
    caseOf: byAssessment.sql,
    link: byAssessment.link,
    local: ['key_mac'],
  },
  table('report_exports', byCase),
];

export const syncedTable = (name: string): SyncedTable | undefined =>
  SYNCED_TABLES.find((t) => t.name === name);

export interface Column {
  name: string;
  notNull: boolean;
  hasDefault: boolean;
}

const columnCache = new WeakMap<Db, Map<string, Column[]>>();

/** A table's columns, read once per connection (the schema does not change while the store is open). */
export function columnsOf(db: Db, name: string): Column[] {
  let cache = columnCache.get(db);
  if (!cache) {
    cache = new Map();
    columnCache.set(db, cache);
  }
  const held = cache.get(name);
  if (held) return held;
  const columns = (
    db.prepare(`SELECT name, "notnull" AS nn, dflt_value AS d FROM pragma_table_info(?)`).all(name) as {
      name: string;
      nn: number;
      d: unknown;
    }[]
  ).map((c) => ({ name: c.name, notNull: c.nn === 1, hasDefault: c.d !== null }));
  cache.set(name, columns);
  return columns;
}

/** Forgets the columns read (after the schema changed on this connection: migrations, tests). */
export const forgetColumns = (db: Db) => columnCache.delete(db);

/** The columns captured for a table: all but its local ones. */
export const syncedColumns = (db: Db, t: SyncedTable): string[] =>
  columnsOf(db, t.name)
    .map((c) => c.name)
    .filter((c) => !t.local?.includes(c));

/** The row's name on every machine: its key values as a JSON array, built the same way in SQL and JS. */
export const rowIdSql = (t: SyncedTable, alias: 'NEW' | 'OLD') =>
  `json_array(${t.key.map((k) => `${alias}.${k}`).join(', ')})`;

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function triggersFor(db: Db, t: SyncedTable): string[] {
  const cols = syncedColumns(db, t);
  const when = 'WHEN (SELECT capturing FROM sync_control WHERE id = 1) = 1';
  const caseOf = (alias: 'NEW' | 'OLD') => t.caseOf.replaceAll('$', alias);
  const values = (filter: (c: string) => string) =>
    cols
      .map(
        (c) =>
          `INSERT INTO sync_outbox (tbl, row_id, case_id, field, value, kind) SELECT ${quote(t.name)}, ${rowIdSql(t, 'NEW')}, ${caseOf('NEW')}, ${quote(c)}, NEW.${c}, 'set'${filter(c)};`,
      )
      .join('\n  ');
  return [
    `CREATE TRIGGER sync_${t.name}_insert AFTER INSERT ON ${t.name} ${when} BEGIN
  INSERT INTO sync_outbox (tbl, row_id, case_id, field, value, kind) VALUES (${quote(t.name)}, ${rowIdSql(t, 'NEW')}, ${caseOf('NEW')}, '_deleted', 0, 'insert');
  ${values(() => '')}
END`,
    `CREATE TRIGGER sync_${t.name}_update AFTER UPDATE ON ${t.name} ${when} BEGIN
  ${values((c) => ` WHERE NEW.${c} IS NOT OLD.${c}`)}
END`,
    `CREATE TRIGGER sync_${t.name}_delete AFTER DELETE ON ${t.name} ${when} BEGIN
  INSERT INTO sync_outbox (tbl, row_id, case_id, field, value, kind) VALUES (${quote(t.name)}, ${rowIdSql(t, 'OLD')}, ${caseOf('OLD')}, '_deleted', 1, 'delete');
END`,
  ];
}

/** Removes the capture triggers (before a migration changes a synced table; installed again after it). */
export function dropCaptureTriggers(db: Db): void {
  const old = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")
    .all() as { name: string }[];
  for (const { name } of old) db.exec(`DROP TRIGGER ${name}`);
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_meta'").get();
  if (hasMeta) db.prepare("DELETE FROM sync_meta WHERE key = 'triggers'").run();
}

/**
 * Installs the capture triggers, rebuilding them whenever the synced tables' columns change (a later
 * migration adding a column is captured without anyone remembering to). Cheap when nothing changed:
 * one hash compared with the one recorded.
 */
export function installCaptureTriggers(db: Db): void {
  forgetColumns(db);
  // A store migrated only part of the way (a test's target version) lacks the newest tables.
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const statements = SYNCED_TABLES.filter((t) => present.has(t.name)).flatMap((t) => triggersFor(db, t));
  const digest = createHash('sha256').update(statements.join('\n')).digest('hex');
  const held = db.prepare("SELECT value FROM sync_meta WHERE key = 'triggers'").get() as
    | { value: string }
    | undefined;
  if (held?.value === digest) return;
  db.transaction(() => {
    dropCaptureTriggers(db);
    for (const sql of statements) db.exec(sql);
    db.prepare("INSERT OR REPLACE INTO sync_meta (key, value) VALUES ('triggers', ?)").run(digest);
  })();
}

const hasSyncControl = (db: Db) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_control'").get() !==
  undefined;

/**
 * Runs `work` with capture off: applying other machines' changes, and migrations (a schema change
 * rewriting rows is the same on every machine, so it is not a change anyone made).
 */
export function withoutCapture<T>(db: Db, work: () => T): T {
  const present = hasSyncControl(db);
  if (present) db.prepare('UPDATE sync_control SET capturing = 0 WHERE id = 1').run();
  try {
    return work();
  } finally {
    if (present || hasSyncControl(db)) db.prepare('UPDATE sync_control SET capturing = 1 WHERE id = 1').run();
  }
}

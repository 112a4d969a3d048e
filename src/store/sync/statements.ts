import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../database.ts';

// The sync engine runs the same few statements for every field of every change set. Preparing one is
// costly here (an INSERT or UPDATE on a synced table compiles its capture triggers too), so each
// connection keeps its prepared statements. SQLite prepares a statement again by itself if the schema
// changes under it.

const caches = new WeakMap<Db, Map<string, Statement>>();

export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

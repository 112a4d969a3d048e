import { randomBytes } from 'node:crypto';
import { type Db, openDatabase } from '#store/database.ts';

/** A real keyed database file with a random raw key, for store-level tests. */
export function keyedDatabase(path: string, options: { migrate?: boolean } = {}): { db: Db; key: Buffer } {
  const key = randomBytes(32);
  return { db: openDatabase(path, key, options), key };
}

import type { Db } from '../database.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/** A migration that only runs SQL (new columns, tables and indexes). */
export const sqlMigration = (version: number, name: string, sql: string): Migration => ({
  version,
  name,
  up(db) {
    db.exec(sql);
  },
});

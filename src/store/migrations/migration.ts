import type { Db } from '../database.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

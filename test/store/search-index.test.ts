import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#store/database.ts';
import { childDetails } from '../support/case-steps.ts';
import { type FreshWorkbench, workbenchEachTest } from '../support/each-test.ts';
import { type Harness, seededTeam, teamAllocation } from '../support/workbench.ts';

// After a child is renamed, the old name must be gone from the search index's shadow tables and from
// every page of the (decrypted) database file, not merely hidden from searches.

const OLD = { first: 'Zebediah', last: 'Quillfeather' };
const NEW_NAME = 'Robin Renamed';

let folder: FreshWorkbench['folder'];
let h: Harness;

workbenchEachTest({}, (w) => ({ folder, h } = w));

const hasOldName = (bytes: Buffer) =>
  [OLD.first, OLD.last].some(
    (word) => bytes.includes(word.toLowerCase(), 0, 'latin1') || bytes.includes(word, 0, 'latin1'),
  );

/** The whole database file, decrypted page by page (a copy is re-keyed to no key). */
function decryptedPages(databasePath: string, key: Buffer): Buffer {
  const copy = join(folder.path, 'plain-copy.db');
  copyFileSync(databasePath, copy);
  const db = new Database(copy);
  db.pragma("cipher = 'aegis'");
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
  const bytes = readFileSync(copy);
  expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  return bytes;
}

async function renamedChild(beforeRename: () => void = () => {}) {
  const team = await seededTeam(h);
  beforeRename();
  const child = await h.call(
    'children.create',
    childDetails(`${OLD.first} ${OLD.last}`, { preferredName: OLD.first }),
  );
  // The administrator (also a manager) manages the case, so may rename the child (need to know).
  await h.call('cases.open', { childId: child.id, ...teamAllocation(team) });
  expect(await h.call('cases.search', { query: OLD.last })).toHaveLength(1);
  await h.call('children.update', {
    id: child.id,
    expectedVersion: child.version,
    ...childDetails(NEW_NAME, { preferredName: 'Robin' }),
  });
  expect(await h.call('cases.search', { query: OLD.last })).toHaveLength(0);
  expect(await h.call('cases.search', { query: 'Renamed' })).toHaveLength(1);
  return child;
}

describe('the case search index', () => {
  it('keeps no trace of a renamed child’s old name in its shadow tables', async () => {
    await renamedChild();
    const db = h.wb.db();
    const blocks = db.prepare('SELECT block FROM case_search_data').all() as { block: Buffer | number }[];
    for (const { block } of blocks) {
      if (Buffer.isBuffer(block)) expect(hasOldName(block)).toBe(false);
    }
    const content = JSON.stringify(db.prepare('SELECT * FROM case_search_content').all());
    expect(content).not.toMatch(new RegExp(`${OLD.first}|${OLD.last}`, 'i'));
  });

  it('keeps no trace of it on any page of the decrypted database', async () => {
    await renamedChild();
    const db = h.wb.db();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const session = h.wb.session as unknown as { keys: { databaseKey: Buffer } };
    const pages = decryptedPages(h.wb.databasePath, session.keys.databaseKey);
    // The new name is there (the decryption worked), the old one nowhere.
    expect(pages.includes('renamed', 0, 'latin1')).toBe(true);
    expect(hasOldName(pages)).toBe(false);
  });

  it('turns the option on when an existing store is opened, and purges names removed before', async () => {
    // As a store written before the option existed: the rename leaves the old name in the index.
    await renamedChild(() =>
      h.wb.db().prepare("INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', 0)").run(),
    );
    const blocksWithOldName = (db: ReturnType<typeof openDatabase>) =>
      (db.prepare('SELECT block FROM case_search_data').all() as { block: unknown }[]).filter(
        ({ block }) => Buffer.isBuffer(block) && hasOldName(block),
      ).length;
    expect(blocksWithOldName(h.wb.db())).toBeGreaterThan(0);
    const session = h.wb.session as unknown as { keys: { databaseKey: Buffer } };
    const key = Buffer.from(session.keys.databaseKey);
    h.wb.close();
    const db = openDatabase(h.wb.databasePath, key);
    try {
      expect(db.prepare("SELECT v FROM case_search_config WHERE k = 'secure-delete'").get()).toEqual({
        v: 1,
      });
      expect(blocksWithOldName(db)).toBe(0);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      expect(hasOldName(decryptedPages(h.wb.databasePath, key))).toBe(false);
    } finally {
      if (db.open) db.close();
    }
  });
});

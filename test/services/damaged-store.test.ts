import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#store/database.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, type Harness, harness, seededTeam } from '../support/workbench.ts';

let data: ReturnType<typeof tempFolder>;
let h: Harness;
let databaseKey: Buffer;

beforeEach(async () => {
  data = tempFolder();
  h = harness(data.path);
  await seededTeam(h);
  databaseKey = Buffer.from(h.wb.signedIn().keys.databaseKey);
});
afterEach(() => {
  h.wb.close();
  data.remove();
});

const dbPath = () => join(data.path, 'workbench.db');

/** Which table or index owns each page (SQLite's dbstat), read before the damage. */
function pageOwners(): Map<number, string> {
  const db = openDatabase(dbPath(), databaseKey);
  try {
    const rows = db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[];
    return new Map(rows.map((r) => [r.pageno, r.name]));
  } finally {
    db.close();
  }
}

function damagePage(page: number): void {
  const pageSize = 4096;
  const fd = openSync(dbPath(), 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged database page', () => {
  it('is reported plainly when the last page of the file is damaged, never as internal or a wrong password', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    const lastPage = statSync(dbPath()).size / 4096;
    const owner = pageOwners().get(lastPage);
    damagePage(lastPage);
    h = harness(data.path);
    const result = await h.router.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    if (owner === 'sqlite_schema') {
      // Sign-in itself reads the schema: it is refused with the plain message.
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('store-refused');
        expect(result.error.message).toMatch(/damaged.*restore/i);
      }
    } else {
      // A table or index sign-in does not read: the full check at sign-in finds it.
      expect(result.ok && (result.data as { lostChanges: { kind: string } | null }).lostChanges?.kind).toBe(
        'damaged',
      );
    }
  });

  it('is reported plainly at sign-in when an index page no sign-in reads is damaged, and nothing more is saved', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    // An index page no sign-in reads: only a check of every page finds the damage there.
    const indexPage = [...pageOwners().entries()].find(
      ([, owner]) => owner === 'sqlite_autoindex_report_map_images_1',
    )?.[0] as number;
    expect(indexPage).toBeGreaterThan(1);
    damagePage(indexPage);
    h = harness(data.path);
    const status = await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(status.lostChanges).toMatchObject({
      kind: 'damaged',
      message: expect.stringMatching(/^The database is damaged.*Restore from your last backup/),
    });
    expect(await h.call('audit.check', {})).toMatchObject({
      intact: false,
      firstProblem: { problem: 'damaged' },
    });
    const refused = await h.refuse('settings.update', { autoLockMinutes: 20 });
    expect(refused.code).toBe('store-refused');
    expect(refused.message).toMatch(/Nothing has been saved\. The database is damaged/);
  });

  it('gives the same plain message at the first query that meets it, not an internal error', async () => {
    const child = await h.call('children.create', {
      name: 'Damaged Page Child',
      preferredName: '',
      dateOfBirth: '2011-02-03',
      gender: 'not-known',
      socialCareNumber: '',
      youthJusticeNumber: '',
      areaOfResidence: '',
      school: '',
    });
    await h.call('session.signOut', {});
    h.wb.close();
    const owners = pageOwners();
    const childPages = [...owners].filter(([, name]) => name === 'children').map(([page]) => page);
    expect(childPages.length).toBeGreaterThan(0);
    for (const page of childPages) damagePage(page);
    h = harness(data.path);
    const status = await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    const error = await h.refuse('children.get', { id: child.id });
    expect(error.code).toBe('store-refused');
    expect(error.message).toMatch(/^The database is damaged.*Restore from your last backup/);
    expect(status.lostChanges?.kind).toBe('damaged');
  });

  it('a missing database file is refused plainly at sign-in, and no empty database is made in its place', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    rmSync(dbPath());
    h = harness(data.path);
    const error = await h.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(error).toMatchObject({
      code: 'store-refused',
      message: expect.stringMatching(/database file is missing/),
    });
    expect(existsSync(dbPath())).toBe(false);
  });
});

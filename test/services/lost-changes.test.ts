import { cpSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#store/database.ts';
import { aChild, type DataFolderWorkbench, dataFolderEachTest } from '../support/backups.ts';
import { ADMIN_PASSWORD, type Harness, SW_PASSWORD } from '../support/workbench.ts';

let root: DataFolderWorkbench['root'];
let h: Harness;
let databaseKey: Buffer;

const dataDir = () => join(root.path, 'data');
const copyDir = () => join(root.path, 'copy');

const open = dataFolderEachTest((w) => ({ root, h, databaseKey } = w));

/** Thirty acknowledged writes, each a child and its audit entry; the database stays open (a live -wal). */
async function thirtyWrites() {
  h.travelTo(new Date('2026-11-26T11:15:00Z'));
  for (let i = 1; i <= 30; i++) await h.call('children.create', aChild(`Child ${i}`));
}

/** The data folder copied as it is on disk while the workbench is running (as after a power cut). */
function copyWhileOpen(): string {
  cpSync(dataDir(), copyDir(), { recursive: true });
  return copyDir();
}

async function signInAt(dir: string, as = { username: 'admin', password: ADMIN_PASSWORD }) {
  const next = open(dir);
  const status = await next.call('session.signIn', as);
  return { h: next, status };
}

const lastSeq = (dir: string) => JSON.parse(readFileSync(join(dir, 'workbench.head'), 'utf8')).seq as number;

const children = (x: Harness) => x.wb.db().prepare('SELECT count(*) FROM children').pluck().get();

async function expectLossFound(dir: string, message: RegExp) {
  const { h: x, status } = await signInAt(dir);
  expect(status.lostChanges?.message).toMatch(message);
  expect(status.lostChanges?.message).toMatch(/Restore from your last backup/);
  const check = await x.call('audit.check', {});
  expect(check).toMatchObject({ intact: false, firstProblem: { problem: 'changes-lost' } });
  // Nothing more is saved on top of a store that has lost changes.
  const refused = await x.refuse('children.create', aChild('On Top Of A Loss'));
  expect(refused).toMatchObject({
    code: 'store-refused',
    message: expect.stringMatching(/Nothing has been saved/),
  });
  // It is still there after a restart: the head file was not moved on by the sign-in.
  x.wb.close();
  const again = await signInAt(dir);
  expect(again.status.lostChanges).toEqual(status.lostChanges);
  return { x: again.h, status };
}

describe('silent loss is noticed at sign-in', () => {
  it('the -wal deleted after acknowledged writes', async () => {
    await thirtyWrites();
    const head = lastSeq(dataDir());
    const dir = copyWhileOpen();
    rmSync(join(dir, 'workbench.db-wal'));
    rmSync(join(dir, 'workbench.db-shm'), { force: true });
    const { status } = await expectLossFound(
      dir,
      new RegExp(
        `^Changes recorded after 26/11/2026 10:00 \\(audit entries \\d+ to ${head}, the last at 26/11/2026 11:15\\) are missing`,
      ),
    );
    expect(status.lostChanges?.toSeq).toBe(head);
  });

  it('the -wal cut short after acknowledged writes', async () => {
    await thirtyWrites();
    const dir = copyWhileOpen();
    const wal = join(dir, 'workbench.db-wal');
    truncateSync(wal, Math.floor(statSync(wal).size / 2));
    await expectLossFound(dir, /audit entries \d+ to \d+.*are missing from the database/);
  });

  it('a bit flipped in the -wal after acknowledged writes', async () => {
    await thirtyWrites();
    const dir = copyWhileOpen();
    const wal = join(dir, 'workbench.db-wal');
    const bytes = readFileSync(wal);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = (bytes[at] ?? 0) ^ 0x10;
    writeFileSync(wal, bytes);
    await expectLossFound(dir, /are missing from the database/);
  });

  it('the whole database replaced by an older copy', async () => {
    await h.call('session.signOut', {});
    const older = join(root.path, 'older.db');
    cpSync(join(dataDir(), 'workbench.db'), older);
    await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    await thirtyWrites();
    await h.call('session.signOut', {});
    h.wb.close();
    cpSync(older, join(dataDir(), 'workbench.db'));
    await expectLossFound(
      dataDir(),
      /^Changes recorded after .* are missing from the database: it has lost changes or been replaced by an older copy/,
    );
  });

  it('the audit tables wiped, then a sign-in', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    const db = openDatabase(join(dataDir(), 'workbench.db'), databaseKey);
    db.exec('DELETE FROM audit_log; DELETE FROM audit_head;');
    db.close();
    const { x } = await expectLossFound(dataDir(), /^All changes \(audit entries 1 to \d+/);
    // Accepting the loss lets work carry on, but the trail still says it does not begin at the set-up.
    await x.call('audit.acceptLoss', {});
    expect((await x.call('audit.check', {})).firstProblem).toMatchObject({ seq: 1, problem: 'removed' });
  });

  it('the head file deleted once it was being kept', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    rmSync(join(dataDir(), 'workbench.head'));
    await expectLossFound(dataDir(), /workbench\.head.*is missing from the data folder/);
  });
});

describe('no false alarm, and the ways out', () => {
  it('a normal restart after a clean close, and one after a power cut with the -wal intact, are not flagged', async () => {
    await thirtyWrites();
    const dir = copyWhileOpen();
    const afterCut = await signInAt(dir);
    expect(afterCut.status.lostChanges).toBeNull();
    expect(await afterCut.h.call('audit.check', {})).toMatchObject({ intact: true });
    await h.call('session.signOut', {});
    h.wb.close();
    const clean = await signInAt(dataDir());
    expect(clean.status.lostChanges).toBeNull();
    expect(children(clean.h)).toBe(30);
    expect(await clean.h.call('audit.check', {})).toMatchObject({ intact: true });
  });

  it('the first sign-in after the upgrade starts the head file instead of reporting a loss', async () => {
    await h.call('session.signOut', {});
    h.wb.close();
    // As the database was before this version: no head file, no record that one is kept.
    rmSync(join(dataDir(), 'workbench.head'));
    const db = openDatabase(join(dataDir(), 'workbench.db'), databaseKey);
    db.exec("DELETE FROM settings WHERE key = 'headFileSince'");
    db.close();
    const { h: x, status } = await signInAt(dataDir());
    expect(status.lostChanges).toBeNull();
    expect((await x.call('audit.recent', { limit: 2 })).map((e) => e.action)).toEqual([
      'session.sign-in',
      'audit.head-file-started',
    ]);
    expect(lastSeq(dataDir())).toBeGreaterThan(0);
  });

  it('only an administrator may accept the loss; it is audited and the head file starts again', async () => {
    await thirtyWrites();
    const dir = copyWhileOpen();
    rmSync(join(dir, 'workbench.db-wal'));
    const sw = await signInAt(dir, { username: 'sam.sw', password: SW_PASSWORD });
    expect(sw.status.lostChanges).not.toBeNull();
    expect((await sw.h.refuse('audit.acceptLoss', {})).code).toBe('forbidden');
    sw.h.wb.close();
    const { h: x, status } = await signInAt(dir);
    const accepted = await x.call('audit.acceptLoss', {});
    expect(accepted.lostChanges).toBeNull();
    const [entry] = await x.call('audit.recent', { limit: 1 });
    expect(entry).toMatchObject({
      action: 'audit.accept-loss',
      summary: expect.stringContaining(`to ${status.lostChanges?.toSeq}`),
    });
    await x.call('children.create', aChild('After Accepting'));
    x.wb.close();
    const after = await signInAt(dir);
    expect(after.status.lostChanges).toBeNull();
    expect(await after.h.call('audit.check', {})).toMatchObject({ intact: true });
  });

  it('restoring a backup clears the finding and writes the head file for the restored database', async () => {
    const backups = join(root.path, 'backups');
    h.host.backupFolder = backups;
    cpSync(dataDir(), backups, { filter: () => false });
    const made = await h.call('backup.create', {});
    await thirtyWrites();
    const dir = copyWhileOpen();
    rmSync(join(dir, 'workbench.db-wal'));
    const { h: x } = await signInAt(dir);
    x.host.restoreFolder = made?.folder ?? '';
    await x.call('backup.restore', {});
    expect((await x.call('session.status', {})).lostChanges).toBeNull();
    await x.call('children.create', aChild('After Restoring'));
    x.wb.close();
    const after = await signInAt(dir);
    expect(after.status.lostChanges).toBeNull();
    expect(await after.h.call('audit.check', {})).toMatchObject({ intact: true });
  });
});

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST } from '#store/crypto.ts';
import { isPlaintextSqlite, openDatabase } from '#store/database.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, type Harness, harness, seededTeam } from '../support/workbench.ts';

const CANARY_NAME = 'Zebediah Canaryfield';
const CANARY_SCHOOL = 'Quillington Canary Academy';

let folder: ReturnType<typeof tempFolder>;
let h: Harness;

/** Every file under the folder, with its bytes, so a test can search them all. */
function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

const digestOf = (dir: string) =>
  allFiles(dir)
    .map((f) => `${f.path}:${createHash('sha256').update(f.bytes).digest('hex')}`)
    .sort()
    .join('\n');

async function addCanaryChild(target: Harness) {
  const child = await target.call('children.create', {
    name: CANARY_NAME,
    preferredName: 'Zeb',
    dateOfBirth: '2013-03-14',
    gender: 'male',
    socialCareNumber: 'SC-CANARY-1',
    youthJusticeNumber: '',
    areaOfResidence: 'Canarytown',
    school: CANARY_SCHOOL,
  });
  return child;
}

beforeEach(() => {
  folder = tempFolder();
  // This suite keeps the production scrypt cost: the real thing, on a real keyed file.
  h = harness(folder.path, { kdfCost: DEFAULT_KDF_COST });
});
afterEach(() => {
  h.wb.close();
  folder.remove();
});

describe('the encrypted store on disk', () => {
  it('keeps no readable trace of a child in the database, its WAL or anywhere in the data folder', async () => {
    await seededTeam(h);
    await addCanaryChild(h);
    // While the database is open the recent writes sit in the -wal file: search it too.
    const files = allFiles(folder.path);
    expect(files.map((f) => f.path).some((p) => p.endsWith('-wal'))).toBe(true);
    for (const { path, bytes } of files) {
      for (const canary of [CANARY_NAME, CANARY_SCHOOL, 'SC-CANARY-1', 'Canarytown']) {
        expect(bytes.includes(canary), `${canary} readable in ${path}`).toBe(false);
        expect(bytes.includes(Buffer.from(canary, 'utf16le')), `${canary} (UTF-16) in ${path}`).toBe(false);
      }
    }
    expect(isPlaintextSqlite(h.wb.databasePath)).toBe(false);
    expect(readFileSync(h.wb.databasePath).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    h.wb.close();
    for (const { bytes } of allFiles(folder.path)) expect(bytes.includes(CANARY_NAME)).toBe(false);
  });

  it('records the scrypt parameters beside each wrapped key', async () => {
    await seededTeam(h);
    const keyring = JSON.parse(readFileSync(h.wb.keyringPath, 'utf8'));
    expect(keyring.users[0].kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(keyring.recovery.kdf.N).toBe(2 ** 17);
    expect(statSync(h.wb.keyringPath).mode & 0o077).toBe(0);
  });

  it('refuses a plaintext database file and leaves it as it was', async () => {
    await seededTeam(h);
    h.wb.close();
    const plain = new Database(`${h.wb.databasePath}.plain`);
    plain.exec("CREATE TABLE t(x); INSERT INTO t VALUES ('hello')");
    plain.close();
    writeFileSync(h.wb.databasePath, readFileSync(`${h.wb.databasePath}.plain`));
    const before = digestOf(folder.path);
    const error = await h.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(error.code).toBe('store-refused');
    expect(error.message).toMatch(/not encrypted/);
    expect(digestOf(folder.path)).toBe(before);
  });

  it('a wrong password or recovery key gives a clear error and changes nothing but the throttle count', async () => {
    await seededTeam(h);
    await addCanaryChild(h);
    await h.call('session.signOut', {});
    h.wb.close();
    const dbBefore = createHash('sha256').update(readFileSync(h.wb.databasePath)).digest('hex');
    const wrong = await h.refuse('session.signIn', { username: 'admin', password: 'not the password' });
    expect(wrong).toMatchObject({
      code: 'wrong-password',
      message: expect.stringMatching(/username or password is not right/),
    });
    const wrongKey = await h.refuse('session.recover', {
      username: 'admin',
      recoveryKey: '00000-00000-00000-00000-00000-00000-00000-00000',
      newPassword: 'whatever new password',
    });
    expect(wrongKey.message).toMatch(/recovery key is not right/);
    expect(createHash('sha256').update(readFileSync(h.wb.databasePath)).digest('hex')).toBe(dbBefore);
    expect((await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD })).state).toBe(
      'signed-in',
    );
    expect((await h.call('cases.search', { query: '' })).length).toBe(0);
  });

  it.each([
    ['truncated', (path: string) => truncateSync(path, Math.floor(statSync(path).size / 3))],
    [
      'bit-flipped',
      (path: string) => {
        const bytes = readFileSync(path);
        for (let i = 0; i < bytes.length; i += 4096) bytes[i + 100] = (bytes[i + 100] ?? 0) ^ 0x10;
        writeFileSync(path, bytes);
      },
    ],
  ])('a %s database file gives a clear error and is left as it is', async (_kind, damage) => {
    await seededTeam(h);
    await addCanaryChild(h);
    await h.call('session.signOut', {});
    h.wb.close();
    damage(h.wb.databasePath);
    const before = digestOf(folder.path);
    const error = await h.refuse('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(error.code).toBe('store-refused');
    // Both kinds of damage show on the first read of the file, so both get the same plain message.
    expect(error.message).toBe(
      'The database could not be opened with this key: it is damaged or belongs to another workbench. Nothing has been changed; restore your last backup if this continues.',
    );
    expect(digestOf(folder.path).replace(/keyring\.json:\w+/, '')).toBe(
      before.replace(/keyring\.json:\w+/, ''),
    );
  });

  it('opening with a wrong raw key fails at the first read and leaves the file unchanged', async () => {
    await seededTeam(h);
    h.wb.close();
    const before = digestOf(folder.path);
    expect(() => openDatabase(h.wb.databasePath, Buffer.alloc(32, 7))).toThrow(/could not be opened/);
    expect(digestOf(folder.path)).toBe(before);
  });
});

import { execFileSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStep, injectFileFault } from '#store/files.ts';
import { Keyring } from '#store/keyring.ts';
import { exportFixture, type Fixture } from '../support/export-fixture.ts';
import { auditRows, dumpTables, folderState } from '../support/store-dump.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, type Harness, harness, TEST_KDF_COST } from '../support/workbench.ts';

// Random sequences of router calls with real storage faults injected:
//  - the database full: its page limit set to its current size and the store filled to that limit
//    with audited writes, so the call's next write that needs a page fails with SQLITE_FULL;
//  - the disk under the data folder full (a 64 MiB tmpfs filled but for 0–16 KiB): small files such as
//    the keyring may still be written, while the database's write-ahead log cannot grow at commit;
//  - a file write failing at its write, flush or rename, through the test seam in src/store/files.ts
//    (`injectFileFault`). The seam rather than a filling tmpfs for this one: it fails each step on
//    demand, it reaches every file the workbench writes (exports, backups, the keyring) wherever it is,
//    and the real full disk is covered above and in export-file.test.ts.
// After every call: if it answered ok, its effect is visible and its audit entry is there; if it was
// refused, every table, the trail, the keyring file and the save folder are exactly as before, and
// the trail checks intact. (One stated exception: an export whose file fails after the export was
// recorded leaves its audit entry and an 'export.failed' entry; see src/services/export-file.ts.)
//
// KEYRING CALLS: creating a user and changing or resetting a password must commit the keyring and the
// database together; today the keyring file is replaced inside the transaction, so a commit that fails
// on a full disk leaves a changed keyring and this property fails. FAULTS_WITHOUT_KEYRING=1 leaves those
// calls out (to check the rest while that is fixed elsewhere); by default they are in.

const RUNS = Number(process.env.FAULTS_RUNS ?? 100);
const WITHOUT_KEYRING = process.env.FAULTS_WITHOUT_KEYRING === '1';

type Fault = 'none' | 'database-full' | 'data-disk-full' | FileStep;
const FAULTS: Fault[] = [
  'none',
  'none',
  'database-full',
  'database-full',
  'data-disk-full',
  'write',
  'fsync',
  'rename',
];

const KEYRING_CALLS = ['create user', 'change password', 'reset password'] as const;
const OTHER_CALLS = [
  'update user',
  'open case',
  'edit child',
  'add map item',
  'edit map item',
  'remove map item',
  'record consent',
  'export report',
  'export chronology',
  'back up',
] as const;
type Kind = (typeof KEYRING_CALLS)[number] | (typeof OTHER_CALLS)[number];
const KINDS: Kind[] = WITHOUT_KEYRING ? [...OTHER_CALLS] : [...KEYRING_CALLS, ...OTHER_CALLS];

interface Step {
  kind: Kind;
  fault: Fault;
  n: number;
}

let folder: ReturnType<typeof tempFolder>;
let templateDir = '';
let fixture: Fixture;
let runNo = 0;
/** A small tmpfs holding each run's data folder, so that the disk under the database can be filled. */
let disk: string | null = null;

beforeAll(async () => {
  folder = tempFolder();
  const mountPoint = join(folder.path, 'disk');
  mkdirSync(mountPoint);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    disk = mountPoint;
  } catch (error) {
    console.warn(
      `Cannot mount a tmpfs (${String((error as { stderr?: Buffer }).stderr ?? error).trim()}): the data-disk-full fault is left out.`,
    );
  }
  templateDir = join(folder.path, 'template');
  const h = harness(templateDir, { start: new Date('2026-11-06T10:00:00Z') });
  fixture = await exportFixture(h);
  h.wb.close();
}, 60_000);
afterAll(() => {
  injectFileFault(null);
  if (disk) execFileSync('umount', [disk]);
  folder.remove();
});

interface World {
  h: Harness;
  out: string;
  adminPassword: string;
  users: { id: string; username: string; password: string; agency: string }[];
  seq: number;
  last?: unknown;
}

function snapshot(w: World) {
  const db = w.h.wb.db();
  return {
    tables: dumpTables(db),
    trail: auditRows(db),
    keyring: readFileSync(w.h.wb.keyringPath).toString('hex'),
    out: folderState(w.out),
  };
}
type Snapshot = ReturnType<typeof snapshot>;

/** Whether `password` opens `username`'s wrap in the keyring file on disk. */
function keyringOpens(w: World, username: string, password: string): boolean {
  return Keyring.load(w.h.wb.keyringPath, TEST_KDF_COST).unwrapWithPassword(username, password) !== null;
}

const row = (w: World, sql: string, ...args: unknown[]) =>
  w.h.wb
    .db()
    .prepare(sql)
    .get(...args) as Record<string, unknown> | undefined;

/** Makes the call and returns a check of its effect, to run if it answered ok. */
async function perform(w: World, step: Step): Promise<{ ok: boolean; effect: () => void }> {
  const { h } = w;
  const n = ++w.seq;
  const f = fixture;
  const call = async (name: string, request: unknown) => {
    const r = await h.router.call(name, request);
    w.last = r.ok ? null : r.error;
    return r;
  };
  const item = () =>
    row(w, 'SELECT id, version FROM map_items WHERE case_id = ? ORDER BY created_at, id LIMIT 1', f.caseId) as
      | { id: string; version: number }
      | undefined;
  switch (step.kind) {
    case 'create user': {
      const username = `user${n}`;
      const password = `first password ${n}`;
      const r = await call('users.create', {
        username,
        name: `Person ${n}`,
        agency: 'health',
        roles: ['practitioner'],
        aimTrained: false,
        initialPassword: password,
      });
      return {
        ok: r.ok,
        effect: () => {
          const id = (r as { data: { id: string } }).data.id;
          w.users.push({ id, username, password, agency: 'health' });
          expect(row(w, 'SELECT username FROM users WHERE id = ?', id)?.username).toBe(username);
          expect(keyringOpens(w, username, password)).toBe(true);
        },
      };
    }
    case 'change password': {
      const next = `admin password ${n}`;
      const r = await call('account.changePassword', { currentPassword: w.adminPassword, newPassword: next });
      return {
        ok: r.ok,
        effect: () => {
          w.adminPassword = next;
          expect(keyringOpens(w, 'admin', next)).toBe(true);
        },
      };
    }
    case 'reset password': {
      const target = w.users[step.n % w.users.length];
      if (!target) throw new Error('no user');
      const next = `reset password ${n}`;
      const r = await call('users.resetPassword', { id: target.id, newPassword: next });
      return {
        ok: r.ok,
        effect: () => {
          target.password = next;
          expect(keyringOpens(w, target.username, next)).toBe(true);
        },
      };
    }
    case 'update user': {
      const target = w.users[step.n % w.users.length];
      if (!target) throw new Error('no user');
      const r = await call('users.update', {
        id: target.id,
        name: `Renamed ${n} ${'Long-Surname '.repeat(step.n % 10)}`.trim(),
        agency: target.agency,
        roles: ['practitioner'],
        aimTrained: true,
        active: true,
      });
      return {
        ok: r.ok,
        effect: () =>
          expect(row(w, 'SELECT name FROM users WHERE id = ?', target.id)?.name).toMatch(
            new RegExp(`^Renamed ${n}( |$)`),
          ),
      };
    }
    case 'open case': {
      const r = await call('cases.open', {
        childId: f.childId,
        profileId: step.n % 2 ? 'blackpool' : 'hounslow',
        socialWorkerId: f.team.socialWorker.id,
        yosPractitionerId: f.team.yos.id,
        managerIds: [],
      });
      return {
        ok: r.ok,
        effect: () => {
          const id = (r as { data: { id: string } }).data.id;
          expect(row(w, 'SELECT child_id FROM cases WHERE id = ?', id)?.child_id).toBe(f.childId);
        },
      };
    }
    case 'edit child': {
      const version = row(w, 'SELECT version FROM children WHERE id = ?', f.childId)?.version;
      const r = await call('children.update', {
        id: f.childId,
        expectedVersion: version,
        name: `Riley Export ${n}`,
        dateOfBirth: '2012-04-04',
        gender: 'male',
      });
      return {
        ok: r.ok,
        effect: () =>
          expect(row(w, 'SELECT name FROM children WHERE id = ?', f.childId)?.name).toBe(`Riley Export ${n}`),
      };
    }
    case 'add map item': {
      const r = await call('map.addItem', {
        caseId: f.caseId,
        item: {
          kind: 'life-event',
          lane: 'family',
          what: `Event ${n} ${'and then '.repeat(step.n % 20)}`.trim(),
          people: [],
          place: '',
          date: { precision: 'year', year: 2015 + (step.n % 10) },
          sourceAgency: 'education',
          sourceDetail: '',
        },
      });
      return {
        ok: r.ok,
        effect: () =>
          expect(
            row(w, 'SELECT id FROM map_items WHERE what LIKE ?', `Event ${n} %`) ??
              row(w, 'SELECT id FROM map_items WHERE what = ?', `Event ${n}`),
          ).toBeDefined(),
      };
    }
    case 'edit map item': {
      const target = item();
      const r = await call('map.updateItem', {
        itemId: target?.id ?? fixture.itemId,
        expectedVersion: target?.version ?? 1,
        item: {
          kind: 'life-event',
          lane: 'family',
          what: `Edited ${n}`,
          people: [],
          place: 'School',
          date: { precision: 'month', year: 2021, month: 9 },
          sourceAgency: 'education',
          sourceDetail: '',
        },
      });
      return {
        ok: r.ok,
        effect: () =>
          expect(row(w, 'SELECT what FROM map_items WHERE id = ?', target?.id)?.what).toBe(`Edited ${n}`),
      };
    }
    case 'remove map item': {
      const target = item();
      const r = await call('map.removeItem', {
        itemId: target?.id ?? fixture.itemId,
        expectedVersion: target?.version ?? 1,
        reason: 'Entered twice',
      });
      return {
        ok: r.ok,
        effect: () => expect(row(w, 'SELECT id FROM map_items WHERE id = ?', target?.id)).toBeUndefined(),
      };
    }
    case 'record consent': {
      const before = row(w, 'SELECT count(*) AS c FROM case_consents')?.c as number;
      const r = await call('consents.record', {
        caseId: f.caseId,
        purpose: 'map-sharing-external',
        subject: 'child',
        personId: null,
        status: step.n % 2 ? 'given' : 'refused',
        reason:
          step.n % 2
            ? ''
            : `Does not want it shared. ${'They explained why at length. '.repeat(step.n % 60)}`.trim(),
      });
      return {
        ok: r.ok,
        effect: () =>
          expect(row(w, 'SELECT count(*) AS c FROM case_consents')?.c as number).toBeGreaterThanOrEqual(
            before,
          ),
      };
    }
    case 'export report':
    case 'export chronology': {
      const path = join(w.out, `export-${n}.docx`);
      h.host.saveFile = path;
      const r =
        step.kind === 'export report'
          ? await call('reports.export', { assessmentId: f.assessmentId })
          : await call('reports.exportChronology', { caseId: f.caseId });
      return {
        ok: r.ok,
        effect: () => {
          expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
          expect(row(w, 'SELECT id FROM report_exports WHERE saved_to = ?', path)).toBeDefined();
        },
      };
    }
    case 'back up': {
      h.host.backupFolder = w.out;
      const r = await call('backup.create', {});
      return {
        ok: r.ok,
        effect: () => {
          const made = (r as { data: { folder: string } }).data.folder;
          expect(existsSync(join(made, 'manifest.json'))).toBe(true);
        },
      };
    }
  }
}

/** What a refused call may leave: nothing at all, except the trail of an export whose file failed. */
function expectUnchanged(w: World, before: Snapshot, step: Step) {
  const after = snapshot(w);
  expect(after.tables, 'every table is as before').toEqual(before.tables);
  expect(after.keyring, 'the keyring file is as before').toBe(before.keyring);
  expect(after.out, 'the save folder is as before').toEqual(before.out);
  expect(after.trail.rows.slice(0, before.trail.rows.length)).toEqual(before.trail.rows);
  const added = after.trail.rows.slice(before.trail.rows.length).map((e) => e.action);
  const fileFault = step.fault === 'write' || step.fault === 'fsync' || step.fault === 'rename';
  if (step.kind.startsWith('export') && fileFault) {
    // The export step records the attempt before it writes, so that a crash is settled at the next
    // sign-in; when the file then fails, the trail says so (see export-file.ts).
    expect(added).toEqual([expect.stringMatching(/^report\.export/), 'export.failed']);
  } else {
    expect(added, 'a refused call adds nothing to the trail').toEqual([]);
    expect(after.trail.head).toBe(before.trail.head);
  }
}

/**
 * The database full: its page limit set to its current size, then audited writes (real entries in the
 * trail, before the call's snapshot) until SQLITE_FULL, so that no free page or room in the trail's
 * last page is left and the call's own write is the one that fails — as on a full disk.
 */
function fillDatabase(w: World) {
  const db = w.h.wb.db();
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  for (let i = 0; i < 10_000; i++) {
    try {
      w.h.wb.write((_db, audit) =>
        audit({ action: 'test.fill', recordType: 'test', recordId: String(i), summary: 'filling the store' }),
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_FULL') return;
      throw error;
    }
  }
  throw new Error('the database did not fill up');
}

/**
 * The disk under the data folder full but for `spare` bytes: the keyring's small file may still fit
 * while the database's write-ahead log cannot grow at commit (SQLITE_FULL from the real file system).
 */
function fillDisk(spare: number): string | null {
  if (!disk) return null;
  const filler = join(disk, 'filler.bin');
  const { bavail, bsize } = statfsSync(disk);
  let left = bavail * bsize - spare;
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20);
  try {
    while (left > 0) left -= writeSync(fd, chunk, 0, Math.min(chunk.length, left));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

async function runSequence(steps: Step[]) {
  const dataDir = join(disk ?? folder.path, `run-${++runNo}`);
  cpSync(templateDir, dataDir, { recursive: true });
  const h = harness(dataDir, { start: new Date('2026-11-07T10:00:00Z') });
  const w: World = {
    h,
    out: join(folder.path, `out-${runNo}`),
    adminPassword: ADMIN_PASSWORD,
    users: [
      { id: fixture.team.socialWorker.id, username: 'sam.sw', password: '', agency: 'childrens-social-care' },
      { id: fixture.team.yos.id, username: 'yas.yos', password: '', agency: 'youth-justice' },
    ],
    seq: 0,
  };
  mkdirSync(w.out);
  try {
    await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    for (const [index, step] of steps.entries()) {
      h.travelTo(new Date(h.clock.now.getTime() + 60_000));
      const db = h.wb.db();
      const limit = db.pragma('max_page_count', { simple: true }) as number;
      let filler: string | null = null;
      if (step.fault === 'database-full') {
        fillDatabase(w);
      } else if (step.fault === 'data-disk-full') {
        filler = fillDisk([0, 4096, 8192, 12_288, 16_384][step.n % 5] ?? 0);
      } else if (step.fault !== 'none') {
        injectFileFault(step.fault);
      }
      const before = snapshot(w);
      let outcome: Awaited<ReturnType<typeof perform>>;
      try {
        outcome = await perform(w, step);
      } finally {
        if (filler) rmSync(filler);
        injectFileFault(null);
        if (h.wb.session.state === 'signed-in') h.wb.db().pragma(`max_page_count = ${limit}`);
      }
      const where = `step ${index + 1}: ${step.kind} with fault ${step.fault}`;
      if (process.env.FAULTS_STATS)
        console.log(
          `STAT ${step.kind} | ${step.fault} | ${outcome.ok} ${outcome.ok ? '' : JSON.stringify(w.last)}`,
        );
      expect(h.wb.session.state, where).toBe('signed-in');
      if (outcome.ok) {
        outcome.effect();
        const added = auditRows(h.wb.db()).rows.length - before.trail.rows.length;
        expect(added, `${where}: its audit entry is there`).toBeGreaterThanOrEqual(1);
        expect(
          readdirSync(w.out).filter((name) => name.endsWith('.tmp')),
          where,
        ).toEqual([]);
      } else {
        expectUnchanged(w, before, step);
      }
      const check = await h.router.call('audit.check', {});
      expect(check, where).toMatchObject({ ok: true, data: { intact: true } });
    }
  } finally {
    h.wb.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('router calls under storage faults', () => {
  it(`every call either takes full effect with its audit entry, or leaves the store, keyring and save folder as they were (${RUNS} runs${WITHOUT_KEYRING ? ', keyring calls left out' : ''})`, async () => {
    const step = fc.record({
      kind: fc.constantFrom(...KINDS),
      fault: fc.constantFrom(...FAULTS),
      n: fc.nat({ max: 1000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        await runSequence(steps);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});

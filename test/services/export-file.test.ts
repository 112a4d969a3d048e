import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyExport, exportFixture, type Fixture, PASSWORD_OF } from '../support/export-fixture.ts';
import { auditRows, dumpTables, folderState } from '../support/store-dump.ts';
import { tempFolder } from '../support/temp.ts';
import { type Harness, harness } from '../support/workbench.ts';

// A save folder on a real, full file system: a 64 KiB tmpfs filled to the last byte.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;
let saveDir = '';
let mounted = false;
let mountRefused = '';

function fill(dir: string) {
  const fd = openSync(join(dir, 'already-here.bin'), 'w');
  const chunk = Buffer.alloc(4096, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  folder = tempFolder();
  saveDir = join(folder.path, 'usb-stick');
  mkdirSync(saveDir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', saveDir], { stdio: 'pipe' });
    mounted = true;
    fill(saveDir);
  } catch (error) {
    mountRefused = String((error as { stderr?: Buffer }).stderr ?? error);
  }
  h = harness(join(folder.path, 'data'), { start: new Date('2026-11-06T10:00:00Z') });
  f = await exportFixture(h);
}, 60_000);

afterAll(() => {
  h?.wb.close();
  if (mounted) execFileSync('umount', [saveDir]);
  folder.remove();
});

async function as(username: 'admin' | 'sam.sw') {
  if (h.wb.session.state === 'signed-in' && h.wb.session.user.username === username) return;
  await h.call('session.signOut', {});
  await h.call('session.signIn', { username, password: PASSWORD_OF[username] });
}

describe('every export and the disk it is saved to', () => {
  it('to a full disk: refused plainly, leaves no file and no record, and the trail says no file was kept — for every export', async (context) => {
    if (!mounted) {
      context.skip(`cannot mount a tmpfs here, so there is no full disk to test against: ${mountRefused}`);
    }
    for (const x of everyExport(f)) {
      await as(x.as);
      h.host.saveFile = join(saveDir, x.file);
      const db = h.wb.db();
      const tables = dumpTables(db);
      const trail = auditRows(db);
      const files = folderState(saveDir);

      const error = await h.refuse(x.name, x.request);

      expect(error.code, x.label).toBe('store-refused');
      expect(error.message, x.label).toBe(
        `The file could not be saved to ${saveDir}: there is no space left on that drive. Nothing was saved there, and the attempt is recorded in the audit trail. Free some space there or choose another folder, then export again.`,
      );
      // The save folder is exactly as before: no target, no temporary file.
      expect(folderState(saveDir), x.label).toEqual(files);
      expect(readdirSync(saveDir), x.label).toEqual(['already-here.bin']);
      // Every table is as before: no pending row and no record of an export that has no file.
      expect(withoutSync(dumpTables(db)), x.label).toEqual(withoutSync(tables));
      // The sync engine carries the trail of it (the export's record made, then removed): every
      // export record it knows of is removed, so no other computer shows an export without a file.
      const live = db
        .prepare(
          `SELECT f.tbl, f.row_id FROM sync_fields f WHERE f.tbl IN ('report_exports', 'map_exports') AND f.field = 'id'
           AND NOT EXISTS (SELECT 1 FROM sync_fields d WHERE d.tbl = f.tbl AND d.row_id = f.row_id
             AND d.field = '_deleted' AND json_extract(d.state, '$.current[0].value') = 1)`,
        )
        .all();
      expect(live, x.label).toEqual(currentExportRecords(db));
      // The trail keeps what it had and adds the attempt and its failure, in that order.
      const after = auditRows(db).rows;
      expect(after.slice(0, trail.rows.length), x.label).toEqual(trail.rows);
      const added = after.slice(trail.rows.length);
      expect(
        added.map((e) => e.action),
        x.label,
      ).toEqual([expect.stringMatching(/export/), 'export.failed']);
      expect(added[1]?.summary, x.label).toMatch(
        new RegExp(
          `to ${h.host.saveFile.replace(/[.]/g, '\\.')} failed \\(there is no space left on that drive\\); no file was kept$`,
        ),
      );
      if (h.wb.session.state === 'signed-in' && h.wb.session.user.username === 'admin') {
        expect((await h.call('audit.check', {})).intact, x.label).toBe(true);
      }
    }
    await as('admin');
    expect((await h.call('audit.check', {})).intact).toBe(true);
  }, 120_000);

  it('on a disk with room, every export leaves exactly its file, one audit entry and its record, and nothing pending', async () => {
    const roomy = join(folder.path, 'roomy');
    mkdirSync(roomy);
    for (const x of everyExport(f)) {
      await as(x.as);
      h.host.saveFile = join(roomy, x.file);
      const db = h.wb.db();
      const trail = auditRows(db).rows.length;
      const saved = await h.call(x.name, x.request as never);
      expect(saved, x.label).toMatchObject({ savedTo: h.host.saveFile });
      expect(
        readdirSync(roomy).filter((n) => n.startsWith('.')),
        x.label,
      ).toEqual([]);
      expect(statSync(h.host.saveFile).mode & 0o777, x.label).toBe(0o600);
      const added = auditRows(db).rows.slice(trail);
      expect(added, x.label).toHaveLength(1);
      expect(added[0]?.summary, x.label).toContain(h.host.saveFile);
      expect(dumpTables(db).pending_exports, x.label).toEqual([]);
    }
    expect(readdirSync(roomy).sort()).toEqual(
      everyExport(f)
        .map((x) => x.file)
        .sort(),
    );
  }, 120_000);
});

/** The tables without the sync engine's own bookkeeping. */
function withoutSync(tables: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(tables).filter(([name]) => !name.startsWith('sync_')));
}

/** The export records that exist (as sync names them), for exports that really have a file. */
function currentExportRecords(db: ReturnType<Harness['wb']['db']>) {
  return db
    .prepare(
      `SELECT 'report_exports' AS tbl, json_array(id) AS row_id FROM report_exports
       UNION ALL SELECT 'map_exports', json_array(id) FROM map_exports ORDER BY 1, 2`,
    )
    .all();
}

import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKED_DURING_DIALOG } from '#services/after-dialog.ts';
import { NOT_ALLOCATED } from '#services/case-access.ts';
import { everyExport, exportFixture, type Fixture, PASSWORD_OF } from '../support/export-fixture.ts';
import { auditRows } from '../support/store-dump.ts';
import { tempFolder } from '../support/temp.ts';
import { type Harness, harness, signInAs } from '../support/workbench.ts';

// Review finding 14 (exports): the save dialog is awaited, and the session may change while it is open.
// The export is saved only if the same person is still signed in, and only if the case guard still
// lets them reach the case.

let folder: ReturnType<typeof tempFolder>;
let h: Harness;
let f: Fixture;

beforeAll(async () => {
  folder = tempFolder();
  h = harness(join(folder.path, 'data'), { start: new Date('2026-11-06T10:00:00Z') });
  f = await exportFixture(h);
}, 60_000);
afterAll(() => {
  h.wb.close();
  folder.remove();
});

const as = (username: 'admin' | 'sam.sw') => signInAs(h, username);

const exportEntries = () => auditRows(h.wb.db()).rows.filter((e) => /export/.test(e.action)).length;

describe('an export whose save dialog stays open', () => {
  it.each(everyExport({} as Fixture).map((e) => [e.label]))(
    '%s: someone else unlocking meanwhile refuses it plainly, and nothing is saved',
    async (label) => {
      const e = everyExport(f).find((x) => x.label === label);
      if (!e) throw new Error(label);
      const other = e.as === 'admin' ? 'sam.sw' : 'admin';
      await as(e.as);
      const saveDir = join(folder.path, `save-${label.replace(/\s/g, '-')}`);
      mkdirSync(saveDir);
      const before = exportEntries();
      h.host.chooseSaveFile = async () => {
        h.wb.lock();
        await h.call('session.signIn', { username: other, password: PASSWORD_OF[other] });
        return join(saveDir, e.file);
      };
      expect(await h.refuse(e.name, e.request)).toEqual({ code: 'locked', message: LOCKED_DURING_DIALOG });
      expect(readdirSync(saveDir)).toEqual([]);
      expect(exportEntries()).toBe(before);
    },
  );

  it('the case guard runs again: a manager taken off the case while the dialog was open saves nothing', async () => {
    await as('admin');
    const saveDir = join(folder.path, 'save-reallocated');
    mkdirSync(saveDir);
    const before = exportEntries();
    h.host.chooseSaveFile = async () => {
      await h.call('cases.allocate', {
        id: f.caseId,
        expectedVersion: 1,
        socialWorkerId: f.team.socialWorker.id,
        yosPractitionerId: f.team.yos.id,
        managerIds: [],
      });
      return join(saveDir, 'chronology.docx');
    };
    expect(await h.refuse('reports.exportChronology', { caseId: f.caseId })).toEqual({
      code: 'forbidden',
      message: NOT_ALLOCATED,
    });
    expect(readdirSync(saveDir)).toEqual([]);
    expect(exportEntries()).toBe(before);
  });
});

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStep } from '#services/export-file.ts';
import { auditRows, dumpTables } from '../support/store-dump.ts';
import { tempFolder } from '../support/temp.ts';
import { ADMIN_PASSWORD, harness, openCaseFor, seededTeam } from '../support/workbench.ts';

// A process killed at each fixed point of an export, then a fresh workbench and a sign-in: no
// plaintext temporary file remains, and the file exists exactly when the trail says it was exported.

const writer = join(import.meta.dirname, 'export-crash-writer.ts');
let folder: ReturnType<typeof tempFolder>;
let dataDir = '';
let caseId = '';

beforeAll(async () => {
  folder = tempFolder();
  dataDir = join(folder.path, 'data');
  const h = harness(dataDir, { start: new Date('2026-11-06T10:00:00Z') });
  const team = await seededTeam(h);
  caseId = (await openCaseFor(h, team, { name: 'Casey Crash', dateOfBirth: '2012-01-01' })).id;
  h.wb.close();
}, 60_000);
afterAll(() => folder.remove());

function runWriter(step: ExportStep, saveFile: string): Promise<{ signal: string | null; steps: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, caseId, saveFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EXPORT_CRASH_AT: step },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer was not killed (exit ${code}): ${out}${err}`));
      else resolve({ signal, steps: out.split('\n').filter((l) => l.startsWith('step ')) });
    });
  });
}

const STEPS: ExportStep[] = [
  'before-record',
  'before-temp-write',
  'after-temp-write',
  'after-rename',
  'after-commit',
];

describe('an export interrupted by a crash', () => {
  it.each(STEPS)(
    'killed at %s: after the next sign-in no temporary file remains, and the file exists exactly when the trail says it was exported',
    async (step) => {
      const saveDir = join(folder.path, `save-${step}`);
      mkdirSync(saveDir);
      const target = join(saveDir, 'chronology.docx');
      const { steps } = await runWriter(step, target);
      expect(steps.at(-1)).toBe(`step ${step}`);
      const leftByCrash = readdirSync(saveDir);
      if (step === 'after-temp-write') {
        // The crash really left a plaintext temporary file beside the target, owner-only.
        expect(leftByCrash).toHaveLength(1);
        expect(leftByCrash[0]).toMatch(/^\.chronology\.docx\..+\.tmp$/);
        expect(statSync(join(saveDir, leftByCrash[0] ?? '')).mode & 0o777).toBe(0o600);
      }

      const h = harness(dataDir, { start: new Date('2026-11-06T12:00:00Z') });
      try {
        await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
        const db = h.wb.db();
        const files = readdirSync(saveDir);
        expect(files.filter((n) => n.endsWith('.tmp'))).toEqual([]);
        const about = auditRows(db).rows.filter((e) => e.summary.includes(target));
        const exported = about.some((e) => e.action === 'report.export-chronology');
        const failed = about.some((e) => e.action === 'export.failed');
        const saysExported = exported && !failed;
        expect(existsSync(target)).toBe(saysExported);
        const expected: Record<ExportStep, string[]> = {
          'before-record': [],
          'before-temp-write': ['report.export-chronology', 'export.failed'],
          'after-temp-write': ['report.export-chronology', 'export.failed'],
          'after-rename': ['report.export-chronology', 'export.completed'],
          'after-commit': ['report.export-chronology'],
        };
        expect(about.map((e) => e.action)).toEqual(expected[step]);
        // Nothing is left pending, and the list of exports names only files that exist.
        const tables = dumpTables(db);
        expect(tables.pending_exports).toEqual([]);
        const recorded = (tables.report_exports ?? []).filter((r) => r.includes(target));
        expect(recorded).toHaveLength(saysExported ? 1 : 0);
        expect((await h.call('audit.check', {})).intact).toBe(true);
      } finally {
        h.wb.close();
      }
    },
    60_000,
  );
});

describe('an export over an existing file, interrupted before the rename', () => {
  it('is not recorded as complete: the earlier file of that name stays, and the trail says no file was kept', async () => {
    // Review finding 10: the target already existed, so its presence alone proved nothing.
    const saveDir = join(folder.path, 'save-overwrite');
    mkdirSync(saveDir);
    const target = join(saveDir, 'chronology.docx');
    writeFileSync(target, 'an earlier export of the same name');
    await runWriter('after-temp-write', target);
    const h = harness(dataDir, { start: new Date('2026-11-06T12:00:00Z') });
    try {
      await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
      const db = h.wb.db();
      expect(readFileSync(target, 'utf8')).toBe('an earlier export of the same name');
      expect(readdirSync(saveDir)).toEqual(['chronology.docx']);
      const about = auditRows(db).rows.filter((e) => e.summary.includes(target));
      expect(about.map((e) => e.action)).toEqual(['report.export-chronology', 'export.failed']);
      expect(about.at(-1)?.summary).toMatch(
        /did not finish; no file was kept \(the file of that name there is not this export\)$/,
      );
      const tables = dumpTables(db);
      expect(tables.pending_exports).toEqual([]);
      expect((tables.report_exports ?? []).filter((r) => r.includes(target))).toEqual([]);
    } finally {
      h.wb.close();
    }
  }, 60_000);
});

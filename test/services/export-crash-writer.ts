// Child process for the export crash test: signs in and exports the case chronology, killing itself
// with SIGKILL at the fixed point of the export named by EXPORT_CRASH_AT.
import { writeSync } from 'node:fs';
import { type ExportStep, onExportStep } from '#services/export-file.ts';
import { ADMIN_PASSWORD, harness } from '../support/workbench.ts';

const [dataDir, caseId, saveFile] = process.argv.slice(2);
const crashAt = process.env.EXPORT_CRASH_AT as ExportStep | undefined;
if (!dataDir || !caseId || !saveFile || !crashAt) {
  throw new Error('usage: EXPORT_CRASH_AT=<step> export-crash-writer <data-dir> <case-id> <save-file>');
}
const h = harness(dataDir, { start: new Date('2026-11-06T11:00:00Z') });
await h.call('session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
h.host.saveFile = saveFile;
onExportStep((step) => {
  writeSync(1, `step ${step}\n`);
  if (step === crashAt) process.kill(process.pid, 'SIGKILL');
});
await h.call('reports.exportChronology', { caseId });
writeSync(1, 'finished\n');

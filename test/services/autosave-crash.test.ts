import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '#domain/assessment/rich-text.ts';
import { runWriterAndKill } from '../support/kill.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { tempFolder } from '../support/temp.ts';
import { harness, openCaseFor, SW_PASSWORD, seededTeam } from '../support/workbench.ts';

const KILLS = Number(process.env.AUTOSAVE_KILLS ?? 25);
const writer = join(import.meta.dirname, 'autosave-writer.ts');
let folder: ReturnType<typeof tempFolder>;
let assessmentId = '';

beforeAll(async () => {
  folder = tempFolder();
  const h = harness(folder.path, { start: new Date() });
  const team = await seededTeam(h);
  const hsbCase = await openCaseFor(h, team, { name: 'Crash Test', dateOfBirth: '2012-01-01' });
  const a = await h.call('assessments.start', {
    caseId: hsbCase.id,
    frameworkId: 'aim3',
    route: 'welfare',
    reasons: 'Test',
    qualityReviewNotified: '',
    decisionAt: new Date().toISOString(),
    facts: {},
    proceedReason: 'Test of crash safety',
    leadAssessorId: team.yos.id,
    coAssessorId: team.socialWorker.id,
  });
  assessmentId = a.id;
  h.wb.close();
});
afterAll(() => folder.remove());

const runAndKill = (run: number, delayMs: number) =>
  runWriterAndKill(writer, [folder.path, assessmentId, String(run)], delayMs);

describe('autosave and crashes', () => {
  it(`a process killed mid-edit loses at most the last autosave (${KILLS} kills)`, async () => {
    // The delays come from a logged seed: a failure names it, and AUTOSAVE_SEED=<seed> replays the delays.
    const random = seededRandom('AUTOSAVE_SEED');
    let totalAcked = 0;
    for (let run = 1; run <= KILLS; run++) {
      const delayMs = 20 + random.below(60);
      const acked = await runAndKill(run, delayMs);
      totalAcked += acked;
      const h = harness(folder.path, { start: new Date() });
      await h.call('session.signIn', { username: 'sam.sw', password: SW_PASSWORD });
      const view = await h.call('assessments.get', { id: assessmentId });
      const draft = view.sections.find((s) => s.key === 'formulation')?.myDraft;
      h.wb.close();
      if (acked === 0) continue;
      const text = draft ? plainText(draft.content) : '';
      const m = /^run (\d+) autosave (\d+):/.exec(text);
      const where = `run ${run}, killed ${delayMs} ms after ready (${random.replay})`;
      expect(m?.[1], `${where}: the draft is from this run`).toBe(String(run));
      // Every acknowledged autosave survives; at most the one in flight when the process died is lost.
      expect(Number(m?.[2]), where).toBeGreaterThanOrEqual(acked);
    }
    // The kills really did land mid-edit, after autosaves had been acknowledged.
    expect(totalAcked, `acknowledged autosaves in all (${random.replay})`).toBeGreaterThan(KILLS);
  }, 300_000);
});
